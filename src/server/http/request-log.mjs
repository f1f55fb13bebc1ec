// @ts-check
/**
 * The front server's outermost layer (front-process.mjs serve()): for every request one log line
 * and one observation of the duration histogram, the X-Request-Id header, and /metrics.
 *
 * The line: `{"level":"info","event":"request","reqId":…,"method":"GET","route":"/institutions/[code]",
 * "status":200,"ms":3.1,"cache":"hit"}`. The route is Astro's route pattern, never the address,
 * which can hold a tracking number, a search term or a token: the app sends it in ROUTE_HEADER and
 * it is removed here before the answer leaves. A stored page keeps that header among its stored
 * headers, so a cache hit is logged under the route that rendered it. Files from dist/client are
 * `static`; an answer that reached no route (a refused address) is `none`.
 */
import http from 'node:http';
import { log } from '../shared/log.mjs';
import { metrics, statusClass } from '../shared/metrics.mjs';
import { answerMetrics, METRICS_PATH } from './metrics-endpoint.mjs';
import { REQUEST_ID_HEADER, requestIdFrom, ROUTE_HEADER } from './request-id.mjs';

/** Set by front.mjs frontHandler on each response: 'hit' | 'stale' | 'miss' | 'bypass'. */
const CACHE_STATUS = Symbol.for('putuo-training-portal.cache-status');
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Takes the route header out of writeHead's arguments and the response, returning its value. A
 * stored page's header object is shared with the cache, so it is copied, never changed.
 * @param {http.ServerResponse} res @param {any[]} rest
 */
function takeRoute(res, rest) {
  let route;
  const last = rest[rest.length - 1];
  if (last && typeof last === 'object' && !Array.isArray(last) && last[ROUTE_HEADER] !== undefined) {
    route = String(last[ROUTE_HEADER]);
    const { [ROUTE_HEADER]: _, ...others } = last;
    rest[rest.length - 1] = others;
  }
  const set = res.getHeader(ROUTE_HEADER);
  if (set !== undefined) {
    route ??= String(set);
    res.removeHeader(ROUTE_HEADER);
  }
  return route;
}

/**
 * Wraps the request listener.
 * @param {(req: http.IncomingMessage, res: http.ServerResponse) => void} handler
 * @param {{ metricsToken?: string }} options
 * @returns {(req: http.IncomingMessage, res: http.ServerResponse) => void}
 */
export function observeRequests(handler, options) {
  return (req, res) => {
    const started = performance.now();
    const reqId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    // The app reads it from the request (request-context.ts), so its lines carry the same id.
    req.headers[REQUEST_ID_HEADER] = reqId;
    res.setHeader('X-Request-Id', reqId);
    /** @type {string | undefined} */
    let route;
    const writeHead = res.writeHead;
    res.writeHead = /** @type {any} */ (
      function (/** @type {number} */ status, /** @type {any[]} */ ...rest) {
        route = takeRoute(res, rest) ?? route;
        return writeHead.call(res, status, ...rest);
      }
    );
    let logged = false;
    const done = (/** @type {boolean} */ aborted) => {
      if (logged) return;
      logged = true;
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const status = res.statusCode;
      const cache = /** @type {string | undefined} */ (/** @type {any} */ (res)[CACHE_STATUS]);
      const label = route ?? (req.url === METRICS_PATH ? METRICS_PATH : status < 400 ? 'static' : 'none');
      const method = METHODS.has(req.method ?? '') ? /** @type {string} */ (req.method) : 'other';
      metrics.requestDuration.observe({ route: label, method, status_class: statusClass(status) }, ms / 1000);
      if (cache) metrics.pageCache.inc({ result: cache });
      const line = { event: 'request', reqId, method, route: label, status, ms, cache, aborted: aborted || undefined };
      if (status >= 500) log.error(line, `${method} ${label} ${status}`);
      else log.info(line, `${method} ${label} ${status}`);
    };
    // 'finish': the last byte was handed to the socket; 'close' without it: the client went away.
    res.once('finish', () => done(false));
    res.once('close', () => done(!res.writableFinished));
    if (req.url === METRICS_PATH || req.url?.startsWith(`${METRICS_PATH}?`)) {
      route = METRICS_PATH;
      return void answerMetrics(req, res, options.metricsToken);
    }
    return handler(req, res);
  };
}
