/**
 * Every response carries the security headers and names UTF-8 on its text type: pages and APIs
 * through the middleware (securityHeaders), static files through the front server's file server
 * (withStaticFiles), which a browser or a non-browser client would otherwise sniff or garble.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withStaticFiles } from '../../../src/server/http/front.mjs';
import { BASE_CSP, DEV_PAGE_CSP, PAGE_DIRECTIVES, errorPageFollows, securityHeaders, withHttpsUpgrade, withUtf8Charset } from '../../../src/server/http/security-headers.mjs';

describe('withUtf8Charset', () => {
  it.each([
    ['text/html', 'text/html; charset=utf-8'],
    ['text/plain', 'text/plain; charset=utf-8'],
    ['text/csv; header=present', 'text/csv; header=present; charset=utf-8'],
    ['application/json', 'application/json; charset=utf-8'],
    ['application/atom+xml', 'application/atom+xml; charset=utf-8'],
    ['image/svg+xml', 'image/svg+xml; charset=utf-8'],
    ['text/javascript', 'text/javascript; charset=utf-8'],
  ])('adds UTF-8 to %s', (type, expected) => {
    expect(withUtf8Charset(type)).toBe(expected);
  });

  it.each([['text/html; charset=utf-8'], ['text/csv;charset=GB18030'], ['application/pdf'], ['image/png'], ['application/octet-stream']])('leaves %s as it is', (type) => {
    expect(withUtf8Charset(type)).toBe(type);
  });
});

describe('securityHeaders (pages and APIs)', () => {
  it('adds every header and the charset, and keeps a policy the page set (upgraded over HTTPS)', () => {
    const headers = new Headers({ 'Content-Type': 'text/html', 'Content-Security-Policy': "script-src 'self'" });
    securityHeaders(headers, new URL('https://px.example.gov.cn/'));
    expect(headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(headers.get('Content-Security-Policy')).toBe("script-src 'self'; upgrade-insecure-requests");
    expect(headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(headers.get('X-Frame-Options')).toBe('DENY');
    expect(headers.get('Strict-Transport-Security')).toContain('max-age=');
  });

  it('gives a response without a policy the base one, and no HSTS over plain HTTP', () => {
    const headers = new Headers({ 'Content-Type': 'application/json' });
    securityHeaders(headers, new URL('http://127.0.0.1:4321/api/suggest'));
    expect(headers.get('Content-Security-Policy')).toBe(BASE_CSP);
    expect(headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(headers.has('Strict-Transport-Security')).toBe(false);
  });
});

describe('the Content-Security-Policy', () => {
  it('lets a page load from the portal only, and be framed by nobody', () => {
    expect(PAGE_DIRECTIVES).toEqual(expect.arrayContaining(["default-src 'self'", "img-src 'self' data:", "connect-src 'self'", "object-src 'none'", "frame-ancestors 'none'"]));
    // script-src and style-src are Astro's, with the hashes of the page (astro.config.mjs).
    expect(PAGE_DIRECTIVES.join(';')).not.toMatch(/script-src|style-src|unsafe-/);
  });

  it('lets anything that is not a page load and run nothing', () => {
    expect(BASE_CSP).toContain("default-src 'none'");
    expect(BASE_CSP).toContain("frame-ancestors 'none'");
    expect(BASE_CSP).not.toMatch(/script-src|unsafe-/);
  });

  it.each([
    ["default-src 'self'; script-src 'self' 'sha256-abc=';", true, "default-src 'self'; script-src 'self' 'sha256-abc='; upgrade-insecure-requests"],
    ["default-src 'self'", true, "default-src 'self'; upgrade-insecure-requests"],
    ["default-src 'self'; upgrade-insecure-requests", true, "default-src 'self'; upgrade-insecure-requests"],
    ["default-src 'self'; script-src 'self';", false, "default-src 'self'; script-src 'self';"],
  ])('upgrade-insecure-requests only behind HTTPS: %s (https %s)', (policy, https, expected) => {
    expect(withHttpsUpgrade(policy, https)).toBe(expected);
  });

  it.each([
    ['https://px.example.gov.cn/', undefined, true],
    ['http://127.0.0.1:4321/', 'https://px.example.gov.cn', true],
    ['http://127.0.0.1:4321/', 'http://localhost:4321', false],
    ['http://127.0.0.1:4321/', undefined, false],
  ])("a page's policy at %s with the public address %s is upgraded: %s", (url, site, upgraded) => {
    const headers = new Headers({ 'Content-Type': 'text/html', 'Content-Security-Policy': "default-src 'self'; script-src 'self' 'sha256-abc=';" });
    securityHeaders(headers, new URL(url), { site });
    expect(headers.get('Content-Security-Policy')!.includes('upgrade-insecure-requests')).toBe(upgraded);
    expect(headers.has('Strict-Transport-Security')).toBe(upgraded);
  });

  it('under astro dev, where Astro sends no policy, gives a page only the directives that need no hash', () => {
    const page = new Headers({ 'Content-Type': 'text/html' });
    securityHeaders(page, new URL('http://localhost:4321/'), { dev: true });
    expect(page.get('Content-Security-Policy')).toBe(DEV_PAGE_CSP);
    const data = new Headers({ 'Content-Type': 'application/json' });
    securityHeaders(data, new URL('http://localhost:4321/api/suggest'), { dev: true });
    expect(data.get('Content-Security-Policy')).toBe(BASE_CSP);
    // A built portal never relaxes: an HTML answer without Astro's policy gets the base one.
    const built = new Headers({ 'Content-Type': 'text/html' });
    securityHeaders(built, new URL('http://localhost:4321/'));
    expect(built.get('Content-Security-Policy')).toBe(BASE_CSP);
  });

  it("leaves the policy to the error page that Astro puts in place of a bodiless 404 or 500", () => {
    expect(errorPageFollows(new Response(null, { status: 404 }))).toBe(true);
    expect(errorPageFollows(new Response(null, { status: 500 }))).toBe(true);
    expect(errorPageFollows(new Response('{"error":"not_found"}', { status: 404 }))).toBe(false);
    expect(errorPageFollows(new Response(null, { status: 303 }))).toBe(false);
    const headers = new Headers();
    securityHeaders(headers, new URL('http://127.0.0.1:4321/staff/users'), { errorPageFollows: true });
    // Astro keeps these headers over the error page's: a policy here would replace the page's hashes.
    expect(headers.has('Content-Security-Policy')).toBe(false);
    expect(headers.get('X-Frame-Options')).toBe('DENY');
  });

  it('never upgrades the base policy of a response without one', () => {
    const headers = new Headers({ 'Content-Type': 'application/json' });
    securityHeaders(headers, new URL('https://px.example.gov.cn/api/suggest'), { site: 'https://px.example.gov.cn' });
    expect(headers.get('Content-Security-Policy')).toBe(BASE_CSP);
  });
});

describe('static files through the front server', () => {
  let dir: string;
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ptp-static-'));
    mkdirSync(join(dir, '_astro'));
    mkdirSync(join(dir, 'contracts'));
    writeFileSync(join(dir, 'contracts', 'GF-2021-2604.txt'), '培训服务合同示范文本');
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dir, '_astro', 'island.abc123.js'), 'export {};');
    const app = (_req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(404).end();
    server = http.createServer(withStaticFiles(dir, app));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['/contracts/GF-2021-2604.txt', 'text/plain; charset=utf-8'],
    ['/favicon.svg', 'image/svg+xml; charset=utf-8'],
    ['/_astro/island.abc123.js', 'text/javascript; charset=utf-8'],
  ])('%s goes out with the security headers and a charset', async (path, type) => {
    const res = await fetch(base + path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toBe(BASE_CSP);
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    if (path === '/contracts/GF-2021-2604.txt') expect(await res.text()).toBe('培训服务合同示范文本');
  });
});
