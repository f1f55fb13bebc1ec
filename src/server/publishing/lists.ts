/**
 * Black and white list decisions (黑白名单, plan section 五(三)): proposed by a handler of the institution's sector lead
 * or registration authority, with the inspections or substantiated complaints behind them, and
 * approved by a second person of the department. The approval writes the decision and announces
 * the change, so every server process shows it right after commit (db/queries/shared/change-notices.ts).
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { announceChange } from '../../../db/queries/shared/change-notices';
import { complaints, inspections, institutions, listDecisions, listProposals } from '../../../db/schema';
import type { FieldError } from '../../domain/shared/form-fields';
import { LIST_PROPOSAL_FIELDS, listProposalSchema, parseForm, reviewSchema } from '../../domain/publishing/publishing-forms';
import { mayDecideList } from '../../domain/publishing/remit';
import type { StaffActor } from '../../domain/staff/staff-roles';
import { writeAudit } from '../staff/audit';
import { institutionTag } from '../../domain/shared/cache-tags';
import { departmentOf, institutionByCode, refused, type Outcome } from './common';

/** Proposes a list decision (add to, or remove from, the white or black list). */
export async function proposeListDecision(db: Db, actor: StaffActor, input: unknown): Promise<Outcome<{ id: number }>> {
  const department = departmentOf(actor);
  if (!department) return refused('只有部门承办人可以提出名单决定。');
  const parsed = parseForm(listProposalSchema, LIST_PROPOSAL_FIELDS, input);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const f = parsed.value;
  const inst = await institutionByCode(db, f.creditCode);
  if (!inst) return { kind: 'invalid', errors: [{ field: 'creditCode', message: `本平台没有收录代码为 ${f.creditCode} 的机构。` }] };
  const remit = mayDecideList(department, inst);
  if (!remit.ok) return refused(remit.message);
  const errors: FieldError[] = [];
  if (f.kind === 'remove') {
    const [d] = await db.select().from(listDecisions).where(and(eq(listDecisions.id, f.decisionId!), eq(listDecisions.institutionId, inst.id))).limit(1);
    if (!d) errors.push({ field: 'decisionId', message: '该机构没有这条名单决定。' });
    else if (d.removedOn) errors.push({ field: 'decisionId', message: '这条名单决定已经移出。' });
    else if (d.list !== f.list) errors.push({ field: 'list', message: `这条名单决定是${d.list === 'black' ? '黑名单' : '白名单'}。` });
  }
  if (f.sourceInspectionIds.length > 0) {
    const found = await db.select({ id: inspections.id }).from(inspections).where(and(inArray(inspections.id, f.sourceInspectionIds), eq(inspections.institutionId, inst.id)));
    const missing = f.sourceInspectionIds.filter((id) => !found.some((x) => x.id === id));
    if (missing.length) errors.push({ field: 'sourceInspectionIds', message: `以下检查记录不属于该机构：${missing.join('、')}。` });
  }
  let complaintIds: number[] = [];
  if (f.sourceComplaints.length > 0) {
    const found = await db
      .select({ id: complaints.id, number: complaints.trackingNumber, result: complaints.result })
      .from(complaints)
      .where(and(inArray(complaints.trackingNumber, f.sourceComplaints), eq(complaints.institutionId, inst.id)));
    const bad = f.sourceComplaints.filter((n) => !found.some((x) => x.number === n && (x.result === 'substantiated' || x.result === 'partly_substantiated')));
    if (bad.length) errors.push({ field: 'sourceComplaints', message: `以下投诉不是该机构经查属实的投诉：${bad.join('、')}。` });
    complaintIds = found.map((x) => x.id);
  }
  if (errors.length) return { kind: 'invalid', errors };
  const id = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx
      .insert(listProposals)
      .values({
        kind: f.kind,
        institutionId: inst.id,
        list: f.list,
        reason: f.reason,
        legalBasis: f.legalBasis,
        department,
        effectiveOn: f.effectiveOn,
        sourceInspectionIds: f.sourceInspectionIds,
        sourceComplaintIds: complaintIds,
        decisionId: f.kind === 'remove' ? f.decisionId! : null,
        proposedBy: actor.id,
      })
      .returning({ id: listProposals.id });
    await writeAudit(tx, { actor, action: 'list.propose', objectType: 'list_proposal', objectId: String(row!.id), detail: { kind: f.kind, list: f.list, institution: inst.creditCode } });
    return row!.id;
  });
  return { kind: 'done', value: { id }, message: '名单决定已提出，等待本部门另一名工作人员审核。' };
}

/** Four eyes on a list proposal; an approval writes the decision and reaches the public at once. */
export async function reviewListProposal(db: Db, actor: StaffActor, id: number, input: unknown): Promise<Outcome> {
  const department = departmentOf(actor);
  if (!department) return refused('只有部门承办人可以审核名单决定。');
  const review = reviewSchema.safeParse(input);
  if (!review.success) return { kind: 'invalid', errors: [{ field: 'decision', message: review.error.issues[0]!.message }] };
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx
      .select({ p: listProposals, code: institutions.creditCode })
      .from(listProposals)
      .innerJoin(institutions, eq(institutions.id, listProposals.institutionId))
      .where(and(eq(listProposals.id, id), eq(listProposals.department, department)))
      .for('update', { of: listProposals })
      .limit(1);
    if (!row) return { kind: 'not_found' } as const;
    const p = row.p;
    if (p.status !== 'pending') return refused('这项名单决定已经审核过。');
    if (p.proposedBy === actor.id) return refused('提出人不能审核自己提出的名单决定，请由本部门另一名工作人员审核。');
    const reviewed = { reviewedBy: actor.id, reviewedAt: new Date(), reviewNote: review.data.note ?? null };
    if (review.data.decision === 'reject') {
      await tx.update(listProposals).set({ status: 'rejected', ...reviewed }).where(eq(listProposals.id, id));
      await writeAudit(tx, { actor, action: 'list.reject', objectType: 'list_proposal', objectId: String(id), detail: {} });
      return { kind: 'done', value: undefined, message: '已退回，名单未变动。' } as const;
    }
    let decisionId = p.decisionId;
    if (p.kind === 'add') {
      const [d] = await tx
        .insert(listDecisions)
        .values({
          institutionId: p.institutionId,
          list: p.list,
          reason: p.reason,
          legalBasis: p.legalBasis,
          department: p.department,
          effectiveOn: p.effectiveOn,
          sourceInspectionId: p.sourceInspectionIds[0] ?? null,
          sourceComplaintIds: p.sourceComplaintIds,
        })
        .returning({ id: listDecisions.id });
      decisionId = d!.id;
    } else {
      const changed = await tx
        .update(listDecisions)
        .set({ removedOn: p.effectiveOn, removalReason: p.reason })
        .where(and(eq(listDecisions.id, p.decisionId!), isNull(listDecisions.removedOn)))
        .returning({ id: listDecisions.id });
      if (changed.length === 0) return refused('要移出的名单决定已被移出，本项无需再批准。');
    }
    await tx.update(listProposals).set({ status: 'approved', decisionId, ...reviewed }).where(eq(listProposals.id, id));
    await writeAudit(tx, { actor, action: 'list.approve', objectType: 'list_decision', objectId: String(decisionId), detail: { proposal: id, kind: p.kind, list: p.list, institution: row.code } });
    await announceChange(tx, ['registry', 'lists', 'warnings', institutionTag(row.code)]);
    return { kind: 'done', value: undefined, message: '名单决定已生效并公开。' } as const;
  });
}
