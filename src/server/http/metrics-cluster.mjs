// @ts-check
/**
 * /metrics with several processes (WEB_CONCURRENCY > 1): the worker that is asked cannot see the
 * others' counters, and Prometheus cannot choose a worker behind the shared port. So the worker
 * asks the primary (one IPC message), the primary collects every worker's registry with
 * prom-client's AggregatorRegistry and sends the sum back. One scrape, the whole server.
 */
import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry } from 'prom-client';
import { metrics } from '../shared/metrics.mjs';

const ASK = 'putuo-training-portal:metrics';
const ANSWER = 'putuo-training-portal:metrics-answer';

/** In the primary (front-process.mjs supervise()): answers workers' requests for the sum. */
export function serveClusterMetrics() {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message) => {
    if (!message || message.type !== ASK) return;
    aggregator.clusterMetrics().then(
      (text) => worker.isConnected() && worker.send({ type: ANSWER, id: message.id, text }),
      (/** @type {Error} */ e) => worker.isConnected() && worker.send({ type: ANSWER, id: message.id, error: e.message }),
    );
  });
}

/**
 * This process's metrics in Prometheus text: its own registry, or in a cluster worker the sum over
 * all workers, fetched from the primary within `timeoutMs`.
 * @param {number} timeoutMs
 * @returns {Promise<string>}
 */
export function processMetricsText(timeoutMs) {
  if (!cluster.isWorker || !process.send) return metrics.processRegistry.metrics();
  const id = randomUUID();
  return new Promise((resolve, reject) => {
    const onMessage = (/** @type {any} */ message) => {
      if (!message || message.type !== ANSWER || message.id !== id) return;
      done();
      if (typeof message.text === 'string') resolve(message.text);
      else reject(new Error(`the primary could not collect the workers' metrics: ${message.error}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`the primary did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      process.off('message', onMessage);
    };
    process.on('message', onMessage);
    process.send?.({ type: ASK, id });
  });
}
