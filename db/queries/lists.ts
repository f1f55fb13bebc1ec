/** The black and white lists: who is on them today, and the history of placements and removals. */
import { desc, eq, sql } from 'drizzle-orm';
import type { IsoDate } from '../../src/domain/dates';
import { decisionInForce, listStatus, type ListKind } from '../../src/domain/list-status';
import type { Db } from '../client';
import { institutions, listDecisions } from '../schema';

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
  /** Deciding department's code (src/domain/reference.ts). */
  department: string;
  effectiveOn: IsoDate;
  removedOn: IsoDate | null;
  removalReason: string | null;
  institutionId: number;
  creditCode: string;
  name: string;
};

async function decisionsWhere(db: Db, where: ReturnType<typeof sql>): Promise<ListEntry[]> {
  const found = await db
    .select(decisionColumns)
    .from(listDecisions)
    .innerJoin(institutions, eq(institutions.id, listDecisions.institutionId))
    .where(where)
    .orderBy(desc(listDecisions.effectiveOn), desc(listDecisions.id));
  return found.map((d) => ({ ...d, list: d.list as ListKind }));
}

/**
 * Institutions on a list today. An institution on both lists counts only as blacklisted
 * (listStatus: the blacklist outranks the whitelist).
 */
export async function currentList(db: Db, list: ListKind, today: IsoDate): Promise<ListEntry[]> {
  const candidates = await decisionsWhere(
    db,
    sql`${listDecisions.effectiveOn} <= ${today}::date and (${listDecisions.removedOn} is null or ${listDecisions.removedOn} > ${today}::date)`,
  );
  const byInstitution = new Map<number, ListEntry[]>();
  for (const d of candidates) byInstitution.set(d.institutionId, [...(byInstitution.get(d.institutionId) ?? []), d]);
  const out: ListEntry[] = [];
  for (const entries of byInstitution.values()) {
    if (listStatus(entries, today) !== list) continue;
    out.push(entries.find((e) => e.list === list && decisionInForce(e, today))!);
  }
  return out.sort((a, b) => (a.effectiveOn < b.effectiveOn ? 1 : a.effectiveOn > b.effectiveOn ? -1 : a.name.localeCompare(b.name, 'zh-CN')));
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
