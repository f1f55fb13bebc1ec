/**
 * The words that name what a cached public page shows. A page declares its tags with cachePublic()
 * (src/server/http/page-cache.ts); a write announces the tags it affects with announceChange()
 * (db/queries/shared/change-notices.ts), and every server process purges the pages so tagged.
 * Both take only a CacheTag, so a tag a page sets is one a change can name, and a misspelt tag
 * fails to compile instead of leaving a page stale for a minute (.astro pages, which tsc does not
 * read, are held to the same words by tests/unit/shared/cache-tags.test.ts). Pure words with no
 * I/O: db/ may import them, and the front server (src/server/http/front.mjs, plain JavaScript)
 * reads them back as strings.
 */

/** The subjects of public pages; a page carries the tag of every subject it shows. */
export const SUBJECT_TAGS = [
  // Anything that shows institutions: search, profiles, the home page, lists, open data, sitemaps.
  'registry',
  // The black and white lists and their latest changes (list decisions).
  'lists',
  // Risk warnings, their page and their Atom feed.
  'warnings',
  // Model contracts: their key clauses and the uploaded files.
  'contracts',
  // Double-random draws (双随机、一公开).
  'draws',
  // Reference data (responsible bodies, training fields): changes only with a new release.
  'reference',
] as const;

export type SubjectTag = (typeof SUBJECT_TAGS)[number];

/** One institution's profile and its API answer, purged when that institution changes. */
export type InstitutionTag = `institution:${string}`;

export type CacheTag = SubjectTag | InstitutionTag;

/** The tag of one institution's pages, by its 统一社会信用代码. */
export const institutionTag = (creditCode: string): InstitutionTag => `institution:${creditCode}`;
