// @ts-check
/**
 * What the logger does to free text (error messages, stacks, reasons) before it is written: the
 * personal data and secrets a message can carry are replaced by a label. Structured fields are
 * censored by name instead (REDACT_PATHS in log.mjs). Why both: a field's name says what it holds,
 * but a driver's or gateway's message can echo any value it was given ("invalid input syntax for
 * type bigint: "13812345678"", drizzle's "Failed query: … params: …"), and no name warns of it.
 */

/** @type {readonly [RegExp, string][]} In order: the later patterns see the earlier labels. */
const PATTERNS = [
  // drizzle-orm's DrizzleQueryError: "Failed query: <sql>\nparams: <every parameter>".
  [/\bparams: [^\n]*/g, 'params: [redacted]'],
  // Credentials in a connection address: postgres://user:secret@host.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:)[^@\s]+@/gi, '$1[redacted]@'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 [redacted]'],
  // Secrets as name=value or name: value (query strings, form bodies, headers quoted in a message).
  [/\b(api[_-]?key|access[_-]?code|idempotency[_-]?key|password|passwd|secret|token|session|cookie|authorization)(["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^&\s"',;]+)/gi, '$1$2[redacted]'],
  // Values PostgreSQL quotes in its messages and details: invalid input "…", Key (col)=(…).
  [/"[^"\n]*"|'[^'\n]*'/g, '"…"'],
  [/=\([^)\n]*\)/g, '=(…)'],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[email]'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '[uuid]'],
  // Resident identity card (18 characters) before phone numbers, which it contains.
  [/(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])/g, '[id]'],
  // Mainland mobiles (11 digits from 13 to 19, optionally +86, spaced 3-4-4 or not), then landlines with an area code
  // (021-62345678) or without (62345678).
  [/(?<![0-9])(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![0-9])/g, '[phone]'],
  [/(?<![0-9])0\d{2,3}[- ]?\d{7,8}(?![0-9])/g, '[phone]'],
  [/(?<![0-9A-Za-z.:])[2-9]\d{7}(?![0-9A-Za-z])/g, '[phone]'],
  // Complaint access codes (src/domain/complaints/tracking.ts): ABCDE-FGHJK, or ten characters with a digit.
  [/(?<![0-9A-Za-z])[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}(?![0-9A-Za-z])/g, '[code]'],
  [/(?<![0-9A-Za-z])(?=[A-Z]*[2-9])[2-9A-HJKMNP-Z]{10}(?![0-9A-Za-z])/g, '[code]'],
  // Street addresses: a number of a house, lane or room with the words around it (测试路12弄3号301室).
  [/[\p{Script=Han}\w－-]*\d+\s*[号弄室幢栋楼层](?:[\p{Script=Han}\w－-]*)/gu, '[address]'],
];

/**
 * `text` with phone numbers, e-mail and street addresses, access codes, UUIDs (idempotency keys),
 * secrets after `api_key=`, `token=` …, quoted values and query parameters replaced by labels.
 * @param {string} text
 */
export function scrubText(text) {
  let out = text;
  for (const [pattern, label] of PATTERNS) out = out.replace(pattern, label);
  return out;
}

/** The fields of an error that may be logged; a database error's query and parameters never are. */
const SAFE_FIELDS = ['code', 'severity', 'routine', 'table_name', 'column_name', 'constraint_name', 'errno', 'syscall'];

/**
 * An error as a log line holds it: its type, code, scrubbed message and stack, and its causes
 * likewise. An allow-list, so that fields drivers add (postgres.js `query`, `parameters`, `args`;
 * drizzle's `params`; node-postgres's `detail`) never reach the log.
 * @param {unknown} error
 * @returns {Record<string, unknown>}
 */
export function serializeError(error, depth = 0) {
  if (!(error instanceof Error)) return { type: typeof error, message: scrubText(String(error)).slice(0, 500) };
  /** @type {Record<string, unknown>} */
  const out = { type: error.constructor?.name ?? error.name, message: scrubText(error.message).slice(0, 1000) };
  for (const field of SAFE_FIELDS) {
    const value = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (error))[field];
    if (typeof value === 'string' || typeof value === 'number') out[field] = typeof value === 'string' ? scrubText(value) : value;
  }
  if (error.stack) out.stack = scrubText(error.stack);
  if (error.cause !== undefined && depth < 4) out.cause = serializeError(error.cause, depth + 1);
  return out;
}

/**
 * Makes a thrown error safe to be printed by code that is not ours (Astro prints an uncaught
 * error's stack): message and stack scrubbed in place, the driver's query fields removed. The
 * object, its class and its code stay, so whoever handles it next still knows what it was.
 * @param {unknown} error
 */
export function scrubErrorInPlace(error, depth = 0) {
  if (!(error instanceof Error) || depth > 4) return;
  const e = /** @type {Error & Record<string, unknown>} */ (error);
  for (const field of ['query', 'parameters', 'params', 'args', 'types', 'detail', 'where']) {
    if (field in e) {
      try {
        delete e[field];
      } catch {
        // A frozen or accessor-only field: leave it; serializeError never reads it.
      }
    }
  }
  try {
    e.message = scrubText(e.message);
    if (e.stack) e.stack = scrubText(e.stack);
  } catch {
    // read-only message: serializeError still scrubs it when logged
  }
  scrubErrorInPlace(e.cause, depth + 1);
}
