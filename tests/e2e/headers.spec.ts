/**
 * Every kind of response the portal sends, walked against the running front server: pages, the
 * JSON API and Open311, feeds and sitemaps, open-data downloads, the built scripts and styles, the
 * favicon and the model contracts. Each carries the security headers, and a text type says UTF-8.
 * Every HTML page carries the strict Content-Security-Policy (scripts and styles from the portal
 * or allowed by hash, nothing inline otherwise), everything else the restrictive base policy.
 */
import { inlineCode, parseCsp, sha256Source } from './support/csp';
import { listInstitutions } from './support/api';
import { expect, test } from './support/test';

const FIXED_PATHS = [
  '/',
  '/institutions?q=英语',
  '/lists',
  '/complaints/new',
  '/verify',
  '/staff/sign-in',
  '/about',
  '/contracts',
  '/warnings',
  '/open-data',
  '/no-such-page',
  '/api/institutions?page=1',
  '/api/suggest?q=yy',
  '/open311/v2/services.json',
  '/warnings.atom',
  '/sitemap.xml',
  '/robots.txt',
  '/open-data/datapackage.json',
  '/favicon.svg',
  '/contracts/GF-2021-2604',
  '/contracts/GF-2021-2604.txt',
  '/contracts/GF-2021-2604.pdf',
  '/contracts/GF-2021-2604/download',
  // An endpoint's bodiless 404, which Astro does not replace with the 404 page: the base policy,
  // added by the front server (the middleware leaves a bodiless 404 to the error page's policy).
  '/contracts/GF-0000-0000/download',
];

test('every kind of response carries the security headers and names its charset', async ({ request }) => {
  // The built assets have fingerprinted names: take them from the home page, with a data download.
  const home = await (await request.get('/')).text();
  const assets = [...home.matchAll(/(?:src|href)="(\/_astro\/[^"]+)"/g)].map((m) => m[1]!);
  expect(assets.length).toBeGreaterThan(0);
  const openData = await (await request.get('/open-data')).text();
  const download = /href="(\/open-data\/[\w-]+\.csv)"/.exec(openData)?.[1];
  expect(download).toBeDefined();
  const profile = new URL((await listInstitutions(request)).items[0]!.url, 'http://x').pathname;

  const problems: string[] = [];
  let pages = 0;
  for (const path of [...FIXED_PATHS, profile, ...assets, download!]) {
    const res = await request.get(path, { maxRedirects: 0 });
    const h = res.headers();
    const say = (what: string) => problems.push(`${path} (${res.status()}): ${what}`);
    if (h['x-content-type-options'] !== 'nosniff') say('no X-Content-Type-Options: nosniff');
    if (h['x-frame-options'] !== 'DENY') say('no X-Frame-Options: DENY');
    if (!h['content-security-policy']?.includes("frame-ancestors 'none'")) say(`CSP without frame-ancestors: ${h['content-security-policy']}`);
    if (h['referrer-policy'] !== 'same-origin') say('no Referrer-Policy');
    const type = h['content-type'] ?? '';
    if (/^(text\/|application\/(json|javascript|xml|atom\+xml)|image\/svg)/.test(type) && !/charset=utf-8/i.test(type)) say(`text type without UTF-8: ${type}`);
    const csp = h['content-security-policy'] ?? '';
    if (type.startsWith('text/html')) {
      pages++;
      for (const p of pagePolicyProblems(csp, await res.text())) say(p);
    } else {
      for (const p of basePolicyProblems(csp)) say(p);
    }
  }
  expect(problems).toEqual([]);
  // The walk saw the pages it names (and the 404 page), not only files.
  expect(pages).toBeGreaterThanOrEqual(10);
});

/** What is wrong with the policy of an HTML page, given the page itself. */
function pagePolicyProblems(policy: string, html: string): string[] {
  const problems: string[] = [];
  const d = parseCsp(policy);
  const expectSources = (name: string, sources: string[]) => {
    const have = d.get(name);
    if (!have || sources.some((s) => !have.includes(s)) || have.length !== sources.length) problems.push(`${name} is ${have?.join(' ') ?? 'missing'}, not ${sources.join(' ')}`);
  };
  expectSources('default-src', ["'self'"]);
  expectSources('img-src', ["'self'", 'data:']);
  expectSources('connect-src', ["'self'"]);
  expectSources('font-src', ["'self'"]);
  expectSources('object-src', ["'none'"]);
  expectSources('base-uri', ["'self'"]);
  expectSources('form-action', ["'self'"]);
  expectSources('frame-ancestors', ["'none'"]);
  // Plain HTTP here: the upgrade would send the browser to an HTTPS port nobody listens on.
  if (d.has('upgrade-insecure-requests')) problems.push('upgrade-insecure-requests over plain HTTP');
  for (const name of ['script-src', 'style-src']) {
    const sources = d.get(name);
    if (!sources) {
      problems.push(`no ${name}`);
      continue;
    }
    // 'self' and hashes only: no 'unsafe-inline', 'unsafe-eval', 'unsafe-hashes', wildcard or other host.
    const loose = sources.filter((s) => s !== "'self'" && !/^'sha(256|384|512)-[\w+/=]+'$/.test(s));
    if (!sources.includes("'self'") || loose.length > 0) problems.push(`${name} allows ${loose.join(' ') || 'nothing of its own'}`);
  }
  for (const name of ['script-src-attr', 'style-src-attr', 'script-src-elem', 'style-src-elem', 'worker-src']) {
    if (d.has(name)) problems.push(`${name} present: ${d.get(name)!.join(' ')}`);
  }
  const code = inlineCode(html);
  const hashes = (name: string) => d.get(name) ?? [];
  for (const s of code.scripts) if (!hashes('script-src').includes(sha256Source(s))) problems.push(`inline script not allowed by hash: ${s.slice(0, 60)}`);
  for (const s of code.styles) if (!hashes('style-src').includes(sha256Source(s))) problems.push(`inline style not allowed by hash: ${s.slice(0, 60)}`);
  if (code.attributes.length > 0) problems.push(`attributes that need 'unsafe-inline': ${[...new Set(code.attributes)].join(', ')}`);
  // The policy is a header, never a <meta> (which cannot hold frame-ancestors).
  if (/<meta[^>]+http-equiv=["']?content-security-policy/i.test(html)) problems.push('a <meta> policy in the page');
  return problems;
}

/** What is wrong with the policy of anything that is not a page: nothing may load or run. */
function basePolicyProblems(policy: string): string[] {
  const d = parseCsp(policy);
  const problems: string[] = [];
  for (const [name, value] of [['default-src', "'none'"], ['frame-ancestors', "'none'"], ['base-uri', "'none'"], ['form-action', "'none'"]] as const) {
    if (d.get(name)?.join(' ') !== value) problems.push(`${name} is ${d.get(name)?.join(' ') ?? 'missing'}, not ${value}`);
  }
  for (const name of ['script-src', 'style-src', 'img-src', 'connect-src']) if (d.has(name)) problems.push(`a non-page allows ${name}`);
  return problems;
}
