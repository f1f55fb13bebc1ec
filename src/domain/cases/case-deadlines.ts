/**
 * Deadline flags of the staff queues: every open case shows whether it is overdue or
 * due soon, counted in working days (working-days.ts, with its holiday calendar). A case waiting
 * for the complainant is paused: its clock is stopped, so it is neither.
 */
import type { IsoDate } from '../shared/dates';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from '../shared/working-days';
import type { ComplaintStatus } from '../complaints/complaint-timeline';

/** A case is "due soon" on its last two working days (portal default). */
export const DUE_SOON_WORKING_DAYS = 2;
/** An assisting department gets the lead's deadline less this many working days to give its part. */
export const ASSIST_LEAD_TIME_WORKING_DAYS = 1;

export type DeadlineFlag = 'overdue' | 'due_soon' | 'on_track' | 'paused' | 'done';

export const DEADLINE_FLAG_NAMES: Record<DeadlineFlag, string> = {
  overdue: '已超期',
  due_soon: '即将到期',
  on_track: '正常',
  paused: '暂停计时',
  done: '已答复',
};

/** Answered, closed and merged cases no longer run against the answer deadline. */
const STOPPED: readonly ComplaintStatus[] = ['answered', 'closed', 'merged'];

/** The flag of a case on `today`; due is the (pause-adjusted) answer deadline. */
export function deadlineFlag(status: ComplaintStatus, due: IsoDate, today: IsoDate): DeadlineFlag {
  if (STOPPED.includes(status)) return 'done';
  if (status === 'awaiting_info') return 'paused';
  if (today > due) return 'overdue';
  // Working days left after today until the due day, the due day included.
  const left = workingDaysBetween(today, due) + (isWorkingDay(today) ? 1 : 0);
  return left <= DUE_SOON_WORKING_DAYS ? 'due_soon' : 'on_track';
}

/**
 * The sub-deadline of an assisting department: a working day before the lead's deadline, so the
 * lead can merge the parts into one reply; never before the next working day after dispatch.
 */
export function assistDueOn(dispatchedOn: IsoDate, leadDue: IsoDate): IsoDate {
  const earliest = addWorkingDays(dispatchedOn, 1);
  let due = earliest;
  // Walk forward while the next working day still leaves the lead its lead time.
  while (workingDaysBetween(due, leadDue) > ASSIST_LEAD_TIME_WORKING_DAYS) due = addWorkingDays(due, 1);
  return due > earliest ? due : earliest;
}

/** Answered on time: the answer came on or before the deadline day. */
export const answeredOnTime = (answeredOn: IsoDate, due: IsoDate): boolean => answeredOn <= due;
