/**
 * The app's half of the request line (the front server writes it, src/server/http/request-log.mjs):
 * every line logged while the request runs carries its id and route pattern; the route pattern
 * leaves with the answer in an internal header that the front server removes; an error that
 * escapes a page is logged here, scrubbed, counted and passed on to Astro's error page.
 */
import { log, withLogContext } from '../shared/log.mjs';
import { scrubErrorInPlace } from '../shared/log-scrub.mjs';
import { countQueryError } from '../shared/metrics.mjs';
import { REQUEST_ID_HEADER, requestIdFrom, ROUTE_HEADER } from './request-id.mjs';

/** SQLSTATE codes (five characters) and postgres.js's connection codes: a database error. */
export function isDatabaseError(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (/^[0-9A-Z]{5}$/.test(code) || code.startsWith('CONNECT'))) return true;
    if ((e as Error).name === 'PostgresError' || (e as Error).constructor?.name === 'DrizzleQueryError') return true;
  }
  return false;
}

/** Logs an error that failed the request (stack, no query values) and counts it if it came from the database. */
export function logRequestError(error: unknown): void {
  if (isDatabaseError(error)) countQueryError(findCode(error));
  log.error({ event: 'request_failed', err: error }, 'request failed');
}

function findCode(error: unknown): unknown {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof (e as { code?: unknown }).code === 'string') return e;
  }
  return error;
}

/** The response with the route header set (a redirect's headers are immutable: copied). */
function withRouteHeader(response: Response, route: string): Response {
  try {
    response.headers.set(ROUTE_HEADER, route);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(ROUTE_HEADER, route);
    return copy;
  }
}

/**
 * Requests whose page threw, with the route that threw: Astro then renders /500 for the same
 * request, through this middleware again, and the request line should name the page that failed.
 */
const failedRoutes = new WeakMap<Request, string>();

/**
 * Runs the rest of the pipeline inside the request's log context.
 * @param request the incoming request (its X-Request-Id was set by the front server)
 * @param route Astro's route pattern, e.g. /institutions/[code]
 */
export function observeRequest(request: Request, pattern: string, next: () => Promise<Response>): Promise<Response> {
  const route = failedRoutes.get(request) ?? pattern;
  const reqId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
  return withLogContext({ reqId, route }, async () => {
    try {
      return withRouteHeader(await next(), route);
    } catch (error) {
      logRequestError(error);
      failedRoutes.set(request, route);
      // Astro prints the error again before its 500 page: only what is left after scrubbing.
      scrubErrorInPlace(error);
      throw error;
    }
  });
}
