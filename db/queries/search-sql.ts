/**
 * Turns a SearchPlan (src/domain/search.ts) into ranked tiers on the institutions alias `i`.
 *
 * Why tiers: a short query can match most of 100,000 names ("海" is in almost every 上海…), and
 * ranking all matches before taking 20 reads them all. Tiers are disjoint conditions in rank order
 * (exact code, exact name, name prefix, substring, former name, ...), each with an order an index
 * can give (a prefix in index order, a substring by id), so each tier stops after the rows a page
 * needs. The GIN-indexed key array narrows substring tiers; LIKE rechecks them.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { SearchPlan } from '../../src/domain/search';

export interface Tier {
  /** Rows of this tier, disjoint from earlier tiers. */
  where: SQL;
  /**
   * Order within the tier, when an index can deliver it (a prefix in name order). Substring tiers
   * have none: they come in registry (storage) order, so a page stops reading after 20 matches
   * instead of sorting 20,000 (ORDER BY id would make the planner fetch every match first).
   */
  order: SQL | null;
}

const textArray = (values: string[]) => sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;
const hasKeys = (keys: string[]) => sql`i.search_keys @> ${textArray(keys)}`;
const like = (expr: SQL, pattern: string) => sql`${expr} like ${pattern}`;

// The same expressions as the indexes in db/schema/institutions.ts.
const NAME = sql`(split_part(i.search_text, '|', 1) collate "C")`;
const NAME_PINYIN = sql`(split_part(i.pinyin, '|', 1) collate "C")`;
const NAME_INITIALS = sql`(split_part(i.initials, '|', 1) collate "C")`;
const CODE = sql`(i.credit_code collate "C")`;
const BY_ID = null;

const licence = (condition: SQL) => sql`exists (select 1 from licences l where l.institution_id = i.id and ${condition})`;

/** Licence numbers always contain digits; a query without one cannot be a licence number. */
function licenceTiers(text: string, excluded: SQL): { exact: Tier | null; prefix: Tier | null } {
  if (!/\d/.test(text)) return { exact: null, prefix: null };
  const exact = licence(sql`l.number_norm = ${text}`);
  return {
    exact: { where: exact, order: BY_ID },
    prefix: { where: sql`${licence(sql`l.number_norm like ${text + '%'}`)} and not ${exact} and not (${excluded})`, order: BY_ID },
  };
}

export function searchTiers(plan: Exclude<SearchPlan, { kind: 'empty' }>): Tier[] {
  const { text } = plan;
  const tiers: (Tier | null)[] = [];
  if (plan.kind === 'text') {
    const inAnyName = sql`(${hasKeys(plan.keys)} and ${like(sql`i.search_text`, `%${text}%`)})`;
    const lic = licenceTiers(text, inAnyName);
    const notLicence = lic.exact ? sql`not ${lic.exact.where}` : sql`true`;
    tiers.push(
      lic.exact,
      { where: sql`${NAME} = ${text} and ${notLicence}`, order: BY_ID },
      { where: sql`${like(NAME, `${text}%`)} and ${NAME} <> ${text} and ${notLicence}`, order: NAME },
      { where: sql`${hasKeys(plan.keys)} and ${like(NAME, `%${text}%`)} and not ${like(NAME, `${text}%`)} and ${notLicence}`, order: BY_ID },
      { where: sql`${inAnyName} and not ${like(NAME, `%${text}%`)} and ${notLicence}`, order: BY_ID },
      lic.prefix,
    );
    return tiers.filter((t): t is Tier => t !== null);
  }
  const code = plan.codePrefix;
  const exactCode = code && code.length === 18 ? sql`i.credit_code = ${code}` : null;
  const pinyinMatch = plan.pinyinKeys ? sql`(${hasKeys(plan.pinyinKeys)} and ${like(sql`i.pinyin`, `%${text}%`)})` : sql`false`;
  const initialsMatch = sql`(${hasKeys(plan.initialKeys)} and ${like(sql`i.initials`, `%${text}%`)})`;
  const pinyinPrefix = like(NAME_PINYIN, `${text}%`);
  const initialsPrefix = like(NAME_INITIALS, `${text}%`);
  const anyName = sql`(${pinyinMatch} or ${initialsMatch})`;
  const notCode = exactCode ? sql`not ${exactCode}` : sql`true`;
  const lic = licenceTiers(text, sql`${anyName} or ${code ? like(CODE, `${code}%`) : sql`false`}`);
  const notLicence = lic.exact ? sql`not ${lic.exact.where}` : sql`true`;
  const before = sql`${notCode} and ${notLicence}`;
  tiers.push(
    exactCode ? { where: exactCode, order: BY_ID } : null,
    lic.exact ? { where: sql`${lic.exact.where} and ${notCode}`, order: BY_ID } : null,
    { where: sql`${pinyinPrefix} and ${before}`, order: NAME_PINYIN },
    { where: sql`${initialsPrefix} and not ${pinyinPrefix} and ${before}`, order: NAME_INITIALS },
    { where: sql`${anyName} and not ${pinyinPrefix} and not ${initialsPrefix} and ${before}`, order: BY_ID },
    code ? { where: sql`${like(CODE, `${code}%`)} and not ${anyName} and ${before}`, order: CODE } : null,
    lic.prefix,
  );
  return tiers.filter((t): t is Tier => t !== null);
}
