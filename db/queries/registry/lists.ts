/** The black and white lists: who is on them today, and the history of placements and removals. */
import { desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../../../src/domain/shared/dates';
import type { ListKind } from '../../../src/domain/registry/list-status';
import type { Db } from '../../client';
import { institutions, listDecisions } from '../../schema';
import { listStatusSql } from './derived-sql';
import { rows } from '../shared/rows';

const decisionColumns = {
  id: listDecisions.id,
  list: listDecisions.list,
  reason: listDecisions.reason,
  legalBasis: listDecisions.legalBasis,
  department: listDecisions.department,
  effectiveOn: listDecisions.effectiveOn,
  removedOn: listDecisions.removedOn,
  removalReason: listDecisions.removalReason,
  institutionId: listDecisions.institutionId,
  creditCode: institutions.creditCode,
  name: institutions.name,
};

export type ListEntry = {
  id: number;
  list: ListKind;
  reason: string;
  legalBasis: string;
  /** Deciding department's code (src/domain/shared/reference.ts). */
  department: string;
  effectiveOn: IsoDate;
  removedOn: IsoDate | null;
  removalReason: string | null;
  institutionId: number;
  creditCode: string;
  name: string;
};

async function decisionsWhere(db: Db, where: SQL | undefined): Promise<ListEntry[]> {
  const found = await db
    .select(decisionColumns)
    .from(listDecisions)
    .innerJoin(institutions, eq(institutions.id, listDecisions.institutionId))
    .where(where)
    .orderBy(desc(listDecisions.effectiveOn), desc(listDecisions.id));
  return found.map((d) => ({ ...d, list: d.list as ListKind }));
}

/**
 * Institutions on a list today, newest placement first, a page at a time. An institution on both
 * lists counts only as blacklisted (listStatus: the blacklist outranks the whitelist).
 */
export async function currentList(db: Db, list: ListKind, today: IsoDate, limit = 50, offset = 0): Promise<{ total: number; entries: ListEntry[] }> {
  // One row per institution on the list: its newest placement in force.
  const onList = sql`select distinct on (i.id) d.id, d.effective_on, i.name
    from institutions i join list_decisions d on d.institution_id = i.id and d.list = ${list}
      and d.effective_on <= ${today}::date and (d.removed_on is null or d.removed_on > ${today}::date)
    where ${listStatusSql(list, today)}
    order by i.id, d.effective_on desc, d.id desc`;
  const found = await rows<{ id: number; effective_on: string | Date; total: string | number }>(
    db,
    sql`select d.id, d.effective_on, count(*) over () as total from (${onList}) d
        order by d.effective_on desc, d.name, d.id limit ${limit} offset ${offset}`,
  );
  let total = found.length ? Number(found[0]!.total) : 0;
  // Past the last page the window count is missing: count separately so the page can say so.
  if (!found.length && offset > 0) {
    const [c] = await rows<{ n: string | number }>(db, sql`select count(*) as n from (${onList}) d`);
    total = Number(c?.n ?? 0);
  }
  if (found.length === 0) return { total, entries: [] };
  const entries = await decisionsWhere(db, inArray(listDecisions.id, found.map((f) => f.id)));
  const order = new Map(found.map((f, n) => [f.id, n]));
  return { total, entries: entries.sort((a, b) => order.get(a.id)! - order.get(b.id)!) };
}

export interface ListEvent {
  kind: 'added' | 'removed';
  date: IsoDate;
  entry: ListEntry;
}

/** The latest placements and removals, newest first, up to today (future decisions are not shown). */
export async function listHistory(db: Db, today: IsoDate, limit = 50): Promise<ListEvent[]> {
  const recent = await decisionsWhere(
    db,
    sql`${listDecisions.id} in (
      select id from (
        select id, effective_on as d from list_decisions where effective_on <= ${today}::date
        union all
        select id, removed_on as d from list_decisions where removed_on <= ${today}::date
      ) e order by d desc limit ${limit})`,
  );
  const events: ListEvent[] = [];
  for (const entry of recent) {
    events.push({ kind: 'added', date: entry.effectiveOn, entry });
    if (entry.removedOn && entry.removedOn <= today) events.push({ kind: 'removed', date: entry.removedOn, entry });
  }
  return events.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)).slice(0, limit);
}
