/**
 * Search normalisation and the search keys stored with each institution.
 *
 * Why our own keys: pg_trgm does not serve one- or two-character CJK queries, and
 * to_tsvector('simple') keeps a run of Chinese as one lexeme. So each institution has a text[] of
 * short keys (characters and bigrams of its names, trigrams of their pinyin and initials) behind a
 * GIN index; a query becomes "all these keys are present" plus a LIKE recheck on the normalised
 * text. It works the same on PGlite and PostgreSQL with no extension. The keys are not stored: the
 * index computes them with ptp_search_keys() (db/migrations/0004_search_keys_expression.sql) from
 * the three stored search columns, and searchColumns().keys below is its reference (a database
 * test checks that both agree), so keys on write and on read always agree.
 */
import { pinyin } from 'pinyin-pro';
import { CREDIT_CODE_ALPHABET } from './credit-code';

export const MAX_QUERY_LENGTH = 100;

/** NFKC (full-width to ASCII), lower case, without spaces, punctuation and symbols. */
export function normaliseText(input: string): string {
  return input.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

/**
 * Licence numbers are stored normalised like queries (沪教民（2021）12号 -> 沪教民202112号), so a
 * number typed with or without its brackets is found.
 */
export const normaliseLicenceNumber = normaliseText;

const HAN = /\p{Script=Han}/u;
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/**
 * Full pinyin without tones or spaces ("星光英语" -> "xingguangyingyu"); other characters kept.
 * ü is written v ("绿洲" -> "lvzhou"), as on every pinyin keyboard: a query can only hold [a-z0-9].
 */
export function compactPinyin(text: string): string {
  const norm = normaliseText(text);
  if (!norm) return '';
  return pinyin(norm, { toneType: 'none', type: 'array', v: true }).join('').toLowerCase();
}

/** First letters of each syllable ("星光英语" -> "xgyy"); Latin letters and digits kept as they are. */
export function pinyinInitials(text: string): string {
  const norm = normaliseText(text);
  if (!norm) return '';
  return pinyin(norm, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
}

function grams(text: string, n: number): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
  return out;
}

export interface SearchColumns {
  /** Normalised names, current first, joined by '|'. */
  searchText: string;
  /** Compact pinyin of each name, joined by '|'. */
  pinyin: string;
  /** Pinyin initials of each name, joined by '|'. */
  initials: string;
  /**
   * GIN-indexed keys: 'c:' characters and bigrams of names; 'p:' pinyin trigrams; 'i:' initials 1-3
   * grams. Not written to the database: ptp_search_keys() computes the same from the columns above.
   */
  keys: string[];
}

/** The search columns of an institution, from its current and former names. */
export function searchColumns(name: string, formerNames: readonly string[] = []): SearchColumns {
  const names = [name, ...formerNames].map(normaliseText).filter(Boolean);
  const py = names.map(compactPinyin);
  const ini = names.map(pinyinInitials);
  const keys = new Set<string>();
  for (const n of names) for (const g of [...grams(n, 1), ...grams(n, 2)]) keys.add(`c:${g}`);
  for (const p of py) for (const g of grams(p, 3)) keys.add(`p:${g}`);
  for (const i of ini) for (const g of [...grams(i, 1), ...grams(i, 2), ...grams(i, 3)]) keys.add(`i:${g}`);
  return { searchText: names.join('|'), pinyin: py.join('|'), initials: ini.join('|'), keys: [...keys].sort() };
}

/** How a normalised query is matched; the database layer turns a plan into SQL. */
export type SearchPlan =
  | { kind: 'empty' }
  /** Chinese (or mixed) text: all keys present, then `searchText LIKE %text%`. */
  | { kind: 'text'; text: string; keys: string[] }
  /**
   * Latin letters and digits: pinyin or initials substring, a credit-code prefix, a licence-number
   * prefix. `pinyinKeys` / `initialKeys` prefilter each alternative; an empty list means the
   * alternative is impossible for this query.
   */
  | { kind: 'latin'; text: string; pinyinKeys: string[] | null; initialKeys: string[]; codePrefix: string | null };

/** Keys that every row matching `text` as a substring must carry (length-1 and -2 grams). */
function requiredTextKeys(text: string): string[] {
  const chars = [...text];
  if (chars.length === 1) return [`c:${text}`];
  return [...new Set(grams(text, 2).map((g) => `c:${g}`))];
}

export function planSearch(rawQuery: string): SearchPlan {
  const text = normaliseText(rawQuery);
  if (!text) return { kind: 'empty' };
  if (hasHan(text) || !/^[a-z0-9]+$/.test(text)) return { kind: 'text', text, keys: requiredTextKeys(text) };
  const upper = text.toUpperCase();
  const codePrefix = [...upper].every((c) => CREDIT_CODE_ALPHABET.includes(c)) && upper.length <= 18 ? upper : null;
  // Pinyin trigrams prefilter queries of three or more letters; shorter ones can only be initials.
  const pinyinKeys = text.length >= 3 && /[a-z]/.test(text) ? [...new Set(grams(text, 3).map((g) => `p:${g}`))] : null;
  const initialKeys = text.length <= 3 ? [`i:${text}`] : [...new Set(grams(text, 3).map((g) => `i:${g}`))];
  return { kind: 'latin', text, pinyinKeys, initialKeys, codePrefix };
}

/** Rank of a result, lower is better: the order users expect when they type a code or a name. */
export const RANK = {
  exactCode: 0,
  exactLicence: 1,
  exactName: 2,
  namePrefix: 3,
  nameSubstring: 4,
  formerName: 5,
  pinyinPrefix: 6,
  pinyinSubstring: 7,
  codePrefix: 8,
  licencePrefix: 9,
} as const;
