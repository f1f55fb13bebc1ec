// @ts-check
/**
 * The front server's store of public pages (src/server/http/front.mjs answers from it): pages are
 * kept as the bytes that were sent, by Host + path + query, least recently used first out, for as
 * long as the page's CDN-Cache-Control allows (max-age, then stale-while-revalidate), and dropped by
 * tag or path when published data changes (purgeCache). `watch` collects a cacheable answer while
 * Astro writes it.
 */
import http from 'node:http';
import { createHash } from 'node:crypto';
import { compressedBodies, preferredEncoding } from './encoding.mjs';
import { CACHE_HEADERS, UNAVAILABLE_MARKER } from './internal-headers.mjs';
import { BASE_CSP } from './security-headers.mjs';

/** Shared with src/server/http/cache-provider.ts, which is bundled into dist/ and so cannot import this. */
export const FRONT_CACHE = Symbol.for('putuo-training-portal.front-cache');
const MAX_ENTRIES = 5000;
const MAX_BYTES = 64 * 1024 * 1024;
/** Personal or per-visitor pages: never stored, whatever headers they carry. */
export const NEVER_CACHED = /^\/(?:complaints|verify|staff|api\/(?:captcha|verifications|complaints))(?:[/?#]|$)/;
/** Internal to the app and this server; never sent to clients. */
const INTERNAL_HEADERS = [...CACHE_HEADERS, UNAVAILABLE_MARKER];

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
 * @property {number} retryAt  ms since the epoch: after a failed refresh, stale copies are served
 *   without trying again until then
 * @property {string} etag  a strong validator of the body (RFC 9110 §8.8.3)
 * @property {{ br: Buffer, gzip: Buffer } | null} encoded  the body compressed, once zlib has made it
 *   (encoding.mjs); null meanwhile, or for a body too small to bother
 */

/**
 * How each answer was made, for the request log and metrics: from the store while fresh (`hit`),
 * from the store past its max-age (`stale`: while another request refreshes it, or because the
 * refresh failed), rendered because nothing usable was stored (`miss`), or never storable
 * (`bypass`: posts, personal pages, static files).
 */
export const CACHE_STATUS = Symbol.for('putuo-training-portal.cache-status');

/** After a refresh failed (the database is away), the next try waits this long; stale copies serve meanwhile. */
export const STALE_RETRY_MS = 5_000;

/** @param {http.ServerResponse} res @param {'hit' | 'stale' | 'miss' | 'bypass'} status */
export function markCache(res, status) {
  /** @type {any} */ (res)[CACHE_STATUS] = status;
}

/** @type {Map<string, Entry>} in least-recently-used order */
export const entries = new Map();
let bytes = 0;

/** @param {string} key */
export function remove(key) {
  const e = entries.get(key);
  if (!e) return;
  entries.delete(key);
  bytes -= e.body.length;
}

/**
 * @param {string} key @param {Omit<Entry, 'etag' | 'encoded'>} fresh
 */
function store(key, fresh) {
  /** @type {Entry} */
  const entry = { ...fresh, etag: `"${createHash('sha1').update(fresh.body).digest('base64url')}"`, encoded: null };
  remove(key);
  if (entry.body.length > MAX_BYTES / 16) return;
  entries.set(key, entry);
  bytes += entry.body.length;
  for (const oldest of entries.keys()) {
    if (entries.size <= MAX_ENTRIES && bytes <= MAX_BYTES) break;
    remove(oldest);
  }
  // Compressed in zlib's thread pool; until then the plain body is sent (compressed on the way when
  // the client takes it: front.mjs).
  if (entries.get(key) === entry) {
    compressedBodies(entry.body).then(
      (encoded) => void (entry.encoded = encoded),
      () => {},
    );
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

/**
 * Sends a stored page in the encoding the client takes (brotli, gzip or as is), or 304 when the
 * client's copy is current (If-None-Match). A copy past its max-age says so: `Age`, and the
 * (RFC 7234) stale warning that proxies and monitoring understand.
 * @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {Entry} e
 * @param {{ writeHead: Function, end: Function }} [raw] the response's own methods, when watch() replaced them
 */
export function sendStored(req, res, e, raw) {
  const age = Math.max(0, Math.floor((Date.now() - e.storedAt) / 1000));
  const stale = age > e.maxAge;
  markCache(res, stale ? 'stale' : 'hit');
  /** @type {http.OutgoingHttpHeaders} */
  const headers = { ...e.headers, etag: e.etag, 'last-modified': new Date(e.storedAt).toUTCString(), vary: 'Accept-Encoding' };
  if (stale) Object.assign(headers, { age: String(age), warning: '110 - "Response is Stale"' });
  const writeHead = raw?.writeHead ?? res.writeHead;
  const end = raw?.end ?? res.end;
  if (req.headers['if-none-match'] === e.etag) {
    delete headers['content-length'];
    writeHead.call(res, 304, headers);
    return end.call(res);
  }
  const encoding = e.encoded ? preferredEncoding(req.headers['accept-encoding']) : 'identity';
  const body = encoding === 'identity' || !e.encoded ? e.body : e.encoded[encoding];
  if (body !== e.body) Object.assign(headers, { 'content-encoding': encoding, 'content-length': body.length });
  writeHead.call(res, e.status, headers);
  end.call(res, req.method === 'HEAD' ? undefined : body);
}

/** True while a stored copy is within its stale-while-revalidate window. @param {Entry} e */
export function usableStale(e) {
  return (Date.now() - e.storedAt) / 1000 <= e.maxAge + e.swr;
}

/**
 * Lets Astro answer, watching the answer: the internal headers are removed, and a cacheable body is
 * collected as it is written and stored once the response has been sent in full (never when `key`
 * is null: not a GET, or a path that is never cached). When this request refreshes a stored copy
 * (`stale`) and the app answers with a server error (the database is away), the stale copy is sent
 * instead, up to the end of its stale-while-revalidate window (stale-if-error), and Astro's answer
 * is dropped.
 * @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {string | null} key @param {string} path @param {Entry | undefined} stale
 */
export function watch(req, res, key, path, stale) {
  const writeHead = res.writeHead;
  /** @type {Buffer[] | null} */
  let chunks = null;
  /** @type {Omit<Entry, 'body' | 'etag' | 'encoded'> | null} */
  let pending = null;
  /** Astro's answer is being discarded: the stale copy went out instead. */
  let servedStale = false;
  const write = res.write;
  const end = res.end;
  // writeHead(status[, statusMessage][, headers]); also called without headers by res.write/end
  // when the handler used setHeader (static files).
  res.writeHead = /** @type {any} */ (
    function (/** @type {number} */ status, /** @type {any[]} */ ...rest) {
      if (res.getHeader(UNAVAILABLE_MARKER) !== undefined || (rest.at(-1) && typeof rest.at(-1) === 'object' && UNAVAILABLE_MARKER in rest.at(-1))) {
        // The error page for "the database is out of reach" (src/pages/500.astro) leaves as a 503.
        status = 503;
        if (typeof rest[0] === 'string') rest.shift();
      }
      if (status >= 500 && stale && key !== null && entries.get(key) === stale && usableStale(stale)) {
        servedStale = true;
        stale.refreshing = false;
        stale.retryAt = Date.now() + STALE_RETRY_MS;
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        sendStored(req, res, stale, { writeHead, end });
        return res;
      }
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
      // Nothing leaves without a policy. The middleware sets none on a bodiless 404 or 500, which
      // Astro answers with its error page and that page's own policy (security-headers.mjs,
      // errorPageFollows); an endpoint's such answer is not replaced, and gets the base policy here.
      if (get('content-security-policy') === undefined) {
        if (last === headers) headers['content-security-policy'] = BASE_CSP;
        else res.setHeader('Content-Security-Policy', BASE_CSP);
      }
      const cacheable = key !== null && status === 200 && maxAge > 0 && get('set-cookie') === undefined && get('vary') === undefined && last === headers;
      if (cacheable) {
        chunks = [];
        pending = { path, status, headers: { ...headers }, storedAt: Date.now(), maxAge, swr, tags, refreshing: false, retryAt: 0 };
      }
      return writeHead.call(res, status, ...rest);
    }
  );
  const collect = (/** @type {any} */ chunk, /** @type {any} */ encoding) => {
    if (chunks && chunk != null && typeof chunk !== 'function') {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? /** @type {BufferEncoding} */ (encoding) : 'utf8') : Buffer.from(chunk));
    }
  };
  res.write = /** @type {any} */ (
    function (/** @type {any[]} */ ...args) {
      if (servedStale) return true;
      collect(args[0], args[1]);
      return write.apply(res, /** @type {any} */ (args));
    }
  );
  res.end = /** @type {any} */ (
    function (/** @type {any[]} */ ...args) {
      if (servedStale) {
        const done = args.find((a) => typeof a === 'function');
        if (done) done();
        return res;
      }
      collect(args[0], args[1]);
      return end.apply(res, /** @type {any} */ (args));
    }
  );
  res.once('close', () => {
    if (key === null || servedStale) return;
    if (pending && chunks && res.writableFinished) {
      const body = Buffer.concat(chunks);
      store(key, { ...pending, headers: { ...pending.headers, 'content-length': body.length }, body });
    } else if (stale && entries.get(key) === stale) {
      if (!res.writableFinished || res.statusCode >= 500) {
        // The client left before the answer, or a server error with no usable copy: try again later.
        stale.refreshing = false;
      } else {
        // The page answered, but not with something storable (no longer public, gone): the old
        // copy must not outlive it.
        remove(key);
      }
    }
  });
}
