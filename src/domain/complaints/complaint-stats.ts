/**
 * Public complaint statistics are counts only. A count of one or two could point at a person
 * (a small institution, a single parent), so it is shown as "< 3"; shares are given only when at
 * least three cases are behind them.
 */
export const SMALL_COUNT = 3;

/** "0", "< 3", or the number with thousands separators. */
export function displayCount(n: number): string {
  if (n === 0) return '0';
  if (n < SMALL_COUNT) return `< ${SMALL_COUNT}`;
  return n.toLocaleString('zh-CN');
}

/** A percentage such as "83%", or null when fewer than SMALL_COUNT cases are behind it. */
export function displayShare(part: number, whole: number): string | null {
  if (whole < SMALL_COUNT) return null;
  return `${Math.round((part / whole) * 100)}%`;
}

export interface ComplaintCounts {
  received: number;
  closed: number;
  substantiated: number;
  answeredOnTime: number;
  byCategory: { category: string; count: number }[];
}
