/**
 * The web form's POST (src/server/complaints/complaint-form-handler.ts) against a real database, for the
 * outcomes a browser test cannot reach cheaply: the rate limit (429 with the wait), a conflict
 * (409 on a new key), an unknown institution, and the receipt cookie. The page itself, the
 * captcha in the browser and the redirect are tests/e2e/complaint.spec.ts.
 */
import type { AstroCookies } from 'astro';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { seedReference } from '../../../db/seed/reference';
import { LIMITS } from '../../../src/server/complaints/complaint-intake';
import { blankComplaintForm, formatWait, handleComplaintPost, type ComplaintPostResult, type FormContext } from '../../../src/server/complaints/complaint-form-handler';
import { resetSecretCache } from '../../../src/server/shared/secret';
import { TODAY, VALID_LISTED } from '../../fixtures/complaint-form-errors';
import { forEachDriver, rows, type DriverContext } from '../../support/db-harness';
import { formPost, ORIGIN } from '../../support/forms';
import { insertInstitutions } from '../../support/insert-fixtures';

/** The answer to a signed arithmetic question, read from its token (the test knows the format). */
function answerOf(token: string): string {
  const { a, b } = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { a: number; b: number };
  return String(a + b);
}

interface CookieJar {
  set: { name: string; value: string; options: Record<string, unknown> }[];
}

function context(t: DriverContext, body: string, o: { ip?: string; url?: string; headers?: Record<string, string> } = {}): { ctx: FormContext; jar: CookieJar } {
  const jar: CookieJar = { set: [] };
  const cookies = {
    set: (name: string, value: string, options: Record<string, unknown>) => void jar.set.push({ name, value, options }),
  } as unknown as AstroCookies;
  const url = new URL(o.url ?? `${ORIGIN}/complaints/new`);
  return { ctx: { request: formPost(url, body, o.headers), url, cookies, clientAddress: o.ip ?? '192.0.2.1', locals: { db: t.db, today: TODAY } }, jar };
}

async function complaintCount(t: DriverContext): Promise<number> {
  const [r] = await rows<{ n: number }>(t, sql`select count(*)::int as n from complaints`);
  return r!.n;
}

forEachDriver('complaint form POST', (t) => {
  let creditCode = '';
  let phone = 13700000000;

  /** A form as the page renders it (key and question) filled with valid values. */
  async function filledForm(over: Record<string, string> = {}): Promise<Record<string, string>> {
    const view = await blankComplaintForm({ url: new URL(`${ORIGIN}/complaints/new`), locals: { db: t.db, today: TODAY } });
    const { idempotencyKey: _ignored, ...valid } = VALID_LISTED;
    return {
      ...valid,
      creditCode,
      phone: String(++phone),
      idempotencyKey: view.idempotencyKey,
      captchaToken: view.question.token,
      captchaAnswer: answerOf(view.question.token),
      ...over,
    };
  }

  const post = (form: Record<string, string>, o: Parameters<typeof context>[2] = {}) => {
    const { ctx, jar } = context(t, new URLSearchParams(form).toString(), o);
    return handleComplaintPost(ctx).then((result) => ({ result, jar }));
  };

  const formOf = (result: ComplaintPostResult) => {
    if (result.kind !== 'form') throw new Error(`expected the form again, got ${result.kind}`);
    return result;
  };

  beforeAll(async () => {
    resetSecretCache();
    await seedReference(t.db);
    creditCode = (await insertInstitutions(t.db, [{ key: 'art', name: '普陀测试美术工作室', fields: ['arts'] }])).get('art')!.creditCode;
  });

  it('prefills a fresh form from ?institution= and ?filer=, with the institution name', async () => {
    const view = await blankComplaintForm({ url: new URL(`${ORIGIN}/complaints/new?institution=${creditCode.toLowerCase()}&filer=landlord`), locals: { db: t.db, today: TODAY } });
    expect(view.values).toEqual({ creditCode, filerRole: 'landlord' });
    expect(view.institutionName).toBe('普陀测试美术工作室');
    expect(view.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    const unknownRole = await blankComplaintForm({ url: new URL(`${ORIGIN}/complaints/new?filer=mayor`), locals: { db: t.db, today: TODAY } });
    expect(unknownRole.values).toEqual({});
  });

  it('files a valid form and sets the receipt cookie (Secure over https only)', async () => {
    const { result, jar } = await post(await filledForm());
    expect(result).toEqual({ kind: 'redirect', location: '/complaints/receipt' });
    expect(jar.set).toHaveLength(1);
    expect(jar.set[0]!.options).toMatchObject({ path: '/complaints/receipt', httpOnly: true, secure: false });

    const https = await post(await filledForm(), { url: 'https://px.example.gov.cn/complaints/new' });
    expect(https.result.kind).toBe('redirect');
    expect(https.jar.set[0]!.options).toMatchObject({ secure: true });
  });

  it('shows an invalid form again: 400, values kept but never the answer, same key, new question, nothing filed', async () => {
    const before = await complaintCount(t);
    const form = await filledForm({ description: '太贵了', moneyYuan: '2万' });
    const again = formOf((await post(form)).result);
    expect(again.status).toBe(400);
    expect(again.view.errors.map((e) => e.field)).toEqual(['description', 'moneyYuan']);
    expect(again.view.values).toMatchObject({ description: '太贵了', moneyYuan: '2万', phone: form.phone });
    expect(again.view.values).not.toHaveProperty('captchaAnswer');
    expect(again.view.values).not.toHaveProperty('captchaToken');
    expect(again.view.idempotencyKey).toBe(form.idempotencyKey);
    expect(again.view.question.token).not.toBe(form.captchaToken);
    expect(again.view.institutionName).toBe('普陀测试美术工作室');
    expect(await complaintCount(t)).toBe(before);
  });

  it('reports a wrong answer at the captcha, and a missing one together with the other problems', async () => {
    const before = await complaintCount(t);
    const form = await filledForm();
    const wrong = formOf((await post({ ...form, captchaAnswer: String(Number(form.captchaAnswer) + 1) })).result);
    expect(wrong.view.errors).toEqual([{ field: 'captchaAnswer', message: '安全验证的答案不对，请计算下面的新问题。' }]);
    const missing = formOf((await post({ ...form, captchaAnswer: '', phone: '' })).result);
    expect(missing.view.errors.map((e) => e.field)).toEqual(['phone', 'captchaAnswer']);
    // A used question is not accepted twice.
    const ok = await post(form);
    expect(ok.result.kind).toBe('redirect');
    const reused = formOf((await post({ ...(await filledForm()), captchaToken: form.captchaToken!, captchaAnswer: form.captchaAnswer! })).result);
    expect(reused.view.errors).toEqual([{ field: 'captchaAnswer', message: '这道验证题已经用过，请回答下面的新问题。' }]);
    expect(await complaintCount(t)).toBe(before + 1);
  });

  it('reports an institution the registry does not know at the credit code', async () => {
    const again = formOf((await post(await filledForm({ creditCode: '91310107MA1G0ABC1Y' }))).result);
    expect(again.status).toBe(400);
    expect(again.view.errors).toHaveLength(1);
    expect(again.view.errors[0]!.field).toBe('creditCode');
    expect(again.view.institutionName).toBeNull();
  });

  it('answers a resubmitted form with the same receipt, and a changed one with 409 on a new key', async () => {
    const form = await filledForm();
    const first = await post(form);
    const replay = await post(form);
    expect(replay.result.kind).toBe('redirect');
    // The cookie names the same complaint, marked as a replay.
    const ref = (value: string) => JSON.parse(Buffer.from(value.split('.')[0]!, 'base64url').toString('utf8')) as { trackingNumber: string; replay: boolean };
    expect(ref(replay.jar.set[0]!.value)).toMatchObject({ trackingNumber: ref(first.jar.set[0]!.value).trackingNumber, replay: true });

    const before = await complaintCount(t);
    const changed = formOf((await post({ ...form, description: `${form.description}还有别的事。` })).result);
    expect(changed.status).toBe(409);
    expect(changed.view.notice).toContain('这份表单已经用来提交过另一件内容不同的投诉');
    expect(changed.view.idempotencyKey).not.toBe(form.idempotencyKey);
    expect(changed.view.values.description).toBe(`${form.description}还有别的事。`);
    expect(await complaintCount(t)).toBe(before);
  });

  it(`refuses the ${LIMITS.perPhoneDay + 1}th complaint from one phone with 429, the wait and the values kept`, async () => {
    const shared = String(++phone);
    for (let i = 0; i < LIMITS.perPhoneDay; i++) expect((await post(await filledForm({ phone: shared }), { ip: '192.0.2.50' })).result.kind).toBe('redirect');
    const before = await complaintCount(t);
    const refused = formOf((await post(await filledForm({ phone: shared, description: '第六件投诉：机构又在违规收费了。' }), { ip: '192.0.2.50' })).result);
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBeGreaterThan(0);
    expect(refused.view.notice).toMatch(/请在约\d+(小时\d+)?分钟后再提交/);
    expect(refused.view.values.description).toBe('第六件投诉：机构又在违规收费了。');
    expect(await complaintCount(t)).toBe(before);
  });

  it('refuses a body over 64 KB before reading it', async () => {
    const { ctx } = context(t, 'description=' + '%E9%80%80'.repeat(8000));
    expect(await handleComplaintPost(ctx)).toEqual({ kind: 'too_large' });
  });

  it('says how long to wait in minutes, or hours and minutes', () => {
    expect(formatWait(20)).toBe('约1分钟');
    expect(formatWait(25 * 60)).toBe('约25分钟');
    expect(formatWait(3 * 3600 + 10 * 60 - 5)).toBe('约3小时10分钟');
  });
});
