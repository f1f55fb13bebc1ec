/**
 * Public complaint statistics are counts, and rates with both their counts beside them
 * (complaint-rates.ts, the definitions the staff dashboard uses too). A count of one or two could
 * point at a person (a small institution, a single parent), so it is shown as "< 3"; a rate is
 * given only when at least three cases are behind it.
 */
import type { IsoDate } from '../shared/dates';
import { onTimeRate, substantiatedRate, type Rate, type RateCase } from './complaint-rates';

export const SMALL_COUNT = 3;

/** "0", "< 3", or the number with thousands separators. */
export function displayCount(n: number): string {
  if (n === 0) return '0';
  if (n < SMALL_COUNT) return `< ${SMALL_COUNT}`;
  return n.toLocaleString('zh-CN');
}

/** A percentage such as "83%", or null when fewer than SMALL_COUNT cases are behind it. */
export function displayShare(r: Rate): string | null {
  if (r.whole < SMALL_COUNT) return null;
  return `${Math.round((r.part / r.whole) * 100)}%`;
}

/** What the public figures read of a case. */
export interface StatsCase extends RateCase {
  category: string;
}

export interface ComplaintCounts {
  received: number;
  closed: number;
  /** Closed cases found substantiated in whole or in part, of the closed cases. */
  substantiated: Rate;
  /** Answers given on time, of the answers due by today. */
  onTime: Rate;
  byCategory: { category: string; count: number }[];
}

/** The public figures of a set of cases, as of `today`. */
export function complaintCounts(cases: readonly StatsCase[], today: IsoDate): ComplaintCounts {
  const byCategory = new Map<string, number>();
  for (const c of cases) byCategory.set(c.category, (byCategory.get(c.category) ?? 0) + 1);
  const substantiated = substantiatedRate(cases);
  return {
    received: cases.length,
    closed: substantiated.whole,
    substantiated,
    onTime: onTimeRate(cases, today),
    byCategory: [...byCategory]
      .map(([category, count]) => ({ category, count }))
      .sort((a, b) => b.count - a.count || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0)),
  };
}
