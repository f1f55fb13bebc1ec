/**
 * Inspections (mechanism 3 of the plan, section 五(三)): a handler records one in the department's remit, a second
 * person of the department approves it (four eyes) and it is public at once; the follow-up of a
 * rectification is recorded later. Every check is made here before anything is written.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { announceChange } from '../../../db/queries/shared/change-notices';
import { inspections, institutions } from '../../../db/schema';
import type { IsoDate } from '../../domain/shared/dates';
import type { DepartmentCode } from '../../domain/shared/reference';
import { followUpFormSchema, INSPECTION_FIELDS, inspectionFormSchema, parseForm, reviewSchema } from '../../domain/publishing/publishing-forms';
import { mayInspect } from '../../domain/publishing/remit';
import type { StaffActor } from '../../domain/staff/staff-roles';
import { writeAudit } from '../staff/audit';
import { institutionTag } from '../../domain/shared/cache-tags';
import { departmentOf, institutionByCode, refused, type Outcome } from './common';

/** Records an inspection (unpublished) and submits it for a second person's approval. */
export async function recordInspection(db: Db, actor: StaffActor, input: unknown, today: IsoDate): Promise<Outcome<{ id: number }>> {
  const department = departmentOf(actor);
  if (!department) return refused('只有部门承办人可以录入检查结果。');
  const parsed = parseForm(inspectionFormSchema, INSPECTION_FIELDS, input);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const f = parsed.value;
  // A result is recorded after the visit: an inspection dated in the future cannot be published.
  if (f.inspectedOn > today) return { kind: 'invalid', errors: [{ field: 'inspectedOn', message: '检查日期不能晚于今天：请在检查之后录入结果。' }] };
  const inst = await institutionByCode(db, f.creditCode);
  if (!inst) return { kind: 'invalid', errors: [{ field: 'creditCode', message: `本平台没有收录代码为 ${f.creditCode} 的机构。` }] };
  const remit = mayInspect(department, inst, f.checkedItems);
  if (!remit.ok) return refused(remit.message);
  if (f.reference) {
    const [dup] = await db.select({ id: inspections.id }).from(inspections).where(eq(inspections.reference, f.reference)).limit(1);
    if (dup) return { kind: 'invalid', errors: [{ field: 'reference', message: `检查编号 ${f.reference} 已被另一条检查记录使用。` }] };
  }
  const id = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx
      .insert(inspections)
      .values({
        institutionId: inst.id,
        inspectedOn: f.inspectedOn,
        kind: f.kind,
        department,
        checkedItems: f.checkedItems,
        findings: f.findings,
        result: f.result,
        rectifyBy: f.rectifyBy ?? null,
        reference: f.reference ?? null,
        inspectors: f.inspectors,
        recordedBy: actor.id,
        submittedAt: new Date(),
        published: false,
      })
      .returning({ id: inspections.id });
    await writeAudit(tx, { actor, action: 'inspection.record', objectType: 'inspection', objectId: String(row!.id), detail: { institution: inst.creditCode, result: f.result } });
    return row!.id;
  });
  return { kind: 'done', value: { id }, message: '检查结果已录入，等待本部门另一名工作人员审核后公开。' };
}

/** Fills in a drafted inspection (made by a draw) with what was found, and submits it. */
export async function completeDrawnInspection(db: Db, actor: StaffActor, id: number, input: unknown, today: IsoDate): Promise<Outcome<{ id: number }>> {
  const department = departmentOf(actor);
  if (!department) return refused('只有部门承办人可以录入检查结果。');
  const [found] = await db
    .select({ row: inspections, code: institutions.creditCode })
    .from(inspections)
    .innerJoin(institutions, eq(institutions.id, inspections.institutionId))
    .where(and(eq(inspections.id, id), eq(inspections.department, department)))
    .limit(1);
  if (!found) return { kind: 'not_found' };
  const row = found.row;
  if (row.published || row.submittedAt) return refused('这条检查记录已提交审核或已公开，不能再修改。');
  // The institution and the inspectors were fixed by the draw; the form says what was found.
  const values = { ...(input as Record<string, unknown>), creditCode: found.code, kind: row.kind, inspectors: row.inspectors };
  const parsed = parseForm(inspectionFormSchema, INSPECTION_FIELDS, values);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const f = parsed.value;
  // A result is recorded after the visit: an inspection dated in the future cannot be published.
  if (f.inspectedOn > today) return { kind: 'invalid', errors: [{ field: 'inspectedOn', message: '检查日期不能晚于今天：请在检查之后录入结果。' }] };
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await tx
      .update(inspections)
      .set({ inspectedOn: f.inspectedOn, checkedItems: f.checkedItems, findings: f.findings, result: f.result, rectifyBy: f.rectifyBy ?? null, recordedBy: actor.id, submittedAt: new Date() })
      .where(eq(inspections.id, id));
    await writeAudit(tx, { actor, action: 'inspection.record', objectType: 'inspection', objectId: String(id), detail: { drawId: row.drawId, result: f.result } });
  });
  return { kind: 'done', value: { id }, message: '检查结果已录入，等待审核后公开。' };
}

/** The department's inspection, locked until commit, with its institution's code; null if not its own. */
async function lockInspection(tx: Db, id: number, department: DepartmentCode) {
  const [row] = await tx
    .select({ i: inspections, code: institutions.creditCode })
    .from(inspections)
    .innerJoin(institutions, eq(institutions.id, inspections.institutionId))
    .where(and(eq(inspections.id, id), eq(inspections.department, department)))
    .for('update', { of: inspections })
    .limit(1);
  return row ?? null;
}

/** Four eyes: a second handler of the same department publishes a submitted inspection. */
export async function approveInspection(db: Db, actor: StaffActor, id: number, input: unknown, today: IsoDate): Promise<Outcome> {
  const department = departmentOf(actor);
  if (!department) return refused('只有部门承办人可以审核检查结果。');
  const review = reviewSchema.safeParse(input);
  if (!review.success) return { kind: 'invalid', errors: [{ field: 'decision', message: review.error.issues[0]!.message }] };
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const row = await lockInspection(tx, id, department);
    // Another department's record is not found, not refused: its existence is not ours to know.
    if (!row) return { kind: 'not_found' } as const;
    const i = row.i;
    if (i.published) return refused('这条检查结果已经公开。');
    if (!i.submittedAt) return refused('这条检查记录尚未提交审核。');
    if (i.recordedBy === actor.id) return refused('录入人不能审核自己录入的检查结果，请由本部门另一名工作人员审核。');
    if (review.data.decision === 'reject') {
      await tx.update(inspections).set({ submittedAt: null }).where(eq(inspections.id, id));
      await writeAudit(tx, { actor, action: 'inspection.reject', objectType: 'inspection', objectId: String(id), detail: { note: review.data.note ?? null } });
      return { kind: 'done', value: undefined, message: '已退回录入人修改。' } as const;
    }
    await tx.update(inspections).set({ published: true, publishedOn: today, approvedBy: actor.id, approvedAt: new Date() }).where(eq(inspections.id, id));
    // The reviewer's note is kept with the decision, as a list decision keeps its review note.
    await writeAudit(tx, { actor, action: 'inspection.publish', objectType: 'inspection', objectId: String(id), detail: { institution: row.code, note: review.data.note ?? null } });
    await announceChange(tx, ['registry', institutionTag(row.code)]);
    return { kind: 'done', value: undefined, message: '检查结果已公开，机构公示页面即时更新。' } as const;
  });
}

/** The follow-up of a rectification: what was found when it was checked again. */
export async function recordFollowUp(db: Db, actor: StaffActor, id: number, input: unknown): Promise<Outcome> {
  const department = departmentOf(actor);
  if (!department) return refused('只有部门承办人可以录入整改结果。');
  const parsed = followUpFormSchema.safeParse(input);
  if (!parsed.success) return { kind: 'invalid', errors: parsed.error.issues.map((x) => ({ field: String(x.path[0] ?? 'form'), message: x.message })) };
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const row = await lockInspection(tx, id, department);
    if (!row) return { kind: 'not_found' } as const;
    if (row.i.result !== 'rectify') return refused('只有“责令整改”的检查结果需要录入整改结果。');
    if (parsed.data.followedUpOn < row.i.inspectedOn) return { kind: 'invalid', errors: [{ field: 'followedUpOn', message: '复查日期不能早于检查日期。' }] } as const;
    await tx.update(inspections).set({ rectificationOutcome: parsed.data.outcome, followedUpOn: parsed.data.followedUpOn }).where(eq(inspections.id, id));
    await writeAudit(tx, { actor, action: 'inspection.follow_up', objectType: 'inspection', objectId: String(id), detail: {} });
    if (row.i.published) await announceChange(tx, ['registry', institutionTag(row.code)]);
    return { kind: 'done', value: undefined, message: '整改结果已录入。' } as const;
  });
}
