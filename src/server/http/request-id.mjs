// @ts-check
/**
 * The request id every log line of a request carries and every answer sends back as X-Request-Id,
 * so that a person reporting a failure, the proxy's access log and the portal's log can be matched.
 * A proxy's own id (nginx `$request_id`) is kept when it is sane; anything else is replaced.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

export const REQUEST_ID_HEADER = 'x-request-id';
/**
 * Internal response header: the app's route pattern (/institutions/[code]) for the request line.
 * Set by src/middleware.ts, removed by the front server before the answer leaves (request-log.mjs);
 * a stored page keeps it, so a cache hit is logged under the route that rendered it.
 */
export const ROUTE_HEADER = 'x-putuo-route';

/** Letters, digits and . _ : - only, 8 to 128 of them: a UUID, nginx's 32 hex digits, a trace id. */
const incomingId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/);

/**
 * The incoming X-Request-Id if it is sane, else a new random one.
 * @param {string | string[] | null | undefined} header
 */
export function requestIdFrom(header) {
  const parsed = incomingId.safeParse(header);
  return parsed.success ? parsed.data : randomUUID();
}
