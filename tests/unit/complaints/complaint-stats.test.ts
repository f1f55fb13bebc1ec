import { describe, expect, it } from 'vitest';
import { complaintCounts, displayCount, displayShare, type StatsCase } from '../../../src/domain/complaints/complaint-stats';
import { rate } from '../../../src/domain/complaints/complaint-rates';

describe('displayCount hides counts that could point at a person', () => {
  it.each([
    [0, '0'],
    [1, '< 3'],
    [2, '< 3'],
    [3, '3'],
    [12345, '12,345'],
  ])('%i -> %s', (n, shown) => expect(displayCount(n)).toBe(shown));
});

describe('displayShare', () => {
  it('gives no share below three cases', () => {
    expect(displayShare(rate(2, 2))).toBeNull();
  });
  it('rounds to whole percent', () => {
    expect(displayShare(rate(2, 3))).toBe('67%');
    expect(displayShare(rate(5, 5))).toBe('100%');
  });
});

describe('complaintCounts (the public figures)', () => {
  const TODAY = '2026-12-07';
  const c = (over: Partial<StatsCase>): StatsCase => ({ status: 'accepted', dueOn: '2026-12-20', answeredOn: null, answeredOnTime: null, result: null, category: 'fees_refund', ...over });

  it('never shows more answers on time than were due: five answered on time, one closed (the 125% of the demo)', () => {
    const cases = [
      ...Array.from({ length: 4 }, () => c({ status: 'answered', answeredOn: '2026-12-01', answeredOnTime: true })),
      c({ status: 'closed', answeredOn: '2026-12-01', answeredOnTime: true, result: 'substantiated' }),
      c({ status: 'accepted', dueOn: '2026-11-30' }),
    ];
    const counts = complaintCounts(cases, TODAY);
    expect(counts.closed).toBe(1);
    expect(counts.onTime).toEqual({ part: 5, whole: 6 });
    expect(displayShare(counts.onTime)).toBe('83%');
  });

  it('counts categories, most first', () => {
    const counts = complaintCounts([c({ category: 'safety' }), c({}), c({})], TODAY);
    expect(counts.byCategory).toEqual([
      { category: 'fees_refund', count: 2 },
      { category: 'safety', count: 1 },
    ]);
    expect(counts.received).toBe(3);
  });
});
