/** Public complaint statistics: counts only, per institution and for the whole district. */
import { sql, type SQL } from 'drizzle-orm';
import type { ComplaintCounts } from '../../../src/domain/complaints/complaint-stats';
import type { Db } from '../../client';
import { rows } from '../shared/rows';

async function counts(db: Db, where: SQL): Promise<ComplaintCounts> {
  const [totals, byCategory] = await Promise.all([
    rows<{ received: number; closed: number; substantiated: number; on_time: number }>(
      db,
      sql`select count(*)::int as received,
            count(*) filter (where status = 'closed')::int as closed,
            count(*) filter (where result in ('substantiated', 'partly_substantiated'))::int as substantiated,
            count(*) filter (where answered_on_time)::int as on_time
          from complaints c where ${where}`,
    ),
    rows<{ category: string; count: number }>(
      db,
      sql`select category, count(*)::int as count from complaints c where ${where} group by category order by count(*) desc, category`,
    ),
  ]);
  const t = totals[0] ?? { received: 0, closed: 0, substantiated: 0, on_time: 0 };
  return {
    received: Number(t.received),
    closed: Number(t.closed),
    substantiated: Number(t.substantiated),
    answeredOnTime: Number(t.on_time),
    byCategory: byCategory.map((r) => ({ category: r.category, count: Number(r.count) })),
  };
}

export function institutionComplaintCounts(db: Db, institutionId: number): Promise<ComplaintCounts> {
  return counts(db, sql`c.institution_id = ${institutionId}`);
}

export function districtComplaintCounts(db: Db): Promise<ComplaintCounts> {
  return counts(db, sql`true`);
}
