// @ts-check
/**
 * Astro's own log lines (astro.config.mjs `logger`): while the front server runs the app they go
 * through the portal's logger, as JSON with the request's id, their text scrubbed (Astro prints an
 * uncaught error's stack, which may name a query's values). Elsewhere (astro build, astro dev)
 * Astro's console output is kept as it was.
 */
import consoleDestination from 'astro/logger/console';
import { log } from '../shared/log.mjs';

/** Set by the front server (src/server/http/page-store.mjs FRONT_CACHE) before it loads the app. */
const FRONT_CACHE = Symbol.for('putuo-training-portal.front-cache');

/** @param {Record<string, unknown>} [config] */
export default function astroLogDestination(config = {}) {
  const fallback = consoleDestination(config);
  return {
    /** @param {{ label: string | null, level: 'debug' | 'info' | 'warn' | 'error' | 'silent', message: string, newLine: boolean }} event */
    write(event) {
      if (!(FRONT_CACHE in globalThis) || event.level === 'silent') return fallback.write(event);
      log[event.level]({ event: 'astro', label: event.label ?? undefined }, event.message);
    },
  };
}
