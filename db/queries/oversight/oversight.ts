/**
 * What the oversight dashboard reads: one narrow row of facts per case received in the
 * period, and the cases overdue today. The counting is done in src/domain/oversight/oversight.ts, not in
 * SQL: "overdue" and "days to answer" follow the working-day calendar and deadlineFlag, which live
 * in TypeScript, and every figure of the dashboard then comes from one definition. A year of the
 * district's complaints is a few thousand rows of nine small columns.
 */
import { and, asc, between, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { complaints } from '../../schema';
import { OPEN_STATUSES } from '../../../src/domain/cases/case-machine';
import type { ComplaintStatus } from '../../../src/domain/complaints/complaint-timeline';
import { todayInShanghai, type IsoDate } from '../../../src/domain/shared/dates';
import type { OversightCase, OversightPeriod } from '../../../src/domain/oversight/oversight';

/** The facts of every case received in the period (days of receipt, both included). */
export async function oversightCases(db: Db, period: OversightPeriod): Promise<OversightCase[]> {
  const found = await db
    .select({
      status: complaints.status,
      lead: complaints.lead,
      street: complaints.street,
      receivedOn: complaints.receivedOn,
      dueOn: complaints.dueOn,
      answeredAt: complaints.answeredAt,
      answeredOnTime: complaints.answeredOnTime,
      returns: complaints.returns,
      // The departments that returned the case, as the 'returned' events name them.
      // The departments that returned the case, as the 'returned' events name them. Spelt out:
      // drizzle leaves columns of a one-table select unqualified, which a subquery would misread.
      returnedBy: sql<string[] | null>`(select array_agg(distinct e.data->>'department') from complaint_events e
        where e.complaint_id = "complaints"."id" and e.kind = 'returned' and e.data->>'department' is not null)`,
    })
    .from(complaints)
    .where(between(complaints.receivedOn, period.from, period.to));
  return found.map(({ answeredAt, returnedBy, ...c }) => ({
    ...c,
    status: c.status as ComplaintStatus,
    // The day of the answer as the district counts days.
    answeredOn: answeredAt ? todayInShanghai(answeredAt) : null,
    returnedBy: returnedBy ?? [],
  }));
}

export interface OverdueCandidate {
  trackingNumber: string;
  status: ComplaintStatus;
  category: string;
  lead: string | null;
  street: string | null;
  receivedOn: IsoDate;
  dueOn: IsoDate;
  escalatedAt: Date | null;
}

/**
 * Open cases past their due day, whenever received, earliest deadline first. Candidates only: a
 * case paused for the complainant is open and may be past its (old) due day, yet not overdue; the
 * caller keeps those whose deadlineFlag says 'overdue'. Not limited: overdue cases are few, and
 * when they are many the supervisor must see how many.
 */
export async function overdueCandidates(db: Db, today: IsoDate): Promise<OverdueCandidate[]> {
  const found = await db
    .select({
      trackingNumber: complaints.trackingNumber,
      status: complaints.status,
      category: complaints.category,
      lead: complaints.lead,
      street: complaints.street,
      receivedOn: complaints.receivedOn,
      dueOn: complaints.dueOn,
      escalatedAt: complaints.escalatedAt,
    })
    .from(complaints)
    .where(and(inArray(complaints.status, [...OPEN_STATUSES]), lt(complaints.dueOn, today)))
    .orderBy(asc(complaints.dueOn), asc(complaints.id));
  return found.map((c) => ({ ...c, status: c.status as ComplaintStatus }));
}
