import { describe, expect, it } from 'vitest';
import { ISO_DATE, addDays, daysBetween, formatDateZh, todayInShanghai } from '../../../src/domain/shared/dates';

describe('formatDateZh', () => {
  it.each([
    { date: '2026-11-28', text: '2026年11月28日' },
    { date: '2026-01-05', text: '2026年1月5日' },
    { date: '2020-04-03', text: '2020年4月3日' },
    { date: null, text: '—' },
    { date: undefined, text: '—' },
    { date: '', text: '—' },
  ])('$date -> $text', ({ date, text }) => {
    expect(formatDateZh(date)).toBe(text);
  });
});

describe('addDays', () => {
  it.each([
    { date: '2026-06-15', days: 0, result: '2026-06-15' },
    { date: '2026-06-15', days: 90, result: '2026-09-13' },
    { date: '2026-01-31', days: 1, result: '2026-02-01' },
    { date: '2026-02-28', days: 1, result: '2026-03-01' },
    { date: '2024-02-28', days: 1, result: '2024-02-29' },
    { date: '2026-12-31', days: 1, result: '2027-01-01' },
    { date: '2027-01-01', days: -1, result: '2026-12-31' },
    { date: '2026-03-01', days: -1, result: '2026-02-28' },
    { date: '2026-12-20', days: 30, result: '2027-01-19' },
    { date: '2026-01-01', days: 365, result: '2027-01-01' },
    { date: '2024-01-01', days: 365, result: '2024-12-31' },
  ])('$date + $days = $result', ({ date, days, result }) => {
    expect(addDays(date, days)).toBe(result);
    expect(daysBetween(date, result)).toBe(days);
  });
});

describe('todayInShanghai', () => {
  it.each([
    { utc: '2026-11-27T23:30:00Z', today: '2026-11-28', why: '23:30 UTC is already 07:30 the next day' },
    { utc: '2026-11-28T15:59:59Z', today: '2026-11-28', why: 'one second before midnight in Shanghai' },
    { utc: '2026-11-28T16:00:00Z', today: '2026-11-29', why: 'midnight in Shanghai' },
    { utc: '2026-12-31T16:30:00Z', today: '2027-01-01', why: 'new year arrives eight hours early' },
    { utc: '2026-07-01T03:00:00Z', today: '2026-07-01', why: 'no daylight saving in summer' },
  ])('$utc is $today ($why)', ({ utc, today }) => {
    const result = todayInShanghai(new Date(utc));
    expect(result).toBe(today);
    expect(result).toMatch(ISO_DATE);
  });
});
