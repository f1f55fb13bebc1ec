/**
 * The definitions of the published rates (src/domain/complaints/complaint-rates.ts), on tables of
 * cases: what is counted over what, and that no set of cases can give more than 100%.
 */
import { describe, expect, it } from 'vitest';
import { onTimeRate, rate, shareOf, substantiatedRate, type RateCase } from '../../../src/domain/complaints/complaint-rates';

const TODAY = '2026-12-07';
const c = (over: Partial<RateCase>): RateCase => ({ status: 'accepted', dueOn: '2026-12-20', answeredOn: null, answeredOnTime: null, result: null, ...over });

describe('onTimeRate: answers given on time, of the answers due', () => {
  it.each([
    { why: 'an answer on time', cases: [c({ status: 'answered', answeredOn: '2026-12-01', answeredOnTime: true })], part: 1, whole: 1 },
    { why: 'a late answer is due and not on time', cases: [c({ status: 'closed', answeredOn: '2026-12-01', answeredOnTime: false, result: 'not_substantiated' })], part: 0, whole: 1 },
    { why: 'an open case past its day is due', cases: [c({ dueOn: '2026-12-01' })], part: 0, whole: 1 },
    { why: 'an open case within its time is not due yet', cases: [c({})], part: 0, whole: 0 },
    { why: 'a case paused for the complainant is not due', cases: [c({ status: 'awaiting_info', dueOn: '2026-12-01' })], part: 0, whole: 0 },
    { why: 'a reopened case that was answered counts once', cases: [c({ status: 'accepted', dueOn: '2026-12-01', answeredOn: '2026-11-28', answeredOnTime: true })], part: 1, whole: 1 },
  ])('$why: $part of $whole', ({ cases, part, whole }) => {
    expect(onTimeRate(cases, TODAY)).toEqual({ part, whole });
  });
});

describe('substantiatedRate: found substantiated (wholly or partly), of the closed cases', () => {
  it('counts only closed cases, partly substantiated included', () => {
    const cases = [
      c({ status: 'closed', result: 'substantiated' }),
      c({ status: 'closed', result: 'partly_substantiated' }),
      c({ status: 'closed', result: 'not_substantiated' }),
      c({ status: 'closed', result: 'withdrawn' }),
      c({ status: 'answered' }),
    ];
    expect(substantiatedRate(cases)).toEqual({ part: 2, whole: 4 });
  });
});

describe('rate', () => {
  it('refuses a part larger than its whole, and gives no share of nothing', () => {
    expect(() => rate(5, 4)).toThrow(RangeError);
    expect(() => rate(-1, 4)).toThrow(RangeError);
    expect(shareOf(rate(0, 0))).toBeNull();
    expect(shareOf(rate(1, 4))).toBe(0.25);
  });
});
