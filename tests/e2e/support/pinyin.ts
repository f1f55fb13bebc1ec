/**
 * What a parent types on a pinyin keyboard for a name, worked out here with pinyin-pro rather than
 * with the portal's own src/domain/registry/search.ts, so the browser tests check the search against an
 * independent reading of the name.
 */
import { pinyin } from 'pinyin-pro';

/** Administrative prefixes nobody types when looking for a shop ("上海市普陀区星光英语培训学校"). */
const PREFIXES = ['上海市普陀区', '普陀区', '上海市', '上海'];
const ONLY_HAN = /^\p{Script=Han}+$/u;

export interface TypedName {
  /** Full pinyin without tones or spaces of the distinctive part ("xingguangyingyu"). */
  full: string;
  /** First letters of the syllables of that part ("xgyy"). */
  initials: string;
}

/**
 * The distinctive part of a Chinese name (without the district prefix, at most `chars` characters)
 * as full pinyin and as initials; null for names with Latin letters or punctuation. The syllables
 * come from reading the whole name, as a person does, so polyphones (长, 乐, 行) are read in context.
 */
export function typedName(name: string, chars = 6): TypedName | null {
  if (!ONLY_HAN.test(name)) return null;
  const syllables = pinyin(name, { toneType: 'none', type: 'array', v: true });
  if (syllables.length !== [...name].length) return null;
  const skip = PREFIXES.find((p) => name.startsWith(p))?.length ?? 0;
  const part = syllables.slice(skip, skip + chars).map((s) => s.toLowerCase());
  if (part.length < 2) return null;
  return { full: part.join(''), initials: part.map((s) => s[0]).join('') };
}
