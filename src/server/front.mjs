// @ts-check
/**
 * Front server: `node src/server/front.mjs [path/to/dist/server/entry.mjs]` (npm run serve, npm
 * start). It serves the built Astro app (the node adapter's handler, static files included) behind
 * a small in-memory cache of public pages, and is how the portal should be run in production.
 *
 * Why: a public page is the same for everyone and is cached for a minute (src/server/page-cache.ts),
 * but answering a cached page through Astro still costs most of a request: the node adapter looks
 * for a static file (two file-system calls), builds a WHATWG Request, runs the routing and cache
 * pipeline and streams a WHATWG Response back in chunks. That capped the portal at a sixth of what
 * node:http can answer with the same bytes (tests/bench, "Profile page throughput"). Here a cache
 * hit is a Map lookup and one write, so hits cost about what a bare node:http answer costs.
 *
 * What is cached is decided by the pages, not here: a page that calls cachePublic() gets the
 * CDN-Cache-Control (max-age, stale-while-revalidate) and Cache-Tag headers from Astro's route
 * cache, whose provider (src/server/cache-provider.ts) stores nothing itself when this server runs
 * and leaves those headers for it, the way a CDN would get them. A response is stored only if it
 * is the answer to a GET, has status 200, a max-age above 0, no Set-Cookie and no Vary, and its
 * path is not one of NEVER_CACHED; the two headers are removed before anything is sent. Without
 * this server (node dist/server/entry.mjs, astro dev) the provider falls back to Astro's own memory
 * cache, with the same lifetimes and tags.
 *
 * Keys are Host + path + query (a page may show its own address), entries live `max-age` seconds;
 * after that, for `stale-while-revalidate` seconds, the first request renders afresh while
 * requests arriving meanwhile still get the old copy. At most MAX_ENTRIES pages / MAX_BYTES bytes
 * are kept, least recently used first out.
 *
 * Invalidation: purgeCache({ tags }) or purgeCache({ path }), exported here and also reached from
 * inside the app through Astro's `cache.invalidate()` (the provider forwards it). Issue 6 (changes
 * published by staff) will call it when a LISTEN/NOTIFY message names changed institutions, with
 * tags such as 'registry' and institutionTag(code).
 */
import http from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Shared with src/server/cache-provider.ts, which is bundled into dist/ and so cannot import this. */
const FRONT_CACHE = Symbol.for('putuo-training-portal.front-cache');
const MAX_ENTRIES = 5000;
const MAX_BYTES = 64 * 1024 * 1024;
/** Personal or per-visitor pages: never stored, whatever headers they carry. */
const NEVER_CACHED = /^\/(?:complaints|verify|staff|api\/(?:captcha|verifications|complaints))(?:[/?#]|$)/;
/** Internal to the app and this server; never sent to clients. */
const INTERNAL_HEADERS = ['cdn-cache-control', 'cache-tag'];

/**
 * @typedef {object} Entry
 * @property {string} path  path and query, for purging by path
 * @property {number} status
 * @property {http.OutgoingHttpHeaders} headers  as sent, with Content-Length
 * @property {Buffer} body
 * @property {number} storedAt  ms since the epoch
 * @property {number} maxAge  seconds
 * @property {number} swr  seconds
 * @property {string[]} tags
 * @property {boolean} refreshing  a request is rendering a fresh copy
 */

/** @type {Map<string, Entry>} in least-recently-used order */
const entries = new Map();
let bytes = 0;

/** @param {string} key */
function remove(key) {
  const e = entries.get(key);
  if (!e) return;
  entries.delete(key);
  bytes -= e.body.length;
}

/** @param {string} key @param {Entry} entry */
function store(key, entry) {
  remove(key);
  if (entry.body.length > MAX_BYTES / 16) return;
  entries.set(key, entry);
  bytes += entry.body.length;
  for (const oldest of entries.keys()) {
    if (entries.size <= MAX_ENTRIES && bytes <= MAX_BYTES) break;
    remove(oldest);
  }
}

/**
 * Drops the stored pages that carry any of `tags`, or whose path (with query) or pathname is
 * `path`. Returns how many were dropped.
 * @param {{ tags?: string | string[], path?: string }} options
 */
export function purgeCache(options) {
  const tags = new Set(options.tags === undefined ? [] : Array.isArray(options.tags) ? options.tags : [options.tags]);
  let dropped = 0;
  for (const [key, e] of [...entries]) {
    const byPath = options.path !== undefined && (e.path === options.path || e.path.split('?')[0] === options.path);
    if (byPath || e.tags.some((t) => tags.has(t))) {
      remove(key);
      dropped++;
    }
  }
  return dropped;
}

/** @param {string | undefined} header @returns {{ maxAge: number, swr: number }} */
function parseCdnCacheControl(header) {
  let maxAge = 0;
  let swr = 0;
  for (const part of (header ?? '').split(',')) {
    const [name, value] = part.trim().toLowerCase().split('=');
    if (name === 'max-age') maxAge = Number.parseInt(value ?? '', 10) || 0;
    else if (name === 'stale-while-revalidate') swr = Number.parseInt(value ?? '', 10) || 0;
  }
  return { maxAge, swr };
}

/** @param {http.ServerResponse} res @param {Entry} e */
function sendStored(res, e) {
  res.writeHead(e.status, e.headers);
  res.end(e.body);
}

/**
 * Lets Astro answer, watching the answer: the internal headers are removed, and a cacheable body is
 * collected as it is written and stored once the response has been sent in full (never when `key`
 * is null: not a GET, or a path that is never cached).
 * @param {http.ServerResponse} res @param {string | null} key @param {string} path @param {Entry | undefined} stale
 */
function watch(res, key, path, stale) {
  const writeHead = res.writeHead;
  /** @type {Buffer[] | null} */
  let chunks = null;
  /** @type {Omit<Entry, 'body'> | null} */
  let pending = null;
  // writeHead(status[, statusMessage][, headers]); also called without headers by res.write/end
  // when the handler used setHeader (static files).
  res.writeHead = /** @type {any} */ (
    function (/** @type {number} */ status, /** @type {any[]} */ ...rest) {
      const last = rest[rest.length - 1];
      /** @type {http.OutgoingHttpHeaders} */
      const headers = last && typeof last === 'object' ? last : {};
      const get = (/** @type {string} */ name) => {
        const v = headers[name] ?? res.getHeader(name);
        return Array.isArray(v) ? v.join(', ') : v === undefined ? undefined : String(v);
      };
      const { maxAge, swr } = parseCdnCacheControl(get('cdn-cache-control'));
      const tags = (get('cache-tag') ?? '').split(',').map((t) => t.trim()).filter(Boolean);
      for (const name of INTERNAL_HEADERS) {
        delete headers[name];
        res.removeHeader(name);
      }
      const cacheable = key !== null && status === 200 && maxAge > 0 && get('set-cookie') === undefined && get('vary') === undefined && last === headers;
      if (cacheable) {
        chunks = [];
        pending = { path, status, headers: { ...headers }, storedAt: Date.now(), maxAge, swr, tags, refreshing: false };
      }
      return writeHead.call(res, status, ...rest);
    }
  );
  const collect = (/** @type {any} */ chunk, /** @type {any} */ encoding) => {
    if (chunks && chunk != null && typeof chunk !== 'function') {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? /** @type {BufferEncoding} */ (encoding) : 'utf8') : Buffer.from(chunk));
    }
  };
  const write = res.write;
  const end = res.end;
  res.write = /** @type {any} */ (
    function (/** @type {any[]} */ ...args) {
      collect(args[0], args[1]);
      return write.apply(res, /** @type {any} */ (args));
    }
  );
  res.end = /** @type {any} */ (
    function (/** @type {any[]} */ ...args) {
      collect(args[0], args[1]);
      return end.apply(res, /** @type {any} */ (args));
    }
  );
  res.once('close', () => {
    if (key === null) return;
    if (pending && chunks && res.writableFinished) {
      const body = Buffer.concat(chunks);
      store(key, { ...pending, headers: { ...pending.headers, 'content-length': body.length }, body });
    } else if (stale && entries.get(key) === stale) {
      // The fresh answer cannot be stored (it failed, or the page is no longer public): the old
      // copy must not outlive it.
      remove(key);
    }
  });
}

/**
 * The request listener: cached public pages first, everything else to Astro.
 * @param {(req: http.IncomingMessage, res: http.ServerResponse) => void} astro
 */
export function frontHandler(astro) {
  return (/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res) => {
    const path = req.url ?? '/';
    if (req.method !== 'GET' || NEVER_CACHED.test(path)) {
      watch(res, null, path, undefined);
      return astro(req, res);
    }
    const key = `${req.headers.host ?? ''}${path}`;
    const e = entries.get(key);
    if (e) {
      const age = (Date.now() - e.storedAt) / 1000;
      if (age <= e.maxAge || (e.refreshing && age <= e.maxAge + e.swr)) {
        // Most recently used last.
        entries.delete(key);
        entries.set(key, e);
        return sendStored(res, e);
      }
      if (age <= e.maxAge + e.swr) e.refreshing = true;
      else remove(key);
    }
    watch(res, key, path, e && entries.has(key) ? e : undefined);
    return astro(req, res);
  };
}

async function main() {
  const entry = resolve(process.argv[2] ?? 'dist/server/entry.mjs');
  // The adapter's entry starts its own server when imported, unless told not to.
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  /** @type {any} */ (globalThis)[FRONT_CACHE] = { purge: purgeCache };
  const { handler, options } = await import(pathToFileURL(entry).href);
  const host = process.env.HOST ?? (typeof options.host === 'string' ? options.host : options.host ? '0.0.0.0' : 'localhost');
  const port = Number(process.env.PORT ?? options.port ?? 4321);
  const server = http.createServer(frontHandler(handler));
  server.listen(port, host, () => console.log(`front server listening on http://${host}:${port} (Astro app ${entry})`));
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(signal, () => {
      server.close(() => process.exit(0));
      server.closeAllConnections();
    });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
