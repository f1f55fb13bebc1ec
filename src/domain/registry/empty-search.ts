/**
 * What an empty registry search offers instead of a dead end (issue 16, item 7): other ways to
 * type the same query, and whether filters were what emptied it. Pure: the page
 * (src/components/search/NoResults.astro) turns the suggestions into links.
 *
 * Why these suggestions: the search matches names as substrings, so a full legal name typed with
 * a different prefix or suffix ("上海普陀星光英语培训学校" for "上海市普陀区星光英语培训中心")
 * finds nothing while its distinctive middle does; and a Chinese name typed with a wrong
 * character of the same sound (星光 / 新光) is found by its pinyin, which search matches too.
 */
import type { InstitutionQuery } from './institution-query';
import { compactPinyin, hasHan, normaliseText, pinyinInitials } from './search';

export type SuggestionKind = 'shorter' | 'pinyin' | 'initials';

export interface QuerySuggestion {
  kind: SuggestionKind;
  /** The query to search for instead. */
  q: string;
}

/**
 * Generic words of institution names, longest first: places, legal forms and kinds of school.
 * A query that differs from a registered name only in these is still about the same institution.
 */
const GENERIC_WORDS = [
  '有限责任公司', '股份有限公司', '有限公司', '上海市', '普陀区', '上海', '普陀',
  '职业技能培训学校', '培训学校', '培训中心', '培训机构', '培训部', '培训班', '教育科技', '文化传播', '艺术培训',
  '进修学校', '学校', '中心', '工作室', '机构', '公司', '分校', '校区',
];

/** Fewest characters a shorter query keeps: one Chinese character matches half the registry. */
const MIN_SHORT_HAN = 2;
const MIN_SHORT_LATIN = 3;
/** At most this many suggestions: a short list is read, a long one skipped. */
export const MAX_SUGGESTIONS = 3;

/** The query without the generic words of names, or null when nothing distinctive is left. */
export function distinctivePart(text: string): string | null {
  let core = normaliseText(text);
  for (const word of GENERIC_WORDS) core = core.split(word).join('');
  return [...core].length >= MIN_SHORT_HAN ? core : null;
}

/** A shorter query: the distinctive part of a Chinese name, else its first half (of Latin text too). */
export function shorterQuery(raw: string): string | null {
  const text = normaliseText(raw);
  const chars = [...text];
  if (hasHan(text)) {
    const core = distinctivePart(text);
    if (core && core !== text) return core;
    if (chars.length <= MIN_SHORT_HAN * 2 - 1) return null;
    return chars.slice(0, Math.max(MIN_SHORT_HAN, Math.ceil(chars.length / 2))).join('');
  }
  // Digits alone are a code or a licence number: a shorter one is another institution's.
  if (/^\d+$/.test(text) || chars.length <= MIN_SHORT_LATIN + 1) return null;
  return chars.slice(0, Math.max(MIN_SHORT_LATIN, Math.ceil(chars.length / 2))).join('');
}

/**
 * Other queries to try after `raw` found nothing, best first, none equal to what was searched:
 * a shorter query, then (for Chinese) the pinyin of its distinctive part and its initials.
 */
export function emptySearchSuggestions(raw: string): QuerySuggestion[] {
  const text = normaliseText(raw);
  if (!text) return [];
  const out: QuerySuggestion[] = [];
  const add = (kind: SuggestionKind, q: string | null) => {
    if (q && q !== text && !out.some((s) => s.q === q)) out.push({ kind, q });
  };
  add('shorter', shorterQuery(text));
  if (hasHan(text)) {
    const core = distinctivePart(text) ?? text;
    add('pinyin', compactPinyin(core));
    const initials = pinyinInitials(core);
    // Two letters match hundreds of names: initials help only from three on.
    if (initials.length >= 3) add('initials', initials);
  }
  return out.slice(0, MAX_SUGGESTIONS);
}

/** The filters of a registry query that narrow it (not the text, sort or page). */
export const NARROWING_FILTERS = ['field', 'street', 'status', 'licence', 'delivery', 'operating'] as const;

/** Whether a query narrows by any filter: then an empty result may be the filters', not the name's. */
export function hasNarrowingFilters(query: Partial<InstitutionQuery>): boolean {
  return NARROWING_FILTERS.some((f) => Boolean(query[f]));
}
