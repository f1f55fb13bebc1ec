/**
 * The input gate, as a client meets it (issue 15): a NUL byte or another control character in a
 * query, a path, a form, a JSON body or an Open311 post answered 500 once (PostgreSQL refuses
 * U+0000), Open311's as the HTML error page. Now each is a 4xx in the endpoint's own language
 * naming the field, a page's search box forgives it, and a form comes back with its field marked
 * and the rest of what was typed kept. The fuzz suite (tests/fuzz) throws generated input at every
 * route; these are the faults that were found by hand, kept as named cases.
 */
import { expect, test, type APIResponse } from './support/test';
import { listInstitutions } from './support/api';
import { fileThroughHotline, signIn, staffApiPost, postToCase } from './support/staff-cases';

const OPEN311_KEY = 'e2e-open311-key-for-tests-only-0123456789';
const NUL = '\u0000';

async function jsonOf(res: APIResponse, status: number): Promise<unknown> {
  expect(res.status(), res.url()).toBe(status);
  expect(res.headers()['content-type']).toBe('application/json; charset=utf-8');
  return res.json();
}

test('a control character in a query or a path: JSON 400/404 naming it on the API, forgiven by the search page', async ({ request, page }) => {
  for (const path of ['/api/suggest?q=a%00b', '/api/institutions?q=a%00b']) {
    expect(await jsonOf(await request.get(path), 400)).toMatchObject({ error: 'invalid_text', errors: [{ field: 'q', message: expect.stringContaining('U+0000') }] });
  }
  const open311 = (await jsonOf(await request.get('/open311/v2/requests.json?service_request_id=a%01'), 400)) as { code: number; description: string }[];
  expect(open311).toEqual([{ code: 400, description: expect.stringMatching(/^service_request_id：.*U\+0001/) }]);
  expect(await jsonOf(await request.get('/api/institutions/%00'), 404)).toMatchObject({ error: 'not_found' });
  expect((await request.get('/institutions/%00')).status()).toBe(404);

  // The results page searches for what was meant: the NUL is dropped, nothing else.
  const res = await page.goto('/institutions?q=%E8%8B%B1%00%E8%AF%AD');
  expect(res?.status()).toBe(200);
  await expect(page.locator('input[name="q"]').first()).toHaveValue('英语');
});

test('an unknown API path or a method an endpoint does not offer: JSON 404 and 405, not the HTML page', async ({ request }) => {
  expect(await jsonOf(await request.get('/api/no-such-endpoint'), 404)).toMatchObject({ error: 'not_found' });
  const wrongMethod = await request.get('/api/verifications');
  expect(await jsonOf(wrongMethod, 405)).toMatchObject({ error: 'method_not_allowed' });
  expect(wrongMethod.headers()['allow']).toBe('POST');
});

test('a control character in JSON and Open311 bodies: 400 naming the field, nothing filed', async ({ request }) => {
  const verification = await request.post('/api/verifications', { data: { tenant: '普陀英语', address: `长寿路${NUL}1号`, training: '英语' } });
  expect(await jsonOf(verification, 400)).toMatchObject({ errors: [{ field: 'address', message: expect.stringContaining('U+0000') }] });

  const { items } = await listInstitutions(request, { operating: 'operating' });
  const before = (await (await request.get('/open311/v2/requests.json')).json()) as unknown[];
  const filed = await request.post('/open311/v2/requests.json', {
    form: { api_key: OPEN311_KEY, service_code: 'fees_refund', description: `退费被拒${NUL}绝，请处理。`, 'attribute[credit_code]': items[0]!.creditCode, 'attribute[filer_role]': 'parent', phone: '13700003333', last_name: '钱', first_name: '女士' },
  });
  expect(await jsonOf(filed, 400)).toEqual([{ code: 400, description: expect.stringMatching(/^description：.*U\+0000/) }]);
  const after = (await (await request.get('/open311/v2/requests.json')).json()) as unknown[];
  expect(after.length).toBe(before.length);
});

test.describe('forms without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the complaint form comes back with the description marked and its other characters kept', async ({ page }) => {
    await page.goto('/complaints/new');
    // The browser cannot type a NUL; a vertical tab pasted from another program is the same fault.
    await page.locator('#description').evaluate((el, text) => ((el as HTMLTextAreaElement).value = text), '机构收费后停课\u000B拒绝退费。');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator('#complaint-form').evaluate((f) => (f as HTMLFormElement).requestSubmit()),
    ]);
    expect(response.status()).toBe(400);
    await expect(page.locator('#description')).toHaveValue('机构收费后停课拒绝退费。');
    await expect(page.locator('#description-error')).toContainText('U+000B');
  });

  test('the tracking and staff sign-in forms answer 400 with the message at the field', async ({ page }) => {
    await page.goto('/complaints/track');
    const origin = new URL(page.url()).origin;
    const tracked = await page.request.post('/complaints/track', { form: { number: `PT-2026-00000${NUL}1`, code: 'ABCD-EFGH' }, headers: { Origin: origin } });
    expect(tracked.status()).toBe(400);
    expect(await tracked.text()).toContain('U+0000');
    const signedIn = await page.request.post('/staff/sign-in', { form: { username: `dispatcher${NUL}`, password: 'x' }, headers: { Origin: origin } });
    expect(signedIn.status()).toBe(400);
    expect(await signedIn.text()).toContain('U+0000');
  });
});

test('a question to the filer with a NUL: the API names the field, the case page shows the question again at its field', async ({ browser, baseURL, request }) => {
  const { items } = await listInstitutions(request, { operating: 'operating' });
  const number = await fileThroughHotline(request, items[1]!.creditCode, 'fees_refund', '13700004444');
  const dispatcher = await signIn(browser, baseURL!, 'dispatcher');
  const viaApi = await staffApiPost(dispatcher, `/api/staff/cases/${number}`, { data: { type: 'request_info', question: `请提供缴费${NUL}凭证。` } });
  expect(await jsonOf(viaApi, 400)).toMatchObject({ errors: [{ field: 'question', message: expect.stringContaining('U+0000') }] });
  await dispatcher.goto(`/staff/cases/${number}`);
  const viaForm = await postToCase(dispatcher, number, { type: 'request_info', question: `请提供缴费${NUL}凭证。` });
  expect(viaForm.status()).toBe(400);
  const html = await viaForm.text();
  expect(html).toContain('U+0000');
  expect(html).toMatch(/<textarea id="request_info-question"[^>]*aria-invalid="true"[^>]*>请提供缴费凭证。<\/textarea>/);
  await dispatcher.context().close();
});
