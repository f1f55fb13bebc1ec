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
import { searchSql } from './search-sql';

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
  total: number;
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
  total: string | number;
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

/** Registry search with filters, sorting and pagination (GET /institutions and /api/institutions). */
export async function searchInstitutions(db: Db, query: InstitutionQuery, today: IsoDate, pageSize = PAGE_SIZE): Promise<SearchResult> {
  const conditions: SQL[] = [];
  const plan = planSearch(query.q ?? '');
  const matched = plan.kind === 'empty' ? null : searchSql(plan);
  if (matched) conditions.push(matched.where);
  if (query.field) conditions.push(sql`i.fields @> ARRAY[${query.field}]::text[]`);
  if (query.street) conditions.push(sql`i.street = ${query.street}`);
  if (query.delivery) conditions.push(sql`i.delivery = ${query.delivery}`);
  if (query.operating) conditions.push(sql`i.operating_status = ${query.operating}`);
  if (query.status) conditions.push(listStatusSql(query.status, today));
  if (query.licence) conditions.push(licenceStateSql(query.licence, today));
  const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const sort = query.sort ?? (matched ? 'relevance' : 'name');
  const order =
    sort === 'newest'
      ? sql`i.registered_on desc, i.id desc`
      : sort === 'relevance' && matched
        ? sql`${matched.rank}, char_length(i.name), i.name, i.id`
        : sql`i.name, i.id`;
  const offset = (query.page - 1) * pageSize;
  const found = await rows<SummaryRow>(
    db,
    sql`select i.id, i.credit_code, i.name, i.former_names, i.fields, i.street, i.address, i.operating_status,
          i.delivery, i.legal_form, i.as_of, count(*) over () as total
        from institutions i ${where} order by ${order} limit ${pageSize} offset ${offset}`,
  );
  let total = found.length ? Number(found[0]!.total) : 0;
  // Past the last page the window count is missing: count separately so the page can say so.
  if (!found.length && query.page > 1) {
    const [c] = await rows<{ n: string | number }>(db, sql`select count(*) as n from institutions i ${where}`);
    total = Number(c?.n ?? 0);
  }
  return { total, page: query.page, pageSize, items: await withDerivedStates(db, found, today) };
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
