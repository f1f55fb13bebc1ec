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
import cluster from 'node:cluster';
import http from 'node:http';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import sirv from 'sirv';
import { z } from 'zod';
import { controlInJsonPath } from './path-gate.mjs';
import { BASE_CSP, securityHeaderList, withUtf8Charset } from './security-headers.mjs';

/** Shared with src/server/http/cache-provider.ts, which is bundled into dist/ and so cannot import this. */
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
    const refused = controlInJsonPath(path);
    if (refused) {
      res.writeHead(refused.status, { ...Object.fromEntries(securityHeaderList(false)), 'content-security-policy': BASE_CSP, ...refused.headers });
      return res.end(refused.body);
    }
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

/**
 * The front server's own environment (the app checks the rest, src/config/env.ts). An empty value
 * counts as unset; a wrong one stops the process with a message naming it.
 */
/** An optional whole number from the environment, between min and max. */
const wholeNumber = (/** @type {number} */ min, /** @type {number} */ max) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .pipe(
      z
        .string()
        .regex(/^\d+$/, "must be a whole number")
        .transform(Number)
        .pipe(z.number().min(min, `must be ${min} to ${max}`).max(max, `must be ${min} to ${max}`))
        .optional(),
    );

const frontEnvSchema = z.object({
  HOST: z.string().trim().optional().transform((v) => v || undefined),
  PORT: wholeNumber(0, 65535),
  WEB_CONCURRENCY: wholeNumber(1, 64),
  DATABASE_URL: z.string().trim().optional().transform((v) => v || undefined),
});

/**
 * How many server processes to run: WEB_CONCURRENCY, else one. More pay off only where CPUs are to
 * spare: on a 2-CPU machine that also runs PostgreSQL, two took longer per complaint than one did
 * (npm run bench). PGlite keeps its database in this process, so it allows one process only.
 * @param {Record<string, string | undefined>} source
 * @returns {{ ok: true, env: z.output<typeof frontEnvSchema>, workers: number } | { ok: false, message: string }}
 */
export function frontSettings(source) {
  const parsed = frontEnvSchema.safeParse(source);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const e = parsed.data;
  if (!e.DATABASE_URL && (e.WEB_CONCURRENCY ?? 1) > 1) {
    return { ok: false, message: `WEB_CONCURRENCY: ${e.WEB_CONCURRENCY} processes need PostgreSQL (DATABASE_URL); the embedded PGlite database allows one process` };
  }
  return { ok: true, env: e, workers: e.WEB_CONCURRENCY ?? 1 };
}

/**
 * The built files of dist/client (scripts and styles under /_astro/, the bundled model contracts,
 * the icon) for GET and HEAD, and the Astro app for everything else. The file list is read once at
 * start (sirv, not in dev mode): a request for a page costs no file-system call, where the node
 * adapter's standalone handler looked for a file on disk before every request, posts included
 * (a twelfth of the server's time per complaint, npm run bench).
 * @param {string} clientDir
 * @param {(req: http.IncomingMessage, res: http.ServerResponse) => void} app
 * @returns {(req: http.IncomingMessage, res: http.ServerResponse) => void}
 */
export function withStaticFiles(clientDir, app) {
  const files = sirv(clientDir, {
    dev: false,
    etag: true,
    dotfiles: false,
    // Only exact paths: /x never answers with x.html (the app has no prerendered pages).
    extensions: [],
    setHeaders(res, pathname) {
      // Fingerprinted by the build: a changed file gets a new name.
      res.setHeader('Cache-Control', pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
      // The same headers as every page: an SVG is a document that could run script if framed or sniffed.
      // HSTS left to the pages: a browser keeps it for the host from the first page it loads.
      for (const [name, value] of securityHeaderList(false)) res.setHeader(name, value);
      res.setHeader('Content-Security-Policy', BASE_CSP);
      // sirv names the type only when it writes the head, and text types without a charset
      // (text/plain of a model contract) garble Chinese in clients that guess: add it there.
      const writeHead = res.writeHead;
      res.writeHead = /** @type {typeof res.writeHead} */ ((/** @type {number} */ code, /** @type {any} */ headers) => {
        if (headers && typeof headers === 'object' && headers['Content-Type']) headers['Content-Type'] = withUtf8Charset(headers['Content-Type']);
        return writeHead.call(res, code, headers);
      });
    },
  });
  return (req, res) => {
    if (req.method === 'GET' || req.method === 'HEAD') return files(req, res, () => app(req, res));
    return app(req, res);
  };
}

/** Bodies up to this declared length are read in one piece before the app sees the request. */
export const BUFFERED_BODY_MAX = 64 * 1024;

/**
 * Reads a small request body here, so that it reaches the app as one Buffer on `req.body`, which
 * the node adapter hands to the WHATWG Request as is. Why: otherwise the adapter wraps the socket
 * stream in an async generator and a web stream, chunk by chunk, which cost about a tenth of the
 * server's time per complaint (npm run bench). Only bodies with a declared Content-Length up to
 * BUFFERED_BODY_MAX (every form and API post; not file uploads, which stay streamed so the app's
 * own size limits stop them early). A client that goes away mid-body gets nothing.
 * @param {(req: http.IncomingMessage, res: http.ServerResponse) => void} app
 * @returns {(req: http.IncomingMessage, res: http.ServerResponse) => void}
 */
export function withBufferedBodies(app) {
  return (req, res) => {
    const declared = req.headers['content-length'];
    const length = declared === undefined ? NaN : Number(declared);
    if (req.method === 'GET' || req.method === 'HEAD' || !(length <= BUFFERED_BODY_MAX)) return app(req, res);
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (/** @type {Buffer} */ chunk) => chunks.push(chunk));
    req.once('end', () => {
      /** @type {any} */ (req).body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      app(req, res);
    });
  };
}

/** Set by src/server/messages/message-runtime.ts once the app has started its job queue. */
const MESSAGE_RUNTIME = Symbol.for('putuo-training-portal.message-runtime');

/**
 * The app starts its job queue (delivery workers, schedules) in its middleware, which Astro loads
 * with the first request; one request for /robots.txt right after listening makes that happen at
 * start, not when the first visitor comes (the demo's receipts are then delivered at once).
 * @param {string} host @param {number} port
 */
function startApp(host, port) {
  const req = http.get({ host: host === '0.0.0.0' ? '127.0.0.1' : host, port, path: '/robots.txt' }, (res) => res.resume());
  req.on('error', (e) => console.error(`front server: start request failed: ${e.message}`));
}

/** Stops the job queue gracefully (the message in hand is finished) before the process exits. */
async function stopQueue() {
  const runtime = /** @type {{ stop?: () => Promise<void> } | undefined} */ (/** @type {any} */ (globalThis)[MESSAGE_RUNTIME]);
  try {
    await runtime?.stop?.();
  } catch (e) {
    console.error(`front server: queue stop failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Serves the app in this process until SIGINT/SIGTERM.
 * @param {string} entry @param {{ HOST?: string, PORT?: number }} e @param {string} label
 */
async function serve(entry, e, label) {
  /** @type {any} */ (globalThis)[FRONT_CACHE] = { purge: purgeCache };
  const { handler, options } = await import(pathToFileURL(entry).href);
  if (options.mode !== 'middleware') throw new Error(`${entry} was built for the node adapter's ${options.mode} mode; the front server needs mode 'middleware' (astro.config.mjs)`);
  const host = e.HOST ?? (typeof options.host === 'string' ? options.host : options.host ? '0.0.0.0' : 'localhost');
  const port = e.PORT ?? Number(options.port ?? 4321);
  // The adapter's layout: dist/server/entry.mjs beside dist/client/.
  const app = withStaticFiles(resolve(dirname(entry), '..', 'client'), withBufferedBodies((req, res) => handler(req, res)));
  const server = http.createServer(frontHandler(app));
  // Keep idle connections longer than a client or proxy reuses them (nginx keepalive_timeout 60 s):
  // with Node's 5 s default, a client that sends on a connection the server is just closing gets
  // ECONNRESET (seen in the browser tests). headersTimeout must exceed it.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(port, host, () => {
    console.log(`front server${label} listening on http://${host}:${port} (Astro app ${entry})`);
    startApp(host, port);
  });
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(signal, () => {
      server.close(() => void stopQueue().finally(() => process.exit(0)));
      server.closeAllConnections();
    });
  }
}

/**
 * Several processes: this one (the primary) only starts and watches the workers, which share the
 * port (node:cluster hands each new connection to the next worker). A worker that dies is
 * replaced, unless workers keep dying right after starting (a broken build or configuration):
 * then the primary gives up rather than loop. Each worker has its own page cache, kept current by
 * the database's change notices like any other process (src/server/http/cache-invalidation.ts).
 * @param {number} count
 */
function supervise(count) {
  let stopping = false;
  /** Times of recent early deaths. */
  const early = /** @type {number[]} */ ([]);
  const started = new Map();
  const fork = () => started.set(cluster.fork().id, Date.now());
  for (let i = 0; i < count; i++) fork();
  console.log(`front server: ${count} worker processes (WEB_CONCURRENCY)`);
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    const lived = Date.now() - (started.get(worker.id) ?? 0);
    started.delete(worker.id);
    console.error(`front server: worker ${worker.process.pid} exited (${signal ?? `code ${code}`}) after ${Math.round(lived / 1000)} s; starting another`);
    if (lived < 10_000) early.push(Date.now());
    while (early.length > 0 && Date.now() - /** @type {number} */ (early[0]) > 60_000) early.shift();
    if (early.length >= 5) {
      console.error('front server: workers keep dying at start; stopping (see the errors above)');
      process.exit(1);
    }
    fork();
  });
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(signal, () => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {});
      if (workers.length === 0) process.exit(0);
      for (const w of workers) w?.process.kill(signal);
    });
  }
}

/** Starts the front server as `npm run serve` asks (src/cli/serve.mjs): one process or WEB_CONCURRENCY. */
export async function main() {
  const entry = resolve(process.argv[2] ?? 'dist/server/entry.mjs');
  const settings = frontSettings(process.env);
  if (!settings.ok) {
    console.error(`Invalid environment: ${settings.message}`);
    process.exit(2);
  }
  if (settings.workers > 1 && cluster.isPrimary) supervise(settings.workers);
  else await serve(entry, settings.env, cluster.isWorker ? ` worker ${process.pid}` : '');
}
