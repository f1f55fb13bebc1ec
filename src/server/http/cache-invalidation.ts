/**
 * Keeps every server process's page cache in step with the database: on the first request a
 * process listens for change notices (db/queries/shared/change-notices.ts) and purges the tags they name.
 * Starting on the first request is enough: a process that has served nothing has cached nothing,
 * and that request waits until the listener is in place before it can cache anything.
 */
import type { APIContext } from 'astro';
import { getDb } from '../../../db/client';
import { listenForChanges } from '../../../db/queries/shared/change-notices';
import { log, outsideLogContext } from '../shared/log.mjs';

let listening: Promise<void> | undefined;

/** Idempotent; the cache object of any request reaches the process-wide provider. */
export function ensureCacheListener(cache: APIContext['cache']): Promise<void> {
  // The listener outlives the request that starts it: its lines belong to no request.
  listening ??= outsideLogContext(() =>
    getDb()
      .then((handle) =>
        listenForChanges(handle, (tags) => {
          cache.invalidate({ tags }).catch((err: unknown) => log.error({ event: 'cache.purge_failed', tags, err }, 'cache purge failed'));
        }),
      )
      .then(() => undefined)
      .catch((e: unknown) => {
        // Without a listener pages still expire after PUBLIC_MAX_AGE; try again on the next request.
        listening = undefined;
        log.error({ event: 'cache.listener_failed', err: e }, 'change listener could not start');
      }),
  );
  return listening;
}
