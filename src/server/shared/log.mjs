// @ts-check
/**
 * The portal's one logger (pino): one JSON object a line on standard output, `event` naming what
 * happened, personal data and secrets never written (README, "Logs and metrics"; STYLE.md habit 12).
 *
 *   import { log } from '../shared/log.mjs';
 *   log.info({ event: 'queue.started', workers }, 'job queue started');
 *   log.error({ event: 'request_failed', err }, 'request failed');
 *
 * Plain JavaScript so that the front server, which node runs unbundled, logs through the same
 * module as the app that Astro bundles. The bundle holds a copy of this file, so the logger and the
 * per-request context live on a global: both copies write through one pino instance.
 *
 * Inside a request (src/server/http/request-context.ts) every line also carries the request's
 * `reqId` and `route`, so an error can be matched with its request line.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import pino from 'pino';
import { logSettings } from '../../config/log-env.mjs';
import { scrubText, serializeError } from './log-scrub.mjs';

/**
 * Field names whose values are personal data or secrets, wherever a line holds them (at the top or
 * one level down): pino censors them before the line is written. Messages and reasons, which may
 * echo anything, are scrubbed as text (log-scrub.mjs).
 */
const SENSITIVE = [
  'phone', 'mobile', 'tel', 'name', 'firstName', 'lastName', 'first_name', 'last_name', 'displayName', 'contact',
  'address', 'address_string', 'premises', 'email', 'recipient',
  'accessCode', 'access_code', 'idempotencyKey', 'idempotency_key', 'idempotency-key',
  'apiKey', 'api_key', 'password', 'token', 'secret', 'cookie', 'cookies', 'set-cookie', 'authorization',
];
export const REDACT_PATHS = [
  ...SENSITIVE.flatMap((k) => [`["${k}"]`, `*["${k}"]`]),
  ...['cookie', 'authorization', 'idempotency-key', 'x-api-key'].map((h) => `req.headers["${h}"]`),
];

/** Free-text fields of a line, scrubbed like messages. */
const FREE_TEXT = ['message', 'reason', 'detail', 'description', 'error'];

/**
 * A pino logger with the portal's redaction, error serializer and request context.
 * @param {{ level?: string, pretty?: boolean, destination?: pino.DestinationStream, context?: AsyncLocalStorage<Record<string, unknown>> }} [options]
 */
export function createLogger(options = {}) {
  const context = options.context ?? new AsyncLocalStorage();
  /** @type {pino.LoggerOptions} */
  const settings = {
    level: options.level ?? 'info',
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError, error: (/** @type {unknown} */ e) => (typeof e === 'string' ? scrubText(e) : serializeError(e)) },
    formatters: {
      level: (label) => ({ level: label }),
      log(object) {
        for (const key of FREE_TEXT) {
          const value = object[key];
          if (typeof value === 'string') object[key] = scrubText(value);
        }
        return object;
      },
    },
    // A copy: pino merges each line's fields into the object mixin returns.
    mixin: () => ({ ...context.getStore() }),
    hooks: {
      // The message text, like any free text, is scrubbed; pino would otherwise take an error's
      // own message as the line's message, unscrubbed.
      logMethod(args, method) {
        /** @type {any[]} */
        const a = args;
        if (a[0] instanceof Error) a.splice(0, 1, { err: a[0] });
        const err = a[0] && typeof a[0] === 'object' ? a[0].err : undefined;
        if (typeof a[1] !== 'string' && err !== undefined) a.splice(1, 0, err instanceof Error ? err.message : String(err));
        for (let i = 0; i < a.length; i++) if (typeof a[i] === 'string') a[i] = scrubText(a[i]);
        return method.apply(this, /** @type {any} */ (a));
      },
    },
  };
  const destination = options.destination ?? (options.pretty ? prettyStream() : undefined) ?? pino.destination({ dest: 1, sync: true });
  return { logger: pino(settings, destination), context };
}

/** pino-pretty (a dev dependency) writing to standard output; undefined where it is not installed. */
function prettyStream() {
  try {
    const pretty = createRequire(import.meta.url)('pino-pretty');
    return pretty({ colorize: Boolean(process.stdout.isTTY), translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid', sync: true });
  } catch {
    process.stdout.write('{"level":"warn","event":"log.pretty_unavailable","msg":"LOG_FORMAT=pretty needs the dev dependency pino-pretty; writing JSON"}\n');
    return undefined;
  }
}

const SHARED = Symbol.for('putuo-training-portal.log');
/** @type {{ logger: pino.Logger, context: AsyncLocalStorage<Record<string, unknown>> }} */
const shared = (/** @type {any} */ (globalThis)[SHARED] ??= createLogger(logSettings(process.env, Boolean(process.stdout.isTTY))));

/** The process's logger (LOG_LEVEL, LOG_FORMAT). */
export const log = shared.logger;

/**
 * Runs `fn` with `fields` (reqId, route) added to every line logged meanwhile, across awaits.
 * @template T @param {Record<string, unknown>} fields @param {() => T} fn @returns {T}
 */
export function withLogContext(fields, fn) {
  return shared.context.run(fields, fn);
}

/**
 * Runs `fn` outside any request's context: for work a request merely starts (the job queue, the
 * change listener), whose later lines belong to no request.
 * @template T @param {() => T} fn @returns {T}
 */
export function outsideLogContext(fn) {
  return shared.context.exit(fn);
}
