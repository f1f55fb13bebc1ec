// @ts-check
/**
 * The portal's Prometheus metrics (prom-client), served at /metrics by the front server
 * (src/server/http/metrics-endpoint.mjs; README, "Logs and metrics").
 *
 * Two registries, because of how they add up across processes:
 * - `processRegistry`: what this process counted (requests, cache results, complaints, messages,
 *   escalations, errors) and its runtime (memory, event loop). With WEB_CONCURRENCY > 1 each
 *   worker has its own, and the primary sums them (prom-client's AggregatorRegistry,
 *   metrics-cluster.mjs).
 * - `databaseRegistry`: facts of the shared database (queue depth, messages by state, overdue
 *   cases, connections), sampled when /metrics is asked, by the one process that answers: summed
 *   over workers they would be counted once per worker.
 *
 * Plain JavaScript and kept on a global for the reason given in log.mjs: the front server and the
 * bundled app each load a copy of this file, and both must count into the same registry.
 */
import cluster from 'node:cluster';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Request durations in seconds: a cached page takes about a millisecond, a timeout 2 s or more. */
const DURATION_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10];

function create() {
  const processRegistry = new Registry();
  const databaseRegistry = new Registry();
  const p = { registers: [processRegistry] };
  const d = { registers: [databaseRegistry] };
  collectDefaultMetrics({ register: processRegistry });
  if (cluster.isWorker) {
    // Answers the primary's AggregatorRegistry with this registry (the constructor adds the listener).
    AggregatorRegistry.setRegistries([processRegistry]);
    new AggregatorRegistry();
  }
  return {
    processRegistry,
    databaseRegistry,
    requestDuration: new Histogram({ ...p, name: 'putuo_http_request_duration_seconds', help: 'Time from request to the last byte of the answer, by route pattern, method and status class (2xx, 3xx, 4xx, 5xx).', labelNames: ['route', 'method', 'status_class'], buckets: DURATION_BUCKETS }),
    pageCache: new Counter({ ...p, name: 'putuo_page_cache_requests_total', help: "Requests by the front server's page cache result: hit, stale (served while refreshing or while the database is away), miss (rendered, may be stored), bypass (never cached: posts, personal pages, static files).", labelNames: ['result'] }),
    queryErrors: new Counter({ ...p, name: 'putuo_db_query_errors_total', help: 'Database errors that failed a request or a job, by PostgreSQL SQLSTATE or driver code.', labelNames: ['code'] }),
    complaintsFiled: new Counter({ ...p, name: 'putuo_complaints_filed_total', help: 'Complaints filed (not replays), by intake channel: web, open311 (the registered channels such as the 12345 hotline), patrol.', labelNames: ['channel'] }),
    casesEscalated: new Counter({ ...p, name: 'putuo_cases_escalated_total', help: 'Overdue cases raised by the escalation sweep.' }),
    messageOutcomes: new Counter({ ...p, name: 'putuo_message_deliveries_total', help: 'Delivery attempts by channel (sms, email) and outcome: delivered, failed (will be retried), dead (given up).', labelNames: ['channel', 'outcome'] }),
    queueErrors: new Counter({ ...p, name: 'putuo_queue_errors_total', help: "Errors of the job queue: pg-boss's own loops (error) and hand-overs after commit that failed (enqueue_failed; the relay takes those messages).", labelNames: ['kind'] }),
    poolMax: new Gauge({ ...p, name: 'putuo_db_pool_max_connections', help: 'PostgreSQL connections the portal processes may open (DATABASE_POOL_SIZE summed over processes).' }),
    queueJobs: new Gauge({ ...d, name: 'putuo_queue_jobs', help: 'Jobs in the pg-boss queues by state (queued: waiting, incl. deferred; active; failed: retained failed jobs), sampled at scrape.', labelNames: ['queue', 'state'] }),
    messages: new Gauge({ ...d, name: 'putuo_messages', help: 'Rows of notification_outbox by delivery state, sampled at scrape.', labelNames: ['state'] }),
    casesOverdue: new Gauge({ ...d, name: 'putuo_cases_overdue', help: 'Open cases past their due day today (as the oversight page counts them), sampled at scrape.' }),
    dbConnections: new Gauge({ ...d, name: 'putuo_db_connections', help: "Connections to the portal's PostgreSQL database by state (pg_stat_activity: active, idle, idle in transaction …), all processes, sampled at scrape.", labelNames: ['state'] }),
    sampleOk: new Gauge({ ...d, name: 'putuo_metrics_sample_ok', help: '1 when the sampler answered within its time at the last scrape, 0 when it failed or timed out (its figures are then absent).', labelNames: ['sampler'] }),
    /** @type {Map<string, { gauges: Gauge[], sample: () => Promise<void> }>} */
    samplers: new Map(),
  };
}

const SHARED = Symbol.for('putuo-training-portal.metrics');
/** @type {ReturnType<typeof create>} */
export const metrics = (/** @type {any} */ (globalThis)[SHARED] ??= create());

/** Status class label: 2xx, 3xx, 4xx, 5xx. @param {number} status */
export const statusClass = (status) => `${Math.floor(status / 100)}xx`;

/**
 * Counts a database error; only codes of SQLSTATE shape or driver constants become labels.
 * @param {unknown} error
 */
export function countQueryError(error) {
  const code = /** @type {{ code?: unknown } | null} */ (error && typeof error === 'object' ? error : null)?.code;
  metrics.queryErrors.inc({ code: typeof code === 'string' && /^[0-9A-Z_]{2,32}$/.test(code) ? code : 'other' });
}

/**
 * Registers a scrape-time sampler of database facts (idempotent by name): `sample` sets `gauges`.
 * @param {string} name @param {Gauge[]} gauges @param {() => Promise<void>} sample
 */
export function addSampler(name, gauges, sample) {
  metrics.samplers.set(name, { gauges, sample });
}

/**
 * Runs every sampler side by side, each within `timeoutMs`: a slow or failing one leaves its
 * figures out (and says so in putuo_metrics_sample_ok) instead of holding up the scrape.
 * @param {number} timeoutMs
 */
export async function sampleDatabase(timeoutMs) {
  await Promise.all(
    [...metrics.samplers].map(async ([name, s]) => {
      for (const g of s.gauges) g.reset();
      /** @type {NodeJS.Timeout | undefined} */
      let timer;
      const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs)));
      try {
        await Promise.race([s.sample(), timeout]);
        metrics.sampleOk.set({ sampler: name }, 1);
      } catch {
        for (const g of s.gauges) g.reset();
        metrics.sampleOk.set({ sampler: name }, 0);
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}
