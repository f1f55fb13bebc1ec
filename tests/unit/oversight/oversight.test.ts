/**
 * The oversight figures (src/domain/oversight/oversight.ts) from a table of cases, on the real 2026
 * calendar: today is Monday 2026-06-15 (端午 is 19-21 June, after it). Each case says in its
 * note why it counts where it does.
 */
import { describe, expect, it } from 'vitest';
import { ADDITIVE, daysToAnswer, median, NO_LEAD_NAME, NO_STREET_NAME, overdueNow, oversight, type GroupStats, type OversightCase } from '../../../src/domain/oversight/oversight';
import { cellText, OVERSIGHT_COLUMNS, oversightCsvName, oversightCsvRows } from '../../../src/domain/oversight/oversight-columns';
import { STREET_CODES } from '../../../src/domain/shared/reference';

const TODAY = '2026-06-15';
const PERIOD = { from: '2026-01-01', to: TODAY };

const kase = (c: Partial<OversightCase>): OversightCase => ({
  status: 'received',
  lead: null,
  street: 'changshou',
  receivedOn: '2026-06-01',
  dueOn: '2026-06-08',
  answeredOn: null,
  answeredOnTime: null,
  returns: 0,
  returnedBy: [],
  ...c,
});

const CASES: { note: string; c: OversightCase }[] = [
  { note: 'market, answered on time in 4 working days, closed', c: kase({ status: 'closed', lead: 'market', answeredOn: '2026-06-05', answeredOnTime: true }) },
  { note: 'market, answered late after 8 working days, not closed yet', c: kase({ status: 'answered', lead: 'market', receivedOn: '2026-06-02', dueOn: '2026-06-09', answeredOn: '2026-06-12', answeredOnTime: false }) },
  { note: 'market, accepted, due 10 June: overdue', c: kase({ status: 'accepted', lead: 'market', street: 'zhenru', receivedOn: '2026-06-03', dueOn: '2026-06-10' }) },
  { note: 'edu, accepted, due 17 June: on track', c: kase({ status: 'accepted', lead: 'edu', street: 'zhenru', receivedOn: '2026-06-10', dueOn: '2026-06-17' }) },
  {
    note: 'edu after 区消防救援支队 returned it; answered in 2 working days',
    c: kase({ status: 'closed', lead: 'edu', street: 'caojiadu', receivedOn: '2026-04-13', dueOn: '2026-04-20', answeredOn: '2026-04-15', answeredOnTime: true, returns: 1, returnedBy: ['fire'] }),
  },
  { note: 'not yet dispatched, past due: overdue under 待派单', c: kase({ status: 'received' }) },
  { note: 'waiting for the complainant, past its old due day: paused, not overdue; no street', c: kase({ status: 'awaiting_info', street: null, dueOn: '2026-06-05' }) },
  { note: 'merged into another case: received, neither open nor overdue', c: kase({ status: 'merged' }) },
  { note: 'received before the period: not counted anywhere', c: kase({ status: 'accepted', lead: 'market', receivedOn: '2025-12-30', dueOn: '2026-01-07' }) },
];

const figures = oversight(
  CASES.map((x) => x.c),
  PERIOD,
  TODAY,
);
const stats = (s: GroupStats) => ({ ...s });
const zero: GroupStats = { received: 0, answered: 0, answeredOnTime: 0, due: 0, onTimeShare: null, overdue: 0, medianWorkingDays: null, returned: 0, open: 0 };

describe('median', () => {
  it.each<[number[], number | null]>([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[1, 2, 3, 4], 2.5],
    [[8, 4], 6],
    [[0, 0, 7], 0],
  ])('median(%j) = %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('days to answer, in working days', () => {
  it.each<[string, string, number, string]>([
    ['2026-06-01', '2026-06-01', 0, 'answered on the day of receipt'],
    ['2026-06-01', '2026-06-05', 4, 'Monday to Friday'],
    ['2026-06-12', '2026-06-22', 5, 'over 端午 (19-21 June): 15, 16, 17, 18 and 22 count'],
    ['2026-06-13', '2026-06-15', 1, 'received on a Saturday, answered Monday'],
  ])('%s → %s: %i (%s)', (receivedOn, answeredOn, days) => {
    expect(daysToAnswer({ receivedOn, answeredOn })).toBe(days);
  });
});

describe('oversight figures per department', () => {
  const byName = Object.fromEntries(figures.departments.map((r) => [r.name, r]));

  it('lists the departments with cases, most cases first, and the cases without a lead last', () => {
    expect(figures.departments.map((r) => r.name)).toEqual(['区市场监管局', '区教育局', '区消防救援支队', NO_LEAD_NAME]);
    expect(figures.departments.at(-1)!.code).toBeNull();
  });

  it.each<[string, Partial<GroupStats>]>([
    ['区市场监管局', { received: 3, answered: 2, answeredOnTime: 1, due: 3, onTimeShare: 1 / 3, overdue: 1, medianWorkingDays: 6, returned: 0, open: 2 }],
    ['区教育局', { received: 2, answered: 1, answeredOnTime: 1, due: 1, onTimeShare: 1, overdue: 0, medianWorkingDays: 2, returned: 0, open: 1 }],
    // It led nothing, but it returned a case: that is what its row is about.
    ['区消防救援支队', { ...zero, returned: 1 }],
    // Not dispatched (overdue), paused, and merged: none answered, so no median and no share but 0 of 1 due.
    [NO_LEAD_NAME, { received: 3, answered: 0, answeredOnTime: 0, due: 1, onTimeShare: 0, overdue: 1, medianWorkingDays: null, returned: 0, open: 2 }],
  ])('%s', (name, expected) => {
    expect(stats(byName[name]!)).toMatchObject(expected);
  });
});

describe('oversight figures per street', () => {
  const byName = Object.fromEntries(figures.streets.map((r) => [r.name, r]));

  it('lists all ten streets in their order, empty ones too, then the cases without a street', () => {
    expect(figures.streets.slice(0, 10).map((r) => r.code)).toEqual([...STREET_CODES]);
    expect(figures.streets.at(-1)!.name).toBe(NO_STREET_NAME);
    expect(figures.streets).toHaveLength(11);
  });

  it.each<[string, Partial<GroupStats>]>([
    ['长寿路街道', { received: 4, answered: 2, answeredOnTime: 1, due: 3, overdue: 1, medianWorkingDays: 6, returned: 0, open: 2 }],
    ['真如镇街道', { received: 2, answered: 0, due: 1, onTimeShare: 0, overdue: 1, medianWorkingDays: null, open: 2 }],
    ['曹家渡街道', { received: 1, answered: 1, answeredOnTime: 1, due: 1, onTimeShare: 1, medianWorkingDays: 2, returned: 1, open: 0 }],
    ['桃浦镇', zero],
    [NO_STREET_NAME, { received: 1, overdue: 0, due: 0, onTimeShare: null, open: 1 }],
  ])('%s', (name, expected) => {
    expect(stats(byName[name]!)).toMatchObject(expected);
  });
});

describe('the district', () => {
  it('counts the period only', () => {
    expect(stats(figures.total)).toEqual({ received: 8, answered: 3, answeredOnTime: 2, due: 5, onTimeShare: 0.4, overdue: 2, medianWorkingDays: 4, returned: 1, open: 5 });
  });

  it.each(ADDITIVE)('departments (with 待派单) and streets (with 未注明街镇) each add up to the district: %s', (key) => {
    const sum = (rows: GroupStats[]) => rows.reduce((n, r) => n + (r[key] as number), 0);
    expect(sum(figures.departments)).toBe(figures.total[key]);
    expect(sum(figures.streets)).toBe(figures.total[key]);
  });

  it('with no cases: no departments, ten empty streets, an empty total', () => {
    const none = oversight([], PERIOD, TODAY);
    expect(none.departments).toEqual([]);
    expect(none.streets).toHaveLength(10);
    expect(none.streets.every((r) => r.received === 0 && r.medianWorkingDays === null && r.onTimeShare === null)).toBe(true);
    expect(none.total).toEqual(zero);
  });
});

describe('overdue today', () => {
  it('keeps what deadlineFlag calls overdue, with calendar days late', () => {
    const found = overdueNow(
      [
        { n: 'accepted, due Wednesday', status: 'accepted' as const, dueOn: '2026-06-10' },
        { n: 'waiting for the complainant', status: 'awaiting_info' as const, dueOn: '2026-06-10' },
        { n: 'answered late', status: 'answered' as const, dueOn: '2026-06-10' },
        { n: 'not dispatched, due Friday', status: 'received' as const, dueOn: '2026-06-12' },
        { n: 'due today', status: 'accepted' as const, dueOn: TODAY },
      ],
      TODAY,
    );
    expect(found.map((c) => [c.n, c.daysLate])).toEqual([
      ['accepted, due Wednesday', 5],
      ['not dispatched, due Friday', 3],
    ]);
  });
});

describe('the CSV', () => {
  const csv = oversightCsvRows(figures);

  it('has a header, a row per department and per street, and the district last', () => {
    expect(csv[0]).toEqual(['分组', '名称', ...OVERSIGHT_COLUMNS.map((c) => c.header), '受理日期自', '受理日期至', '统计日期']);
    expect(csv).toHaveLength(1 + figures.departments.length + figures.streets.length + 1);
    expect(csv.at(-1)!.slice(0, 3)).toEqual(['全区', '普陀区', '8']);
  });

  it('reads like the table: the same texts, an empty cell where the table shows a dash', () => {
    const market = csv.find((r) => r[1] === '区市场监管局')!;
    const row = figures.departments[0]!;
    expect(market[0]).toBe('部门');
    expect(market.slice(2, 2 + OVERSIGHT_COLUMNS.length)).toEqual(OVERSIGHT_COLUMNS.map((c) => cellText(row, c.key)));
    expect(market[OVERSIGHT_COLUMNS.findIndex((c) => c.key === 'onTimeShare') + 2]).toBe('33%');
    const taopu = csv.find((r) => r[1] === '桃浦镇')!;
    expect(taopu[OVERSIGHT_COLUMNS.findIndex((c) => c.key === 'medianWorkingDays') + 2]).toBe('');
    expect(market.slice(-3)).toEqual(['2026-01-01', TODAY, TODAY]);
  });

  it('is named by its period', () => {
    expect(oversightCsvName('2026-01-01', '2026-06-15')).toBe('putuo-oversight-20260101-20260615.csv');
  });
});
