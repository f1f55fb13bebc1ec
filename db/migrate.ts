/** Applies the committed drizzle-kit migrations (db/migrations) on either driver. */
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { DbHandle, Schema } from './client';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

export async function migrate(handle: DbHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (handle.driver === 'postgres') await migratePostgres(handle.db as unknown as PostgresJsDatabase<Schema>, config);
  else await migratePglite(handle.db as unknown as PgliteDatabase<Schema>, config);
  // Statistics for new (expression) indexes exist only after ANALYZE; without them the planner
  // guesses and may sort 80,000 rows where an index gives them in order. VACUUM sets the visibility
  // map, without which the index-only scans of the search read every row anyway: autovacuum does
  // that later on PostgreSQL (if it is on), but PGlite has no autovacuum at all. Both are quick on
  // a table that has not changed since the last run.
  await handle.db.execute(sql`vacuum (analyze) institutions, licences`);
}
