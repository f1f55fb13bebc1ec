/**
 * Deadline arithmetic of the staff queues (src/domain/cases/case-deadlines.ts over working-days.ts), on
 * the real 2026 calendar of calendar-cn.ts: 国庆 2026-10-01..07 with the make-up working days
 * Sunday 2026-09-20 and Saturday 2026-10-10; 春节 2026-02-15..23 with the make-up working days
 * Saturday 2026-02-14 and Saturday 2026-02-28.
 */
import { describe, expect, it } from 'vitest';
import { answeredOnTime, assistDueOn, deadlineFlag, type DeadlineFlag } from '../../../src/domain/cases/case-deadlines';
import { pausesFromEvents } from '../../../src/domain/cases/case-facts';
import type { ComplaintStatus } from '../../../src/domain/complaints/complaint-timeline';
import { dayKind, deadlineWithPauses } from '../../../src/domain/shared/working-days';

describe('the calendar this file relies on', () => {
  it.each([
    ['2026-09-20', 'make_up_workday'],
    ['2026-10-01', 'holiday'],
    ['2026-10-07', 'holiday'],
    ['2026-10-10', 'make_up_workday'],
    ['2026-02-14', 'make_up_workday'],
    ['2026-02-23', 'holiday'],
    ['2026-02-28', 'make_up_workday'],
  ])('%s is a %s', (date, kind) => {
    expect(dayKind(date)).toBe(kind);
  });
});

describe('deadlineFlag around 国庆 2026', () => {
  // Due Friday 2026-10-09: the working days left are 30 Sep, 8 Oct and 9 Oct, not the nine
  // calendar days a naive count would see.
  it.each<{ today: string; flag: DeadlineFlag; why: string }>([
    { today: '2026-09-29', flag: 'on_track', why: 'four working days left: 29, 30 Sep, 8, 9 Oct' },
    { today: '2026-09-30', flag: 'on_track', why: 'three working days left, the holiday in between counts for nothing' },
    { today: '2026-10-03', flag: 'due_soon', why: 'inside the holiday only 8 and 9 Oct are left' },
    { today: '2026-10-08', flag: 'due_soon', why: 'today and tomorrow' },
    { today: '2026-10-09', flag: 'due_soon', why: 'due today' },
    { today: '2026-10-10', flag: 'overdue', why: 'the make-up Saturday after the deadline' },
  ])('due 2026-10-09, on $today: $flag ($why)', ({ today, flag }) => {
    expect(deadlineFlag('accepted', '2026-10-09', today)).toBe(flag);
  });

  it('counts the make-up Saturday 2026-10-10 as a working day left', () => {
    // Due Monday 12 Oct; on Friday 9 Oct three working days are left (9, Saturday 10, 12), so not yet due soon.
    expect(deadlineFlag('dispatched', '2026-10-12', '2026-10-09')).toBe('on_track');
    // On the make-up Saturday itself: 10 and 12 Oct are left.
    expect(deadlineFlag('dispatched', '2026-10-12', '2026-10-10')).toBe('due_soon');
    // On Sunday 11 Oct only Monday is left.
    expect(deadlineFlag('dispatched', '2026-10-12', '2026-10-11')).toBe('due_soon');
  });

  it('never marks answered, closed, merged or paused cases as late', () => {
    const late = '2026-12-01';
    const cases: [ComplaintStatus, DeadlineFlag][] = [
      ['answered', 'done'],
      ['closed', 'done'],
      ['merged', 'done'],
      ['awaiting_info', 'paused'],
      ['received', 'overdue'],
      ['coordinating', 'overdue'],
    ];
    for (const [status, flag] of cases) expect(deadlineFlag(status, '2026-10-09', late), status).toBe(flag);
  });
});

describe('answer deadlines across holidays, make-up days and pauses', () => {
  it('counts the make-up Saturday before 春节 and skips the festival', () => {
    // Received Friday 13 Feb, 5 working days: Sat 14 (make-up), then 24, 25, 26, 27 Feb.
    expect(deadlineWithPauses('2026-02-13', 5)).toMatchObject({ due: '2026-02-27', pausedWorkingDays: 0 });
  });

  it('can fall due on the make-up Saturday after 国庆', () => {
    // Received Monday 28 Sep: 29, 30 Sep, 8, 9 Oct, Saturday 10 Oct.
    expect(deadlineWithPauses('2026-09-28', 5).due).toBe('2026-10-10');
  });

  it('moves the deadline by the working days the case waited for the complainant', () => {
    // Sent back on 29 Sep (that day counts), answered on 9 Oct (the clock restarts the day after):
    // 30 Sep, 8 and 9 Oct were paused, so three more working days: 12, 13, 14 Oct.
    const d = deadlineWithPauses('2026-09-28', 5, [{ from: '2026-09-29', to: '2026-10-09' }]);
    expect(d).toMatchObject({ due: '2026-10-14', pausedWorkingDays: 3 });
  });

  it('costs nothing when the pause lies inside the holiday', () => {
    const d = deadlineWithPauses('2026-09-28', 5, [{ from: '2026-10-02', to: '2026-10-07' }]);
    expect(d).toMatchObject({ due: '2026-10-10', pausedWorkingDays: 0 });
  });

  it('rebuilds the pauses from the timeline, one per answered request', () => {
    const pauses = pausesFromEvents([
      { kind: 'received', data: {} },
      { kind: 'info_requested', data: { pausedOn: '2026-09-29' } },
      { kind: 'info_received', data: { pausedOn: '2026-09-29', resumedOn: '2026-10-09' } },
      { kind: 'info_requested', data: { pausedOn: '2026-10-12' } },
      { kind: 'info_received', data: { pausedOn: '2026-10-12', resumedOn: '2026-10-13' } },
      // A request not yet answered is not a pause yet.
      { kind: 'info_requested', data: { pausedOn: '2026-10-14' } },
    ]);
    expect(pauses).toEqual([
      { from: '2026-09-29', to: '2026-10-09' },
      { from: '2026-10-12', to: '2026-10-13' },
    ]);
    // Three paused working days, then one more (13 Oct): 12 is the day sent back and counts.
    expect(deadlineWithPauses('2026-09-28', 5, pauses)).toMatchObject({ due: '2026-10-15', pausedWorkingDays: 4 });
  });
});

describe('assistDueOn: the assisting departments give their part a working day before the lead', () => {
  it.each([
    { dispatched: '2026-09-28', leadDue: '2026-10-10', due: '2026-10-09', why: 'the working day before the make-up Saturday' },
    { dispatched: '2026-09-28', leadDue: '2026-10-12', due: '2026-10-10', why: 'the make-up Saturday is that working day' },
    { dispatched: '2026-02-13', leadDue: '2026-02-27', due: '2026-02-26', why: 'across 春节' },
    { dispatched: '2026-09-30', leadDue: '2026-10-08', due: '2026-10-08', why: 'no room: the next working day, the lead’s own deadline' },
    { dispatched: '2026-10-09', leadDue: '2026-10-08', due: '2026-10-10', why: 'dispatched late: never before the next working day' },
  ])('dispatched $dispatched, lead due $leadDue → $due ($why)', ({ dispatched, leadDue, due }) => {
    expect(assistDueOn(dispatched, leadDue)).toBe(due);
  });
});

describe('answeredOnTime', () => {
  it('counts the deadline day itself as on time', () => {
    expect(answeredOnTime('2026-10-09', '2026-10-09')).toBe(true);
    expect(answeredOnTime('2026-10-10', '2026-10-09')).toBe(false);
  });
});
