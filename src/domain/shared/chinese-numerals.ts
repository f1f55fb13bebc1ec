/**
 * Chinese numerals as people write them in addresses: "三楼", "十二层", "二十三号", "一千号",
 * "三零一室" (read digit by digit). Only what an address needs: whole numbers below ten thousand.
 */

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** The characters a Chinese numeral in an address is made of. */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千';

/**
 * The value of a Chinese numeral, or null when the text is not one. Without 十/百/千 the digits are
 * read one by one ("三零一" → 301), as room numbers are said aloud.
 */
export function chineseNumeralValue(text: string): number | null {
  if (!text || [...text].some((c) => !(c in DIGITS) && !(c in UNITS))) return null;
  if (![...text].some((c) => c in UNITS)) return Number([...text].map((c) => DIGITS[c]).join(''));
  let total = 0;
  let pending: number | null = null;
  let lastUnit = Infinity;
  for (const c of text) {
    if (c in DIGITS) {
      if (pending !== null && DIGITS[c] !== 0) return null;
      pending = DIGITS[c]! === 0 ? null : DIGITS[c]!;
      continue;
    }
    const unit = UNITS[c]!;
    // Units must fall (一千二百), never repeat or rise (十百).
    if (unit >= lastUnit) return null;
    total += (pending ?? 1) * unit;
    pending = null;
    lastUnit = unit;
  }
  return total + (pending ?? 0);
}
