/**
 * POST /api/verifications: the landlord's check for property-management systems. The JSON body
 * has the form's fields (tenant, address, leaseStart, leaseEnd, training) and is validated by the
 * same schema; the answer is the verdict, each check and the signed record id with its address.
 * A tenant given by name or address that several institutions answer to gets 409 with the
 * candidates to choose from (README, "Landlords' check").
 * Rate-limited per client address together with the form (429 with Retry-After).
 */
import type { APIRoute } from 'astro';
import { parseVerificationForm } from '../../domain/verification/verification-form';
import { t } from '../../i18n';
import { fieldName } from '../../i18n/labels';
import { clientIp } from '../../server/http/client-ip';
import { json } from '../../server/http/json';
import { readJsonBody } from '../../server/http/body';
import { appSecret } from '../../server/shared/secret';
import { createVerification, hitVerificationLimit, VERIFY_BODY_LIMIT } from '../../server/verification/verify-tenant';
import { resolveTenant } from '../../server/verification/tenant-lookup';
import { statusSnapshot } from '../../domain/verification/verification-changes';

const invalid = (errors: { field: string; message: string }[]) =>
  json({ error: 'invalid_request', message: t('api.error.bad_request'), errors }, 400);

export const POST: APIRoute = async ({ request, locals, url, clientAddress }) => {
  const body = await readJsonBody(request, VERIFY_BODY_LIMIT);
  if (body.kind === 'unsupported') return json({ error: 'unsupported_media_type', message: '请求体应为 JSON（Content-Type: application/json）。' }, 415);
  if (body.kind === 'too_large') return json({ error: 'too_large', message: `请求体不能超过 ${VERIFY_BODY_LIMIT / 1024} KB。` }, 413);
  if (body.kind === 'malformed') return invalid([{ field: 'form', message: '请求体不是有效的 JSON。' }]);
  if (body.kind === 'bad_text') return invalid([{ field: body.field, message: body.message }]);
  const parsed = parseVerificationForm(body.value);
  if (!parsed.ok) return invalid(parsed.errors);

  const db = locals.db;
  const secret = await appSecret(db);
  const limit = await hitVerificationLimit(db, secret, clientIp(request, clientAddress));
  if (!limit.allowed) {
    return json({ error: 'rate_limited', message: t('api.error.verify_throttled'), retryAfter: limit.retryAfter }, 429, { 'Retry-After': String(limit.retryAfter) });
  }
  const tenant = await resolveTenant(db, parsed.value, locals.today);
  if (tenant.kind === 'none') return invalid([{ field: 'tenant', message: t('verify.tenant.none', { text: tenant.text }) }]);
  if (tenant.kind === 'choose') {
    // Several answer to the name or address: nothing is recorded; the client sends again with the
    // chosen creditCode as `tenant`.
    return json(
      {
        error: 'tenant_ambiguous',
        message: t('verify.choose.api', { text: tenant.text }),
        more: tenant.more,
        candidates: tenant.candidates.map((c) => ({ ...c, url: `/institutions/${c.creditCode}` })),
      },
      409,
      { 'Cache-Control': 'no-store' },
    );
  }
  const created = await createVerification(db, secret, tenant.input, locals.today);
  const inst = created.facts.institution;
  const status = statusSnapshot(created.facts, created.result);
  return json(
    {
      id: created.publicId,
      url: `${url.origin}/verify/${created.publicId}`,
      createdAt: created.createdAt.toISOString(),
      asOf: created.facts.asOf,
      verdict: created.result.verdict,
      checks: created.result.checks.map((c) => ({ code: c.code, title: c.title, outcome: c.outcome, message: c.message })),
      rulesVersion: created.result.rulesVersion,
      institution: inst && {
        creditCode: inst.creditCode,
        name: inst.name,
        fields: inst.fields,
        fieldNames: inst.fields.map(fieldName),
        address: inst.address,
        operatingStatus: inst.operatingStatus,
        licenceState: status?.licenceState ?? 'none',
        listStatus: status?.listStatus ?? 'none',
        url: `/institutions/${inst.creditCode}`,
      },
    },
    201,
    { 'Cache-Control': 'no-store', Location: `/verify/${created.publicId}` },
  );
};
