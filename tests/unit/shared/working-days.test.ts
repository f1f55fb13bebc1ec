import { describe, expect, it } from 'vitest';
import { CN_CALENDAR_YEARS, CN_HOLIDAYS } from '../../../src/domain/shared/calendar-cn';
import { addDays, daysBetween } from '../../../src/domain/shared/dates';
import {
  addWorkingDays,
  calendarCovers,
  dayKind,
  deadlineWithPauses,
  isCalendarYearCovered,
  isWorkingDay,
  workingDaysBetween,
  type DayKind,
  type Pause,
} from '../../../src/domain/shared/working-days';

const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();

describe('the holiday table (calendar-cn.ts)', () => {
  it('covers 2024, 2025 and 2026', () => {
    expect(CN_CALENDAR_YEARS).toEqual([2024, 2025, 2026]);
    expect(isCalendarYearCovered(2026)).toBe(true);
    expect(isCalendarYearCovered(2027)).toBe(false);
  });

  // 《全国年节及纪念日放假办法》: 11 statutory days until 2024, 13 from 2025 (除夕 and 5月2日 added).
  // Every statutory day on a weekday is a weekday off; one on a weekend is made up by a weekday off;
  // every extra weekday off is paid back by a 调休上班 weekend day. So per year:
  // weekdays inside holiday periods − make-up days = statutory days.
  it.each([
    { year: 2024, statutory: 11 },
    { year: 2025, statutory: 13 },
    { year: 2026, statutory: 13 },
  ])('$year adds up to $statutory statutory days', ({ year, statutory }) => {
    const entry = CN_HOLIDAYS[year]!;
    let weekdaysOff = 0;
    for (const p of entry.holidays) {
      expect(p.from <= p.to).toBe(true);
      expect(p.from.slice(0, 4)).toBe(String(year));
      for (let d = p.from; d <= p.to; d = addDays(d, 1)) if (weekday(d) !== 0 && weekday(d) !== 6) weekdaysOff++;
    }
    expect(weekdaysOff - entry.makeUpWorkdays.length).toBe(statutory);
  });

  it.each(CN_CALENDAR_YEARS)('makes only Saturdays and Sundays outside holidays into make-up days in %i', (year) => {
    for (const d of CN_HOLIDAYS[year]!.makeUpWorkdays) {
      expect([0, 6], d).toContain(weekday(d));
      expect(dayKind(d)).toBe('make_up_workday');
    }
  });

  // The seven items of the 2026 notice as Xinhua released it on 2025-11-04 (受权发布), word for
  // word. Read here by pattern and compared with the table: dates, lengths, and the weekday the
  // notice gives in brackets for every date, so a slip in copying a date cannot pass.
  const NOTICE_2026 = [
    '一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。',
    '二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。',
    '三、清明节：4月4日（周六）至6日（周一）放假，共3天。',
    '四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。',
    '五、端午节：6月19日（周五）至21日（周日）放假，共3天。',
    '六、中秋节：9月25日（周五）至27日（周日）放假，共3天。',
    '七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。',
  ];
  const WEEKDAY_ZH = '日一二三四五六';
  const dateOf = (month: string, day: string) => `2026-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;

  it('has 2026 exactly as the notice gives it, every weekday in the notice agreeing with its date', () => {
    const holidays: { name: string; from: string; to: string }[] = [];
    const makeUp: string[] = [];
    for (const item of NOTICE_2026) {
      const m = /^.、(.+?)：(\d+)月(\d+)日（(?:[^）]*、)?周(.)）至(?:(\d+)月)?(\d+)日（(?:[^）]*、)?周(.)）放假(?:调休)?，共(\d+)天。(.*)$/.exec(item);
      if (!m) throw new Error(`not read: ${item}`);
      const [, name, month, day, fromWeekday, toMonth, toDay, toWeekday, days, rest] = m;
      const from = dateOf(month!, day!);
      const to = dateOf(toMonth ?? month!, toDay!);
      expect(WEEKDAY_ZH[weekday(from)], `${name} ${from}`).toBe(fromWeekday);
      expect(WEEKDAY_ZH[weekday(to)], `${name} ${to}`).toBe(toWeekday);
      expect(daysBetween(from, to) + 1, `${name} length`).toBe(Number(days));
      holidays.push({ name: name!, from, to });
      for (const w of rest!.matchAll(/(\d+)月(\d+)日（周(.)）/g)) {
        const date = dateOf(w[1]!, w[2]!);
        expect(WEEKDAY_ZH[weekday(date)], `${name} make-up ${date}`).toBe(w[3]);
        makeUp.push(date);
      }
    }
    expect(CN_HOLIDAYS[2026]!.holidays).toEqual(holidays);
    expect([...CN_HOLIDAYS[2026]!.makeUpWorkdays].sort()).toEqual(makeUp.sort());
  });
});

describe('dayKind and isWorkingDay', () => {
  it.each<{ date: string; kind: DayKind; why: string }>([
    { date: '2025-10-01', kind: 'holiday', why: 'National Day' },
    { date: '2025-10-04', kind: 'holiday', why: 'a Saturday inside the golden week' },
    { date: '2025-10-08', kind: 'holiday', why: 'the eighth day of the 2025 golden week (中秋 joined)' },
    { date: '2025-09-28', kind: 'make_up_workday', why: 'the Sunday before National Day' },
    { date: '2025-10-11', kind: 'make_up_workday', why: 'the Saturday after National Day' },
    { date: '2025-10-12', kind: 'weekend', why: 'an ordinary Sunday' },
    { date: '2025-10-09', kind: 'workday', why: 'back to work' },
    { date: '2024-02-09', kind: 'workday', why: '除夕 2024 was still a working day' },
    { date: '2025-01-28', kind: 'holiday', why: '除夕 2025 is a holiday under the new rules' },
    { date: '2026-02-14', kind: 'make_up_workday', why: 'the Saturday before the 2026 Spring Festival' },
    { date: '2026-02-23', kind: 'holiday', why: '正月初七 2026, last day off' },
    { date: '2026-01-04', kind: 'make_up_workday', why: 'the Sunday after New Year 2026' },
    { date: '2027-02-06', kind: 'weekend', why: 'outside the table: only weekends are known' },
    { date: '2027-02-08', kind: 'workday', why: 'outside the table: Monday counts as working' },
  ])('$date is a $kind: $why', ({ date, kind }) => {
    expect(dayKind(date)).toBe(kind);
    expect(isWorkingDay(date)).toBe(kind === 'workday' || kind === 'make_up_workday');
  });

  it.each(['2026-02-30', '2026-13-01', '2026-1-5', '', '2026-02-01T00:00'])('refuses %j', (date) => {
    expect(() => dayKind(date)).toThrow(RangeError);
  });
});

describe('addWorkingDays: the day received is not counted', () => {
  it.each([
    { why: 'an ordinary week, received Monday', start: '2025-03-03', n: 5, due: '2025-03-10' },
    { why: 'received on a Saturday: Monday is day 1', start: '2025-03-08', n: 5, due: '2025-03-14' },
    { why: 'received on a Sunday', start: '2025-03-09', n: 1, due: '2025-03-10' },
    { why: 'nothing to add', start: '2025-03-08', n: 0, due: '2025-03-08' },
    { why: 'National Day 2025: received the day before', start: '2025-09-30', n: 5, due: '2025-10-14' },
    { why: 'received during the golden week: due on a make-up Saturday', start: '2025-10-03', n: 3, due: '2025-10-11' },
    { why: 'Friday before National Day 2025: the make-up Sunday is day 1', start: '2025-09-26', n: 1, due: '2025-09-28' },
    { why: 'National Day 2024', start: '2024-09-27', n: 3, due: '2024-10-08' },
    { why: 'Spring Festival 2024: 除夕 worked, make-up Sunday after', start: '2024-02-08', n: 2, due: '2024-02-18' },
    { why: 'Spring Festival 2025, make-up Sunday before', start: '2025-01-24', n: 5, due: '2025-02-07' },
    { why: 'Spring Festival 2026, three days', start: '2026-02-13', n: 3, due: '2026-02-25' },
    { why: 'Spring Festival 2026, ten days across both make-up Saturdays', start: '2026-02-13', n: 10, due: '2026-03-05' },
    { why: 'Labour Day 2026', start: '2026-04-30', n: 2, due: '2026-05-07' },
    { why: 'across New Year 2026', start: '2025-12-31', n: 3, due: '2026-01-06' },
    { why: 'outside the table: weekends only', start: '2027-03-05', n: 5, due: '2027-03-12' },
  ])('$why: $start + $n → $due', ({ start, n, due }) => {
    expect(addWorkingDays(start, n)).toBe(due);
    expect(workingDaysBetween(start, due)).toBe(n);
    if (n > 0) expect(isWorkingDay(due)).toBe(true);
  });

  it.each([-1, 1.5, Number.NaN])('refuses %d working days', (n) => {
    expect(() => addWorkingDays('2025-03-03', n)).toThrow(RangeError);
  });

  it('is the inverse of workingDaysBetween every day of 2024 to 2026', () => {
    for (let d = '2024-01-01'; d <= '2026-12-20'; d = addDays(d, 1)) {
      expect(workingDaysBetween(d, addWorkingDays(d, 3)), d).toBe(3);
    }
  });
});

describe('workingDaysBetween', () => {
  it.each([
    { a: '2025-09-30', b: '2025-10-14', days: 5 },
    { a: '2025-10-14', b: '2025-09-30', days: -5 },
    { a: '2025-10-01', b: '2025-10-08', days: 0 },
    { a: '2025-10-08', b: '2025-10-09', days: 1 },
    { a: '2026-03-10', b: '2026-03-10', days: 0 },
    { a: '2026-03-10', b: '2026-03-09', days: -1 },
    { a: '2024-01-01', b: '2024-12-31', days: 251 },
  ])('$a → $b: $days', ({ a, b, days }) => {
    expect(workingDaysBetween(a, b)).toBe(days);
  });
});

describe('deadlineWithPauses', () => {
  it.each<{ why: string; received: string; n: number; pauses: Pause[]; due: string; paused: number }>([
    { why: 'no pause', received: '2025-03-03', n: 5, pauses: [], due: '2025-03-10', paused: 0 },
    { why: 'sent back Tuesday, answered Thursday: Wednesday and Thursday do not count', received: '2025-03-03', n: 5, pauses: [{ from: '2025-03-04', to: '2025-03-06' }], due: '2025-03-12', paused: 2 },
    { why: 'sent back and answered the same day', received: '2025-03-03', n: 5, pauses: [{ from: '2025-03-04', to: '2025-03-04' }], due: '2025-03-10', paused: 0 },
    { why: 'a pause over a weekend costs nothing', received: '2025-03-03', n: 5, pauses: [{ from: '2025-03-07', to: '2025-03-09' }], due: '2025-03-10', paused: 0 },
    { why: 'a pause across the 2025 golden week counts only its working days, make-up Sunday included', received: '2025-09-25', n: 5, pauses: [{ from: '2025-09-26', to: '2025-10-09' }], due: '2025-10-14', paused: 4 },
    { why: 'overlapping pauses count each day once', received: '2025-03-03', n: 5, pauses: [{ from: '2025-03-04', to: '2025-03-06' }, { from: '2025-03-05', to: '2025-03-07' }], due: '2025-03-13', paused: 3 },
    { why: 'two separate pauses add up', received: '2025-03-03', n: 5, pauses: [{ from: '2025-03-03', to: '2025-03-04' }, { from: '2025-03-10', to: '2025-03-11' }], due: '2025-03-12', paused: 2 },
    { why: 'a pause before receipt is ignored', received: '2025-03-03', n: 5, pauses: [{ from: '2025-02-20', to: '2025-02-27' }], due: '2025-03-10', paused: 0 },
  ])('$why', ({ received, n, pauses, due, paused }) => {
    expect(deadlineWithPauses(received, n, pauses)).toEqual({ due, pausedWorkingDays: paused, calendarCovered: true });
  });

  it('flags a deadline that runs into a year missing from the table', () => {
    // 2027-01-01 is a Friday; without the 2027 notice it counts as a working day.
    expect(deadlineWithPauses('2026-12-28', 5)).toEqual({ due: '2027-01-04', pausedWorkingDays: 0, calendarCovered: false });
    expect(deadlineWithPauses('2026-12-21', 5).calendarCovered).toBe(true);
    expect(calendarCovers('2023-12-29', '2024-01-03')).toBe(false);
  });

  it('refuses a pause that ends before it starts', () => {
    expect(() => deadlineWithPauses('2025-03-03', 5, [{ from: '2025-03-06', to: '2025-03-04' }])).toThrow(/cannot end/);
  });
});
