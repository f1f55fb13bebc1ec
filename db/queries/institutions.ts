/**
 * Queries of the institution aggregate: registry search, suggestions, and the whole profile.
 * Derived states (licence, list) are computed by the domain functions from the records that decide
 * them; SQL twins in derived-sql.ts serve only to filter.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../../src/domain/dates';
import type { InstitutionQuery } from '../../src/domain/institution-query';
import { PAGE_SIZE } from '../../src/domain/institution-query';
import { overallLicenceState, type LicenceState } from '../../src/domain/licence-state';
import { listStatus, type ListStatus } from '../../src/domain/list-status';
import { planSearch } from '../../src/domain/search';
import type { Db } from '../client';
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
} from '../schema';
import { licenceStateSql, listStatusSql } from './derived-sql';
import { rows } from './rows';
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

/** Adds the derived licence and list states to a page of rows: two queries for the whole page. */
async function withDerivedStates(db: Db, found: SummaryRow[], today: IsoDate): Promise<InstitutionSummary[]> {
  const ids = found.map((r) => r.id);
  if (ids.length === 0) return [];
  const [lic, dec] = await Promise.all([
    db.select({ institutionId: licences.institutionId, issuedOn: licences.issuedOn, expiresOn: licences.expiresOn, revokedOn: licences.revokedOn }).from(licences).where(inArray(licences.institutionId, ids)),
    db.select({ institutionId: listDecisions.institutionId, list: listDecisions.list, effectiveOn: listDecisions.effectiveOn, removedOn: listDecisions.removedOn }).from(listDecisions).where(inArray(listDecisions.institutionId, ids)),
  ]);
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
    licenceState: overallLicenceState(lic.filter((l) => l.institutionId === r.id), today),
    listStatus: listStatus(
      dec.filter((d) => d.institutionId === r.id).map((d) => ({ ...d, list: d.list as 'white' | 'black' })),
      today,
    ),
  }));
}

/**
 * Relevance search reads at most this many matches: enough for 50 pages, and it keeps a one-letter
 * query on 100,000 institutions as fast as a specific one. Past it the total says "more than".
 */
export const RESULT_CAP = 1000;

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
 * Ranked search: tiers in rank order (search-sql.ts), read one after another until the page is
 * full and the count has reached the cap, so a broad query stops in its first tier and the
 * expensive later tiers are never touched. One round trip per tier: its capped count, and its
 * share of the page when the page still needs rows.
 */
async function rankedSearch(db: Db, tiers: Tier[], filters: SQL[], offset: number, pageSize: number) {
  const found: SummaryRow[] = [];
  let total = 0;
  let skip = Math.min(offset, RESULT_CAP);
  const want = offset >= RESULT_CAP ? 0 : pageSize;
  for (const t of tiers) {
    const countLimit = RESULT_CAP + 1 - total;
    const take = want - found.length;
    if (countLimit <= 0 && take <= 0) break;
    const where = sql`${t.where} and ${allOf(filters)}`;
    const result = await rows<SummaryRow & { tier_total: string | number; id: number | null }>(
      db,
      sql`with c as (select count(*) as n from (select 1 from institutions i where ${where} limit ${Math.max(countLimit, skip + take, 1)}) x)
          select c.n as tier_total, r.* from c left join lateral (
            select ${SUMMARY_COLUMNS} from institutions i where ${where} and ${take > 0 ? sql`true` : sql`false`}
            ${t.order ? sql`order by ${t.order}` : sql``} limit ${Math.max(take, 0)} offset ${skip}) r on true`,
    );
    const tierTotal = Number(result[0]?.tier_total ?? 0);
    total += tierTotal;
    for (const r of result) if (r.id !== null && found.length < want) found.push(r);
    skip = Math.max(0, skip - tierTotal);
  }
  return { found, total: Math.min(total, RESULT_CAP), capped: total > RESULT_CAP };
}

/** Registry search with filters, sorting and pagination (GET /institutions and /api/institutions). */
export async function searchInstitutions(db: Db, query: InstitutionQuery, today: IsoDate, pageSize = PAGE_SIZE): Promise<SearchResult> {
  const filters = filterConditions(query, today);
  const plan = planSearch(query.q ?? '');
  const offset = (query.page - 1) * pageSize;
  const sort = query.sort ?? (plan.kind === 'empty' ? 'name' : 'relevance');
  const tiers = plan.kind === 'empty' ? [] : searchTiers(plan);
  if (tiers.length && sort === 'relevance') {
    const { found, total, capped } = await rankedSearch(db, tiers, filters, offset, pageSize);
    return { total, capped, page: query.page, pageSize, items: await withDerivedStates(db, found, today) };
  }
  // Sorted by name or date, a query is one condition: any tier matches.
  const conditions = tiers.length ? [sql`(${sql.join(tiers.map((t) => sql`(${t.where})`), sql` or `)})`, ...filters] : filters;
  const order = sort === 'newest' ? sql`i.registered_on desc, i.id desc` : sql`i.name, i.id`;
  const found = await rows<SummaryRow & { total: string | number }>(
    db,
    sql`select ${SUMMARY_COLUMNS}, count(*) over () as total from institutions i where ${allOf(conditions)}
        order by ${order} limit ${pageSize} offset ${offset}`,
  );
  let total = found.length ? Number(found[0]!.total) : 0;
  // Past the last page the window count is missing: count separately so the page can say so.
  if (!found.length && query.page > 1) {
    const [c] = await rows<{ n: string | number }>(db, sql`select count(*) as n from institutions i where ${allOf(conditions)}`);
    total = Number(c?.n ?? 0);
  }
  return { total, capped: false, page: query.page, pageSize, items: await withDerivedStates(db, found, today) };
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
