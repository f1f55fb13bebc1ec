/**
 * The front server's outermost layer (src/server/http/request-log.mjs) on a real node:http server:
 * one request line by route pattern with the request id, the internal route header removed, the
 * X-Request-Id of a proxy kept only when sane, and /metrics open to this machine only, or to the
 * bearer of METRICS_TOKEN.
 */
import http from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { metricsAccess } from '../../../src/server/http/metrics-endpoint.mjs';
import { ROUTE_HEADER } from '../../../src/server/http/request-id.mjs';
import { observeRequests } from '../../../src/server/http/request-log.mjs';
import { log } from '../../../src/server/shared/log.mjs';

const servers: http.Server[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A server whose app answers like Astro: the route pattern in the internal header. */
async function start(host: string, token?: string): Promise<string> {
  const app = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.url?.startsWith('/institutions/')) res.writeHead(200, { 'content-type': 'text/html', [ROUTE_HEADER]: '/institutions/[code]' });
    else res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('ok');
  };
  const server = http.createServer(observeRequests(app, { metricsToken: token }));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, host, r));
  const { port } = server.address() as { port: number };
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

describe('the request line', () => {
  it('names the route pattern, not the address, and sends the request id back', async () => {
    const info = vi.spyOn(log, 'info').mockImplementation(() => {});
    const base = await start('127.0.0.1');
    const res = await fetch(`${base}/institutions/91310107MA1G0ABC1Y?q=13812345678`, { headers: { 'x-request-id': 'nginx-0123456789abcdef' } });
    expect(res.headers.get(ROUTE_HEADER)).toBeNull();
    expect(res.headers.get('x-request-id')).toBe('nginx-0123456789abcdef');
    await res.text();
    await vi.waitFor(() => expect(info).toHaveBeenCalled());
    const [line] = info.mock.calls[0] as unknown as [Record<string, unknown>];
    expect(line).toMatchObject({ event: 'request', reqId: 'nginx-0123456789abcdef', method: 'GET', route: '/institutions/[code]', status: 200 });
    expect(JSON.stringify(info.mock.calls)).not.toContain('91310107MA1G0ABC1Y');
  });

  it('replaces an incoming id that is not sane', async () => {
    vi.spyOn(log, 'info').mockImplementation(() => {});
    const base = await start('127.0.0.1');
    for (const bad of ['short', 'has spaces in it', `x${'a'.repeat(200)}`, '<script>alert(1)</script>']) {
      const res = await fetch(`${base}/institutions/x`, { headers: { 'x-request-id': bad } });
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    }
  });
});

describe('/metrics access', () => {
  it('decides by token, else by a direct loopback client', () => {
    const direct = (remoteAddress: string, headers: http.IncomingHttpHeaders = {}) => ({ remoteAddress, headers });
    expect(metricsAccess(direct('127.0.0.1'), undefined)).toBe('ok');
    expect(metricsAccess(direct('::1'), undefined)).toBe('ok');
    expect(metricsAccess(direct('::ffff:127.0.0.1'), undefined)).toBe('ok');
    expect(metricsAccess(direct('10.0.0.5'), undefined)).toBe(403);
    // Through a proxy on this machine: a visitor from outside.
    expect(metricsAccess(direct('127.0.0.1', { 'x-forwarded-for': '203.0.113.7' }), undefined)).toBe(403);
    expect(metricsAccess(direct('127.0.0.1', { forwarded: 'for=203.0.113.7' }), undefined)).toBe(403);
    const token = 'a-metrics-token-of-24-chars-or-more';
    expect(metricsAccess(direct('127.0.0.1'), token)).toBe(401);
    expect(metricsAccess(direct('10.0.0.5', { authorization: 'Bearer wrong' }), token)).toBe(401);
    expect(metricsAccess(direct('10.0.0.5', { authorization: `Bearer ${token}` }), token)).toBe('ok');
  });

  it('answers a loopback client, never cached, and refuses one that came through a proxy', async () => {
    vi.spyOn(log, 'info').mockImplementation(() => {});
    const base = await start('127.0.0.1');
    await fetch(`${base}/institutions/x`);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(text).toMatch(/^putuo_http_request_duration_seconds_count\{route="\/institutions\/\[code\]",method="GET",status_class="2xx"\} \d+/m);
    expect((await fetch(`${base}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.7' } })).status).toBe(403);
  });

  // A real non-loopback address of this machine, where it has one: the socket's address decides.
  const outside = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  it.skipIf(!outside)(`refuses a client at ${outside ?? 'a non-loopback address'} without the token, answers it with the token`, async () => {
    vi.spyOn(log, 'info').mockImplementation(() => {});
    const base = await start(outside!);
    expect((await fetch(`${base}/metrics`)).status).toBe(403);
    const token = 'another-metrics-token-0123456789';
    const guarded = await start(outside!, token);
    const refused = await fetch(`${guarded}/metrics`, { headers: { authorization: 'Bearer not-the-token-at-all-000' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await fetch(`${guarded}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });
});
