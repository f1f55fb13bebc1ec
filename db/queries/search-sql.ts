/**
 * Turns a SearchPlan (src/domain/search.ts) into a WHERE condition and a rank expression on the
 * institutions alias `i`. The GIN-indexed key array narrows the rows; LIKE rechecks the substring.
 */
import { sql, type SQL } from 'drizzle-orm';
import { RANK, type SearchPlan } from '../../src/domain/search';

const textArray = (values: string[]) => sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;
const hasKeys = (keys: string[]) => sql`i.search_keys @> ${textArray(keys)}`;

export interface SearchSql {
  where: SQL;
  rank: SQL;
}

/** Licence numbers are searched by prefix only when the query has a digit (numbers always do). */
function licencePrefix(text: string): SQL | null {
  if (!/\d/.test(text)) return null;
  return sql`exists (select 1 from licences l where l.institution_id = i.id and l.number_norm like ${text + '%'})`;
}
function licenceExact(text: string): SQL {
  return sql`exists (select 1 from licences l where l.institution_id = i.id and l.number_norm = ${text})`;
}

export function searchSql(plan: Exclude<SearchPlan, { kind: 'empty' }>): SearchSql {
  const { text } = plan;
  const currentName = sql`split_part(i.search_text, '|', 1)`;
  if (plan.kind === 'text') {
    const nameMatch = sql`(${hasKeys(plan.keys)} and i.search_text like ${'%' + text + '%'})`;
    const licence = licencePrefix(text);
    const where = licence ? sql`(${nameMatch} or ${licence})` : nameMatch;
    const rank = sql`case
      when ${licence ? licenceExact(text) : sql`false`} then ${RANK.exactLicence}
      when ${currentName} = ${text} then ${RANK.exactName}
      when ${currentName} like ${text + '%'} then ${RANK.namePrefix}
      when ${currentName} like ${'%' + text + '%'} then ${RANK.nameSubstring}
      when i.search_text like ${'%' + text + '%'} then ${RANK.formerName}
      else ${RANK.licencePrefix} end`;
    return { where, rank };
  }
  const alternatives: SQL[] = [];
  if (plan.pinyinKeys) alternatives.push(sql`(${hasKeys(plan.pinyinKeys)} and i.pinyin like ${'%' + text + '%'})`);
  alternatives.push(sql`(${hasKeys(plan.initialKeys)} and i.initials like ${'%' + text + '%'})`);
  if (plan.codePrefix) alternatives.push(sql`i.credit_code like ${plan.codePrefix + '%'}`);
  const licence = licencePrefix(text);
  if (licence) alternatives.push(licence);
  const where = sql`(${sql.join(alternatives, sql` or `)})`;
  const currentPinyin = sql`split_part(i.pinyin, '|', 1)`;
  const currentInitials = sql`split_part(i.initials, '|', 1)`;
  const rank = sql`case
    when ${plan.codePrefix ? sql`i.credit_code = ${plan.codePrefix}` : sql`false`} then ${RANK.exactCode}
    when ${licence ? licenceExact(text) : sql`false`} then ${RANK.exactLicence}
    when ${currentPinyin} like ${text + '%'} or ${currentInitials} like ${text + '%'} then ${RANK.pinyinPrefix}
    when i.pinyin like ${'%' + text + '%'} or i.initials like ${'%' + text + '%'} then ${RANK.pinyinSubstring}
    when ${plan.codePrefix ? sql`i.credit_code like ${plan.codePrefix + '%'}` : sql`false`} then ${RANK.codePrefix}
    else ${RANK.licencePrefix} end`;
  return { where, rank };
}
