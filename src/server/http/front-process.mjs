// @ts-check
/**
 * The front server's processes: one serving process, or with WEB_CONCURRENCY a primary that forks
 * and watches workers (node:cluster); how each starts the app and how it stops.
 */
import cluster from 'node:cluster';
import http from 'node:http';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withBufferedBodies } from './buffered-bodies.mjs';
import { frontHandler } from './front.mjs';
import { frontSettings } from './front-settings.mjs';
import { FRONT_CACHE, purgeCache } from './page-store.mjs';
import { withStaticFiles } from './static-files.mjs';

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
