/**
 * Suggests a complaint category from the resident's own description, and says why: the words that
 * matched (category-keywords.ts). It only suggests; the resident chooses, and a dispatcher can
 * change the category later. Plain keyword rules rather than a trained model, so every suggestion
 * can be explained and a wrong one fixed by editing a table. No dependencies, so an island can run
 * it in the browser for an instant hint.
 */
import { COMPLAINT_CATEGORIES } from './complaint-categories';
import { CATEGORY_KEYWORDS, type SuggestableCategory } from './category-keywords';

/** Below this score nothing is suggested as the category: one weak hint is not enough. */
export const MIN_SUGGESTION_SCORE = 3;
export const MAX_ALTERNATIVES = 3;

export interface CategoryScore {
  category: SuggestableCategory;
  score: number;
  /** The matched words, in the order they appear in the description. */
  matched: string[];
}

export interface CategorySuggestion {
  /** The suggested category, or null when no category scores MIN_SUGGESTION_SCORE. */
  top: CategoryScore | null;
  /** Other categories that matched, best first (at most MAX_ALTERNATIVES). */
  alternatives: CategoryScore[];
}

/** Full-width to half-width, lower case, no whitespace: "ＡＰＰ 退 费" matches "app退费". */
function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

const SUGGESTABLE = COMPLAINT_CATEGORIES.filter((c): c is SuggestableCategory => c !== 'other');

// Longest words first, so that a longer word claims its characters before a shorter one inside it.
const SORTED_KEYWORDS = new Map(
  SUGGESTABLE.map((category) => [
    category,
    Object.entries(CATEGORY_KEYWORDS[category]).sort(([a], [b]) => [...b].length - [...a].length),
  ]),
);

/** The categories each keyword belongs to. */
const CATEGORIES_OF = new Map<string, SuggestableCategory[]>();
for (const category of SUGGESTABLE) {
  for (const word of Object.keys(CATEGORY_KEYWORDS[category])) CATEGORIES_OF.set(word, [...(CATEGORIES_OF.get(word) ?? []), category]);
}

// Every keyword under its first code unit: the description is read once, and at each position only
// the few words starting with that character are tried. (Searching for each of the ~330 words in
// turn read a 4,000-character description 330 times.)
// (A plain loop, not Map.groupBy: this module also runs in the form's island on older phones.)
const BY_FIRST_UNIT = new Map<string, string[]>();
for (const word of CATEGORIES_OF.keys()) BY_FIRST_UNIT.set(word[0]!, [...(BY_FIRST_UNIT.get(word[0]!) ?? []), word]);

/** Where each keyword occurs in the text (overlapping occurrences included), in order. */
function occurrences(text: string): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (let at = 0; at < text.length; at++) {
    const words = BY_FIRST_UNIT.get(text[at]!);
    if (!words) continue;
    for (const word of words) {
      if (!text.startsWith(word, at)) continue;
      const list = found.get(word);
      if (list) list.push(at);
      else found.set(word, [at]);
    }
  }
  return found;
}

/** Scores one category: each word counts once, and only where a longer word has not matched. */
function scoreCategory(text: string, category: SuggestableCategory, where: Map<string, number[]>): CategoryScore {
  // Made on the first match only: most categories match nothing.
  let claimed: Uint8Array | null = null;
  const found: { word: string; at: number }[] = [];
  let score = 0;
  for (const [word, weight] of SORTED_KEYWORDS.get(category)!) {
    const starts = where.get(word);
    if (!starts) continue;
    let first = -1;
    for (const at of starts) {
      claimed ??= new Uint8Array(text.length);
      if (claimed.subarray(at, at + word.length).includes(1)) continue;
      claimed.fill(1, at, at + word.length);
      if (first < 0) first = at;
    }
    if (first >= 0) {
      score += weight;
      found.push({ word, at: first });
    }
  }
  found.sort((a, b) => a.at - b.at);
  return { category, score, matched: found.map((f) => f.word) };
}

/** All categories with at least one matched word, best first; ties keep the form's category order. */
export function scoreCategories(description: string): CategoryScore[] {
  const text = normalise(description);
  if (!text) return [];
  const where = occurrences(text);
  if (where.size === 0) return [];
  // Only the categories one of whose words occurs can score.
  const matching = new Set([...where.keys()].flatMap((word) => CATEGORIES_OF.get(word)!));
  return SUGGESTABLE.filter((category) => matching.has(category))
    .map((category) => scoreCategory(text, category, where))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || b.matched.length - a.matched.length);
}

/**
 * The suggested category for a description with the words that led to it, and the runners-up.
 * "老板突然关门跑路了，还有两万多课时费没上完" → prepaid_card, matched 关门, 跑路, 课时费, 没上完.
 */
export function suggestCategory(description: string): CategorySuggestion {
  const scores = scoreCategories(description);
  const best = scores[0];
  if (best && best.score >= MIN_SUGGESTION_SCORE) return { top: best, alternatives: scores.slice(1, 1 + MAX_ALTERNATIVES) };
  return { top: null, alternatives: scores.slice(0, MAX_ALTERNATIVES) };
}
