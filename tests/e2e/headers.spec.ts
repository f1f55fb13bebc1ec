/**
 * Every kind of response the portal sends, walked against the running front server: pages, the
 * JSON API and Open311, feeds and sitemaps, open-data downloads, the built scripts and styles, the
 * favicon and the model contracts. Each carries the security headers, and a text type says UTF-8.
 */
import { expect, test } from '@playwright/test';

const FIXED_PATHS = [
  '/',
  '/institutions?q=英语',
  '/lists',
  '/complaints/new',
  '/verify',
  '/staff/sign-in',
  '/no-such-page',
  '/api/institutions?page=1',
  '/api/suggest?q=yy',
  '/open311/v2/services.json',
  '/warnings.atom',
  '/sitemap.xml',
  '/robots.txt',
  '/open-data/datapackage.json',
  '/favicon.svg',
  '/contracts/GF-2021-2604.txt',
  '/contracts/GF-2021-2604/download',
];

test('every kind of response carries the security headers and names its charset', async ({ request }) => {
  // The built assets have fingerprinted names: take them from the home page, with a data download.
  const home = await (await request.get('/')).text();
  const assets = [...home.matchAll(/(?:src|href)="(\/_astro\/[^"]+)"/g)].map((m) => m[1]!);
  expect(assets.length).toBeGreaterThan(0);
  const openData = await (await request.get('/open-data')).text();
  const download = /href="(\/open-data\/[\w-]+\.csv)"/.exec(openData)?.[1];
  expect(download).toBeDefined();

  const problems: string[] = [];
  for (const path of [...FIXED_PATHS, ...assets, download!]) {
    const res = await request.get(path, { maxRedirects: 0 });
    const h = res.headers();
    const say = (what: string) => problems.push(`${path} (${res.status()}): ${what}`);
    if (h['x-content-type-options'] !== 'nosniff') say('no X-Content-Type-Options: nosniff');
    if (h['x-frame-options'] !== 'DENY') say('no X-Frame-Options: DENY');
    if (!h['content-security-policy']?.includes("frame-ancestors 'none'")) say(`CSP without frame-ancestors: ${h['content-security-policy']}`);
    if (h['referrer-policy'] !== 'same-origin') say('no Referrer-Policy');
    const type = h['content-type'] ?? '';
    if (/^(text\/|application\/(json|javascript|xml|atom\+xml)|image\/svg)/.test(type) && !/charset=utf-8/i.test(type)) say(`text type without UTF-8: ${type}`);
  }
  expect(problems).toEqual([]);
});
