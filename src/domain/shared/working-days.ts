/**
 * Working days in mainland China and the answer deadlines of complaints.
 *
 * A working day is Monday to Friday, except public holidays, plus the Saturdays and Sundays that
 * the State Council makes working days (调休上班); the years are listed in calendar-cn.ts.
 *
 * Counting rule (as 民法典 第二百零一条 counts periods: the day of the event is not counted):
 * the deadline of n working days is the n-th working day AFTER the day the complaint was received.
 * A complaint received on a weekend or holiday therefore starts counting from the next working day:
 * that day is day 1. Received Monday with 5 days → due next Monday; received Saturday → due Friday.
 * The deadline always falls on a working day.
 *
 * Outside the covered years we do not throw: the intake of a complaint must not fail on 1 January
 * because next year's notice has not been added yet. Such dates fall back to "Monday to Friday",
 * and deadlineWithPauses says so with `calendarCovered: false`, so the interface can mark the
 * deadline as provisional ("节假日安排未公布，按周一至周五估算").
 */
import { CN_HOLIDAYS } from './calendar-cn';
import { addDays, ISO_DATE, type IsoDate } from './dates';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'make_up_workday';

interface YearIndex {
  holidays: Set<IsoDate>;
  makeUp: Set<IsoDate>;
}

const index = new Map<number, YearIndex | null>();

function yearIndex(year: number): YearIndex | null {
  if (!index.has(year)) {
    const entry = CN_HOLIDAYS[year];
    let built: YearIndex | null = null;
    if (entry) {
      const holidays = new Set<IsoDate>();
      for (const p of entry.holidays) for (let d = p.from; d <= p.to; d = addDays(d, 1)) holidays.add(d);
      built = { holidays, makeUp: new Set(entry.makeUpWorkdays) };
    }
    index.set(year, built);
  }
  return index.get(year)!;
}

/** 'YYYY-MM-DD' naming a day that exists (no 2026-02-30). */
export function isCalendarDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

function assertDate(date: IsoDate): void {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
}

/** Whether calendar-cn.ts lists the holidays of this year. */
export function isCalendarYearCovered(year: number): boolean {
  return yearIndex(year) !== null;
}

/** Whether every year from `from` to `to` (inclusive, in either order) is covered. */
export function calendarCovers(from: IsoDate, to: IsoDate): boolean {
  const [a, b] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))].sort((x, y) => x - y) as [number, number];
  for (let y = a; y <= b; y++) if (!isCalendarYearCovered(y)) return false;
  return true;
}

/** What kind of day a date is; outside the covered years only 'workday' or 'weekend'. */
export function dayKind(date: IsoDate): DayKind {
  assertDate(date);
  const year = yearIndex(Number(date.slice(0, 4)));
  if (year?.makeUp.has(date)) return 'make_up_workday';
  if (year?.holidays.has(date)) return 'holiday';
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6 ? 'weekend' : 'workday';
}

export function isWorkingDay(date: IsoDate): boolean {
  const kind = dayKind(date);
  return kind === 'workday' || kind === 'make_up_workday';
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, not ${n}`);
}

/** The n-th working day after `start` (start itself is never counted); n = 0 gives `start`. */
export function addWorkingDays(start: IsoDate, n: number): IsoDate {
  return deadlineWithPauses(start, n).due;
}

/**
 * Working days d with a < d ≤ b: how many working days later b is than a. Negative when b is
 * before a, so for a deadline: 0 = due today, 1 = due on the next working day, -1 = one day late.
 * workingDaysBetween(a, addWorkingDays(a, n)) === n.
 */
export function workingDaysBetween(a: IsoDate, b: IsoDate): number {
  assertDate(a);
  assertDate(b);
  if (b < a) return -workingDaysBetween(b, a);
  let count = 0;
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
  return count;
}

/** A time the case was with the complainant for more information: the clock stops. */
export interface Pause {
  /** The day the case was sent back; it still counts. */
  from: IsoDate;
  /** The day the complainant answered; it does not count (counting restarts the next day). */
  to: IsoDate;
}

export interface Deadline {
  due: IsoDate;
  /** Working days the deadline moved because of pauses. */
  pausedWorkingDays: number;
  /** False when a year between receipt and deadline is missing from calendar-cn.ts. */
  calendarCovered: boolean;
}

/**
 * The deadline of n working days from receipt, extended by every working day inside a pause.
 * A working day d is paused when from < d ≤ to for some pause: the day the case went back to the
 * complainant is the department's, and the day the answer arrives is treated like a new receipt.
 * Overlapping pauses count each day once.
 */
export function deadlineWithPauses(received: IsoDate, n: number, pauses: readonly Pause[] = []): Deadline {
  if (pauses.length > 0) return countDeadline(received, n, pauses);
  // Without pauses the answer depends on (received, n) only, and every complaint filed today asks
  // the same few questions: remembered, because walking the calendar day by day cost more than the
  // rest of filing's own arithmetic together (npm run bench, complaints).
  const key = `${received}|${n}`;
  let known = unpaused.get(key);
  if (!known) {
    known = countDeadline(received, n, pauses);
    if (unpaused.size >= UNPAUSED_MAX) unpaused.clear();
    unpaused.set(key, known);
  }
  return { ...known };
}

const UNPAUSED_MAX = 1000;
const unpaused = new Map<string, Deadline>();

function countDeadline(received: IsoDate, n: number, pauses: readonly Pause[]): Deadline {
  assertDate(received);
  assertCount(n);
  for (const p of pauses) {
    assertDate(p.from);
    assertDate(p.to);
    if (p.to < p.from) throw new RangeError(`a pause cannot end (${p.to}) before it starts (${p.from})`);
  }
  const isPaused = (d: IsoDate) => pauses.some((p) => p.from < d && d <= p.to);
  let due = received;
  let counted = 0;
  let pausedWorkingDays = 0;
  while (counted < n) {
    due = addDays(due, 1);
    if (!isWorkingDay(due)) continue;
    if (isPaused(due)) pausedWorkingDays++;
    else counted++;
  }
  return { due, pausedWorkingDays, calendarCovered: calendarCovers(received, due) };
}
