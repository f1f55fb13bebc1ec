/** The black and white lists: who is on them today, and the history of placements and removals. */
import { desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../../../src/domain/shared/dates';
import { LISTS, type ListKind } from '../../../src/domain/registry/list-status';
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

/** What narrows the lists page (src/domain/registry/list-query.ts): all optional. */
export interface ListFilter {
  /** One list, or both when absent. */
  list?: ListKind;
  /** Part of the institution's name. */
  q?: string;
  /** The deciding department's code. */
  department?: string;
  /** The year the placement took effect. */
  year?: number;
}

/** A LIKE pattern that matches `text` literally anywhere. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One row per institution and list it is on today (as listStatus decides): its newest placement in force. */
function placementsInForce(kinds: readonly ListKind[], today: IsoDate): SQL {
  const perList = kinds.map(
    (list) => sql`(select distinct on (i.id) d.id, d.effective_on, d.department, i.name
    from institutions i join list_decisions d on d.institution_id = i.id and d.list = ${list}
      and d.effective_on <= ${today}::date and (d.removed_on is null or d.removed_on > ${today}::date)
    where ${listStatusSql(list, today)}
    order by i.id, d.effective_on desc, d.id desc)`,
  );
  return sql.join(perList, sql` union all `);
}

/**
 * Institutions on a list today, newest placement first, a page at a time, narrowed by name,
 * department and year. An institution on both lists counts only as blacklisted (listStatus: the
 * blacklist outranks the whitelist), so it appears once, with its blacklist placement.
 */
export async function searchCurrentLists(
  db: Db,
  filter: ListFilter,
  today: IsoDate,
  limit = 50,
  offset = 0,
): Promise<{ total: number; entries: ListEntry[] }> {
  const onList = placementsInForce(filter.list ? [filter.list] : LISTS, today);
  const conditions: SQL[] = [sql`true`];
  if (filter.q) conditions.push(sql`d.name ilike ${containing(filter.q)}`);
  if (filter.department) conditions.push(sql`d.department = ${filter.department}`);
  if (filter.year) conditions.push(sql`extract(year from d.effective_on) = ${filter.year}`);
  const matching = sql`select * from (${onList}) d where ${sql.join(conditions, sql` and `)}`;
  const found = await rows<{ id: number; effective_on: string | Date; total: string | number }>(
    db,
    sql`select d.id, d.effective_on, count(*) over () as total from (${matching}) d
        order by d.effective_on desc, d.name, d.id limit ${limit} offset ${offset}`,
  );
  let total = found.length ? Number(found[0]!.total) : 0;
  // Past the last page the window count is missing: count separately so the page can say so.
  if (!found.length && offset > 0) {
    const [c] = await rows<{ n: string | number }>(db, sql`select count(*) as n from (${matching}) d`);
    total = Number(c?.n ?? 0);
  }
  if (found.length === 0) return { total, entries: [] };
  const entries = await decisionsWhere(db, inArray(listDecisions.id, found.map((f) => f.id)));
  const order = new Map(found.map((f, n) => [f.id, n]));
  return { total, entries: entries.sort((a, b) => order.get(a.id)! - order.get(b.id)!) };
}

/** Institutions on one list today, newest placement first, a page at a time. */
export function currentList(db: Db, list: ListKind, today: IsoDate, limit = 50, offset = 0): Promise<{ total: number; entries: ListEntry[] }> {
  return searchCurrentLists(db, { list }, today, limit, offset);
}

/** The years in which the placements shown today took effect, newest first (the year filter's choices). */
export async function listYears(db: Db, today: IsoDate): Promise<number[]> {
  const found = await rows<{ y: string | number }>(
    db,
    sql`select distinct extract(year from d.effective_on)::int as y from (${placementsInForce(LISTS, today)}) d order by y desc`,
  );
  return found.map((r) => Number(r.y));
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
