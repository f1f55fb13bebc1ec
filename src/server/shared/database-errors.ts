/**
 * What a failed database call means for the person waiting (issue 18): whether the database was
 * out of reach (a 503: try again shortly, not a fault of the request or the portal's code), and,
 * for a write, whether it may have happened anyway.
 *
 * Codes are postgres.js's own (CONNECT_TIMEOUT, CONNECTION_CLOSED …), the operating system's
 * (ECONNREFUSED …), the portal's query deadline (QUERY_TIMEOUT, db/query-deadline.ts) and
 * PostgreSQL's shutdown states (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect
 * now).
 */

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'QUERY_TIMEOUT',
  '57P01',
  '57P02',
  '57P03',
]);

/** Failures that happen before a statement is sent: nothing can have been written. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'CONNECT_TIMEOUT', '57P03']);

function codes(error: unknown): string[] {
  const found: string[] = [];
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') found.push(code);
  }
  return found;
}

/** Whether `error` (or its cause) says the database could not be reached or did not answer in time. */
export function isDatabaseUnreachable(error: unknown): boolean {
  return codes(error).some((c) => UNREACHABLE.has(c));
}

/**
 * For a write that failed because the database was out of reach: `no` when the statement cannot
 * have been sent (no connection was made), `unknown` when it may have been sent and committed
 * with the answer lost (a connection cut mid-way, a deadline that passed while it ran).
 */
export function writeOutcome(error: unknown): 'no' | 'unknown' {
  return codes(error).some((c) => NEVER_SENT.has(c)) ? 'no' : 'unknown';
}
