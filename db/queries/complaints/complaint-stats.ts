/**
 * Public complaint statistics, per institution and for the district: one narrow row per case,
 * counted by src/domain/complaints/complaint-stats.ts with the rates the staff dashboard uses, so
 * the two can never disagree (the dashboard's rows come from db/queries/oversight/oversight.ts).
 */
import { between, eq, type SQL } from 'drizzle-orm';
import { complaintCounts, type ComplaintCounts, type StatsCase } from '../../../src/domain/complaints/complaint-stats';
import type { ComplaintResult, ComplaintStatus } from '../../../src/domain/complaints/complaint-timeline';
import { todayInShanghai, type IsoDate } from '../../../src/domain/shared/dates';
import type { OversightPeriod } from '../../../src/domain/oversight/oversight';
import type { Db } from '../../client';
import { complaints } from '../../schema';

async function statsCases(db: Db, where: SQL | undefined): Promise<StatsCase[]> {
  const found = await db
    .select({
      status: complaints.status,
      result: complaints.result,
      category: complaints.category,
      dueOn: complaints.dueOn,
      answeredAt: complaints.answeredAt,
      answeredOnTime: complaints.answeredOnTime,
    })
    .from(complaints)
    .where(where);
  return found.map(({ answeredAt, ...c }) => ({
    ...c,
    status: c.status as ComplaintStatus,
    result: c.result as ComplaintResult | null,
    // The day of the answer as the district counts days (as oversight does).
    answeredOn: answeredAt ? todayInShanghai(answeredAt) : null,
  }));
}

/** Every complaint about one institution, as of `today`. */
export async function institutionComplaintCounts(db: Db, institutionId: number, today: IsoDate): Promise<ComplaintCounts> {
  return complaintCounts(await statsCases(db, eq(complaints.institutionId, institutionId)), today);
}

/** The district's complaints received in `period` (every one without), as of `today`. */
export async function districtComplaintCounts(db: Db, today: IsoDate, period?: OversightPeriod): Promise<ComplaintCounts> {
  const where = period ? between(complaints.receivedOn, period.from, period.to) : undefined;
  return complaintCounts(await statsCases(db, where), today);
}

