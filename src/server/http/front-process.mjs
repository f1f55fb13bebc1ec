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
import { drainable, runShutdownHooks } from './drain.mjs';
import { log } from '../shared/log.mjs';
import { serveClusterMetrics } from './metrics-cluster.mjs';
import { observeRequests } from './request-log.mjs';

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
  req.on('error', (err) => log.error({ event: 'front.start_request_failed', err }, 'front server: start request failed'));
}

/**
 * Stops the job queue gracefully before the process exits: no new job is taken, a message in hand
 * is finished within `timeoutMs` or left to expire and be retried by another process (never lost).
 * @param {number} timeoutMs
 */
async function stopQueue(timeoutMs) {
  const runtime = /** @type {{ stop?: (timeoutMs?: number) => Promise<void> } | undefined} */ (/** @type {any} */ (globalThis)[MESSAGE_RUNTIME]);
  try {
    await runtime?.stop?.(timeoutMs);
  } catch (e) {
    log.error({ event: 'front.queue_stop_failed', err: e }, 'front server: queue stop failed');
  }
}

/**
 * Serves the app in this process until SIGINT/SIGTERM.
 * @param {string} entry @param {{ HOST?: string, PORT?: number, METRICS_TOKEN?: string, SHUTDOWN_GRACE_S?: number }} e @param {string} label
 */
async function serve(entry, e, label) {
  /** @type {any} */ (globalThis)[FRONT_CACHE] = { purge: purgeCache };
  const { handler, options } = await import(pathToFileURL(entry).href);
  if (options.mode !== 'middleware') throw new Error(`${entry} was built for the node adapter's ${options.mode} mode; the front server needs mode 'middleware' (astro.config.mjs)`);
  const host = e.HOST ?? (typeof options.host === 'string' ? options.host : options.host ? '0.0.0.0' : 'localhost');
  const port = e.PORT ?? Number(options.port ?? 4321);
  // The adapter's layout: dist/server/entry.mjs beside dist/client/.
  const app = withStaticFiles(resolve(dirname(entry), '..', 'client'), withBufferedBodies((req, res) => handler(req, res)));
  // Outermost: the drain's bookkeeping (drain.mjs), then the request line, X-Request-Id and
  // /metrics (request-log.mjs).
  const graceMs = (e.SHUTDOWN_GRACE_S ?? 20) * 1000;
  const drainer = drainable(observeRequests(frontHandler(app), { metricsToken: e.METRICS_TOKEN }), { graceMs });
  const server = http.createServer(drainer.listener);
  drainer.track(server);
  // Keep idle connections longer than a client or proxy reuses them (nginx keepalive_timeout 60 s):
  // with Node's 5 s default, a client that sends on a connection the server is just closing gets
  // ECONNRESET (seen in the browser tests). headersTimeout must exceed it.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(port, host, () => {
    log.info({ event: 'front.listening', host, port, entry }, `front server${label} listening on http://${host}:${port} (Astro app ${entry})`);
    startApp(host, port);
  });
  let stopping = false;
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.on(signal, () => {
      if (stopping) {
        log.warn({ event: 'front.second_signal', signal }, `front server${label}: second ${signal}, exiting at once`);
        process.exit(1);
      }
      stopping = true;
      const deadline = Date.now() + graceMs;
      log.info({ event: 'front.draining', signal, graceS: graceMs / 1000 }, `front server${label}: ${signal}, draining (up to ${graceMs / 1000} s)`);
      void drainer
        .drain(server)
        .then(async ({ cut }) => {
          if (cut > 0) log.warn({ event: 'front.requests_cut', cut }, `front server${label}: ${cut} connections still busy after ${graceMs / 1000} s were cut`);
          await stopQueue(Math.max(1000, deadline - Date.now()));
          await runShutdownHooks(deadline + 5000, (event, detail) => log.error({ event, ...detail }, event));
          log.info({ event: 'front.stopped' }, `front server${label}: stopped`);
        })
        .finally(() => process.exit(0));
    });
  }
  // One process cannot replace itself without refusing connections: SIGHUP rolls workers only
  // with WEB_CONCURRENCY > 1 (the primary handles it); here it is ignored rather than fatal.
  if (!cluster.isWorker) process.on('SIGHUP', () => log.warn({ event: 'front.sighup_ignored' }, 'front server: SIGHUP restarts workers one by one only with WEB_CONCURRENCY > 1'));
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
  let rolling = false;
  /** Workers being replaced by a rolling restart: their exit is expected, not a death. */
  const replacing = new Set();
  /** Times of recent early deaths. */
  const early = /** @type {number[]} */ ([]);
  const started = new Map();
  const fork = () => started.set(cluster.fork().id, Date.now());
  for (let i = 0; i < count; i++) fork();
  // One /metrics for all workers: the primary sums their registries (metrics-cluster.mjs).
  serveClusterMetrics();
  log.info({ event: 'front.workers', count }, `front server: ${count} worker processes (WEB_CONCURRENCY)`);
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    const lived = Date.now() - (started.get(worker.id) ?? 0);
    started.delete(worker.id);
    if (replacing.delete(worker.id)) return;
    log.error({ event: 'front.worker_exited', workerPid: worker.process.pid, signal: signal ?? undefined, code, livedS: Math.round(lived / 1000) }, `front server: worker ${worker.process.pid} exited (${signal ?? `code ${code}`}) after ${Math.round(lived / 1000)} s; starting another`);
    if (lived < 10_000) early.push(Date.now());
    while (early.length > 0 && Date.now() - /** @type {number} */ (early[0]) > 60_000) early.shift();
    if (early.length >= 5) {
      log.fatal({ event: 'front.workers_failing' }, 'front server: workers keep dying at start; stopping (see the errors above)');
      process.exit(1);
    }
    fork();
  });
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.on(signal, () => {
      const workers = Object.values(cluster.workers ?? {});
      if (stopping) {
        // A second signal: no more waiting.
        for (const w of workers) w?.process.kill('SIGKILL');
        process.exit(1);
      }
      stopping = true;
      if (workers.length === 0) process.exit(0);
      // Each worker drains (drain.mjs) and exits; the primary exits after the last.
      for (const w of workers) w?.process.kill(signal);
    });
  }
  process.on('SIGHUP', () => {
    if (stopping || rolling) return;
    rolling = true;
    void rollWorkers().finally(() => (rolling = false));
  });

  /**
   * A rolling restart (SIGHUP; after an upgrade: README, "Upgrading"): for each worker in turn, a
   * new one is started and must be listening before the old one is told to drain, so the port
   * always has workers taking connections and no request is refused.
   */
  async function rollWorkers() {
    const old = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    log.info({ event: 'front.rolling', workers: old.length }, `front server: rolling restart of ${old.length} workers`);
    for (const worker of old) {
      replacing.add(worker.id);
      const fresh = cluster.fork();
      started.set(fresh.id, Date.now());
      const listening = await new Promise((resolve) => {
        fresh.once('listening', () => resolve(true));
        fresh.once('exit', () => resolve(false));
      });
      if (!listening) {
        replacing.delete(worker.id);
        log.error({ event: 'front.rolling_failed' }, 'front server: a new worker did not start; rolling restart stopped, old workers kept');
        return;
      }
      await new Promise((resolve) => {
        worker.once('exit', resolve);
        worker.process.kill('SIGTERM');
      });
    }
    log.info({ event: 'front.rolled' }, 'front server: rolling restart done');
  }
}

/** Starts the front server as `npm run serve` asks (src/cli/serve.mjs): one process or WEB_CONCURRENCY. */
export async function main() {
  const entry = resolve(process.argv[2] ?? 'dist/server/entry.mjs');
  const settings = frontSettings(process.env);
  if (!settings.ok) {
    log.fatal({ event: 'front.invalid_environment' }, `Invalid environment: ${settings.message}`);
    process.exit(2);
  }
  if (settings.workers > 1 && cluster.isPrimary) supervise(settings.workers);
  else await serve(entry, settings.env, cluster.isWorker ? ` worker ${process.pid}` : '');
}
