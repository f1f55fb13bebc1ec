// @ts-check
/**
 * The log variables (README, "Logs and metrics"). Plain JavaScript because the front server, which
 * runs unbundled under node, checks them too (src/server/http/front-settings.mjs); env.ts spreads
 * LOG_ENV into the app's schema like the other groups. An empty value counts as unset.
 */
import { z } from 'zod';

export const LOG_LEVELS = /** @type {const} */ (['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const blank = (/** @type {unknown} */ v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);

export const LOG_ENV = {
  /** Lines below this level are dropped: request lines are `info`, failures `error`. */
  LOG_LEVEL: z.preprocess(blank, z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info')),
  /**
   * `json` (one JSON object a line, what production collects) or `pretty` (pino-pretty, a dev
   * dependency, for a person at a terminal). Unset: pretty when NODE_ENV is development or test
   * (astro dev sets it) and standard output is a terminal; NODE_ENV unset counts as production, as
   * in env.ts.
   */
  LOG_FORMAT: z.preprocess(blank, z.enum(['json', 'pretty'], { error: 'LOG_FORMAT must be json or pretty' }).optional()),
};

const logEnvSchema = z.object({ ...LOG_ENV, NODE_ENV: z.string().optional() });

/**
 * The logger's settings from `source` (process.env). A wrong value falls back to the defaults here:
 * the process stops with the message anyway, when env.ts or front-settings.mjs parses it.
 * @param {Record<string, string | undefined>} source
 * @param {boolean} tty  whether standard output is a terminal
 * @returns {{ level: (typeof LOG_LEVELS)[number], pretty: boolean }}
 */
export function logSettings(source, tty) {
  const parsed = logEnvSchema.safeParse(source);
  const e = parsed.success ? parsed.data : { LOG_LEVEL: /** @type {const} */ ('info'), LOG_FORMAT: undefined, NODE_ENV: source.NODE_ENV };
  const pretty = e.LOG_FORMAT === undefined ? (e.NODE_ENV === 'development' || e.NODE_ENV === 'test') && tty : e.LOG_FORMAT === 'pretty';
  return { level: e.LOG_LEVEL, pretty };
}
