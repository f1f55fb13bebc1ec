/**
 * A person's e-mail settings (/staff/email): an address, optional, and whether they receive the
 * daily digest of their department's waiting cases or nothing but the messages they must get
 * (overdue escalations, password-change notices, sent whenever there is an address). "None" is the
 * default, so nobody receives a digest without having asked for it. Messages are Chinese sentences
 * that say what to do.
 */
import { z } from 'zod';
import { blankToUndefined, fieldErrors, formValues, type FieldError } from '../shared/form-fields';

/** The preference page; also the List-Unsubscribe link of every digest. */
export const STAFF_EMAIL_PATH = '/staff/email';

export const DIGEST_CHOICES = ['digest', 'none'] as const;
export type DigestChoice = (typeof DIGEST_CHOICES)[number];

export const DIGEST_LABELS: Record<DigestChoice, string> = {
  digest: '每个工作日早上接收本部门待办摘要',
  none: '不接收摘要',
};

export const STAFF_EMAIL_FIELDS = ['email', 'digest'] as const;

/** RFC 5321's limit on a forward path: longer addresses cannot be delivered. */
const EMAIL_MAX = 254;

export interface StaffEmailSettings {
  email: string | null;
  digest: DigestChoice;
}

const schema = z
  .object(
    {
      email: z.preprocess(
        blankToUndefined,
        z
          .string()
          .trim()
          .max(EMAIL_MAX, `电子邮箱不能超过${EMAIL_MAX}个字符。`)
          .pipe(z.email({ error: '请填写正确的电子邮箱，例如 zhang.san@putuo.gov.cn。' }))
          .transform((v) => v.toLowerCase())
          .optional(),
      ),
      digest: z.enum(DIGEST_CHOICES, { error: '请选择是否接收每日待办摘要。' }),
    },
    { error: '提交的内容不是邮件提醒表单。' },
  )
  .superRefine((v, ctx) => {
    if (v.digest === 'digest' && !v.email) ctx.addIssue({ code: 'custom', path: ['email'], message: '接收每日摘要需要电子邮箱，请填写。' });
  });

export type ParsedSettings = { ok: true; value: StaffEmailSettings } | { ok: false; errors: FieldError[] };

/** The form's values (FormData, URLSearchParams or an object), checked once. */
export function parseStaffEmailSettings(input: unknown): ParsedSettings {
  const values = input !== null && typeof input === 'object' ? formValues(input as Record<string, unknown>) : input;
  const result = schema.safeParse(values);
  if (!result.success) return { ok: false, errors: fieldErrors(result.error.issues, STAFF_EMAIL_FIELDS) };
  return { ok: true, value: { email: result.data.email ?? null, digest: result.data.digest } };
}
