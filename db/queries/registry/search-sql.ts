/**
 * Turns a SearchPlan (src/domain/registry/search.ts) into ranked tiers on the institutions alias `i`.
 *
 * Why tiers: a short query can match most of 100,000 names ("海" is in almost every 上海…), and
 * ranking all matches before taking 20 reads them all. Tiers are conditions in rank order (exact
 * code, exact name, name prefix, substring, former name, ...), each with an order an index can give
 * (a prefix in index order, a substring in storage order), so each tier stops after the rows a page
 * needs. A row belongs to the first tier it matches: the ranked search (rankedSearch in
 * institutions.ts) leaves out of each tier the ids the earlier tiers found, so the conditions here
 * need not exclude each other. The GIN index on the search keys narrows substring tiers; LIKE
 * rechecks them.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { SearchPlan } from '../../../src/domain/registry/search';

export interface Tier {
  /** Rows of this tier (and maybe of earlier tiers too). */
  where: SQL;
  /**
   * Order within the tier, when an index can deliver it (a prefix in name order). Substring tiers
   * have none: they come in registry (storage) order, so a page stops reading after 20 matches
   * instead of sorting 20,000 (ORDER BY id would make the planner fetch every match first).
   */
  order: SQL | null;
  /**
   * For a tier found through the key index: the same rows as `where` without the key condition,
   * cheap to test row by row (LIKE alone), for reading the first pages of the table directly
   * when most rows match (rankedSearch).
   */
  probe?: SQL;
  /**
   * For the ranked search, a cheaper way to read the same rows: ids `id` from `from` under `where`,
   * in `order`, where `from` need not bind `i`. See licenceTiers.
   */
  source?: { id: SQL; from: SQL; where: SQL; order: SQL };
}

/**
 * The search keys of row `i`, computed in SQL from its search columns by ptp_search_keys() (defined
 * in db/migrations/0004_search_keys_expression.sql, equal to searchColumns().keys of
 * src/domain/registry/search.ts). They are not stored in the row: only the GIN index on this very
 * expression holds them, which keeps rows a quarter of the size (more of the table in memory,
 * fewer pages per search). The function is expensive, so it must only ever be used where the
 * index answers it: `keys @> ...` conditions, always next to a LIKE that implies them.
 */
const KEYS = sql`ptp_search_keys(i.search_text, i.pinyin, i.initials)`;
/** One text[] parameter, so the SQL text does not depend on the number of keys. */
const textArray = (values: string[]) => sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;
const hasKeys = (keys: string[]) => sql`${KEYS} @> ${textArray(keys)}`;
const like = (expr: SQL, pattern: string) => sql`${expr} like ${pattern}`;

// The same expressions as the indexes in db/schema/institutions.ts.
const NAME = sql`(split_part(i.search_text, '|', 1) collate "C")`;
const NAME_PINYIN = sql`(split_part(i.pinyin, '|', 1) collate "C")`;
const NAME_INITIALS = sql`(split_part(i.initials, '|', 1) collate "C")`;
const CODE = sql`(i.credit_code collate "C")`;
const BY_ID = null;

/** A tier found through the key index (`keys`), whose rows are exactly those of `test`. */
const keyed = (keys: SQL, test: SQL): Tier => ({ where: sql`${keys} and ${test}`, order: BY_ID, probe: test });

const licence = (condition: SQL) => sql`exists (select 1 from licences l where l.institution_id = i.id and ${condition})`;

/** Licence numbers always contain digits; a query without one cannot be a licence number. */
function licenceTiers(text: string): { exact: Tier | null; prefix: Tier | null } {
  if (!/\d/.test(text)) return { exact: null, prefix: null };
  const prefix = text + '%';
  return {
    exact: { where: licence(sql`l.number_norm = ${text}`), order: BY_ID },
    prefix: {
      where: licence(sql`l.number_norm like ${prefix}`),
      order: BY_ID,
      // Read from the licence-number index (which covers institution_id) in number order, ORDER BY
      // ... USING ~<~ being the order of its text_pattern_ops, stopping after the rows needed: each
      // institution once, at its first matching licence.
      source: {
        id: sql`lp.institution_id`,
        from: sql`licences lp`,
        where: sql`lp.number_norm like ${prefix} and not exists (select 1 from licences l
          where l.institution_id = lp.institution_id and l.number_norm like ${prefix} and l.number_norm ~<~ lp.number_norm)`,
        order: sql`lp.number_norm using ~<~`,
      },
    },
  };
}

export function searchTiers(plan: Exclude<SearchPlan, { kind: 'empty' }>): Tier[] {
  const { text } = plan;
  const tiers: (Tier | null)[] = [];
  const lic = licenceTiers(text);
  if (plan.kind === 'text') {
    tiers.push(
      lic.exact,
      { where: sql`${NAME} = ${text}`, order: BY_ID },
      { where: like(NAME, `${text}%`), order: NAME },
      keyed(hasKeys(plan.keys), like(NAME, `%${text}%`)),
      keyed(hasKeys(plan.keys), like(sql`i.search_text`, `%${text}%`)),
      lic.prefix,
    );
    return tiers.filter((t): t is Tier => t !== null);
  }
  const code = plan.codePrefix;
  // (pinyin keys and pinyin LIKE) or (initial keys and initials LIKE), written so that the keys
  // condition is exactly the bitmap index condition and drops out of the per-row filter: each
  // LIKE implies its keys, so this is the same set of rows.
  const pinyinLike = plan.pinyinKeys ? like(sql`i.pinyin`, `%${text}%`) : null;
  const initialsLike = like(sql`i.initials`, `%${text}%`);
  const inAnyName = pinyinLike ? sql`(${pinyinLike} or ${initialsLike})` : initialsLike;
  const anyKeys = plan.pinyinKeys ? sql`(${hasKeys(plan.pinyinKeys)} or ${hasKeys(plan.initialKeys)})` : hasKeys(plan.initialKeys);
  tiers.push(
    code && code.length === 18 ? { where: sql`i.credit_code = ${code}`, order: BY_ID } : null,
    lic.exact,
    { where: like(NAME_PINYIN, `${text}%`), order: NAME_PINYIN },
    { where: like(NAME_INITIALS, `${text}%`), order: NAME_INITIALS },
    keyed(anyKeys, inAnyName),
    code ? { where: like(CODE, `${code}%`), order: CODE } : null,
    lic.prefix,
  );
  return tiers.filter((t): t is Tier => t !== null);
}
