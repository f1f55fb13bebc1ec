/**
 * Errors in the endpoint's own language (src/server/http/api-errors.ts): a JSON route answers JSON
 * for every refusal and failure, Open311 in its error array, and nothing internal leaks.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allowedMethods, apiFailure, isDatabaseUnreachable, isJsonRoute, jsonRefusal, methodNotAllowed } from '../../../src/server/http/api-errors';
import { log } from '../../../src/server/shared/log.mjs';
import { serializeError } from '../../../src/server/shared/log-scrub.mjs';

afterEach(() => vi.restoreAllMocks());

describe('isJsonRoute', () => {
  it('knows the API, Open311 and .json files from pages', () => {
    expect(isJsonRoute('/api/suggest')).toBe(true);
    expect(isJsonRoute('/open311/v2/services.json')).toBe(true);
    expect(isJsonRoute('/open311/v2/requests/PT-2026-000001.json')).toBe(true);
    expect(isJsonRoute('/institutions')).toBe(false);
    expect(isJsonRoute('/warnings.atom')).toBe(false);
  });
});

describe('jsonRefusal', () => {
  it('answers Open311 clients in the GeoReport error array, naming the field', async () => {
    const res = jsonRefusal('/open311/v2/requests.json', 400, 'invalid_text', '含有控制字符', 'description');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual([{ code: 400, description: 'description：含有控制字符' }]);
  });

  it('answers the portal API with an error code, a sentence and the field', async () => {
    const res = jsonRefusal('/api/suggest', 400, 'invalid_text', '含有控制字符', 'q');
    expect(await res.json()).toMatchObject({ error: 'invalid_text', errors: [{ field: 'q', message: '含有控制字符' }] });
  });
});

describe('apiFailure', () => {
  it('answers 500 as JSON without the error message, and logs the error with quoted values blanked', async () => {
    const logged = vi.spyOn(log, 'error').mockImplementation(() => {});
    const res = apiFailure('/api/institutions', Object.assign(new Error('invalid input syntax for type integer: "13812345678"'), { code: '22P02' }));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('syntax');
    expect(JSON.parse(text)).toMatchObject({ error: 'server_error' });
    const fields = logged.mock.calls[0]?.[0] as unknown as { event: string; err: unknown };
    expect(fields.event).toBe('request_failed');
    const serialized = JSON.stringify(serializeError(fields.err));
    expect(JSON.parse(serialized)).toMatchObject({ type: 'Error', code: '22P02' });
    expect(serialized).not.toContain('13812345678');
  });

  it('answers 503 with Retry-After when the database is out of reach, Open311 in its array', async () => {
    vi.spyOn(log, 'error').mockImplementation(() => {});
    const down = Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' });
    const res = apiFailure('/open311/v2/requests.json', down);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toEqual([{ code: 503, description: expect.any(String) }]);
  });

  it('finds a connection failure wrapped as the cause of a query error', () => {
    const wrapped = new Error('Failed query', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
    expect(isDatabaseUnreachable(wrapped)).toBe(true);
    expect(isDatabaseUnreachable(new Error('syntax'))).toBe(false);
  });
});

describe('methods an endpoint does not offer', () => {
  const handler = () => new Response();

  it('reads the allowed methods from the module: GET brings HEAD, ALL allows all', () => {
    expect(allowedMethods({ GET: handler, prerender: false })).toEqual(['GET', 'HEAD']);
    expect(allowedMethods({ POST: handler })).toEqual(['POST']);
    expect(allowedMethods({ ALL: handler })).toContain('DELETE');
  });

  it('answers 405 as JSON with the Allow header', async () => {
    const res = methodNotAllowed('/api/verifications', 'GET', ['POST']);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(await res.json()).toMatchObject({ error: 'method_not_allowed', message: expect.stringContaining('POST') });
  });
});
