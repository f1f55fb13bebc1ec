import { describe, expect, it } from 'vitest';
import {
  ACCESS_CODE_ALPHABET,
  ACCESS_CODE_LENGTH,
  accessCodeSchema,
  formatAccessCode,
  formatTrackingNumber,
  generateAccessCode,
  normaliseAccessCode,
  parseTrackingForm,
  parseTrackingNumber,
  trackingNumberSchema,
} from '../../../src/domain/complaints/tracking';
import { toFormData } from '../../support/forms';

describe('tracking numbers', () => {
  it.each([
    { year: 2026, sequence: 123, text: 'PT-2026-000123' },
    { year: 2026, sequence: 1, text: 'PT-2026-000001' },
    { year: 2020, sequence: 999_999, text: 'PT-2020-999999' },
  ])('formats $year/$sequence as $text and reads it back', ({ year, sequence, text }) => {
    expect(formatTrackingNumber(year, sequence)).toBe(text);
    expect(parseTrackingNumber(text)).toEqual({ year, sequence });
  });

  it.each([
    [2019, 1],
    [10000, 1],
    [2026, 0],
    [2026, 1_000_000],
    [2026, 1.5],
  ])('refuses to format year %d, sequence %d', (year, sequence) => {
    expect(() => formatTrackingNumber(year, sequence)).toThrow(RangeError);
  });

  it.each(['pt-2026-000123', ' PT 2026 000123 ', 'PT2026000123', '2026-000123', 'ＰＴ－２０２６－０００１２３', 'PT–2026—000123'])('reads %j as typed', (input) => {
    expect(parseTrackingNumber(input)).toEqual({ year: 2026, sequence: 123 });
  });

  it.each(['', 'PT-2026-123', 'PT-26-000123', 'PT-2026-0001234', 'PX-2026-000123', '-2026-000123', 'PT-2019-000123', 'PT-2026-000000', 'PT-2026-00012O'])(
    'does not read %j',
    (input) => {
      expect(parseTrackingNumber(input)).toBeNull();
    },
  );
});

describe('access codes', () => {
  it('uses 31 characters without 0, O, 1, I or L', () => {
    expect(ACCESS_CODE_ALPHABET).toHaveLength(31);
    expect(new Set(ACCESS_CODE_ALPHABET).size).toBe(31);
    for (const c of '01OIL') expect(ACCESS_CODE_ALPHABET).not.toContain(c);
  });

  it('generates 10 characters of the alphabet, different each time', () => {
    const codes = Array.from({ length: 200 }, () => generateAccessCode());
    for (const code of codes) {
      expect(code).toHaveLength(ACCESS_CODE_LENGTH);
      for (const c of code) expect(ACCESS_CODE_ALPHABET).toContain(c);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('draws again for bytes that would bias the alphabet', () => {
    // 248..255 are rejected; 0 → '2', 30 → 'Z', 31 → '2' again, 247 → 247 % 31 = 30 → 'Z'.
    const bytes = [255, 248, 0, 30, 31, 247, 250, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const code = generateAccessCode((b) => {
      b.set(bytes);
      return b;
    });
    expect(code).toBe('2Z2Z345678');
  });

  it.each([
    ['k7mq2-xr9tb', 'K7MQ2XR9TB'],
    [' K7MQ2 XR9TB ', 'K7MQ2XR9TB'],
    ['Ｋ７ＭＱ２－ＸＲ９ＴＢ', 'K7MQ2XR9TB'],
  ])('normalises %j to %s', (input, code) => {
    expect(normaliseAccessCode(input)).toBe(code);
    expect(formatAccessCode(code)).toBe('K7MQ2-XR9TB');
  });
});

describe('the tracking form', () => {
  const VALID = { number: 'pt 2026 000123', code: 'k7mq2-xr9tb' };

  it('yields the canonical number and code', () => {
    expect(parseTrackingForm(VALID)).toEqual({ ok: true, value: { number: 'PT-2026-000123', code: 'K7MQ2XR9TB' } });
    expect(parseTrackingForm(toFormData(VALID))).toEqual({ ok: true, value: { number: 'PT-2026-000123', code: 'K7MQ2XR9TB' } });
  });

  it.each([
    { why: 'both empty', input: { number: '', code: '' }, errors: [
      { field: 'number', message: '请填写受理编号，例如 PT-2026-000123。' },
      { field: 'code', message: '请填写查询码（10位字母和数字，提交投诉时发给您）。' },
    ] },
    { why: 'both missing', input: {}, errors: [
      { field: 'number', message: '请填写受理编号，例如 PT-2026-000123。' },
      { field: 'code', message: '请填写查询码（10位字母和数字，提交投诉时发给您）。' },
    ] },
    { why: 'a short sequence', input: { ...VALID, number: 'PT-2026-123' }, errors: [{ field: 'number', message: '受理编号应为“PT-年份-6位数字”，例如 PT-2026-000123，请核对。' }] },
    { why: 'a code one character short', input: { ...VALID, code: 'K7MQ2XR9T' }, errors: [{ field: 'code', message: '查询码应为10位，您输入的是9位。' }] },
    { why: 'a code with the letter O', input: { ...VALID, code: 'K7MQ2OR9TB' }, errors: [{ field: 'code', message: '查询码第6位的“O”不会出现在查询码中（查询码不含 0、1、I、L、O 和符号），请核对。' }] },
    { why: 'a code with a zero', input: { ...VALID, code: '07MQ2XR9TB' }, errors: [{ field: 'code', message: '查询码第1位的“0”不会出现在查询码中（查询码不含 0、1、I、L、O 和符号），请核对。' }] },
    { why: 'not a form', input: 'PT-2026-000123', errors: [{ field: 'form', message: '提交的内容不是查询表单。' }] },
  ])('$why', ({ input, errors }) => {
    expect(parseTrackingForm(input)).toEqual({ ok: false, errors });
  });

  it('exposes the field schemas for the JSON API', () => {
    expect(trackingNumberSchema.parse('2026000123')).toBe('PT-2026-000123');
    expect(accessCodeSchema.safeParse('K7MQ2XR9TB1').success).toBe(false);
  });
});
