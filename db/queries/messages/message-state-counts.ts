/** How many messages are in each delivery state, for the metrics (src/server/shared/database-samplers.ts). */
import { count } from 'drizzle-orm';
import type { Db } from '../../client';
import { notificationOutbox } from '../../schema';

/** Rows of notification_outbox by state, every state that has any. */
export async function messageStateCounts(db: Db): Promise<{ state: string; n: number }[]> {
  const found = await db.select({ state: notificationOutbox.state, n: count() }).from(notificationOutbox).groupBy(notificationOutbox.state);
  return found.map((r) => ({ state: r.state, n: Number(r.n) }));
}
