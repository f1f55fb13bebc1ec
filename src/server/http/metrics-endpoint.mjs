// @ts-check
/**
 * GET /metrics, answered by the front server before the page cache and the app: never cached,
 * never rendered by Astro. Who may read it (README, "Logs and metrics"):
 *
 * - with METRICS_TOKEN set, whoever sends `Authorization: Bearer <METRICS_TOKEN>`, from anywhere;
 * - without it, only a client on this machine (a loopback address) that came directly, not through
 *   a proxy: behind nginx on the same host every visitor arrives from 127.0.0.1, and a request that
 *   carries X-Forwarded-For, Forwarded or X-Real-IP is such a visitor.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { log } from '../shared/log.mjs';
import { metrics, sampleDatabase } from '../shared/metrics.mjs';
import { processMetricsText } from './metrics-cluster.mjs';
import { BASE_CSP, securityHeaderList } from './security-headers.mjs';

export const METRICS_PATH = '/metrics';
/** Each scrape-time database sample and the primary's sum get this long; Prometheus's own default timeout is 10 s. */
const SAMPLE_TIMEOUT_MS = 1500;
const CLUSTER_TIMEOUT_MS = 3000;

/** @param {string | undefined} address */
export function isLoopback(address) {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

const digest = (/** @type {string} */ s) => createHash('sha256').update(s).digest();

/**
 * Whether this request may read the metrics: 'ok', or why not (401 asks for the token, 403 refuses).
 * @param {{ headers: http.IncomingHttpHeaders, remoteAddress: string | undefined }} req
 * @param {string | undefined} token  METRICS_TOKEN
 * @returns {'ok' | 401 | 403}
 */
export function metricsAccess(req, token) {
  if (token) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    // Compared as hashes: equal lengths for timingSafeEqual, and no timing hint of the token.
    return m && timingSafeEqual(digest(m[1] ?? ''), digest(token)) ? 'ok' : 401;
  }
  const proxied = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined || req.headers['x-real-ip'] !== undefined;
  return !proxied && isLoopback(req.remoteAddress) ? 'ok' : 403;
}

/**
 * Answers GET /metrics: this process's (or the cluster's) counters and the database's figures.
 * @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {string | undefined} token
 */
export async function answerMetrics(req, res, token) {
  const headers = { ...Object.fromEntries(securityHeaderList(false)), 'content-security-policy': BASE_CSP, 'cache-control': 'no-store' };
  const refuse = (/** @type {number} */ status, /** @type {string} */ text, /** @type {Record<string, string>} */ extra = {}) => {
    res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8', ...extra });
    res.end(text);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(405, 'GET only\n', { allow: 'GET, HEAD' });
  const access = metricsAccess({ headers: req.headers, remoteAddress: req.socket.remoteAddress }, token);
  if (access === 401) return refuse(401, 'a bearer token is required (METRICS_TOKEN)\n', { 'www-authenticate': 'Bearer realm="metrics"' });
  if (access === 403) return refuse(403, 'metrics are served to this machine only; set METRICS_TOKEN to read them from elsewhere\n');
  try {
    const [own] = await Promise.all([processMetricsText(CLUSTER_TIMEOUT_MS), sampleDatabase(SAMPLE_TIMEOUT_MS)]);
    const body = `${own.trimEnd()}\n${(await metrics.databaseRegistry.metrics()).trimEnd()}\n`;
    res.writeHead(200, { ...headers, 'content-type': metrics.processRegistry.contentType });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (e) {
    log.error({ event: 'metrics.failed', err: e }, 'metrics could not be collected');
    refuse(503, 'metrics could not be collected; see the log\n', { 'retry-after': '5' });
  }
}
