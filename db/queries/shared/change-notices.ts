/**
 * Change notices between server processes, through the database: a write that changes
 * what public pages show announces the cache tags it affects with NOTIFY inside its transaction;
 * every server process LISTENs and purges those tags from its page cache. PostgreSQL delivers a
 * notification only when the transaction commits, so a rolled-back write purges nothing and a
 * committed one reaches every process within milliseconds, not on a timer. PGlite (one process)
 * supports the same LISTEN/NOTIFY in-process.
 */
import { sql } from 'drizzle-orm';
import type { CacheTag } from '../../../src/domain/shared/cache-tags';
import type { Db, DbHandle } from '../../client';

export const CHANGE_CHANNEL = 'ptp_public_change';

/**
 * Tags are typed (src/domain/shared/cache-tags.ts), but an institution's tag carries a code from the
 * database: only short ASCII words are sent, anything else is dropped. Notices are read back with
 * the same pattern, as plain strings (parseNotice; front.mjs purges by string).
 */
const TAG = /^[a-z][a-z0-9:._-]{0,80}$/i;

/** Queues the notice in the current transaction (or sends it now outside one). */
export async function announceChange(db: Db, tags: readonly CacheTag[]): Promise<void> {
  const clean = [...new Set(tags.filter((t) => TAG.test(t)))];
  if (clean.length === 0) return;
  await db.execute(sql`select pg_notify(${CHANGE_CHANNEL}, ${JSON.stringify({ tags: clean })})`);
}

/** Parses a notice payload; a malformed one yields no tags (and is ignored by the caller). */
export function parseNotice(payload: string): string[] {
  try {
    const parsed = JSON.parse(payload) as { tags?: unknown };
    return Array.isArray(parsed.tags) ? parsed.tags.filter((t): t is string => typeof t === 'string' && TAG.test(t)) : [];
  } catch {
    return [];
  }
}

/** Calls onTags for every notice; resolves once listening. Returns a function that stops it. */
export async function listenForChanges(handle: DbHandle, onTags: (tags: string[]) => void): Promise<() => Promise<void>> {
  const deliver = (payload: string) => {
    const tags = parseNotice(payload);
    if (tags.length > 0) onTags(tags);
  };
  if (handle.raw.kind === 'postgres') {
    // postgres.js keeps a dedicated connection for LISTEN and re-listens after a reconnect.
    const sub = await handle.raw.sql.listen(CHANGE_CHANNEL, deliver);
    return () => sub.unlisten();
  }
  const unlisten = await handle.raw.pg.listen(CHANGE_CHANNEL, deliver);
  return () => unlisten();
}
