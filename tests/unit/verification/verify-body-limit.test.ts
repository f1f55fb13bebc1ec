/**
 * An oversized verification is refused with 413 before it is read whole, on the page (its form
 * again, with the message in the error summary) and on the API (its JSON error), and without
 * touching the database: the size limit comes first. A normal-sized post still reaches the form
 * checks. The whole page in a browser is tests/e2e/verify.spec.ts.
 */
import type { APIContext } from 'astro';
import { describe, expect, it } from 'vitest';
import { POST } from '../../../src/pages/api/verifications';
import { handleVerifyPost } from '../../../src/server/verification/verify-form-handler';
import { VERIFY_BODY_LIMIT } from '../../../src/server/verification/verify-tenant';
import { hugeBody, streamingPost } from '../../support/bodies';

const MB = 1024 * 1024;
const CHUNK = 64 * 1024;

const fiftyMegabytes = () => hugeBody(50 * MB);

/** A database that fails the test if anything reaches it. */
const noDb = new Proxy({}, {
  get(_, name) {
    throw new Error(`the database was used (${String(name)}) before the size was checked`);
  },
}) as App.Locals['db'];

const request = (body: BodyInit, headers: Record<string, string>, path = '/verify') => streamingPost(`http://127.0.0.1:4321${path}`, body, headers);

const pageContext = (req: Request) => ({ request: req, clientAddress: '192.0.2.1', locals: { db: noDb, today: '2026-03-02' as const } });

describe('POST /verify (the form)', () => {
  const FORM = 'application/x-www-form-urlencoded';

  it('refuses a 50 MB body of unknown length with 413, having read no more than the limit and a chunk', async () => {
    const { stream, seen } = fiftyMegabytes();
    const result = await handleVerifyPost(pageContext(request(stream, { 'content-type': FORM })));
    expect(result).toEqual({ kind: 'form', status: 413, values: {}, errors: [{ message: expect.stringContaining(`${VERIFY_BODY_LIMIT / 1024}KB`) }] });
    expect(seen.pulled).toBeLessThanOrEqual(VERIFY_BODY_LIMIT + CHUNK);
  });

  it('refuses a declared 50 MB body with 413 without reading it', async () => {
    const { stream, seen } = fiftyMegabytes();
    const result = await handleVerifyPost(pageContext(request(stream, { 'content-type': FORM, 'content-length': String(50 * MB) })));
    expect(result.kind === 'form' && result.status).toBe(413);
    expect(seen.pulled).toBe(0);
  });

  it('refuses a multipart body just past the limit too', async () => {
    const form = new FormData();
    form.append('tenant', '91310107MA1G000001');
    form.append('address', '地'.repeat(VERIFY_BODY_LIMIT));
    const result = await handleVerifyPost(pageContext(request(form, {})));
    expect(result.kind === 'form' && result.status).toBe(413);
  });

  it('hands a body within the limit to the form checks, keeping what was typed', async () => {
    const body = new URLSearchParams({ tenant: '91310107MA1G0ABC1', address: '' }).toString();
    const result = await handleVerifyPost(pageContext(request(body, { 'content-type': FORM })));
    if (result.kind !== 'form') throw new Error(`expected the form again, got ${result.kind}`);
    expect(result.status).toBe(400);
    expect(result.values).toMatchObject({ tenant: '91310107MA1G0ABC1', address: '' });
    expect(result.errors.map((e) => e.field)).toEqual(['tenant', 'address']);
  });
});

describe('POST /api/verifications', () => {
  const call = (req: Request) =>
    POST({ request: req, locals: { db: noDb, today: '2026-03-02' }, url: new URL(req.url), clientAddress: '192.0.2.1' } as unknown as APIContext) as Promise<Response>;

  it('answers a 50 MB JSON body with its 413 error, having read no more than the limit and a chunk', async () => {
    const { stream, seen } = fiftyMegabytes();
    const res = await call(request(stream, { 'content-type': 'application/json' }, '/api/verifications'));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'too_large', message: `请求体不能超过 ${VERIFY_BODY_LIMIT / 1024} KB。` });
    expect(seen.pulled).toBeLessThanOrEqual(VERIFY_BODY_LIMIT + CHUNK);
  });
});
