/**
 * Every complaint rate the portal publishes or shows its staff, each defined once with what it
 * counts over what. Why one module: the public statistics once divided on-time answers by *closed*
 * cases and printed "按期答复率 125%" while the staff dashboard, counting answers due, said 9%. Here a
 * rate is a part of a whole taken from the same cases, so it cannot pass 100%, and both pages call
 * the same function (tests/unit/complaints/complaint-rates.test.ts checks the definitions on tables,
 * tests/integration/oversight checks that the public page and the dashboard agree).
 */
import { deadlineFlag } from '../cases/case-deadlines';
import type { IsoDate } from '../shared/dates';
import type { ComplaintResult, ComplaintStatus } from './complaint-timeline';

/** A share with both counts kept: `part` of `whole` cases. */
export interface Rate {
  part: number;
  whole: number;
}

/** Makes a rate, refusing one that cannot be a share (a part larger than its whole). */
export function rate(part: number, whole: number): Rate {
  if (!Number.isInteger(part) || !Number.isInteger(whole) || part < 0 || part > whole) {
    throw new RangeError(`a rate needs 0 ≤ part ≤ whole, got ${part} of ${whole}`);
  }
  return { part, whole };
}

/** From 0 to 1, or null when the whole is empty. */
export const shareOf = (r: Rate): number | null => (r.whole === 0 ? null : r.part / r.whole);

/** What the rates read of a case. */
export interface RateCase {
  status: ComplaintStatus;
  dueOn: IsoDate;
  /** The day the answer was given (Shanghai), null when not answered yet. */
  answeredOn: IsoDate | null;
  answeredOnTime: boolean | null;
  result?: ComplaintResult | null;
}

/**
 * 按期答复率: answers given on time, of the answers due by `today`. An answer is due for every
 * case answered (on time or late) and for every open case overdue today (deadlineFlag: past its
 * due day and not paused for the complainant); a case still within its time is not counted yet.
 */
export function onTimeRate(cases: readonly RateCase[], today: IsoDate): Rate {
  const answered = cases.filter((c) => c.answeredOn !== null);
  const onTime = answered.filter((c) => c.answeredOnTime === true).length;
  const overdue = cases.filter((c) => c.answeredOn === null && deadlineFlag(c.status, c.dueOn, today) === 'overdue').length;
  return rate(onTime, answered.length + overdue);
}

const SUBSTANTIATED: readonly (ComplaintResult | null | undefined)[] = ['substantiated', 'partly_substantiated'];

/** 属实比例: closed cases found substantiated in whole or in part, of the closed cases. */
export function substantiatedRate(cases: readonly RateCase[]): Rate {
  const closed = cases.filter((c) => c.status === 'closed');
  return rate(closed.filter((c) => SUBSTANTIATED.includes(c.result)).length, closed.length);
}
