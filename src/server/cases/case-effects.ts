/**
 * What each allowed action writes, inside the transaction case-actions.ts opened after
 * `decide` said yes: the changed case fields, the events (with before/after of those fields), and
 * the rows of parts and whistles. Which events are public follows the public timeline of
 * complaint-timeline.ts: routing, acceptance, requests for information, returns (without their
 * reason), coordination, merging, the reply and the result; notes, parts, whistles and reports
 * stay internal. Public events never carry a staff name: the name is in `actor`, which the
 * tracking query does not read.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { appendEvents, eventsOf, updateCase, type CaseRow, type NewCaseEvent } from '../../../db/queries/cases/cases';
import { caseContributions, caseWhistleReports, caseWhistles, complaints, inspections, listDecisions } from '../../../db/schema';
import { answeredOnTime, assistDueOn } from '../../domain/cases/case-deadlines';
import { pausesFromEvents } from '../../domain/cases/case-facts';
import type { CaseAction, CaseFacts, Decision } from '../../domain/cases/case-machine';
import { CATEGORIES, type ComplaintCategory } from '../../domain/complaints/complaint-categories';
import { RESULT_NAMES } from '../../domain/complaints/complaint-timeline';
import type { IsoDate } from '../../domain/shared/dates';
import { DEPARTMENTS, type DepartmentCode } from '../../domain/shared/reference';
import type { StaffActor } from '../../domain/staff/staff-roles';
import { deadlineWithPauses } from '../../domain/shared/working-days';

export interface ActionContext {
  tx: Db;
  /** The case row as locked. */
  c: CaseRow;
  facts: CaseFacts;
  /** Null when the complainant acts (info_received from the tracking page). */
  staff: StaffActor | null;
  today: IsoDate;
  now: Date;
  decision: Extract<Decision, { ok: true }>;
  duplicateTarget: CaseRow | null;
}

export type Applied = { kind: 'done'; message: string; audit?: Record<string, unknown> } | { kind: 'refused'; message: string };

const name = (d: string | null) => (d ? (DEPARTMENTS[d as DepartmentCode]?.name ?? d) : '');
const names = (ds: readonly string[]) => ds.map(name).join('、');

/** The fields a patch changes, as they were. */
function before(c: CaseRow, patch: Partial<CaseRow>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(patch).map((k) => [k, c[k as keyof CaseRow] ?? null]));
}

/**
 * Writes the patch and its event (plus any further events), with before/after on the first.
 * Events take the database's time (the column default, the transaction's start), so the events of
 * one action share a time and keep their order by id.
 */
async function change(ctx: ActionContext, patch: Partial<CaseRow>, event: Omit<NewCaseEvent, 'complaintId'>, more: Omit<NewCaseEvent, 'complaintId'>[] = []) {
  if (Object.keys(patch).length > 0) await updateCase(ctx.tx, ctx.c.id, patch);
  const by = { complaintId: ctx.c.id, actorId: ctx.staff?.id ?? null, actor: ctx.staff?.displayName ?? '投诉人' };
  const changed = Object.keys(patch).length > 0 ? { before: before(ctx.c, patch), after: patch } : {};
  await appendEvents(ctx.tx, [{ ...by, ...changed, ...event }, ...more.map((e) => ({ ...by, ...e }))]);
}

const done = (message: string, audit?: Record<string, unknown>): Applied => ({ kind: 'done', message, audit });

type Of<T extends CaseAction['type']> = Extract<CaseAction, { type: T }>;

async function dispatch(ctx: ActionContext, a: Of<'dispatch'>): Promise<Applied> {
  const { c, facts, today } = ctx;
  const assisting = [...new Set(a.assisting)];
  const changed = a.lead !== facts.suggestedLead || assisting.length !== facts.suggestedAssisting.length || assisting.some((d) => !facts.suggestedAssisting.includes(d));
  await change(
    ctx,
    { status: 'dispatched', lead: a.lead, assisting },
    {
      kind: 'dispatched',
      isPublic: true,
      data: {
        lead: a.lead,
        assisting,
        by: ctx.staff?.role,
        ...(a.reason ? { reason: a.reason } : {}),
        ...(changed ? { suggested: { lead: facts.suggestedLead, assisting: facts.suggestedAssisting } } : {}),
      },
    },
  );
  if (assisting.length > 0) {
    const dueOn = assistDueOn(today, c.dueOn);
    // A department that gave its part before the case was returned keeps it (one row per department).
    await ctx.tx
      .insert(caseContributions)
      .values(assisting.map((department) => ({ complaintId: c.id, department, dueOn })))
      .onConflictDoNothing();
  }
  return done(`已派至${name(a.lead)}办理${assisting.length ? `，协办部门：${names(assisting)}` : ''}。`, { lead: a.lead, assisting, changedFromSuggestion: changed });
}

async function markDuplicate(ctx: ActionContext, a: Of<'mark_duplicate'>): Promise<Applied> {
  const { c, tx } = ctx;
  const original = ctx.duplicateTarget!;
  // Cases already merged into this one follow it to the original, so closing it closes them all.
  const moved = await tx
    .update(complaints)
    .set({ duplicateOf: original.id })
    .where(eq(complaints.duplicateOf, c.id))
    .returning({ trackingNumber: complaints.trackingNumber });
  await change(ctx, { status: 'merged', duplicateOf: original.id }, { kind: 'merged', isPublic: true, data: { into: original.trackingNumber } });
  await appendEvents(tx, [
    {
      complaintId: original.id,
      actorId: ctx.staff?.id ?? null,
      actor: ctx.staff?.displayName ?? null,
      kind: 'duplicate_added',
      isPublic: false,
      data: { duplicate: c.trackingNumber, peopleAffected: c.peopleAffected, alsoMoved: moved.map((m) => m.trackingNumber) },
    },
  ]);
  return done(`已与投诉 ${a.of} 合并办理。`, { into: a.of });
}

async function requestInfo(ctx: ActionContext, a: Of<'request_info'>): Promise<Applied> {
  await change(
    ctx,
    { status: 'awaiting_info', pausedFrom: ctx.c.status, pausedOn: ctx.today },
    { kind: 'info_requested', isPublic: true, publicNote: a.question, data: { pausedOn: ctx.today } },
  );
  return done('已请投诉人补充信息，办理期限暂停计算。');
}

/**
 * The complainant answered: the case goes back where it was and its deadline is recomputed from
 * receipt with every pause (working-days.ts deadlineWithPauses). Parts still missing get their
 * sub-deadline moved the same way.
 */
async function infoReceived(ctx: ActionContext, a: Of<'info_received'>): Promise<Applied> {
  const { c, tx, today } = ctx;
  const pausedOn = c.pausedOn ?? today;
  const earlier = pausesFromEvents((await eventsOf(tx, c.id)).map((e) => ({ kind: e.kind, data: (e.data ?? {}) as Record<string, unknown> })));
  const days = CATEGORIES[c.category as ComplaintCategory]?.answerWorkingDays;
  const due = days === undefined ? c.dueOn : deadlineWithPauses(c.receivedOn, days, [...earlier, { from: pausedOn, to: today }]).due;
  await change(
    ctx,
    { status: ctx.decision.status, pausedFrom: null, pausedOn: null, dueOn: due },
    { kind: 'info_received', isPublic: true, data: { pausedOn, resumedOn: today, note: a.text } },
  );
  const missing = await tx.select().from(caseContributions).where(and(eq(caseContributions.complaintId, c.id), isNull(caseContributions.text)));
  for (const p of missing) {
    const moved = assistDueOn(today, due);
    if (moved > p.dueOn) {
      await tx.update(caseContributions).set({ dueOn: moved }).where(and(eq(caseContributions.complaintId, c.id), eq(caseContributions.department, p.department)));
    }
  }
  return done(`已登记补充信息，办理期限顺延至 ${due}。`, { dueOn: due });
}

async function accept(ctx: ActionContext): Promise<Applied> {
  await change(ctx, { status: 'accepted' }, { kind: 'accepted', isPublic: true, data: { department: ctx.c.lead } });
  return done('已签收，请按期办理。');
}

async function returnCase(ctx: ActionContext, a: Of<'return'>): Promise<Applied> {
  const { c, tx } = ctx;
  const toCoordination = ctx.decision.toCoordination === true;
  // Parts not yet given lapse with the route; parts given stay on the record.
  await tx.delete(caseContributions).where(and(eq(caseContributions.complaintId, c.id), isNull(caseContributions.text)));
  const more: Omit<NewCaseEvent, 'complaintId'>[] = toCoordination ? [{ kind: 'coordination', isPublic: true, data: { returns: c.returns + 1 } }] : [];
  await change(
    ctx,
    { status: ctx.decision.status, lead: null, assisting: [], returns: c.returns + 1, ...(toCoordination ? { coordination: true } : {}) },
    { kind: 'returned', isPublic: true, data: { department: c.lead, reason: a.reason, ...(a.suggest ? { suggest: a.suggest } : {}), returns: c.returns + 1 } },
    more,
  );
  return done(toCoordination ? '案件已被退回两次，转区教育局协调确定承办部门。' : '已退回派单员重新派单。', { reason: a.reason, suggest: a.suggest ?? null });
}

async function contribute(ctx: ActionContext, a: Of<'contribute'>): Promise<Applied> {
  const { c, tx, staff, now } = ctx;
  const department = staff!.department!;
  await tx
    .insert(caseContributions)
    .values({ complaintId: c.id, department, dueOn: assistDueOn(ctx.today, c.dueOn), text: a.text, contributedAt: now, contributedBy: staff!.id })
    .onConflictDoUpdate({
      target: [caseContributions.complaintId, caseContributions.department],
      set: { text: a.text, contributedAt: now, contributedBy: staff!.id },
    });
  await change(ctx, {}, { kind: 'contribute', isPublic: false, data: { department, note: a.text } });
  return done('协办意见已提交。', { department });
}

async function note(ctx: ActionContext, a: Of<'note'>): Promise<Applied> {
  await change(ctx, {}, { kind: 'note', isPublic: false, data: { note: a.text } });
  return done('调查记录已保存。');
}

async function reply(ctx: ActionContext, a: Of<'reply'>): Promise<Applied> {
  const onTime = answeredOnTime(ctx.today, ctx.c.dueOn);
  await change(
    ctx,
    { status: 'answered', answeredAt: ctx.now, answeredOnTime: onTime },
    { kind: 'reply', isPublic: true, publicNote: a.text, data: { department: ctx.c.lead } },
  );
  return done(onTime ? '已答复投诉人。' : '已答复投诉人（已超过答复期限）。', { onTime });
}

/** A linked inspection or list decision must exist and be about the complaint's institution. */
async function checkLinks(ctx: ActionContext, a: Of<'close'>): Promise<string | null> {
  if (a.inspectionId === undefined && a.listDecisionId === undefined) return null;
  const institutionId = ctx.c.institutionId;
  if (institutionId === null) return '本投诉涉及的机构不在名录中，不能关联检查记录或名单决定。';
  if (a.inspectionId !== undefined) {
    const [i] = await ctx.tx.select({ institutionId: inspections.institutionId }).from(inspections).where(eq(inspections.id, a.inspectionId));
    if (i?.institutionId !== institutionId) return `检查记录 ${a.inspectionId} 不存在，或不是本案机构的检查记录。`;
  }
  if (a.listDecisionId !== undefined) {
    const [d] = await ctx.tx.select({ institutionId: listDecisions.institutionId }).from(listDecisions).where(eq(listDecisions.id, a.listDecisionId));
    if (d?.institutionId !== institutionId) return `名单决定 ${a.listDecisionId} 不存在，或不是本案机构的名单决定。`;
  }
  return null;
}

/** Closing a case closes the cases merged into it, each with its own public 'closed' event. */
async function close(ctx: ActionContext, a: Of<'close'>): Promise<Applied> {
  const refusal = await checkLinks(ctx, a);
  if (refusal) return { kind: 'refused', message: refusal };
  const { c, tx, now } = ctx;
  await change(
    ctx,
    {
      status: 'closed',
      result: a.result,
      closedAt: now,
      ...(a.inspectionId !== undefined ? { linkedInspectionId: a.inspectionId } : {}),
      ...(a.listDecisionId !== undefined ? { linkedListDecisionId: a.listDecisionId } : {}),
      ...(c.pausedFrom !== null ? { pausedFrom: null, pausedOn: null } : {}),
    },
    { kind: 'closed', isPublic: true, data: { result: a.result } },
  );
  const merged = await tx
    .update(complaints)
    .set({ status: 'closed', result: a.result, closedAt: now })
    .where(and(eq(complaints.duplicateOf, c.id), eq(complaints.status, 'merged')))
    .returning({ id: complaints.id, trackingNumber: complaints.trackingNumber });
  await appendEvents(
    tx,
    merged.map((d) => ({
      complaintId: d.id,
      actorId: ctx.staff?.id ?? null,
      actor: ctx.staff?.displayName ?? null,
      kind: 'closed',
      isPublic: true,
      data: { result: a.result, with: c.trackingNumber },
      before: { status: 'merged', result: null, closedAt: null },
      after: { status: 'closed', result: a.result, closedAt: now },
    })),
  );
  const also = merged.length > 0 ? `合并办理的投诉 ${merged.map((d) => d.trackingNumber).join('、')} 一并办结。` : '';
  return done(`案件已办结，办理结果：${RESULT_NAMES[a.result]}。${also}`, { result: a.result, duplicatesClosed: merged.map((d) => d.trackingNumber) });
}

async function whistle(ctx: ActionContext, a: Of<'whistle'>): Promise<Applied> {
  const { c, tx, staff } = ctx;
  const departments = [...new Set(a.departments)];
  const [w] = await tx
    .insert(caseWhistles)
    .values({ complaintId: c.id, street: c.street!, calledBy: staff!.id, calledAt: ctx.now, reportBy: a.reportBy, note: a.note })
    .returning({ id: caseWhistles.id });
  await tx.insert(caseWhistleReports).values(departments.map((department) => ({ whistleId: w!.id, department })));
  await change(ctx, {}, { kind: 'whistle', isPublic: false, data: { whistleId: w!.id, departments, reportBy: a.reportBy, note: a.note } });
  return done(`已吹哨，${names(departments)}须在 ${a.reportBy} 前报到。`, { whistleId: w!.id, departments });
}

async function reportIn(ctx: ActionContext, a: Of<'report_in'>): Promise<Applied> {
  const { tx, staff, now } = ctx;
  const department = staff!.department!;
  await tx
    .update(caseWhistleReports)
    .set({ finding: a.finding, reportedAt: now, reportedBy: staff!.id })
    .where(and(eq(caseWhistleReports.whistleId, a.whistleId), eq(caseWhistleReports.department, department)));
  await change(ctx, {}, { kind: 'report_in', isPublic: false, data: { whistleId: a.whistleId, department, note: a.finding } });
  return done('已报到。', { whistleId: a.whistleId, department });
}

/** Writes what an allowed action changes. Only `close` can still refuse (its links are checked here). */
export function applyAction(ctx: ActionContext, action: CaseAction): Promise<Applied> {
  switch (action.type) {
    case 'dispatch':
      return dispatch(ctx, action);
    case 'mark_duplicate':
      return markDuplicate(ctx, action);
    case 'request_info':
      return requestInfo(ctx, action);
    case 'info_received':
      return infoReceived(ctx, action);
    case 'accept':
      return accept(ctx);
    case 'return':
      return returnCase(ctx, action);
    case 'contribute':
      return contribute(ctx, action);
    case 'note':
      return note(ctx, action);
    case 'reply':
      return reply(ctx, action);
    case 'close':
      return close(ctx, action);
    case 'whistle':
      return whistle(ctx, action);
    case 'report_in':
      return reportIn(ctx, action);
  }
}
