/**
 * The case aggregate: the staff queues, one case with its parts, whistles and events,
 * and the writes of an action. Who may see what is decided in SQL here, as canSeeCase in
 * src/domain/staff/staff-roles.ts says it (tests/integration/cases/cases.db.test.ts checks they agree), so a
 * queue never loads cases its reader may not see.
 */
import { and, asc, count, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import {
  caseContributions,
  caseWhistleReports,
  caseWhistles,
  complaintEvents,
  complaints,
  institutions,
  staffUsers,
} from '../../schema';
import { OPEN_STATUSES } from '../../../src/domain/cases/case-machine';
import type { StaffActor } from '../../../src/domain/staff/staff-roles';

export type CaseRow = typeof complaints.$inferSelect;
export type NewCaseEvent = typeof complaintEvents.$inferInsert;
export type QueueView = 'todo' | 'all' | 'closed';

const FINAL_STATUSES = ['closed', 'merged'];
const FALSE = sql`false`;
const TRUE = sql`true`;

/** The department is on the case: the lead or one of the assisting departments. */
const onCase = (dept: string) => or(eq(complaints.lead, dept), sql`${dept} = any(${complaints.assisting})`)!;

/** The department was named by a whistle on the case (answered or not). */
const namedByWhistle = (dept: string, stillDue = false) =>
  sql`exists (select 1 from ${caseWhistleReports} r join ${caseWhistles} w on w.id = r.whistle_id
              where w.complaint_id = ${complaints.id} and r.department = ${dept}${stillDue ? sql` and r.reported_at is null` : sql``})`;

/** canSeeCase as a WHERE clause on complaints. */
export function visibleTo(actor: StaffActor): SQL {
  const dept = actor.department;
  switch (actor.role) {
    case 'dispatcher':
    case 'supervisor':
      return TRUE;
    case 'handler':
      return dept ? or(onCase(dept), namedByWhistle(dept))! : FALSE;
    case 'coordinator':
      return dept ? or(eq(complaints.coordination, true), onCase(dept))! : eq(complaints.coordination, true);
    case 'grid':
      return actor.street ? eq(complaints.street, actor.street) : FALSE;
    case 'admin':
      return FALSE;
  }
}

/** What is waiting for this actor: the 'todo' queue of each role (always within visibleTo). */
function toDo(actor: StaffActor): SQL {
  const dept = actor.department;
  switch (actor.role) {
    case 'dispatcher':
      return eq(complaints.status, 'received');
    case 'coordinator':
      return eq(complaints.status, 'coordinating');
    case 'handler': {
      if (!dept) return FALSE;
      const asLead = and(eq(complaints.lead, dept), inArray(complaints.status, ['dispatched', 'accepted', 'answered']))!;
      const partMissing = and(
        sql`${dept} = any(${complaints.assisting})`,
        inArray(complaints.status, ['dispatched', 'accepted']),
        sql`exists (select 1 from ${caseContributions} p where p.complaint_id = ${complaints.id} and p.department = ${dept} and p.text is null)`,
      )!;
      return or(asLead, partMissing, namedByWhistle(dept, true))!;
    }
    case 'grid':
    case 'supervisor':
      return inArray(complaints.status, [...OPEN_STATUSES]);
    case 'admin':
      return FALSE;
  }
}

export function queueWhere(actor: StaffActor, view: QueueView): SQL {
  const visible = visibleTo(actor);
  if (view === 'all') return visible;
  if (view === 'closed') return and(visible, inArray(complaints.status, FINAL_STATUSES))!;
  return and(visible, toDo(actor))!;
}

/** One page of a queue, oldest first, with the number of cases in the whole queue. */
export async function queuePage(db: Db, where: SQL, page: number, pageSize: number) {
  const [total] = await db.select({ n: count() }).from(complaints).where(where);
  const rows = await db
    .select({
      trackingNumber: complaints.trackingNumber,
      category: complaints.category,
      status: complaints.status,
      receivedOn: complaints.receivedOn,
      dueOn: complaints.dueOn,
      institutionName: sql<string | null>`coalesce(${institutions.name}, ${complaints.notListedName})`,
      street: complaints.street,
      lead: complaints.lead,
      assisting: complaints.assisting,
      routeLead: complaints.routeLead,
      returns: complaints.returns,
      coordination: complaints.coordination,
    })
    .from(complaints)
    .leftJoin(institutions, eq(institutions.id, complaints.institutionId))
    .where(where)
    .orderBy(asc(complaints.receivedAt), asc(complaints.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows, total: total?.n ?? 0 };
}

export async function caseByNumber(db: Db, trackingNumber: string): Promise<CaseRow | null> {
  const [row] = await db.select().from(complaints).where(eq(complaints.trackingNumber, trackingNumber)).limit(1);
  return row ?? null;
}

/**
 * Locks the named cases for the rest of the transaction (in id order, so two transactions locking
 * the same pair cannot deadlock) and returns them as they are now: whoever waited for the lock
 * sees the state the other transaction committed.
 */
export async function lockCases(tx: Db, trackingNumbers: readonly string[]): Promise<CaseRow[]> {
  return tx.select().from(complaints).where(inArray(complaints.trackingNumber, [...trackingNumbers])).orderBy(asc(complaints.id)).for('update');
}

export async function contributionsOf(db: Db, complaintId: number) {
  return db.select().from(caseContributions).where(eq(caseContributions.complaintId, complaintId)).orderBy(asc(caseContributions.department));
}

/** The whistles of a case with every named department's report, oldest first. */
export async function whistlesOf(db: Db, complaintId: number) {
  const whistles = await db.select().from(caseWhistles).where(eq(caseWhistles.complaintId, complaintId)).orderBy(asc(caseWhistles.id));
  if (whistles.length === 0) return [];
  const reports = await db
    .select()
    .from(caseWhistleReports)
    .where(inArray(caseWhistleReports.whistleId, whistles.map((w) => w.id)))
    .orderBy(asc(caseWhistleReports.department));
  return whistles.map((w) => ({ ...w, reports: reports.filter((r) => r.whistleId === w.id) }));
}

export async function eventsOf(db: Db, complaintId: number) {
  return db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, complaintId)).orderBy(asc(complaintEvents.at), asc(complaintEvents.id));
}

/** The cases merged into this one. */
export async function duplicatesOf(db: Db, complaintId: number) {
  return db
    .select({ id: complaints.id, trackingNumber: complaints.trackingNumber, status: complaints.status, peopleAffected: complaints.peopleAffected })
    .from(complaints)
    .where(eq(complaints.duplicateOf, complaintId))
    .orderBy(asc(complaints.id));
}

export async function trackingNumberOf(db: Db, complaintId: number | null): Promise<string | null> {
  if (complaintId === null) return null;
  const [row] = await db.select({ n: complaints.trackingNumber }).from(complaints).where(eq(complaints.id, complaintId));
  return row?.n ?? null;
}

export async function institutionOf(db: Db, institutionId: number | null) {
  if (institutionId === null) return null;
  const [row] = await db
    .select({ name: institutions.name, creditCode: institutions.creditCode, street: institutions.street, fields: institutions.fields, legalForm: institutions.legalForm })
    .from(institutions)
    .where(eq(institutions.id, institutionId));
  return row ?? null;
}

export async function updateCase(tx: Db, id: number, patch: Partial<CaseRow>): Promise<void> {
  await tx.update(complaints).set(patch).where(eq(complaints.id, id));
}

export async function appendEvents(tx: Db, events: readonly NewCaseEvent[]): Promise<void> {
  if (events.length > 0) await tx.insert(complaintEvents).values([...events]);
}

/** Open cases past their deadline that were never raised (escalateOverdue). */
export async function overdueUnescalated(db: Db, today: string, statuses: readonly string[]) {
  return db
    .select({ id: complaints.id, trackingNumber: complaints.trackingNumber })
    .from(complaints)
    .where(and(inArray(complaints.status, [...statuses]), sql`${complaints.dueOn} < ${today}`, isNull(complaints.escalatedAt)))
    .orderBy(asc(complaints.dueOn), asc(complaints.id));
}

/** Active supervisor accounts and the active managers of the given departments. */
export async function escalationRecipients(db: Db, departments: readonly string[]) {
  const managers = departments.length > 0 ? and(eq(staffUsers.isManager, true), inArray(staffUsers.department, [...departments])) : FALSE;
  return db
    .select({ id: staffUsers.id, username: staffUsers.username, role: staffUsers.role, email: staffUsers.email })
    .from(staffUsers)
    .where(and(eq(staffUsers.disabled, false), or(eq(staffUsers.role, 'supervisor'), managers)))
    .orderBy(asc(staffUsers.id));
}
