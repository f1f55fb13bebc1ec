/**
 * The staff side of what departments publish: what waits for whom in one department, and
 * one inspection, list proposal or warning draft as its department sees it. Every query is scoped
 * by department: another department's item is simply not found. The writes are in
 * src/server/publishing/.
 */
import { and, asc, count, desc, eq, isNotNull, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DepartmentCode, LegalForm, TrainingField } from '../../../src/domain/shared/reference';
import { listRemitOf } from '../../../src/domain/publishing/remit';
import type { Db } from '../../client';
import { auditLog, complaints, inspections, institutions, listDecisions, listProposals, riskWarnings, staffUsers, warningDrafts } from '../../schema';

const recorder = alias(staffUsers, 'recorder');
const approver = alias(staffUsers, 'approver');

const inspectionColumns = {
  id: inspections.id,
  inspectedOn: inspections.inspectedOn,
  kind: inspections.kind,
  result: inspections.result,
  rectifyBy: inspections.rectifyBy,
  drawId: inspections.drawId,
  submittedAt: inspections.submittedAt,
  published: inspections.published,
  creditCode: institutions.creditCode,
  name: institutions.name,
  recordedBy: inspections.recordedBy,
  recorderName: recorder.displayName,
};

export type InspectionRow = { id: number; inspectedOn: string; kind: string; result: string; rectifyBy: string | null; drawId: number | null; submittedAt: Date | null; published: boolean; creditCode: string; name: string; recordedBy: number | null; recorderName: string | null };

function inspectionsWhere(db: Db, where: SQL | undefined, order: SQL[], limit: number): Promise<InspectionRow[]> {
  return db
    .select(inspectionColumns)
    .from(inspections)
    .innerJoin(institutions, eq(institutions.id, inspections.institutionId))
    .leftJoin(recorder, eq(recorder.id, inspections.recordedBy))
    .where(where)
    .orderBy(...order)
    .limit(limit);
}

/** What a department has waiting, for its overview page; `actorId` is the person looking. Lists are capped at `limit`, counts are not. */
export async function publishingOverview(db: Db, department: DepartmentCode, actorId: number, limit = 20) {
  const dept = eq(inspections.department, department);
  const submitted = and(dept, eq(inspections.published, false), isNotNull(inspections.submittedAt));
  const toReview = and(submitted, sql`${inspections.recordedBy} is distinct from ${actorId}`);
  const mine = and(submitted, eq(inspections.recordedBy, actorId));
  // Drafted by a draw, or returned by the reviewer: either way nobody has submitted it.
  const toComplete = and(dept, eq(inspections.published, false), isNull(inspections.submittedAt));
  const followUp = and(dept, eq(inspections.published, true), eq(inspections.result, 'rectify'), isNull(inspections.rectificationOutcome));
  const counted = async (where: SQL | undefined) => Number((await db.select({ n: count() }).from(inspections).where(where))[0]?.n ?? 0);
  const [reviewRows, mineRows, completeRows, followUpRows, counts, proposals, suggestions, drafts, published] = await Promise.all([
    inspectionsWhere(db, toReview, [asc(inspections.submittedAt), asc(inspections.id)], limit),
    inspectionsWhere(db, mine, [desc(inspections.submittedAt)], limit),
    inspectionsWhere(db, toComplete, [asc(inspections.inspectedOn), asc(inspections.id)], limit),
    inspectionsWhere(db, followUp, [asc(inspections.rectifyBy), asc(inspections.id)], limit),
    Promise.all([counted(toReview), counted(mine), counted(toComplete), counted(followUp)]),
    proposalsOf(db, department, actorId, limit),
    suggestedListReviews(db, department, limit),
    db
      .select({ id: warningDrafts.id, title: warningDrafts.title, severity: warningDrafts.severity, updatedAt: warningDrafts.updatedAt, author: staffUsers.displayName })
      .from(warningDrafts)
      .innerJoin(staffUsers, eq(staffUsers.id, warningDrafts.createdBy))
      .where(and(eq(warningDrafts.department, department), isNull(warningDrafts.warningId)))
      .orderBy(desc(warningDrafts.updatedAt))
      .limit(limit),
    db
      .select({ draftId: warningDrafts.id, warningId: riskWarnings.id, title: riskWarnings.title, severity: riskWarnings.severity, publishedOn: riskWarnings.publishedOn, withdrawnOn: riskWarnings.withdrawnOn })
      .from(warningDrafts)
      .innerJoin(riskWarnings, eq(riskWarnings.id, warningDrafts.warningId))
      .where(eq(warningDrafts.department, department))
      .orderBy(desc(riskWarnings.publishedOn), desc(riskWarnings.id))
      .limit(limit),
  ]);
  const list = (rows: InspectionRow[], total: number) => ({ rows, total });
  return {
    inspections: {
      toReview: list(reviewRows, counts[0]),
      mine: list(mineRows, counts[1]),
      toComplete: list(completeRows, counts[2]),
      followUp: list(followUpRows, counts[3]),
    },
    proposals,
    suggestions,
    warnings: { drafts, published },
  };
}
export type PublishingOverview = Awaited<ReturnType<typeof publishingOverview>>;

const proposer = alias(staffUsers, 'proposer');

const proposalColumns = {
  id: listProposals.id,
  kind: listProposals.kind,
  list: listProposals.list,
  status: listProposals.status,
  reason: listProposals.reason,
  effectiveOn: listProposals.effectiveOn,
  proposedAt: listProposals.proposedAt,
  proposedBy: listProposals.proposedBy,
  proposerName: proposer.displayName,
  creditCode: institutions.creditCode,
  name: institutions.name,
};

async function proposalsOf(db: Db, department: DepartmentCode, actorId: number, limit: number) {
  const base = () =>
    db.select(proposalColumns).from(listProposals).innerJoin(institutions, eq(institutions.id, listProposals.institutionId)).innerJoin(proposer, eq(proposer.id, listProposals.proposedBy));
  const [toReview, mine] = await Promise.all([
    base()
      .where(and(eq(listProposals.department, department), eq(listProposals.status, 'pending'), ne(listProposals.proposedBy, actorId)))
      .orderBy(asc(listProposals.proposedAt))
      .limit(limit),
    base()
      .where(and(eq(listProposals.department, department), eq(listProposals.proposedBy, actorId)))
      .orderBy(desc(listProposals.proposedAt))
      .limit(20),
  ]);
  return { toReview, mine };
}

export interface SuggestedReview {
  complaintId: number;
  trackingNumber: string;
  result: string;
  closedAt: Date;
  creditCode: string;
  name: string;
}

/**
 * "建议复核名单" (a substantiated complaint suggests a list review to the field lead):
 * closed, substantiated or partly substantiated complaints about institutions on whose lists the
 * department decides (remit.ts, mayDecideList), that no list proposal cites yet. Newest first.
 */
export async function suggestedListReviews(db: Db, department: DepartmentCode, limit = 50): Promise<SuggestedReview[]> {
  const { fields, legalForms } = listRemitOf(department);
  if (fields.length === 0 && legalForms.length === 0) return [];
  const inRemit: SQL[] = [];
  if (fields.length) inRemit.push(sql`${institutions.fields} && ARRAY[${sql.join(fields.map((f: TrainingField) => sql`${f}`), sql`, `)}]::text[]`);
  if (legalForms.length) inRemit.push(sql`${institutions.legalForm} in (${sql.join(legalForms.map((l: LegalForm) => sql`${l}`), sql`, `)})`);
  const found = await db
    .select({ complaintId: complaints.id, trackingNumber: complaints.trackingNumber, result: complaints.result, closedAt: complaints.closedAt, creditCode: institutions.creditCode, name: institutions.name })
    .from(complaints)
    .innerJoin(institutions, eq(institutions.id, complaints.institutionId))
    .where(
      and(
        eq(complaints.status, 'closed'),
        sql`${complaints.result} in ('substantiated', 'partly_substantiated')`,
        sql`(${sql.join(inRemit, sql` or `)})`,
        sql`not exists (select 1 from ${listProposals} p where ${complaints.id} = any(p.source_complaint_ids))`,
      ),
    )
    .orderBy(desc(complaints.closedAt), desc(complaints.id))
    .limit(limit);
  return found.map((r) => ({ ...r, result: r.result ?? '', closedAt: r.closedAt ?? new Date(0) }));
}

/** One inspection of the department with its institution and the people who handled it; null if none. */
export async function departmentInspection(db: Db, department: DepartmentCode, id: number) {
  const [row] = await db
    .select({
      inspection: inspections,
      creditCode: institutions.creditCode,
      name: institutions.name,
      fields: institutions.fields,
      legalForm: institutions.legalForm,
      recorderName: recorder.displayName,
      approverName: approver.displayName,
    })
    .from(inspections)
    .innerJoin(institutions, eq(institutions.id, inspections.institutionId))
    .leftJoin(recorder, eq(recorder.id, inspections.recordedBy))
    .leftJoin(approver, eq(approver.id, inspections.approvedBy))
    .where(and(eq(inspections.id, id), eq(inspections.department, department)))
    .limit(1);
  if (!row) return null;
  return { ...row, fields: row.fields as TrainingField[], legalForm: row.legalForm as LegalForm };
}

const reviewer = alias(staffUsers, 'reviewer');

/** One list proposal of the department, with the institution and the people involved; null if none. */
export async function departmentProposal(db: Db, department: DepartmentCode, id: number) {
  const [row] = await db
    .select({ proposal: listProposals, creditCode: institutions.creditCode, name: institutions.name, proposerName: proposer.displayName, reviewerName: reviewer.displayName })
    .from(listProposals)
    .innerJoin(institutions, eq(institutions.id, listProposals.institutionId))
    .innerJoin(proposer, eq(proposer.id, listProposals.proposedBy))
    .leftJoin(reviewer, eq(reviewer.id, listProposals.reviewedBy))
    .where(and(eq(listProposals.id, id), eq(listProposals.department, department)))
    .limit(1);
  if (!row) return null;
  const cited = row.proposal.sourceComplaintIds.length
    ? await db.select({ trackingNumber: complaints.trackingNumber }).from(complaints).where(sql`${complaints.id} = any(${sql`ARRAY[${sql.join(row.proposal.sourceComplaintIds.map((c) => sql`${c}`), sql`, `)}]::int[]`})`)
    : [];
  return { ...row, complaintNumbers: cited.map((c) => c.trackingNumber).sort() };
}

/** The decisions a removal may name: the institution's placements not yet removed. */
export function removableDecisions(db: Db, institutionId: number) {
  return db
    .select({ id: listDecisions.id, list: listDecisions.list, reason: listDecisions.reason, department: listDecisions.department, effectiveOn: listDecisions.effectiveOn })
    .from(listDecisions)
    .where(and(eq(listDecisions.institutionId, institutionId), isNull(listDecisions.removedOn)))
    .orderBy(desc(listDecisions.effectiveOn), desc(listDecisions.id));
}

/** One warning draft of the department (published or not) with its institutions; null if none. */
export async function departmentWarningDraft(db: Db, department: DepartmentCode, id: number) {
  const [row] = await db
    .select({ draft: warningDrafts, author: staffUsers.displayName, publishedOn: riskWarnings.publishedOn, withdrawnOn: riskWarnings.withdrawnOn })
    .from(warningDrafts)
    .innerJoin(staffUsers, eq(staffUsers.id, warningDrafts.createdBy))
    .leftJoin(riskWarnings, eq(riskWarnings.id, warningDrafts.warningId))
    .where(and(eq(warningDrafts.id, id), eq(warningDrafts.department, department)))
    .limit(1);
  if (!row) return null;
  const linked = row.draft.institutionIds.length
    ? await db
        .select({ creditCode: institutions.creditCode, name: institutions.name })
        .from(institutions)
        .where(sql`${institutions.id} = any(${sql`ARRAY[${sql.join(row.draft.institutionIds.map((i) => sql`${i}`), sql`, `)}]::int[]`})`)
        .orderBy(asc(institutions.creditCode))
    : [];
  return { ...row, institutions: linked };
}

/** The note of the latest review that sent an item back (kept in the audit log), if any. */
export async function lastReturnNote(db: Db, action: 'inspection.reject' | 'list.reject', objectType: string, objectId: number): Promise<{ note: string | null; by: string; at: Date } | null> {
  const [row] = await db
    .select({ detail: auditLog.detail, by: auditLog.actorName, at: auditLog.at })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.objectType, objectType), eq(auditLog.objectId, String(objectId))))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(1);
  if (!row) return null;
  const note = (row.detail as { note?: unknown } | null)?.note;
  return { note: typeof note === 'string' ? note : null, by: row.by, at: row.at };
}
