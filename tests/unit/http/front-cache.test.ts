/**
 * The front server's page cache (src/server/http/front.mjs) in front of a stand-in for the Astro app
 * that answers like Astro does with the front server's cache provider: the page's cache settings
 * in CDN-Cache-Control and Cache-Tag headers, the body in chunks.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { frontHandler, purgeCache } from '../../../src/server/http/front.mjs';
import { BASE_CSP } from '../../../src/server/http/security-headers.mjs';

interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

let rendered: string[] = [];
let answer: (path: string) => Answer = () => ({});
/** When set, the app waits for it before answering (a slow render). */
let gate: Promise<void> | null = null;
let server: http.Server;
let base: string;

async function app(req: http.IncomingMessage, res: http.ServerResponse) {
  const path = req.url ?? '/';
  rendered.push(`${req.method} ${path}`);
  const a = answer(path);
  if (gate) await gate;
  res.writeHead(a.status ?? 200, { 'content-type': 'text/html', 'x-frame-options': 'DENY', ...a.headers });
  res.write(`<p>${a.body ?? path} `);
  res.end(`rendered ${rendered.length}</p>`);
}

const PUBLIC = { 'cdn-cache-control': 'max-age=60, stale-while-revalidate=600', 'cache-tag': 'registry, institution:X' };

async function get(path: string, init: RequestInit = {}) {
  const res = await fetch(base + path, init);
  return { status: res.status, headers: res.headers, body: await res.text() };
}

beforeAll(async () => {
  server = http.createServer(frontHandler(app));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  purgeCache({ tags: ['registry', 'other'] });
  rendered = [];
  answer = () => ({});
  gate = null;
  vi.useRealTimers();
});

describe('front server policy', () => {
  it('gives an answer of the app that carries no Content-Security-Policy the base one, and keeps a page its own', async () => {
    answer = (path) => (path === '/page' ? { headers: { 'content-security-policy': "default-src 'self'" } } : { status: 404 });
    expect((await get('/contracts/NOPE/download')).headers.get('content-security-policy')).toBe(BASE_CSP);
    expect((await get('/page')).headers.get('content-security-policy')).toBe("default-src 'self'");
  });
});

describe('front server cache', () => {
  it('answers a public page from memory the second time, without the internal headers', async () => {
    answer = () => ({ headers: PUBLIC });
    const first = await get('/institutions/X');
    const second = await get('/institutions/X');
    expect(rendered).toEqual(['GET /institutions/X']);
    expect(second.body).toBe(first.body);
    expect(second.headers.get('x-frame-options')).toBe('DENY');
    expect(second.headers.get('content-length')).toBe(String(Buffer.byteLength(first.body)));
    for (const r of [first, second]) {
      expect(r.headers.get('cdn-cache-control')).toBeNull();
      expect(r.headers.get('cache-tag')).toBeNull();
    }
  });

  it('keeps pages apart by host and query', async () => {
    answer = () => ({ headers: PUBLIC });
    await get('/institutions?q=1');
    await get('/institutions?q=2');
    // fetch() cannot set Host.
    await new Promise<void>((resolve, reject) =>
      http.get(base + '/institutions?q=1', { headers: { host: 'other.example' } }, (res) => res.resume().on('end', resolve)).on('error', reject),
    );
    expect(rendered).toHaveLength(3);
  });

  it.each([
    ['a page without cache settings', '/lists', {}, 200],
    ['a page that sets a cookie', '/lists', { ...PUBLIC, 'set-cookie': 'a=1' }, 200],
    ['a page that varies', '/lists', { ...PUBLIC, vary: 'Accept-Language' }, 200],
    ['an error', '/lists', PUBLIC, 404],
    ['a complaint page', '/complaints/track', PUBLIC, 200],
    ['a verification', '/verify/abc', PUBLIC, 200],
    ['the staff area', '/staff', PUBLIC, 200],
  ])('never stores %s', async (_why, path, headers, status) => {
    answer = () => ({ headers, status });
    await get(path);
    const again = await get(path);
    expect(rendered).toHaveLength(2);
    expect(again.headers.get('cache-tag')).toBeNull();
  });

  it('never stores the answer to a POST, nor answers one from memory', async () => {
    answer = () => ({ headers: PUBLIC });
    await get('/institutions/X');
    await get('/institutions/X', { method: 'POST', body: 'x' });
    expect(rendered).toEqual(['GET /institutions/X', 'POST /institutions/X']);
  });

  it('forgets pages by tag and by path', async () => {
    answer = () => ({ headers: PUBLIC });
    await get('/institutions/X');
    expect(purgeCache({ tags: 'institution:X' })).toBe(1);
    await get('/institutions/X');
    expect(purgeCache({ path: '/institutions/X' })).toBe(1);
    await get('/institutions/X');
    expect(purgeCache({ tags: ['other'] })).toBe(0);
    expect(rendered).toHaveLength(3);
  });

  it('renders afresh after max-age, serving the old copy to others meanwhile', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    answer = () => ({ headers: PUBLIC });
    const old = await get('/lists');
    vi.setSystemTime(Date.now() + 61_000);
    let release!: () => void;
    gate = new Promise<void>((r) => (release = r));
    answer = () => ({ headers: PUBLIC, body: 'new' });
    const refreshing = get('/lists');
    await vi.waitFor(() => expect(rendered).toHaveLength(2));
    expect((await get('/lists')).body).toBe(old.body);
    release();
    expect((await refreshing).body).toContain('new');
    expect((await get('/lists')).body).toContain('new');
    expect(rendered).toHaveLength(2);
  });

  it('drops a page past max-age and stale-while-revalidate', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    answer = () => ({ headers: PUBLIC });
    await get('/lists');
    vi.setSystemTime(Date.now() + 661_000);
    answer = () => ({});
    await get('/lists');
    await get('/lists');
    expect(rendered).toHaveLength(3);
  });

  it('keeps serving the stale copy, marked stale, when a refresh fails (the database is away), and tries again after a pause', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    answer = () => ({ headers: PUBLIC, body: 'old' });
    await get('/lists');
    vi.setSystemTime(Date.now() + 120_000);
    answer = () => ({ status: 503, headers: { 'retry-after': '5', 'cache-control': 'no-store' }, body: 'error page' });
    const failed = await get('/lists');
    expect(failed.status).toBe(200);
    expect(failed.body).toContain('old');
    expect(failed.headers.get('warning')).toBe('110 - "Response is Stale"');
    expect(Number(failed.headers.get('age'))).toBeGreaterThanOrEqual(120);
    expect(failed.headers.get('retry-after')).toBeNull();
    expect(failed.headers.get('cache-control')).not.toBe('no-store');
    // Within the pause, the stale copy is served without asking the app.
    expect((await get('/lists')).body).toContain('old');
    expect(rendered).toHaveLength(2);
    // After it, one request tries again; the database is back: the fresh page is stored.
    vi.setSystemTime(Date.now() + 6_000);
    answer = () => ({ headers: PUBLIC, body: 'new' });
    const fresh = await get('/lists');
    expect(fresh.body).toContain('new');
    expect(fresh.headers.get('warning')).toBeNull();
    expect((await get('/lists')).body).toContain('new');
    expect(rendered).toHaveLength(3);
  });

  it('answers the error once the stale window is over: a copy is never served past it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    answer = () => ({ headers: PUBLIC });
    await get('/lists');
    vi.setSystemTime(Date.now() + 661_000);
    answer = () => ({ status: 503, body: 'error page' });
    const failed = await get('/lists');
    expect(failed.status).toBe(503);
    expect(failed.body).toContain('error page');
  });

  it('a page that is now not found drops its stored copy instead of serving it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    answer = () => ({ headers: PUBLIC });
    await get('/institutions/Y');
    vi.setSystemTime(Date.now() + 61_000);
    answer = () => ({ status: 404, body: 'gone' });
    expect((await get('/institutions/Y')).status).toBe(404);
    expect((await get('/institutions/Y')).status).toBe(404);
    expect(rendered).toHaveLength(3);
  });

  it('sends a stored page compressed as the client asks, with a validator, and 304 for a current copy', async () => {
    const big = '<p>普陀区培训机构公示与投诉平台，查询机构许可证和黑白名单。</p>'.repeat(100);
    answer = () => ({ headers: PUBLIC, body: big });
    const first = await get('/institutions/Z');
    // Compressed in the background after storing: asked again until it is.
    let br: Response | undefined;
    await vi.waitFor(async () => {
      br = await fetch(`${base}/institutions/Z`, { headers: { 'accept-encoding': 'br' } });
      expect(br.headers.get('content-encoding')).toBe('br');
    });
    expect(await br!.text()).toBe(first.body);
    expect(br!.headers.get('vary')).toBe('Accept-Encoding');
    expect(Number(br!.headers.get('content-length'))).toBeLessThan(Buffer.byteLength(first.body) / 5);
    const gz = await fetch(`${base}/institutions/Z`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await gz.text()).toBe(first.body);
    const plain = await fetch(`${base}/institutions/Z`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    const etag = plain.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const notModified = await fetch(`${base}/institutions/Z`, { headers: { 'if-none-match': etag } });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    expect(rendered).toEqual(['GET /institutions/Z']);
  });

  it('compresses what it renders for this request only (JSON, a search page) on the way out', async () => {
    const big = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ name: `机构${i}` })) });
    answer = () => ({ headers: { 'content-type': 'application/json' }, body: big });
    const res = await fetch(`${base}/api/institutions?q=x`, { method: 'GET', headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.text()).toContain('机构199');
    // An answer that says it is small is left as it is.
    // The stand-in app writes "<p>small " and "rendered 2</p>": 23 bytes.
    answer = () => ({ headers: { 'content-type': 'application/json', 'content-length': '23' }, body: 'small' });
    const small = await fetch(`${base}/api/tiny`, { headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(await small.text()).toBe('<p>small rendered 2</p>');
  });
});
