/**
 * Logs and metrics of the built portal as production runs it (README, "Logs and metrics"): two
 * worker processes on PostgreSQL, METRICS_TOKEN set. The test files a complaint through Open311,
 * checks a tenant through the API, then makes the database refuse a write (a CHECK constraint the
 * test adds, so the verification record's INSERT fails with its parameters in the driver's error)
 * through the API and through the web form. Then everything the server wrote must hold the request
 * lines (request id, route pattern, status) and the failures (code, stack), and none of the
 * phone number, name, address, access code, idempotency key, API key or cookie value the requests
 * carried. /metrics refuses a missing or wrong token and counts what happened, summed over both
 * workers.
 *
 * PostgreSQL only (TEST_DATABASE_URL); builds dist-obs/ when the sources changed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbHandle } from '../../../db/client';
import { rows } from '../../../db/queries/shared/rows';
import { FORM_CONTENT_TYPE } from '../../support/forms';
import { complaintBody, OPEN311_PATH } from '../../support/open311-post';
import { buildSite, runSetup, startPortalProcess, type PortalProcess } from '../../support/portal-process';
import { freshDatabase } from '../../support/postgres-admin';

const ADMIN_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;
const NAME = ADMIN_URL
  ? 'logs hold requests and failures but no personal data; /metrics counts them [postgres]'
  : 'logs and metrics [postgres] — skipped: set TEST_DATABASE_URL (the built portal runs as production does, on PostgreSQL with two worker processes)';
if (!ADMIN_URL) console.info(`tests/integration/ops/logs-and-metrics.db.test.ts: ${NAME.split(' — ')[1]}`);

interface LogLine {
  level: string;
  event?: string;
  reqId?: string;
  route?: string;
  method?: string;
  status?: number;
  ms?: number;
  cache?: string;
  err?: { type?: string; code?: string; stack?: string; message?: string };
  msg?: string;
}

describe.skipIf(!ADMIN_URL)(NAME, () => {
  const apiKey = `obs-${randomBytes(24).toString('base64url')}`;
  const metricsToken = randomBytes(24).toString('base64url');
  const dbName = `ptp_test_obs_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  let database: { url: string; drop: () => Promise<void> } | undefined;
  let handle: DbHandle | undefined;
  let portal: PortalProcess | undefined;
  let creditCode = '';

  beforeAll(async () => {
    const entry = await buildSite('dist-obs');
    database = await freshDatabase(ADMIN_URL!, dbName);
    await runSetup({ DATABASE_URL: database.url, DEMO_COUNT: '30', DEMO_SEED: '20200403', OPEN311_BOOTSTRAP_KEY: apiKey });
    handle = await openDb({ url: database.url, max: 1 });
    const [first] = await rows<{ credit_code: string }>(handle.db, sql`select credit_code from institutions where operating_status = 'operating' order by id limit 1`);
    creditCode = first!.credit_code;
    portal = await startPortalProcess(entry, { DATABASE_URL: database.url, WEB_CONCURRENCY: '2', METRICS_TOKEN: metricsToken, LOG_LEVEL: 'info' });
  }, 240_000);

  afterAll(async () => {
    await portal?.stop();
    await handle?.close();
    await database?.drop();
  }, 60_000);

  const lines = (): LogLine[] =>
    portal!
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as LogLine);

  it('logs each request by route pattern with its id, and the failures with a stack, but no personal data', async () => {
    const base = portal!.url;
    const secrets: Record<string, string> = {};

    // 1. A complaint through Open311: phone, name, address, idempotency key, API key, and the
    // access code in the answer.
    const key = randomUUID();
    const body = new URLSearchParams(complaintBody({ apiKey, creditCodes: [] }, 3, key));
    const phone = `139${String(Date.now()).slice(-8)}`;
    body.set('phone', phone);
    body.set('last_name', '欧阳');
    body.set('first_name', '晓琳');
    body.set('address_string', '上海市普陀区枣阳路417弄23号1104室');
    const cookie = `ptp_session=${randomBytes(18).toString('hex')}`;
    const incomingId = `proxy-${randomBytes(8).toString('hex')}`;
    const filed = await fetch(base + OPEN311_PATH, {
      method: 'POST',
      headers: { 'content-type': FORM_CONTENT_TYPE, 'idempotency-key': key, cookie, 'x-request-id': incomingId },
      body: body.toString(),
    });
    expect(filed.status).toBe(201);
    expect(filed.headers.get('x-request-id')).toBe(incomingId);
    expect(filed.headers.get('x-putuo-route')).toBeNull();
    const [ack] = (await filed.json()) as { service_request_id: string; access_code: string }[];
    Object.assign(secrets, { phone, name: '欧阳晓琳', address: '枣阳路417弄23号1104室', key, apiKey, cookie: cookie.split('=')[1]!, accessCode: ack!.access_code });

    // 2. A landlord's check through the API, with the premises address.
    const premises = `金沙江路${1000 + (Date.now() % 900)}弄7号1203室`;
    secrets.premises = premises;
    const verify = (address: string) =>
      fetch(`${base}/api/verifications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-request-id': 'not a sane id; drop table' },
        body: JSON.stringify({ tenant: creditCode, address, leaseStart: '2026-09-01', leaseEnd: '2027-08-31', training: '少儿英语' }),
      });
    const checked = await verify(premises);
    expect(checked.status).toBe(201);
    expect(checked.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    // 3. The database refuses the next record (23514, check_violation): drizzle's error names the
    // query and every parameter (the input and facts as JSON), postgres.js's the failing row.
    await handle!.db.execute(sql.raw('alter table verification_records add constraint obs_test_refuse check (false) not valid'));
    const failedPremises = `曹杨路${1000 + (Date.now() % 700)}号502室`;
    secrets.failedPremises = failedPremises;
    const failed = await verify(failedPremises);
    expect(failed.status).toBe(500);
    const failedId = failed.headers.get('x-request-id')!;
    const formPremises = `真北路${2000 + (Date.now() % 700)}号8幢301室`;
    secrets.formPremises = formPremises;
    const form = await fetch(`${base}/verify`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': FORM_CONTENT_TYPE, origin: base, cookie },
      body: new URLSearchParams({ tenant: creditCode, address: formPremises, leaseStart: '', leaseEnd: '', training: '' }).toString(),
    });
    expect(form.status).toBe(500);
    const formId = form.headers.get('x-request-id')!;

    // 4. A cached public page, a few times: a miss in each worker (each has its own cache), then
    // hits, logged under the route pattern of the page that was stored.
    for (let i = 0; i < 6; i++) expect((await fetch(`${base}/institutions/${creditCode}`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));

    const all = lines();
    const output = portal!.output();
    const requests = all.filter((l) => l.event === 'request');
    expect(requests.find((l) => l.reqId === incomingId)).toMatchObject({ method: 'POST', route: '/open311/v2/requests.json', status: 201, cache: 'bypass' });
    expect(requests.find((l) => l.reqId === failedId)).toMatchObject({ level: 'error', route: '/api/verifications', status: 500 });
    expect(requests.find((l) => l.reqId === formId)).toMatchObject({ method: 'POST', route: '/verify', status: 500 });
    const profile = requests.filter((l) => l.route === '/institutions/[code]').map((l) => l.cache);
    expect(profile).toContain('hit');
    for (const l of requests) {
      expect(typeof l.ms).toBe('number');
      // Route patterns, never addresses: no credit code, no query.
      expect(l.route).not.toContain(creditCode);
    }
    // The failures: logged with their request's id, SQLSTATE and stack, no query values.
    const failures = all.filter((l) => l.event === 'request_failed');
    const apiFailure = failures.find((l) => l.reqId === failedId);
    expect(apiFailure?.err?.stack).toContain('\n    at ');
    expect(JSON.stringify(apiFailure)).toContain('23514');
    expect(failures.find((l) => l.reqId === formId)?.err?.stack).toBeTruthy();
    expect(all.find((l) => l.event === 'complaint.received' && l.reqId === incomingId)?.msg).toMatch(/^complaint PT-\d{4}-\d{6} received via open311/);

    for (const [what, value] of Object.entries(secrets)) expect(output.includes(value) ? `${what} (${value}) in the log` : 'absent').toBe('absent');
    expect(output).not.toMatch(/params: (?!\[redacted\])/);
    expect(output).not.toContain('Failing row');
  }, 60_000);

  it('serves /metrics only with the token, never cached, summed over the workers', async () => {
    const base = portal!.url;
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong-token-of-enough-length' } })).status).toBe(401);
    for (let i = 0; i < 20; i++) await fetch(`${base}/lists`);
    const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    for (const name of [
      'putuo_http_request_duration_seconds_bucket',
      'putuo_page_cache_requests_total',
      'putuo_db_query_errors_total',
      'putuo_complaints_filed_total',
      'putuo_message_deliveries_total',
      'putuo_queue_jobs',
      'putuo_messages',
      'putuo_cases_overdue',
      'putuo_cases_escalated_total',
      'putuo_db_connections',
      'putuo_db_pool_max_connections',
      'process_resident_memory_bytes',
    ]) {
      expect(text, name).toContain(`${name}`);
    }
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN);
    // Twenty requests to /lists, whichever worker took each: the sum over both workers.
    expect(value(/^putuo_http_request_duration_seconds_count\{route="\/lists",method="GET",status_class="2xx"\} (\d+)/m)).toBe(20);
    expect(value(/^putuo_page_cache_requests_total\{result="hit"\} (\d+)/m)).toBeGreaterThan(0);
    expect(value(/^putuo_complaints_filed_total\{channel="open311"\} (\d+)/m)).toBe(1);
    expect(value(/^putuo_db_query_errors_total\{code="23514"\} (\d+)/m)).toBe(2);
    expect(value(/^putuo_db_pool_max_connections (\d+)/m)).toBeGreaterThanOrEqual(4);
    expect(value(/^putuo_metrics_sample_ok\{sampler="messages"\} (\d+)/m)).toBe(1);
    expect(value(/^putuo_messages\{state="(?:queued|sending|delivered)"\} (\d+)/m)).toBeGreaterThan(0);
    expect(text).not.toContain('x-putuo-route');
  }, 30_000);
});
