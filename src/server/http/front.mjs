// @ts-check
/**
 * Front server: `node src/cli/serve.mjs [path/to/dist/server/entry.mjs]` (npm run serve, npm
 * start). It serves the built Astro app (the node adapter's handler in middleware mode) and its
 * static files behind a small in-memory cache of public pages; it is how the portal runs.
 *
 * Why: a public page is the same for everyone and is cached for a minute (src/server/http/page-cache.ts),
 * but answering a cached page through Astro still costs most of a request: the node adapter looks
 * for a static file (two file-system calls), builds a WHATWG Request, runs the routing and cache
 * pipeline and streams a WHATWG Response back in chunks. That capped the portal at a sixth of what
 * node:http can answer with the same bytes (tests/bench, "Profile page throughput"). Here a cache
 * hit is a Map lookup and one write, so hits cost about what a bare node:http answer costs.
 *
 * What is cached is decided by the pages, not here: a page that calls cachePublic() gets the
 * CDN-Cache-Control (max-age, stale-while-revalidate) and Cache-Tag headers from Astro's route
 * cache, whose provider (src/server/http/cache-provider.ts) stores nothing itself when this server runs
 * and leaves those headers for it, the way a CDN would get them. A response is stored only if it
 * is the answer to a GET, has status 200, a max-age above 0, no Set-Cookie and no Vary, and its
 * path is not one of NEVER_CACHED; the two headers are removed before anything is sent. Without
 * this server (astro dev) the provider falls back to Astro's own memory
 * cache, with the same lifetimes and tags.
 *
 * Keys are Host + path + query (a page may show its own address), entries live `max-age` seconds;
 * after that, for `stale-while-revalidate` seconds, the first request renders afresh while
 * requests arriving meanwhile still get the old copy. At most MAX_ENTRIES pages / MAX_BYTES bytes
 * are kept, least recently used first out.
 *
 * Processes: one, or WEB_CONCURRENCY on PostgreSQL, sharing the port through node:cluster. A
 * complaint post costs about 0.8 to 1 ms of JavaScript (parsing, routing, Astro's request
 * pipeline), so one process tops out at about a thousand posts a second whatever the database can
 * do (npm run bench, complaints); a machine with CPUs to spare serves more with more processes.
 *
 * Invalidation: purgeCache({ tags }) or purgeCache({ path }), exported here and also reached from
 * inside the app through Astro's `cache.invalidate()` (the provider forwards it). Changes
 * published by staff reach it that way when a LISTEN/NOTIFY message names changed institutions, with
 * tags such as 'registry' and institutionTag(code) (src/server/http/cache-invalidation.ts).
 */
import http from 'node:http';
import compression from 'compression';
import { COMPRESS_MIN_BYTES, COMPRESSIBLE } from './encoding.mjs';
import { controlInJsonPath } from './path-gate.mjs';
import { entries, markCache, NEVER_CACHED, remove, sendStored, watch } from './page-store.mjs';
import { BASE_CSP, securityHeaderList } from './security-headers.mjs';

export { purgeCache } from './page-store.mjs';
export { frontSettings } from './front-settings.mjs';
export { withStaticFiles } from './static-files.mjs';
export { BUFFERED_BODY_MAX, withBufferedBodies } from './buffered-bodies.mjs';

/**
 * Compression on the way out (issue 19) for what is not sent precompressed: pages and JSON
 * rendered for this request, CSV and XML streamed, files without a .br/.gz beside them. Brotli at
 * quality 4 (the library's default: about gzip's speed, smaller), gzip otherwise. Stored pages
 * (page-store.mjs) and built assets (static-files.mjs) carry Content-Encoding already and pass as
 * they are.
 */
const compress = compression({
  threshold: COMPRESS_MIN_BYTES,
  filter: (_req, res) => res.statusCode !== 204 && res.statusCode !== 304 && COMPRESSIBLE.test(String(res.getHeader('content-type') ?? '')),
});

/**
 * The request listener: cached public pages first, everything else to Astro.
 * @param {(req: http.IncomingMessage, res: http.ServerResponse) => void} astro
 */
export function frontHandler(astro) {
  return (/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res) => {
    const path = req.url ?? '/';
    const refused = controlInJsonPath(path);
    if (refused) {
      res.writeHead(refused.status, { ...Object.fromEntries(securityHeaderList(false)), 'content-security-policy': BASE_CSP, ...refused.headers });
      return res.end(refused.body);
    }
    compress(/** @type {any} */ (req), /** @type {any} */ (res), () => answer(req, res, astro, path));
  };
}

/**
 * A stored copy of a public page when there is a usable one, else Astro (watched, to store what it
 * renders).
 * @param {http.IncomingMessage} req @param {http.ServerResponse} res
 * @param {(req: http.IncomingMessage, res: http.ServerResponse) => void} astro @param {string} path
 */
function answer(req, res, astro, path) {
  if (req.method !== 'GET' || NEVER_CACHED.test(path)) {
    markCache(res, 'bypass');
    watch(req, res, null, path, undefined);
    return astro(req, res);
  }
  const key = `${req.headers.host ?? ''}${path}`;
  const e = entries.get(key);
  if (e) {
    const age = (Date.now() - e.storedAt) / 1000;
    const inStaleWindow = age <= e.maxAge + e.swr;
    // Stale copies serve while one request refreshes, and after a failed refresh until retryAt.
    if (age <= e.maxAge || (inStaleWindow && (e.refreshing || Date.now() < e.retryAt))) {
      // Most recently used last.
      entries.delete(key);
      entries.set(key, e);
      return sendStored(req, res, e);
    }
    if (inStaleWindow) e.refreshing = true;
    else remove(key);
  }
  markCache(res, 'miss');
  watch(req, res, key, path, e && entries.has(key) ? e : undefined);
  return astro(req, res);
}
