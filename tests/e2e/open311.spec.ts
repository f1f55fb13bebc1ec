/**
 * Open311 GeoReport v2 over HTTP, as a client such as the 12345 hotline sees it: JSON everywhere
 * (errors included), answers conforming to the official schemas (tests/fixtures/open311-
 * conformance.ts), api_key and Idempotency-Key on POST, and no personal data in GET answers.
 * The e2e server registers OPEN311_BOOTSTRAP_KEY from tests/playwright.config.ts at start.
 */
import { expect, test, type APIRequestContext, type APIResponse } from './support/test';
import { errorProblems, requestsProblems, serviceDefinitionProblems, servicesProblems } from '../fixtures/open311-conformance';
import { listInstitutions } from './support/api';

// The same value as OPEN311_BOOTSTRAP_KEY in tests/playwright.config.ts.
const API_KEY = 'e2e-open311-key-for-tests-only-0123456789';
const JSON_TYPE = 'application/json; charset=utf-8';
const V2 = '/open311/v2';

async function body(res: APIResponse): Promise<unknown> {
  expect(res.headers()['content-type'], `${res.url()} content type`).toBe(JSON_TYPE);
  return res.json();
}

async function expectError(res: APIResponse, status: number): Promise<string[]> {
  expect(res.status(), res.url()).toBe(status);
  const errors = await body(res);
  expect(errorProblems(errors, status)).toEqual([]);
  return (errors as { description: string }[]).map((e) => e.description);
}

/** Today in Shanghai, as the server reckons it (the complaint's occurred_on may not be later). */
const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

async function aCreditCode(request: APIRequestContext): Promise<string> {
  const { items } = await listInstitutions(request, { operating: 'operating', sort: 'name' });
  return items[0]!.creditCode;
}

function complaint(creditCode: string, over: Record<string, string> = {}): Record<string, string> {
  return {
    api_key: API_KEY,
    service_code: 'fees_refund',
    description: '报名时说随时可退，现在退费被扣了一半学费，机构拒绝按合同退还。',
    'attribute[credit_code]': creditCode,
    'attribute[occurred_on]': shanghaiToday(),
    'attribute[filer_role]': 'parent',
    phone: '13700002222',
    last_name: '赵',
    first_name: '先生',
    ...over,
  };
}

test('services.json lists the 22 services; each definition conforms to the schema', async ({ request }) => {
  const services = (await body(await request.get(`${V2}/services.json`))) as { service_code: string }[];
  expect(servicesProblems(services)).toEqual([]);
  expect(services).toHaveLength(22);
  for (const { service_code } of services) {
    const res = await request.get(`${V2}/services/${service_code}.json`);
    expect(res.status()).toBe(200);
    const definition = await body(res);
    expect(serviceDefinitionProblems(definition)).toEqual([]);
    expect(definition).toMatchObject({ service_code });
  }
  const descriptions = await expectError(await request.get(`${V2}/services/noise.json`), 404);
  expect(descriptions[0]).toContain('noise');
});

test('POST requests.json files once per idempotency key and answers with the access code', async ({ request }) => {
  const creditCode = await aCreditCode(request);
  const key = crypto.randomUUID();
  const form = complaint(creditCode);
  const first = await request.post(`${V2}/requests.json`, { form, headers: { 'Idempotency-Key': key } });
  expect(first.status()).toBe(201);
  const created = (await body(first)) as Record<string, unknown>[];
  expect(created).toEqual([
    {
      service_request_id: expect.stringMatching(/^PT-\d{4}-\d{6}$/),
      service_notice: expect.stringMatching(/^投诉已受理。由区市场监管局牵头办理/),
      account_id: null,
      access_code: expect.stringMatching(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/),
    },
  ]);
  const id = created[0]!.service_request_id as string;
  expect(first.headers()['location']).toBe(`${V2}/requests/${id}.json`);

  const replay = await request.post(`${V2}/requests.json`, { form, headers: { 'Idempotency-Key': key } });
  expect(replay.status()).toBe(200);
  expect(await body(replay)).toEqual(created);

  const conflict = await request.post(`${V2}/requests.json`, { form: { ...form, description: `${form.description}另外还有材料费。` }, headers: { 'Idempotency-Key': key } });
  await expectError(conflict, 409);

  // The filed complaint is public, without what the complainant typed.
  const one = await request.get(`${V2}/requests/${id.toLowerCase()}.json`);
  expect(one.status()).toBe(200);
  const [published] = (await body(one)) as Record<string, unknown>[];
  expect(requestsProblems([published])).toEqual([]);
  expect(published).toMatchObject({ service_request_id: id, status: 'open', service_code: 'fees_refund', agency_responsible: '区市场监管局' });
  const text = JSON.stringify(published);
  for (const secret of ['13700002222', '赵先生', form.description, created[0]!.access_code as string]) expect(text).not.toContain(secret);
});

test('POST requests.json refuses missing, unknown keys and invalid fields with Open311 errors', async ({ request }) => {
  const creditCode = await aCreditCode(request);
  const { api_key: _, ...withoutKey } = complaint(creditCode);
  expect((await expectError(await request.post(`${V2}/requests.json`, { form: withoutKey }), 401))[0]).toMatch(/^api_key：/);
  await expectError(await request.post(`${V2}/requests.json`, { form: complaint(creditCode, { api_key: 'not-a-registered-key-0123456789abcdef' }) }), 403);
  const invalid = await expectError(await request.post(`${V2}/requests.json`, { form: complaint(creditCode, { service_code: 'noise', phone: '12345' }) }), 400);
  expect(invalid).toEqual([
    'service_code：所选的问题类别无效，请从列表中选择。',
    'phone：手机号码应为11位中国大陆手机号，例如 13812345678。',
  ]);
  await expectError(await request.post(`${V2}/requests.json`, { data: { api_key: API_KEY } }), 415);
  await expectError(await request.post(`${V2}/requests.json`, { form: complaint(creditCode, { description: 'x'.repeat(70_000) }) }), 413);
});

test('multipart posts work; the origin check still guards every other form post', async ({ request }) => {
  const res = await request.post(`${V2}/requests.json`, { multipart: complaint(await aCreditCode(request), { service_code: 'advertising' }) });
  expect(res.status()).toBe(201);
  const crossSite = await request.post('/institutions', { form: { q: 'x' }, headers: { Origin: 'https://evil.example' } });
  expect(crossSite.status()).toBe(403);
});

test('GET requests.json filters, pages and validates, newest first', async ({ request }) => {
  const creditCode = await aCreditCode(request);
  const filed: string[] = [];
  for (const service_code of ['fire_safety', 'labour', 'fire_safety']) {
    const res = await request.post(`${V2}/requests.json`, { form: complaint(creditCode, { service_code }) });
    expect(res.status()).toBe(201);
    filed.push(((await res.json()) as { service_request_id: string }[])[0]!.service_request_id);
  }
  const all = await request.get(`${V2}/requests.json`);
  expect(all.status()).toBe(200);
  const items = (await body(all)) as { service_request_id: string; requested_datetime: string; service_code: string }[];
  expect(requestsProblems(items)).toEqual([]);
  expect(Number(all.headers()['x-total-count'])).toBeGreaterThanOrEqual(items.length);
  const times = items.map((i) => Date.parse(i.requested_datetime));
  expect(times).toEqual([...times].sort((a, b) => b - a));

  // Other specs may file complaints meanwhile: every check below is confined to these three.
  const mine = `service_request_id=${filed.join(',')}`;
  const ids = async (query: string) => ((await body(await request.get(`${V2}/requests.json?${query}`))) as typeof items).map((i) => i.service_request_id);
  expect(await ids(mine)).toEqual([...filed].reverse());
  expect(await ids(`${mine}&service_code=fire_safety&status=open`)).toEqual([filed[2], filed[0]]);
  expect(await ids(`${mine}&status=closed`)).toEqual([]);
  expect(await ids(`${mine}&page=2&page_size=1`)).toEqual([filed[1]]);
  expect(await ids(`${mine}&start_date=2099-01-01T00:00:00Z`)).toEqual([]);

  const bad = await expectError(await request.get(`${V2}/requests.json?status=pending&page_size=1000&end_date=soon`), 400);
  expect(bad).toEqual([expect.stringMatching(/^end_date：/), 'status：应为 open 或 closed。', 'page_size：应为1到100之间的整数。']);
});

test('unknown requests, other formats and other methods answer Open311 errors in JSON', async ({ request }) => {
  await expectError(await request.get(`${V2}/requests/PT-2020-999999.json`), 404);
  await expectError(await request.get(`${V2}/requests/not-a-number.json`), 404);
  expect((await expectError(await request.get(`${V2}/services.xml`), 400))[0]).toContain('JSON');
  await expectError(await request.get(`${V2}/requests.xml`), 400);
  await expectError(await request.get(`${V2}/discovery.json`), 404);
  const put = await request.put(`${V2}/requests.json`, { data: {} });
  await expectError(put, 405);
  expect(put.headers()['allow']).toBe('GET, POST');
  await expectError(await request.delete(`${V2}/services.json`), 405);
});
