/**
 * The complaint form: one zod schema for the HTML form and for the Open311 POST (open311-request.ts
 * maps its parameters onto these names). Input arrives as strings (FormData): an empty optional
 * field is missing, a ticked checkbox is "on". Every message is a Chinese sentence that names the
 * field and says what to do; COMPLAINT_FORM_FIELDS gives the order of the error summary.
 *
 * The institution is either listed (its 统一社会信用代码) or, when the resident cannot find it in
 * the registry (ticks "机构不在名录中"), described by name, address and street.
 */
import { z } from 'zod';
import { COMPLAINT_CATEGORIES } from './complaint-categories';
import { creditCodeSchema } from '../registry/credit-code';
import { formatDateZh, type IsoDate } from '../shared/dates';
import { blankToUndefined, checkboxValue, countCharacters, fieldErrors, formValues, type FieldError } from '../shared/form-fields';
import { MOBILE, MOBILE_MESSAGE, normaliseMobile } from '../shared/mobile';
import { STREET_CODES } from '../shared/reference';
import { isCalendarDate } from '../shared/working-days';

export const FILER_ROLES = ['parent', 'resident', 'landlord', 'institution_staff', 'other'] as const;
export type FilerRole = (typeof FILER_ROLES)[number];
/** The filer of a patrol report (src/domain/complaints/patrol-report.ts): the street, through its grid staff. Not on the public form. */
export const PATROL_FILER_ROLE = 'street';
export const FILER_ROLE_NAMES: Record<FilerRole | typeof PATROL_FILER_ROLE, string> = {
  parent: '家长或学员',
  resident: '居民',
  landlord: '场所业主',
  institution_staff: '机构工作人员',
  other: '其他',
  street: '街镇（网格巡查上报）',
};

/** The form's fields, top to bottom: the order of the error summary. */
export const COMPLAINT_FORM_FIELDS = [
  'creditCode', 'notListed', 'institutionName', 'institutionAddress', 'street',
  'category', 'description', 'occurredOn', 'moneyYuan', 'peopleAffected',
  'filerRole', 'name', 'phone', 'consentToContact', 'idempotencyKey',
] as const;
export type ComplaintFormField = (typeof COMPLAINT_FORM_FIELDS)[number];

export const COMPLAINT_LIMITS = {
  institutionName: 100,
  institutionAddress: 200,
  descriptionMin: 10,
  descriptionMax: 4000,
  name: 50,
  moneyYuan: 100_000_000,
  peopleAffected: 10_000,
  /** Older matters are outside what the portal tracks (it opened long after the 2020 plan). */
  earliestOccurredOn: '2015-01-01',
} as const;
const L = COMPLAINT_LIMITS;

/** Trimmed text with a message when it is missing and one when it is too long. */
const text = (required: string, max: number, tooLong: (n: number) => string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: required })
      .transform((s) => s.trim())
      .superRefine((s, ctx) => {
        if (countCharacters(s) > max) ctx.addIssue({ code: 'custom', message: tooLong(countCharacters(s)) });
      }),
  );

const choice = <T extends readonly [string, ...string[]]>(values: T, required: string, invalid: string) =>
  z.preprocess(blankToUndefined, z.enum(values, { error: (iss) => (iss.input === undefined ? required : invalid) }));

/** Digits only ("2万", "1999.5" and "¥300" are refused); commas and spaces between digits are fine. */
const wholeNumber = (message: string, min: number, max: number, tooBig: string) =>
  z.preprocess(
    (v) => blankToUndefined(typeof v === 'number' ? String(v) : v),
    z
      .string({ error: message })
      .transform((s) => s.normalize('NFKC').replace(/[\s,，]/g, ''))
      .refine((s) => /^\d+$/.test(s), { error: message })
      .transform(Number)
      .refine((n) => n >= min, { error: message })
      .refine((n) => n <= max, { error: tooBig })
      .optional(),
  );

// Mainland mobile numbers live in mobile.ts, which the form's island imports without zod.
export { MOBILE, normaliseMobile } from '../shared/mobile';

const listed = z.object({
  kind: z.literal('listed'),
  creditCode: z.preprocess(
    blankToUndefined,
    z.string({ error: '请填写机构的统一社会信用代码（18位）；查不到代码时，请勾选“机构不在名录中”，再填写机构名称和地址。' }).pipe(creditCodeSchema),
  ),
});

const notListed = z
  .object({
    kind: z.literal('not_listed'),
    institutionName: text('请填写机构名称，招牌或收据上的名称都可以。', L.institutionName, (n) => `机构名称最多${L.institutionName}个字，您写了${n}个字。`),
    institutionAddress: text('请填写机构地址，例如“武宁路100号3楼”。', L.institutionAddress, (n) => `机构地址最多${L.institutionAddress}个字，您写了${n}个字。`),
    street: choice(STREET_CODES, '请选择机构所在的街道或镇。', '所选的街道或镇不在普陀区的列表中，请重新选择。'),
  })
  .transform(({ institutionName, institutionAddress, street }) => ({ kind: 'not_listed' as const, name: institutionName, address: institutionAddress, street }));

/** The day it happened, no later than `today`; `words` name the date for other forms (patrol: 发现日期). */
export function occurredOnSchema(today: IsoDate, words = { required: '请填写问题发生的日期；记不清可以填大概的日期。', name: '发生日期' }) {
  const { name } = words;
  return z.preprocess(
    blankToUndefined,
    z
      .string({ error: words.required })
      .transform((s) => s.trim())
      .superRefine((s, ctx) => {
        const fail = (message: string) => ctx.addIssue({ code: 'custom', message });
        if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return fail(`${name}的格式应为“年-月-日”，例如 2026-03-15。`);
        if (!isCalendarDate(s)) return fail(`${name}“${s}”不存在，请检查月份和日子。`);
        if (s > today) return fail(`${name}不能晚于今天（${formatDateZh(today)}）。`);
        if (s < L.earliestOccurredOn) return fail(`${name}不能早于${formatDateZh(L.earliestOccurredOn)}。`);
      }),
  );
}

export const descriptionSchema = z.preprocess(
  blankToUndefined,
  z
    .string({ error: `请填写问题描述，至少${L.descriptionMin}个字。` })
    .transform((s) => s.replace(/\r\n/g, '\n').trim())
    .superRefine((s, ctx) => {
      const n = countCharacters(s);
      if (n < L.descriptionMin) ctx.addIssue({ code: 'custom', message: `问题描述至少${L.descriptionMin}个字，您写了${n}个字。请写明发生了什么、涉及哪些人和费用。` });
      if (n > L.descriptionMax) ctx.addIssue({ code: 'custom', message: `问题描述最多${L.descriptionMax}个字，您写了${n}个字。请删去重复的内容。` });
    }),
);

/** The institution: listed (its credit code) or not listed (name, address, street). */
export const institutionSchema = z.discriminatedUnion('kind', [listed, notListed]);

export const peopleAffectedSchema = wholeNumber(`受影响人数请填1到${L.peopleAffected}之间的整数。`, 1, L.peopleAffected, `受影响人数请填1到${L.peopleAffected}之间的整数。`);

export const idempotencyKeySchema = z.preprocess(blankToUndefined, z.uuid({ error: '表单提交编号缺失或无效，请重新打开投诉页面后提交。' }));

/** Regroups the flat form fields: the institution is one of two shapes, chosen by the checkbox. */
export function regroupInstitution(input: unknown): unknown {
  if (input === null || typeof input !== 'object') return input;
  const raw = formValues(input as Record<string, unknown>) as Record<string, unknown>;
  const { creditCode, notListed: notListedBox, institutionName, institutionAddress, street, ...rest } = raw;
  const kind = checkboxValue(notListedBox) ? 'not_listed' : 'listed';
  return { ...rest, institution: { kind, creditCode, institutionName, institutionAddress, street } };
}

/**
 * The schema of the complaint form as of `today` (Shanghai date): no complaint about the future.
 * Built once a day and kept: building a zod schema costs far more than running it (it was a tenth
 * of the server's time per complaint under load, npm run bench).
 */
export function complaintFormSchema(today: IsoDate) {
  if (schemaOfDay?.today !== today) schemaOfDay = { today, schema: buildComplaintFormSchema(today) };
  return schemaOfDay.schema;
}

let schemaOfDay: { today: IsoDate; schema: ReturnType<typeof buildComplaintFormSchema> } | null = null;

function buildComplaintFormSchema(today: IsoDate) {
  return z.preprocess(
    regroupInstitution,
    z.object(
      {
        institution: institutionSchema,
        category: choice(COMPLAINT_CATEGORIES, '请选择问题类别；拿不准时可以选“其他或情况复杂”。', '所选的问题类别无效，请从列表中选择。'),
        description: descriptionSchema,
        occurredOn: occurredOnSchema(today),
        moneyYuan: wholeNumber('涉及金额请只填阿拉伯数字，单位为元，例如 20000；不要写“万”“元”或小数点。', 0, L.moneyYuan, `涉及金额不能超过${L.moneyYuan}元（1亿元）。`),
        peopleAffected: peopleAffectedSchema,
        filerRole: choice(FILER_ROLES, '请选择您的身份：家长或学员、居民、场所业主、机构工作人员或其他。', '所选的身份无效，请从家长或学员、居民、场所业主、机构工作人员或其他中选择。'),
        name: z.preprocess(
          blankToUndefined,
          z.string({ error: `姓名最多${L.name}个字。` }).trim().refine((s) => countCharacters(s) <= L.name, { error: `姓名最多${L.name}个字。` }).optional(),
        ),
        phone: z.preprocess(
          blankToUndefined,
          z.string({ error: '请填写手机号码，处理部门需要时会联系您。' }).transform(normaliseMobile).refine((s) => MOBILE.test(s), { error: MOBILE_MESSAGE }),
        ),
        consentToContact: z.preprocess(checkboxValue, z.boolean()),
        idempotencyKey: idempotencyKeySchema,
      },
      { error: '提交的内容不是投诉表单。' },
    ),
  );
}

export type ComplaintForm = z.output<ReturnType<typeof complaintFormSchema>>;

export type ParsedComplaintForm = { ok: true; value: ComplaintForm } | { ok: false; errors: FieldError[] };

/** Parses a submitted form (FormData or a plain object) as of `today`; errors in form order. */
export function parseComplaintForm(input: unknown, today: IsoDate): ParsedComplaintForm {
  const result = complaintFormSchema(today).safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: complaintFormErrors(result.error) };
}

/** One `{ field, message }` per field with a problem, in the order of COMPLAINT_FORM_FIELDS. */
export function complaintFormErrors(error: z.ZodError): FieldError[] {
  return fieldErrors(error.issues, COMPLAINT_FORM_FIELDS);
}
