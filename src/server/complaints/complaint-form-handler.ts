/**
 * The web complaint form (src/pages/complaints/new.astro) on the server: what a fresh form holds,
 * and what a POST does. Post/redirect/get (STYLE.md habit 2): a filed complaint redirects to the
 * receipt; anything else re-renders the form with the person's values (never the captcha answer),
 * one message per field and a fresh captcha question. No error path files anything.
 *
 * The order of a POST: size limit (src/server/http/body.ts) → parse → (a retry of an earlier post skips the captcha) →
 * captcha → submitComplaint. A retry is recognised by the form's idempotency key, which is kept
 * when the form is shown again after an error, so a corrected post after a lost response still
 * finds the complaint it already made.
 */
import { randomUUID } from 'node:crypto';
import type { AstroCookies } from 'astro';
import type { Db } from '../../../db/client';
import { findComplaintByKey } from '../../../db/queries/complaints/complaints';
import { institutionNameByCode } from '../../../db/queries/registry/institutions';
import { COMPLAINT_FORM_FIELDS, parseComplaintForm } from '../../domain/complaints/complaint-form';
import { parseComplaintPrefill, prefillValues } from '../../domain/complaints/complaint-prefill';
import { checkboxValue, type FieldError } from '../../domain/shared/form-fields';
import { isValidCreditCode, normaliseCreditCode } from '../../domain/registry/credit-code';
import { t, type MessageKey } from '../../i18n';
import { newArithmeticQuestion, verifyCaptcha, type ArithmeticQuestion, type CaptchaOutcome } from './captcha';
import { clientIp } from '../http/client-ip';
import { LIMITS, submitComplaint } from './complaint-intake';
import { readFormBody } from '../http/body';
import { setReceiptCookie } from './receipt-cookie';
import { appSecret } from '../shared/secret';
import { isDatabaseUnreachable } from '../shared/database-errors';
import { RETRY_AFTER_SECONDS } from '../http/api-errors';

/** The largest form body read (a 4000-character description is about 36 KB url-encoded). */
export const MAX_BODY_BYTES = 64 * 1024;

/** Names of the captcha's form fields: the island's proof of work, or the arithmetic question. */
export const CAPTCHA_FIELDS = { pow: 'altcha', token: 'captchaToken', answer: 'captchaAnswer' } as const;

export const RECEIPT_PATH = '/complaints/receipt';

/** What the page hands over: Astro's page context has all of these. */
export interface FormContext {
  request: Request;
  url: URL;
  cookies: AstroCookies;
  clientAddress: string;
  locals: Pick<App.Locals, 'db' | 'today'>;
}

/** Everything the form components need to draw the form. */
export interface ComplaintFormView {
  /** Field values as typed, by field name; never the captcha answer. */
  values: Record<string, string>;
  /** In form order; the captcha's error last. */
  errors: FieldError[];
  /** A message about the whole post (rate limit, conflict) rather than one field. */
  notice: string | null;
  /** The name of the institution whose code is in the form, when the registry knows it. */
  institutionName: string | null;
  idempotencyKey: string;
  question: ArithmeticQuestion;
}

export type ComplaintPostResult =
  | { kind: 'redirect'; location: string }
  | { kind: 'too_large' }
  | { kind: 'form'; status: 400 | 409 | 429 | 503; view: ComplaintFormView; retryAfter?: number };

const CAPTCHA_MESSAGES: Record<Exclude<CaptchaOutcome, 'ok'>, MessageKey> = {
  missing: 'complaint.captcha.missing',
  wrong_answer: 'complaint.captcha.wrong',
  expired: 'complaint.captcha.expired',
  invalid: 'complaint.captcha.invalid',
  replayed: 'complaint.captcha.replayed',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A fresh form, prefilled from the query string (src/domain/complaints/complaint-prefill.ts):
 * ?institution=<code>, ?filer=<role>, and for an institution missing from the registry
 * ?unlisted=1&name=<name>&category=unlicensed.
 */
export async function blankComplaintForm(ctx: Pick<FormContext, 'url' | 'locals'>): Promise<ComplaintFormView> {
  const values = prefillValues(parseComplaintPrefill(ctx.url.searchParams));
  return formView(ctx.locals.db, values, [], null, randomUUID());
}

/** Handles a POST of the form; the page turns the result into a redirect or a status and a view. */
export async function handleComplaintPost(ctx: FormContext): Promise<ComplaintPostResult> {
  const body = await readFormBody(ctx.request, MAX_BODY_BYTES);
  if (body.kind === 'too_large') return { kind: 'too_large' };
  // Anything but a form reads as an empty one, which then fails validation field by field.
  // A refused text comes back cleaned, to show the form again with its field marked.
  const raw: Record<string, string> = body.kind === 'ok' || body.kind === 'bad_text' ? body.values : {};
  const values = keptValues(raw);
  const submittedKey = UUID.test(raw.idempotencyKey ?? '') ? raw.idempotencyKey! : null;
  try {
    return await checkAndFile(ctx, body.kind === 'bad_text' ? body : null, raw, values, submittedKey);
  } catch (e) {
    if (!isDatabaseUnreachable(e)) throw e;
    return unavailable(ctx.locals.db, values, submittedKey, 'no');
  }
}

/**
 * The database is out of reach: the form again with what was typed and the same key (so that
 * sending it again cannot file twice), saying whether the complaint may have been filed. No
 * database call: the institution's name is left out, and the question is made with the secret
 * this process already holds.
 */
async function unavailable(db: Db, values: Record<string, string>, key: string | null, filed: 'no' | 'unknown'): Promise<ComplaintPostResult> {
  const view: ComplaintFormView = {
    values,
    errors: [],
    notice: t(filed === 'no' ? 'complaint.unavailable.no' : 'complaint.unavailable.unknown'),
    institutionName: null,
    idempotencyKey: key ?? randomUUID(),
    question: newArithmeticQuestion(await appSecret(db)),
  };
  return { kind: 'form', status: 503, view, retryAfter: RETRY_AFTER_SECONDS };
}

async function checkAndFile(
  ctx: FormContext,
  badText: { field: string; message: string } | null,
  raw: Record<string, string>,
  values: Record<string, string>,
  submittedKey: string | null,
): Promise<ComplaintPostResult> {
  const { db, today } = ctx.locals;
  const secret = await appSecret(db);
  const again = async (status: 400 | 409 | 429, errors: FieldError[], notice: string | null = null, key = submittedKey ?? randomUUID()) =>
    ({ kind: 'form', status, view: await formView(db, values, errors, notice, key) }) as const;

  if (badText) return again(400, [{ field: badText.field, message: badText.message }]);
  const parsed = parseComplaintForm(raw, today);
  if (!parsed.ok) {
    // The captcha is only checked on an otherwise valid form (checking spends it); a blank answer
    // is reported now, so the person sees every gap at once.
    const blank = !raw[CAPTCHA_FIELDS.pow] && !raw[CAPTCHA_FIELDS.answer]?.trim();
    return again(400, blank ? [...parsed.errors, captchaError('missing')] : parsed.errors);
  }
  const form = parsed.value;

  // A key that already made a complaint can only replay it or be refused as a conflict: nothing
  // new is written, so no captcha is asked (a browser retry re-sends the captcha it already used).
  const retry = (await findComplaintByKey(db, form.idempotencyKey)) !== null;
  if (!retry) {
    const captcha = await verifyCaptcha(db, secret, {
      pow: raw[CAPTCHA_FIELDS.pow],
      questionToken: raw[CAPTCHA_FIELDS.token],
      answer: raw[CAPTCHA_FIELDS.answer],
    });
    if (captcha !== 'ok') return again(400, [captchaError(captcha)]);
  }

  const outcome = await submitComplaint(form, {
    db,
    secret,
    today,
    channel: 'web',
    ip: clientIp(ctx.request, ctx.clientAddress),
    limitPhone: true,
  });
  switch (outcome.kind) {
    case 'accepted':
      setReceiptCookie(
        ctx.cookies,
        secret,
        { trackingNumber: outcome.trackingNumber, idempotencyKey: form.idempotencyKey, replay: outcome.replay },
        ctx.url.protocol === 'https:',
      );
      return { kind: 'redirect', location: RECEIPT_PATH };
    case 'invalid':
      return again(400, outcome.errors);
    case 'conflict':
      // The key belongs to another complaint: the same values on a new form can be filed anew.
      return again(409, [], t('complaint.conflict'), randomUUID());
    case 'rate_limited': {
      const notice = t('complaint.rate_limited', { perPhone: LIMITS.perPhoneDay, perIp: LIMITS.perIpHour, wait: formatWait(outcome.retryAfter) });
      return { ...(await again(429, [], notice)), retryAfter: outcome.retryAfter };
    }
    case 'unavailable':
      return unavailable(db, values, form.idempotencyKey, outcome.filed);
    case 'key_refused':
      throw new Error('the web form files without an API key: no key can be refused');
  }
}

/** "约25分钟", "约3小时10分钟": how long until the rate-limit window ends, rounded up. */
export function formatWait(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes < 60) return t('complaint.wait.minutes', { minutes });
  return t('complaint.wait.hours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

function captchaError(outcome: Exclude<CaptchaOutcome, 'ok'>): FieldError {
  return { field: CAPTCHA_FIELDS.answer, message: t(CAPTCHA_MESSAGES[outcome]) };
}

/** The form's own fields as typed; the key travels separately and the captcha is never kept. */
function keptValues(raw: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of COMPLAINT_FORM_FIELDS) if (field !== 'idempotencyKey' && typeof raw[field] === 'string') out[field] = raw[field];
  return out;
}

async function formView(db: Db, values: Record<string, string>, errors: FieldError[], notice: string | null, key: string): Promise<ComplaintFormView> {
  const code = normaliseCreditCode(values.creditCode ?? '');
  const listed = !checkboxValue(values.notListed) && isValidCreditCode(code);
  return {
    values,
    errors,
    notice,
    institutionName: listed ? await institutionNameByCode(db, code) : null,
    idempotencyKey: key,
    question: newArithmeticQuestion(await appSecret(db)),
  };
}
