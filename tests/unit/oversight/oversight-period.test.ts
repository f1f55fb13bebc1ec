/**
 * The period of the oversight dashboard (src/domain/oversight/oversight-period.ts): defaults, and a message
 * per bad field instead of an error page.
 */
import { describe, expect, it } from 'vitest';
import { parseOversightPeriod } from '../../../src/domain/oversight/oversight-period';

const TODAY = '2026-06-15';
const parse = (query: string) => parseOversightPeriod(new URLSearchParams(query), TODAY);

describe('a good period', () => {
  it.each([
    ['', { from: '2026-01-01', to: TODAY }, 'nothing given: the year so far'],
    ['from=&to=', { from: '2026-01-01', to: TODAY }, 'blank fields are missing ones'],
    ['from=2026-03-01', { from: '2026-03-01', to: TODAY }, 'up to today'],
    ['to=2025-12-31', { from: '2025-01-01', to: '2025-12-31' }, 'from 1 January of the end year'],
    ['from=2025-07-01&to=2026-06-15', { from: '2025-07-01', to: TODAY }, 'across a year end'],
    ['from=2026-06-15&to=2026-06-15', { from: TODAY, to: TODAY }, 'a single day'],
    ['from=%202026-02-01%20', { from: '2026-02-01', to: TODAY }, 'spaces around a date'],
    ['from=2026-02-01&from=2020-01-01', { from: '2026-02-01', to: TODAY }, 'the first of repeated parameters'],
  ])('?%s → %j (%s)', (query, period) => {
    expect(parse(query)).toEqual({ ok: true, period });
  });
});

describe('a bad period: one message per field', () => {
  it.each([
    ['from=2026/03/01', 'from', '开始日期的格式应为“年-月-日”，例如 2026-03-01。'],
    ['from=yesterday', 'from', '开始日期的格式应为“年-月-日”，例如 2026-03-01。'],
    ['to=2026-02-30', 'to', '结束日期“2026-02-30”不存在，请检查月份和日子。'],
    ['to=2026-06-16', 'to', '结束日期不能晚于今天（2026年6月15日）。'],
    ['from=2026-05-01&to=2026-04-01', 'from', '开始日期不能晚于结束日期。'],
    ['from=2026-07-01', 'from', '开始日期不能晚于今天（2026年6月15日）。'],
    ['from=2019-12-31', 'from', '开始日期不能早于2020年1月1日。'],
  ])('?%s: %s says %s', (query, field, message) => {
    const parsed = parse(query);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([{ field, message }]);
  });

  it('reports both fields, in form order, and keeps what was typed', () => {
    const parsed = parse('to=2026-13-01&from=abc');
    expect(parsed).toEqual({
      ok: false,
      errors: [
        { field: 'from', message: '开始日期的格式应为“年-月-日”，例如 2026-03-01。' },
        { field: 'to', message: '结束日期“2026-13-01”不存在，请检查月份和日子。' },
      ],
      values: { from: 'abc', to: '2026-13-01' },
    });
  });
});
