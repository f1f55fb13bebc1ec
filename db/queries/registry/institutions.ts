/**
 * Queries of the institution aggregate: registry search, suggestions, and the whole profile.
 * Derived states (licence, list) are computed by the domain functions from the records that decide
 * them; SQL twins in derived-sql.ts serve only to filter.
 */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../../../src/domain/shared/dates';
import type { InstitutionQuery } from '../../../src/domain/registry/institution-query';
import { PAGE_SIZE } from '../../../src/domain/registry/institution-query';
import { overallLicenceState, type LicenceState } from '../../../src/domain/registry/licence-state';
import { listStatus, type ListStatus } from '../../../src/domain/registry/list-status';
import { planSearch } from '../../../src/domain/registry/search';
import { addressSearchText, looksLikeAddress } from '../../../src/domain/verification/tenant-search';
import type { Db } from '../../client';
import {
  fundSupervision,
  inspections,
  institutions,
  licences,
  listDecisions,
  modelContracts,
  promises,
  riskWarnings,
  warningInstitutions,
} from '../../schema';
import { licenceStateSql, listStatusSql } from './derived-sql';
import { rows } from '../shared/rows';
import { searchTiers, type Tier } from './search-sql';

export interface InstitutionSummary {
  id: number;
  creditCode: string;
  name: string;
  formerNames: string[];
  fields: string[];
  street: string;
  address: string;
  operatingStatus: string;
  delivery: string;
  legalForm: string;
  listStatus: ListStatus;
  licenceState: LicenceState | 'none';
  asOf: IsoDate;
}

export interface SearchResult {
  /** Matches, at most RESULT_CAP for a relevance search (see `capped`). */
  total: number;
  /** True when there are more than RESULT_CAP matches: the page says "more than". */
  capped: boolean;
  page: number;
  pageSize: number;
  items: InstitutionSummary[];
}

interface SummaryRow {
  id: number;
  credit_code: string;
  name: string;
  former_names: string[];
  fields: string[];
  street: string;
  address: string;
  operating_status: string;
  delivery: string;
  legal_form: string;
  as_of: string | Date;
}

const isoDate = (v: string | Date): IsoDate => (typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10));

/**
 * What the derived states are computed from, read with the page rows in the same statement (one
 * round trip instead of two more): each row's licence dates and list decisions as JSON arrays.
 * JSON writes dates as YYYY-MM-DD whatever the server's DateStyle.
 */
const DERIVED_INPUTS = sql`(select coalesce(json_agg(json_build_array(l.issued_on, l.expires_on, l.revoked_on)), '[]'::json)
    from licences l where l.institution_id = i.id) as licence_dates,
  (select coalesce(json_agg(json_build_array(d.list, d.effective_on, d.removed_on)), '[]'::json)
    from list_decisions d where d.institution_id = i.id) as list_decisions`;

interface DerivedInputs {
  licence_dates: [string, string, string | null][] | string;
  list_decisions: ['white' | 'black', string, string | null][] | string;
}

/** postgres.js and PGlite both parse json columns; a string is parsed here in case a driver does not. */
const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/** Adds the derived licence and list states (the domain functions decide them) to page rows. */
function withDerivedStates(found: (SummaryRow & DerivedInputs)[], today: IsoDate): InstitutionSummary[] {
  return found.map((r) => ({
    id: r.id,
    creditCode: r.credit_code,
    name: r.name,
    formerNames: r.former_names,
    fields: r.fields,
    street: r.street,
    address: r.address,
    operatingStatus: r.operating_status,
    delivery: r.delivery,
    legalForm: r.legal_form,
    asOf: isoDate(r.as_of),
    licenceState: overallLicenceState(
      json(r.licence_dates).map(([issuedOn, expiresOn, revokedOn]) => ({ issuedOn, expiresOn, revokedOn })),
      today,
    ),
    listStatus: listStatus(
      json(r.list_decisions).map(([list, effectiveOn, removedOn]) => ({ list, effectiveOn, removedOn })),
      today,
    ),
  }));
}

/**
 * Relevance search reads at most this many matches: enough for 50 pages, and it keeps a one-letter
 * query on 100,000 institutions as fast as a specific one. Past it the total says "more than".
 */
export const RESULT_CAP = 1000;

/** Pages of the table a keyed tier reads directly before it turns to the key index (see rankedSearch). */
const PROBE_PAGES = 100;

const SUMMARY_COLUMNS = sql`i.id, i.credit_code, i.name, i.former_names, i.fields, i.street, i.address, i.operating_status,
  i.delivery, i.legal_form, i.as_of`;

function filterConditions(query: InstitutionQuery, today: IsoDate): SQL[] {
  const conditions: SQL[] = [];
  if (query.field) conditions.push(sql`i.fields @> ARRAY[${query.field}]::text[]`);
  if (query.street) conditions.push(sql`i.street = ${query.street}`);
  if (query.delivery) conditions.push(sql`i.delivery = ${query.delivery}`);
  if (query.operating) conditions.push(sql`i.operating_status = ${query.operating}`);
  if (query.status) conditions.push(listStatusSql(query.status, today));
  if (query.licence) conditions.push(licenceStateSql(query.licence, today));
  return conditions;
}

const allOf = (parts: SQL[]) => (parts.length ? sql.join(parts, sql` and `) : sql`true`);

/**
 * Ranked search in one statement: one round trip, where a loop of one query per tier plus two for
 * the derived states cost more in round trips (about 1 ms each) than the work itself.
 *
 * Tiers (search-sql.ts) are read in rank order into one array of ids, t0, t1, ..., each holding the
 * ids of all tiers so far. A tier adds what is still missing of the first `keep` matches: `keep`
 * is RESULT_CAP + 1 (to know whether there are more than RESULT_CAP) or the end of the requested
 * page if that is further. The page is a slice of the last array, joined back to its rows in
 * array order with the inputs of the derived states.
 *
 * - A tier is read only while the earlier ones hold fewer than `keep` ids (a one-time filter, so a
 *   broad query stops in its first tiers and the expensive later ones are never started). Each
 *   earlier tier was then read in full, so "not found by an earlier tier" is "not among the ids so
 *   far": that is how a row is kept to its first tier (a hashed NOT IN), and why the tiers'
 *   conditions need not exclude each other.
 * - Its LIMIT is the constant `keep`, then the array is cut to what is missing: with a LIMIT that
 *   depends on earlier tiers the planner would assume it reads a tenth of the matches and could
 *   pick a plan that is fast only for a few.
 * - A tier found through the key index reads the GIN posting lists of all its keys before its first
 *   row, which costs milliseconds when most institutions match ("司", "youxian"). Such a query
 *   finds what it needs in the first pages of the table, so those are read first (the probe) and
 *   the index only when they hold too few. Both read in storage order (a bitmap heap scan visits
 *   pages in order), so the ids are the same either way.
 */
async function rankedSearch(db: Db, tiers: Tier[], filters: SQL[], offset: number, pageSize: number, today: IsoDate) {
  const want = offset >= RESULT_CAP ? 0 : pageSize;
  const keep = Math.max(RESULT_CAP + 1, offset + want);
  const filter = allOf(filters);
  const ctes = tiers.map((t, k) => {
    const first = k === 0;
    const before = first ? sql`'{}'::int[]` : sql`prev.ids`;
    const room = sql`${keep} - cardinality(${before})`;
    const fresh = (id: SQL) => (first ? sql`true` : sql`cardinality(prev.ids) < ${keep} and ${id} not in (select unnest(prev.ids))`);
    const read = (where: SQL, extra = sql``, limit: SQL = sql`${keep}`) =>
      sql`array(select i.id from institutions i where ${fresh(sql`i.id`)} and ${extra} ${where} and ${filter}
        ${t.order ? sql`order by ${t.order}` : sql``} limit ${limit})`;
    const s = t.source;
    let ids = s
      ? sql`array(select ${s.id} from ${s.from} ${filters.length ? sql`join institutions i on i.id = ${s.id}` : sql``}
          where ${fresh(s.id)} and ${s.where} and ${filter} order by ${s.order} limit ${keep})`
      : read(t.where);
    if (t.probe) {
      const pages = (n: number) => sql`i.ctid < '(${sql.raw(String(n))},0)'::tid and`;
      const [small, large] = [read(t.probe, pages(PROBE_PAGES / 5), room), read(t.probe, pages(PROBE_PAGES), room)];
      // The first fifth of the probe tells whether the rest can be enough; OFFSET 0 keeps each
      // probe a subquery of its own, read once though named twice.
      ids = sql`(select case when cardinality(p.ids) >= ${room} then p.ids else ${ids} end from (
        select case when cardinality(s.ids) * 5 >= ${room} then ${large} else s.ids end as ids
        from (select ${small} as ids offset 0) s offset 0) p)`;
    }
    // MATERIALIZED: each array is computed once, though read twice (by the next tier and the page).
    return sql`${sql.raw(`t${k}`)} as materialized (select ${before} || (${ids})[:${room}] as ids
      ${first ? sql`` : sql`from ${sql.raw(`t${k - 1}`)} prev`})`;
  });
  const result = await rows<SummaryRow & DerivedInputs & { matched: string | number; id: number | null }>(
    db,
    sql`with ${sql.join(ctes, sql`, `)}
        select cardinality(m.ids) as matched, p.* from ${sql.raw(`t${tiers.length - 1}`)} m left join lateral (
          select ${SUMMARY_COLUMNS}, ${DERIVED_INPUTS}
          from unnest(m.ids[${offset + 1}:${offset + want}]) with ordinality as u(id, ord)
          join institutions i on i.id = u.id order by u.ord) p on true`,
  );
  const matched = Number(result[0]?.matched ?? 0);
  const found = result.filter((r) => r.id !== null);
  return { items: withDerivedStates(found, today), total: Math.min(matched, RESULT_CAP), capped: matched > RESULT_CAP };
}

/** Registry search with filters, sorting and pagination (GET /institutions and /api/institutions). */
export async function searchInstitutions(db: Db, query: InstitutionQuery, today: IsoDate, pageSize = PAGE_SIZE): Promise<SearchResult> {
  const filters = filterConditions(query, today);
  const plan = planSearch(query.q ?? '');
  const offset = (query.page - 1) * pageSize;
  const sort = query.sort ?? (plan.kind === 'empty' ? 'name' : 'relevance');
  const tiers = plan.kind === 'empty' ? [] : searchTiers(plan);
  if (tiers.length && sort === 'relevance') {
    const { items, total, capped } = await rankedSearch(db, tiers, filters, offset, pageSize, today);
    return { total, capped, page: query.page, pageSize, items };
  }
  // Sorted by name or date, a query is one condition: any tier matches. Keyed tiers are tested by
  // their LIKE alone (`probe`): in an OR with licence conditions the planner reads the whole
  // table, where the keys would have to be computed for every row.
  const conditions = tiers.length ? [sql`(${sql.join(tiers.map((t) => sql`(${t.probe ?? t.where})`), sql` or `)})`, ...filters] : filters;
  const order = sort === 'newest' ? sql`i.registered_on desc, i.id desc` : sql`i.name, i.id`;
  // The derived-state inputs are read in an outer query, so only for the rows of the page (in the
  // same query they would also be computed for the rows OFFSET skips). The outer ORDER BY repeats
  // the inner one on the page's rows: it costs nothing and does not rely on subquery order.
  const found = await rows<SummaryRow & DerivedInputs & { total: string | number }>(
    db,
    sql`select i.*, ${DERIVED_INPUTS} from (
          select ${SUMMARY_COLUMNS}, i.registered_on, count(*) over () as total from institutions i where ${allOf(conditions)}
          order by ${order} limit ${pageSize} offset ${offset}) i
        order by ${order}`,
  );
  let total = found.length ? Number(found[0]!.total) : 0;
  // Past the last page the window count is missing: count separately so the page can say so.
  if (!found.length && query.page > 1) {
    const [c] = await rows<{ n: string | number }>(db, sql`select count(*) as n from institutions i where ${allOf(conditions)}`);
    total = Number(c?.n ?? 0);
  }
  return { total, capped: false, page: query.page, pageSize, items: withDerivedStates(found, today) };
}

export interface Suggestion {
  creditCode: string;
  name: string;
  street: string;
  listStatus: ListStatus;
}

/** Instant suggestions for the search island: the best few matches. */
export async function suggestInstitutions(db: Db, q: string, today: IsoDate, limit = 8): Promise<Suggestion[]> {
  const result = await searchInstitutions(db, { q, page: 1, sort: 'relevance' }, today, limit);
  return result.items.map((r) => ({ creditCode: r.creditCode, name: r.name, street: r.street, listStatus: r.listStatus }));
}

/** The name of the institution with this credit code, or null (the complaint form shows it by the code). */
export async function institutionNameByCode(db: Db, creditCode: string): Promise<string | null> {
  const [row] = await db.select({ name: institutions.name }).from(institutions).where(eq(institutions.creditCode, creditCode)).limit(1);
  return row?.name ?? null;
}

/** Everything the district publishes about one institution, or null if the code is unknown. */
export async function getInstitutionProfile(db: Db, creditCode: string, today: IsoDate) {
  const [inst] = await db.select().from(institutions).where(eq(institutions.creditCode, creditCode)).limit(1);
  if (!inst) return null;
  const id = inst.id;
  const [lic, prom, fund, insp, dec, warn, contracts] = await Promise.all([
    db.select().from(licences).where(eq(licences.institutionId, id)).orderBy(desc(licences.issuedOn)),
    db.select().from(promises).where(eq(promises.institutionId, id)).orderBy(desc(promises.madeOn)).limit(1),
    db.select().from(fundSupervision).where(eq(fundSupervision.institutionId, id)).orderBy(desc(fundSupervision.asOf)).limit(1),
    db.select().from(inspections).where(and(eq(inspections.institutionId, id), eq(inspections.published, true))).orderBy(desc(inspections.inspectedOn)),
    db.select().from(listDecisions).where(eq(listDecisions.institutionId, id)).orderBy(desc(listDecisions.effectiveOn)),
    db
      .select({ id: riskWarnings.id, title: riskWarnings.title, severity: riskWarnings.severity, publishedOn: riskWarnings.publishedOn })
      .from(riskWarnings)
      .innerJoin(warningInstitutions, eq(warningInstitutions.warningId, riskWarnings.id))
      .where(and(eq(warningInstitutions.institutionId, id), sql`(${riskWarnings.withdrawnOn} is null or ${riskWarnings.withdrawnOn} > ${today}::date)`, sql`${riskWarnings.publishedOn} <= ${today}::date`))
      .orderBy(desc(riskWarnings.publishedOn)),
    db.select().from(modelContracts).where(sql`${modelContracts.fields} && ${sql`ARRAY[${sql.join(inst.fields.map((f) => sql`${f}`), sql`, `)}]::text[]`}`).orderBy(asc(modelContracts.code)),
  ]);
  const decisions = dec.map((d) => ({ ...d, list: d.list as 'white' | 'black' }));
  return {
    institution: inst,
    licences: lic,
    licenceState: overallLicenceState(lic, today),
    promise: prom[0] ?? null,
    fund: fund[0] ?? null,
    inspections: insp,
    decisions,
    listStatus: listStatus(decisions, today),
    warnings: warn,
    contracts,
  };
}

export type InstitutionProfile = NonNullable<Awaited<ReturnType<typeof getInstitutionProfile>>>;

/** LIKE's own characters in a typed text, escaped (backslash is PostgreSQL's default escape). */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/**
 * Institutions a landlord may mean by a name or an address (/verify; rules in
 * src/domain/verification/tenant-search.ts): the registry's ranked search by name first, then
 * those whose registered or licensed address contains the text. At most `limit`; `more` when
 * there were others. The address match reads the table (no index serves a substring of an
 * address): acceptable behind the verification rate limit, and a text too short to narrow it
 * (fewer than three characters) is not looked up as an address.
 */
export async function findInstitutionsByNameOrAddress(
  db: Db,
  text: string,
  today: IsoDate,
  limit: number,
): Promise<{ items: InstitutionSummary[]; more: boolean }> {
  const byName = await searchInstitutions(db, { q: text, page: 1, sort: 'relevance' }, today, limit);
  const address = looksLikeAddress(text) ? addressSearchText(text) : null;
  let byAddress: InstitutionSummary[] = [];
  if (address) {
    const pattern = `%${likeLiteral(address)}%`;
    const found = await rows<SummaryRow & DerivedInputs>(
      db,
      sql`select ${SUMMARY_COLUMNS}, ${DERIVED_INPUTS} from institutions i
          where i.address like ${pattern}
             or exists (select 1 from licences l where l.institution_id = i.id and l.address like ${pattern})
          order by i.name, i.id limit ${limit + 1}`,
    );
    byAddress = withDerivedStates(found, today);
  }
  const seen = new Set(byName.items.map((r) => r.id));
  const merged = [...byName.items, ...byAddress.filter((r) => !seen.has(r.id))];
  return { items: merged.slice(0, limit), more: byName.total > byName.items.length || byAddress.length > limit || merged.length > limit };
}
