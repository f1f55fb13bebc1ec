/**
 * The logger keeps personal data and secrets out of every line (src/server/shared/log-scrub.mjs,
 * log.mjs): free text is scrubbed by pattern, fields are censored by name, and an error keeps its
 * type, code and stack but never its query or parameters.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/server/shared/log.mjs';
import { scrubErrorInPlace, scrubText, serializeError } from '../../../src/server/shared/log-scrub.mjs';
import { logSettings } from '../../../src/config/log-env.mjs';

/** Free text in, what may be logged out (STYLE.md habit 4: fixtures are data). */
const TEXTS: [string, string][] = [
  ['invalid input syntax for type bigint: "13812345678"', 'invalid input syntax for type bigint: "…"'],
  ['Failed query: select 1 where a = $1\nparams: 13812345678,欧阳晓琳', 'Failed query: select 1 where a = $1\nparams: [redacted]'],
  ['call +86 139 0000 1111 or 13900001111', 'call [phone] or [phone]'],
  ['landline 021-62345678 and 62345678', 'landline [phone] and [phone]'],
  ['GET /open311/v2/requests.json?api_key=abc123secret&x=1', 'GET /open311/v2/requests.json?api_key=[redacted]&x=1'],
  ['header Authorization: Bearer abc.def-ghi', 'header Authorization: [redacted] [redacted]'],
  ['code ABCDE-FGH23 shown', 'code [code] shown'],
  ['key 3f2b8c1e-0a4d-4b6e-9c1f-2d3e4f5a6b7c replayed', 'key [uuid] replayed'],
  ['premises 金沙江路1000弄5号301室 checked', 'premises [address] checked'],
  ['to w.wang@example.gov.cn', 'to [email]'],
  ['postgres://portal:s3cret@db:5432/putuo', 'postgres://portal:[redacted]@db:5432/putuo'],
  ['Key (idempotency_key)=(k-1) already exists.', 'Key (idempotency_key)=(…) already exists.'],
  ['complaint PT-2026-000123 received via open311', 'complaint PT-2026-000123 received via open311'],
  ['UNEXPECTED CONNECTION_CLOSED at 10:15:02', 'UNEXPECTED CONNECTION_CLOSED at 10:15:02'],
];

describe('scrubText', () => {
  it.each(TEXTS)('%s', (text, expected) => expect(scrubText(text)).toBe(expected));
});

/** A postgres.js error as the driver builds it: query and parameters attached. */
function driverError() {
  const cause = Object.assign(new Error('new row for relation "verification_records" violates check constraint "x"'), {
    name: 'PostgresError',
    code: '23514',
    detail: 'Failing row contains (金沙江路1000弄5号301室, 13812345678).',
    query: 'insert into verification_records values ($1, $2)',
    parameters: ['金沙江路1000弄5号301室', '13812345678'],
  });
  return new Error('Failed query: insert into verification_records values ($1, $2)\nparams: 金沙江路1000弄5号301室,13812345678', { cause });
}

describe('errors', () => {
  it('serialises type, code and stack, never the query, parameters or detail', () => {
    const out = JSON.stringify(serializeError(driverError()));
    expect(out).toContain('"code":"23514"');
    expect(out).toContain('"stack":"Error: Failed query');
    for (const secret of ['13812345678', '金沙江路', 'Failing row', 'parameters']) expect(out).not.toContain(secret);
  });

  it('scrubs an error in place for code that prints it, keeping its class and code', () => {
    const e = driverError();
    scrubErrorInPlace(e);
    expect(e.message).toContain('params: [redacted]');
    expect(e.stack).not.toContain('13812345678');
    const cause = e.cause as Record<string, unknown>;
    expect(cause.code).toBe('23514');
    expect('parameters' in cause || 'detail' in cause || 'query' in cause).toBe(false);
  });
});

describe('the logger', () => {
  const capture = () => {
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    return { lines, ...createLogger({ destination }) };
  };

  it('censors sensitive fields by name, scrubs free text and the message, keeps the event', () => {
    const { lines, logger } = capture();
    logger.info({ event: 'x.happened', phone: '13812345678', contact: { name: '欧阳晓琳' }, req: { headers: { cookie: 'ptp_session=abc' } }, reason: 'gateway refused 13812345678' }, 'for 13812345678');
    logger.error({ event: 'y.failed', err: driverError() });
    const text = lines.join('');
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('欧阳晓琳');
    expect(text).not.toContain('ptp_session=abc');
    const [first, second] = lines.map((l) => JSON.parse(l));
    expect(first).toMatchObject({ level: 'info', event: 'x.happened', phone: '[redacted]', reason: 'gateway refused [phone]', msg: 'for [phone]' });
    expect(second).toMatchObject({ level: 'error', event: 'y.failed', err: { cause: { code: '23514' } } });
    expect(second.msg).toContain('params: [redacted]');
  });

  it('adds the request context to every line logged inside it', async () => {
    const { lines, logger, context } = capture();
    await context.run({ reqId: 'r-12345678', route: '/verify' }, async () => {
      await Promise.resolve();
      logger.info({ event: 'inside' });
    });
    logger.info({ event: 'outside' });
    expect(JSON.parse(lines[0]!)).toMatchObject({ reqId: 'r-12345678', route: '/verify', event: 'inside' });
    expect(JSON.parse(lines[1]!).reqId).toBeUndefined();
  });
});

describe('logSettings', () => {
  it('is pretty at a terminal in development, JSON in production or when asked', () => {
    expect(logSettings({ NODE_ENV: 'development' }, true)).toEqual({ level: 'info', pretty: true });
    expect(logSettings({}, true).pretty).toBe(false);
    expect(logSettings({ NODE_ENV: 'development' }, false).pretty).toBe(false);
    expect(logSettings({ LOG_FORMAT: 'pretty', NODE_ENV: 'production' }, false).pretty).toBe(true);
    expect(logSettings({ LOG_FORMAT: 'json', NODE_ENV: 'development', LOG_LEVEL: 'debug' }, true)).toEqual({ level: 'debug', pretty: false });
  });
});
