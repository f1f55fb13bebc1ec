/** What the readiness check (src/server/ops/readiness.ts) asks the database. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { rows } from '../shared/rows';

/** One round trip: the database answers at all. */
export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

/** The newest applied drizzle-kit migration's timestamp (its journal `when`), or null before any. */
export async function newestAppliedMigration(db: Db): Promise<number | null> {
  const [r] = await rows<{ at: string | number | null }>(db, sql`select max(created_at) as at from drizzle.__drizzle_migrations`);
  return r?.at === null || r?.at === undefined ? null : Number(r.at);
}
