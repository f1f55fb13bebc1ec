/**
 * The landlord's form (src/pages/verify/index.astro) on the server: what a POST does.
 * Post/redirect/get (STYLE.md habit 2): a verified tenant redirects to the new record; anything
 * else shows the form again with what was typed and why it was refused. A tenant named by name or
 * address is looked up first (tenant-lookup.ts): several matches answer with the list to pick
 * from, whose choice posts the form again with the credit code. The order: size limit
 * (a body past VERIFY_BODY_LIMIT is refused with 413 before it is read whole) → parse → rate
 * limit → the tenant looked up → the record.
 */
import { VERIFY_FORM_FIELDS, parseVerificationForm } from '../../domain/verification/verification-form';
import { t } from '../../i18n';
import { clientIp } from '../http/client-ip';
import { readFormBody } from '../http/body';
import { appSecret } from '../shared/secret';
import { createVerification, hitVerificationLimit, VERIFY_BODY_LIMIT } from './verify-tenant';
import { resolveTenant } from './tenant-lookup';
import type { TenantCandidate } from '../../domain/verification/tenant-search';

/** What the page hands over: Astro's page context has all of these. */
export interface VerifyFormContext {
  request: Request;
  clientAddress: string;
  locals: Pick<App.Locals, 'db' | 'today'>;
}

export type VerifyPostResult =
  | { kind: 'redirect'; location: string }
  /** The form again: `values` as typed (none when the body was not read), errors in form order. */
  | {
      kind: 'form';
      status: 400 | 413 | 429;
      values: Record<string, string>;
      errors: { field?: string; message: string }[];
      retryAfter?: number;
      /** The name or address no institution answers to: the page says what that may mean. */
      notFound?: string;
    }
  /** Several institutions answer to the name or address typed: the landlord picks one (200). */
  | { kind: 'choose'; values: Record<string, string>; text: string; candidates: TenantCandidate[]; more: boolean };

/** Handles a POST of the form; the page turns the result into a redirect or a status and a form. */
export async function handleVerifyPost(ctx: VerifyFormContext): Promise<VerifyPostResult> {
  const body = await readFormBody(ctx.request, VERIFY_BODY_LIMIT);
  if (body.kind === 'too_large') {
    return { kind: 'form', status: 413, values: {}, errors: [{ message: t('verify.too_large', { kb: VERIFY_BODY_LIMIT / 1024 }) }] };
  }
  // Anything but a form reads as an empty one, which then fails validation field by field; a
  // refused text comes back cleaned, its field marked.
  const raw = body.kind === 'ok' || body.kind === 'bad_text' ? body.values : {};
  const values: Record<string, string> = {};
  for (const f of VERIFY_FORM_FIELDS) values[f] = String(raw[f] ?? '').slice(0, 400);
  if (body.kind === 'bad_text') return { kind: 'form', status: 400, values, errors: [{ field: body.field, message: body.message }] };
  const parsed = parseVerificationForm(raw);
  if (!parsed.ok) return { kind: 'form', status: 400, values, errors: parsed.errors };

  const { db, today } = ctx.locals;
  const secret = await appSecret(db);
  const limit = await hitVerificationLimit(db, secret, clientIp(ctx.request, ctx.clientAddress));
  if (!limit.allowed) {
    const errors = [{ message: t('verify.throttled', { minutes: Math.ceil(limit.retryAfter / 60) }) }];
    return { kind: 'form', status: 429, values, errors, retryAfter: limit.retryAfter };
  }
  const tenant = await resolveTenant(db, parsed.value, today);
  if (tenant.kind === 'none') {
    return { kind: 'form', status: 400, values, errors: [{ field: 'tenant', message: t('verify.tenant.none', { text: tenant.text }) }], notFound: tenant.text };
  }
  if (tenant.kind === 'choose') return { kind: 'choose', values, text: tenant.text, candidates: tenant.candidates, more: tenant.more };
  const created = await createVerification(db, secret, tenant.input, today);
  return { kind: 'redirect', location: `/verify/${created.publicId}` };
}
