/**
 * JavaScript shipped per public page: every script of the served HTML (inline, src, and the island
 * component and renderer modules that Astro's loader imports), plus their static and dynamic imports
 * under /_astro/, followed recursively. Sizes are raw and gzip (node:zlib, default level), each file
 * compressed on its own, inline scripts included.
 */
import { gzipSync } from 'node:zlib';
import { int, kb, table, verdict } from './stats';

/** Pages with the search island may ship this much gzipped JavaScript; all others none. */
export const ISLAND_GZIP_BUDGET = 15 * 1024;

export interface PageJs {
  label: string;
  path: string;
  status: number;
  islands: string[];
  inlineScripts: number;
  modules: string[];
  raw: number;
  gzip: number;
  ok: boolean;
}

const NOT_JS = /^(application\/(ld\+)?json|importmap|speculationrules|text\/template)$/i;

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) out[m[1]!.toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? '');
  return out;
}

/** Inline script bodies, module URLs to fetch, and the names of the islands on the page. */
function scan(html: string, base: URL): { inline: string[]; urls: URL[]; islands: string[] } {
  const inline: string[] = [];
  const urls: URL[] = [];
  const islands: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const a = attrs(m[1]!);
    if (a.type && NOT_JS.test(a.type)) continue;
    if (a.src) urls.push(new URL(a.src, base));
    else if (m[2]!.trim()) inline.push(m[2]!);
  }
  for (const m of html.matchAll(/<astro-island\b([^>]*)>/gi)) {
    const a = attrs(m[1]!);
    for (const key of ['component-url', 'renderer-url', 'before-hydration-url']) if (a[key]) urls.push(new URL(a[key]!, base));
    let name = a['component-export'] ?? 'island';
    try {
      name = (JSON.parse(a.opts ?? '{}') as { name?: string }).name ?? name;
    } catch {
      // opts is informational only
    }
    islands.push(name);
  }
  for (const m of html.matchAll(/<link\b([^>]*)>/gi)) {
    const a = attrs(m[1]!);
    if (/\bmodulepreload\b/i.test(a.rel ?? '') && a.href) urls.push(new URL(a.href, base));
  }
  return { inline, urls, islands };
}

/** Static (`import ... from "./x.js"`, `import "./x.js"`, `export ... from`) and dynamic imports. */
function importsOf(code: string, from: URL): URL[] {
  const specs = [
    ...[...code.matchAll(/\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"']+)["']/g)].map((m) => m[1]!),
    ...[...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!),
  ];
  return specs.filter((s) => s.startsWith('.') || s.startsWith('/')).map((s) => new URL(s, from));
}

const sizeCache = new Map<string, { raw: number; gzip: number; code: string }>();

async function fetchModule(url: URL): Promise<{ raw: number; gzip: number; code: string }> {
  const hit = sizeCache.get(url.href);
  if (hit) return hit;
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${url.pathname} answered ${res.status}`);
  const buf = Buffer.from(await res.arrayBuffer());
  const entry = { raw: buf.length, gzip: gzipSync(buf).length, code: buf.toString('utf8') };
  sizeCache.set(url.href, entry);
  return entry;
}

async function measurePage(origin: string, label: string, path: string): Promise<PageJs> {
  const base = new URL(path, origin);
  const res = await fetch(base);
  const html = await res.text();
  const { inline, urls, islands } = scan(html, base);
  let raw = 0;
  let gzip = 0;
  for (const code of inline) {
    const buf = Buffer.from(code);
    raw += buf.length;
    gzip += gzipSync(buf).length;
  }
  const seen = new Set<string>();
  const queue = [...urls, ...inline.flatMap((code) => importsOf(code, base))];
  while (queue.length) {
    const url = queue.shift()!;
    if (url.origin !== base.origin || seen.has(url.pathname)) continue;
    seen.add(url.pathname);
    const mod = await fetchModule(url);
    raw += mod.raw;
    gzip += mod.gzip;
    // Only the build's own chunks are followed: they are what Astro island chunks import.
    if (url.pathname.startsWith('/_astro/')) queue.push(...importsOf(mod.code, url));
  }
  const hasSearch = islands.some((n) => /search/i.test(n));
  const ok = res.status === 200 && (hasSearch ? gzip < ISLAND_GZIP_BUDGET : islands.length === 0 && raw === 0);
  return { label, path, status: res.status, islands, inlineScripts: inline.length, modules: [...seen], raw, gzip, ok };
}

export async function measureJs(origin: string, profilePath: string): Promise<PageJs[]> {
  sizeCache.clear();
  const pages: [string, string][] = [
    ['home', '/'],
    ['registry', '/institutions'],
    ['profile', profilePath],
    ['lists', '/lists'],
    ['warnings', '/warnings'],
    ['contracts', '/contracts'],
    ['about', '/about'],
  ];
  const results: PageJs[] = [];
  for (const [label, path] of pages) results.push(await measurePage(origin, label, path));
  console.log(
    table(
      ['page', 'status', 'islands', 'inline', 'modules', 'raw', 'gzip', 'target', 'result'],
      results.map((p) => [
        `${p.label} ${p.label === 'profile' ? '/institutions/<code>' : p.path}`,
        p.status,
        p.islands.join(',') || '-',
        p.inlineScripts,
        p.modules.length,
        `${int(p.raw)} B`,
        `${int(p.gzip)} B`,
        p.islands.some((n) => /search/i.test(n)) ? `gzip < ${kb(ISLAND_GZIP_BUDGET)}` : '0 B',
        verdict(p.ok),
      ]),
    ),
  );
  const modules = [...new Set(results.flatMap((p) => p.modules))];
  if (modules.length) {
    console.log('  modules shipped (any page):');
    console.log(
      table(
        ['module', 'raw', 'gzip'],
        modules.map((m) => {
          const e = [...sizeCache.entries()].find(([href]) => new URL(href).pathname === m)![1];
          return [m, `${int(e.raw)} B`, `${int(e.gzip)} B`];
        }),
      ),
    );
  }
  return results;
}
