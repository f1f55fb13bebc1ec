/**
 * How a complainant follows a case without an account: a tracking number (受理编号,
 * PT-2026-000123: year received and a 6-digit sequence within the year) and an access code
 * (查询码), a 10-character secret given once at submission. The number alone shows nothing; both
 * together open the case, so the code is stored only as a hash (server code) and compared there.
 *
 * The code's alphabet leaves out 0/O and 1/I/L, which people misread when copying from a screen or
 * reading out on the phone: 31 characters, 10 of them ≈ 49.5 bits, ample behind a rate limit.
 */
import { z } from 'zod';
import { fieldErrors, formValues, type FieldError } from '../shared/form-fields';

export const TRACKING_PREFIX = 'PT';
/** The portal's first year; the plan itself dates from 2020. */
export const FIRST_TRACKING_YEAR = 2020;
export const MAX_SEQUENCE = 999_999;

export interface TrackingNumber {
  year: number;
  sequence: number;
}

/** PT-2026-000123. Throws for a year or sequence the format cannot hold. */
export function formatTrackingNumber(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < FIRST_TRACKING_YEAR || year > 9999) throw new RangeError(`tracking year out of range: ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE) throw new RangeError(`tracking sequence out of range: ${sequence}`);
  return `${TRACKING_PREFIX}-${year}-${String(sequence).padStart(6, '0')}`;
}

/** Full-width to ASCII, upper case, every kind of dash as '-', no spaces. */
function normaliseTyped(input: string): string {
  return input.normalize('NFKC').toUpperCase().replace(/[\u2010-\u2015\u2212]/g, '-').replace(/\s+/g, '');
}

const NUMBER_PATTERN = /^(?:PT-?)?(\d{4})-?(\d{6})$/;

/**
 * Reads a tracking number as people type it: "PT-2026-000123", "pt 2026 000123", "PT2026000123"
 * or without the prefix "2026-000123". Null when it is not one.
 */
export function parseTrackingNumber(input: string): TrackingNumber | null {
  const match = NUMBER_PATTERN.exec(normaliseTyped(input));
  if (!match) return null;
  const year = Number(match[1]);
  const sequence = Number(match[2]);
  if (year < FIRST_TRACKING_YEAR || sequence < 1) return null;
  return { year, sequence };
}

export const ACCESS_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const ACCESS_CODE_LENGTH = 10;

/**
 * A new access code from the platform's cryptographic random source. Bytes of 248 and above are
 * drawn again so that every character is equally likely (248 = 8 × 31).
 */
export function generateAccessCode(randomBytes: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const limit = 256 - (256 % ACCESS_CODE_ALPHABET.length);
  let code = '';
  while (code.length < ACCESS_CODE_LENGTH) {
    for (const byte of randomBytes(new Uint8Array(16))) {
      if (byte < limit && code.length < ACCESS_CODE_LENGTH) code += ACCESS_CODE_ALPHABET[byte % ACCESS_CODE_ALPHABET.length];
    }
  }
  return code;
}

/** What a person typed, as the code is stored: upper case, without spaces and hyphens. */
export function normaliseAccessCode(input: string): string {
  return normaliseTyped(input).replace(/-/g, '');
}

/** Shown in two groups of five so it can be read out and copied: "K7MQ2-XR9TB". */
export function formatAccessCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export function describeAccessCodeProblem(code: string): string | null {
  if (code.length === 0) return '请填写查询码（10位字母和数字，提交投诉时发给您）。';
  const bad = [...code].findIndex((c) => !ACCESS_CODE_ALPHABET.includes(c));
  if (bad >= 0) return `查询码第${bad + 1}位的“${[...code][bad]}”不会出现在查询码中（查询码不含 0、1、I、L、O 和符号），请核对。`;
  if (code.length !== ACCESS_CODE_LENGTH) return `查询码应为${ACCESS_CODE_LENGTH}位，您输入的是${code.length}位。`;
  return null;
}

const NUMBER_REQUIRED = '请填写受理编号，例如 PT-2026-000123。';

/** Yields the canonical tracking number, PT-2026-000123. */
export const trackingNumberSchema = z
  .string({ error: NUMBER_REQUIRED })
  .transform((s, ctx) => {
    if (normaliseTyped(s) === '') {
      ctx.addIssue({ code: 'custom', message: NUMBER_REQUIRED });
      return z.NEVER;
    }
    const parsed = parseTrackingNumber(s);
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: '受理编号应为“PT-年份-6位数字”，例如 PT-2026-000123，请核对。' });
      return z.NEVER;
    }
    return formatTrackingNumber(parsed.year, parsed.sequence);
  });

/** Yields the access code as stored (10 characters, no hyphen). */
export const accessCodeSchema = z
  .string({ error: '请填写查询码（10位字母和数字，提交投诉时发给您）。' })
  .transform(normaliseAccessCode)
  .superRefine((code, ctx) => {
    const problem = describeAccessCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const TRACKING_FORM_FIELDS = ['number', 'code'] as const;

export const trackingFormSchema = z.preprocess(
  (v) => (v !== null && typeof v === 'object' ? formValues(v as Record<string, unknown>) : v),
  z.object({ number: trackingNumberSchema, code: accessCodeSchema }, { error: '提交的内容不是查询表单。' }),
);
export type TrackingForm = z.output<typeof trackingFormSchema>;

export function parseTrackingForm(input: unknown): { ok: true; value: TrackingForm } | { ok: false; errors: FieldError[] } {
  const result = trackingFormSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: fieldErrors(result.error.issues, TRACKING_FORM_FIELDS) };
}
