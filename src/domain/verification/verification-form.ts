/**
 * The landlord's verification form (/verify) and the JSON body of POST /api/verifications: one
 * zod schema for both. The tenant is named by its 统一社会信用代码 or its 办学许可证号, or looked
 * up by its name or address (a `search`, which the server resolves to one institution, or to a
 * list to choose from: src/server/verification/tenant-lookup.ts); a malformed code is explained
 * exactly (describeCreditCodeProblem). Lease dates are optional, and an
 * end before the start is refused. Messages are Chinese sentences that say what to do;
 * VERIFY_FORM_FIELDS gives the order of the error summary.
 */
import { z } from 'zod';
import { creditCodeProblem, describeCreditCodeProblem, normaliseCreditCode } from '../registry/credit-code';
import { formatDateZh, ISO_DATE } from '../shared/dates';
import { blankToUndefined, countCharacters, fieldErrors, formValues, type FieldError } from '../shared/form-fields';
import type { TenantRef, VerificationInput } from './verification';
import { isCalendarDate } from '../shared/working-days';

export const VERIFY_FORM_FIELDS = ['tenant', 'address', 'leaseStart', 'leaseEnd', 'training'] as const;
export type VerifyFormField = (typeof VERIFY_FORM_FIELDS)[number];

export const VERIFY_LIMITS = { tenant: 60, address: 200, training: 200, earliest: '2000-01-01', latest: '2099-12-31' } as const;
const L = VERIFY_LIMITS;

const TENANT_REQUIRED = '请填写承租机构的统一社会信用代码（18位）、办学许可证号，或机构名称、地址。';

/** Shortest name or address looked up: one character matches half the registry. */
export const MIN_TENANT_SEARCH = 2;

/** The tenant as the form names it: a reference kept with the record, or a text to look up first. */
export type TenantQuery = TenantRef | { kind: 'search'; text: string };

/** A parsed form: as VerificationInput, but the tenant may still have to be looked up. */
export type VerificationRequest = Omit<VerificationInput, 'tenant'> & { tenant: TenantQuery };

/**
 * Licence numbers begin with the issuing bureau's abbreviation (教民…, 人社民…, 沪教民…) or end
 * in 号; anything else is read as a credit code, so a mistyped code is explained as one.
 */
export function looksLikeLicenceNumber(text: string): boolean {
  const t = text.normalize('NFKC').trim();
  return /^\p{Script=Han}/u.test(t) || /号$/.test(t);
}

/**
 * A credit code being typed: it starts with a digit (as every code does), or it is one run of 15
 * or more letters and digits. Such text is explained as a code, never looked up as a name.
 */
export function looksLikeCreditCode(text: string): boolean {
  const t = text.normalize('NFKC').trim();
  return /^\d/.test(t) || /^[0-9A-Za-z]{15,}$/.test(t);
}

/**
 * Reads the tenant field: a canonical credit code, a licence number as typed (Chinese text with a
 * digit that looks like one; the server looks it up as an address too when no licence has that
 * number, "金沙江路1000弄5号"), a name or address to look up, or what is wrong.
 */
export function parseTenant(raw: string): { ok: true; tenant: TenantQuery } | { ok: false; message: string } {
  const text = raw.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (!text) return { ok: false, message: TENANT_REQUIRED };
  const n = countCharacters(text);
  if (!looksLikeCreditCode(text)) {
    if (n > L.tenant) return { ok: false, message: `承租机构最多${L.tenant}个字，您写了${n}个字。请只写机构名称、地址或证号。` };
    if (looksLikeLicenceNumber(text) && /\d/.test(text)) return { ok: true, tenant: { kind: 'licence_number', number: text } };
    if (n < MIN_TENANT_SEARCH) return { ok: false, message: `按名称或地址查找，请至少写${MIN_TENANT_SEARCH}个字，例如“星光英语”。` };
    return { ok: true, tenant: { kind: 'search', text } };
  }
  const problem = creditCodeProblem(text);
  if (problem) return { ok: false, message: describeCreditCodeProblem(problem) };
  return { ok: true, tenant: { kind: 'credit_code', code: normaliseCreditCode(text) } };
}

const tenant = z.preprocess(
  blankToUndefined,
  z.string({ error: TENANT_REQUIRED }).transform((s, ctx) => {
    const parsed = parseTenant(s);
    if (parsed.ok) return parsed.tenant;
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  }),
);

const address = z.preprocess(
  blankToUndefined,
  z
    .string({ error: '请填写出租场所的地址，例如“金沙江路1000弄5号301室”。' })
    .transform((s) => s.trim())
    .refine((s) => countCharacters(s) <= L.address, { error: (iss) => `场所地址最多${L.address}个字，您写了${countCharacters(String(iss.input))}个字。` }),
);

/** An optional field: empty text, and null from a JSON client, mean "not given". */
const absent = (v: unknown) => (v === null ? undefined : blankToUndefined(v));

const leaseDate = (name: string) =>
  z.preprocess(
    absent,
    z
      .string({ error: `${name}请按“年-月-日”填写，例如 2026-09-01。` })
      .transform((s) => s.normalize('NFKC').trim())
      .superRefine((s, ctx) => {
        const fail = (message: string) => ctx.addIssue({ code: 'custom', message });
        if (!ISO_DATE.test(s)) return fail(`${name}的格式应为“年-月-日”，例如 2026-09-01。`);
        if (!isCalendarDate(s)) return fail(`${name}“${s}”不存在，请检查月份和日子。`);
        if (s < L.earliest || s > L.latest) return fail(`${name}应在${formatDateZh(L.earliest)}到${formatDateZh(L.latest)}之间。`);
      })
      .optional(),
  );

const training = z.preprocess(
  absent,
  z
    .string({ error: '拟开展的培训内容请填写文字。' })
    .transform((s) => s.replace(/\s+/g, ' ').trim())
    .refine((s) => countCharacters(s) <= L.training, {
      error: (iss) => `拟开展的培训内容最多${L.training}个字，您写了${countCharacters(String(iss.input))}个字。请只写课程名称，例如“少儿英语、硬笔书法”。`,
    })
    .optional(),
);

export const verificationFormSchema = z.preprocess(
  (input) => (input !== null && typeof input === 'object' ? formValues(input as Record<string, unknown>) : input),
  z
    .object({ tenant, address, leaseStart: leaseDate('租期开始日期'), leaseEnd: leaseDate('租期结束日期'), training }, { error: '提交的内容不是核验表单。' })
    .refine((v) => !v.leaseStart || !v.leaseEnd || v.leaseEnd >= v.leaseStart, {
      path: ['leaseEnd'],
      error: (iss) => {
        const v = iss.input as { leaseStart: string; leaseEnd: string };
        return `租期结束日期（${formatDateZh(v.leaseEnd)}）早于开始日期（${formatDateZh(v.leaseStart)}），请检查。`;
      },
      // Only when both dates are themselves valid; other fields' problems do not hide this one.
      when: (payload) =>
        typeof payload.value === 'object' &&
        payload.value !== null &&
        !payload.issues.some((i) => i.path?.[0] === 'leaseStart' || i.path?.[0] === 'leaseEnd'),
    })
    .transform(
      (v): VerificationRequest => ({
        tenant: v.tenant,
        address: v.address,
        leaseStart: v.leaseStart ?? null,
        leaseEnd: v.leaseEnd ?? null,
        training: v.training ?? null,
      }),
    ),
);

export type ParsedVerificationForm = { ok: true; value: VerificationRequest } | { ok: false; errors: FieldError[] };

/** Parses the form (FormData) or a JSON body; one error per field, in form order. */
export function parseVerificationForm(input: unknown): ParsedVerificationForm {
  const result = verificationFormSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: fieldErrors(result.error.issues, VERIFY_FORM_FIELDS) };
}
