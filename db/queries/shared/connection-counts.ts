/** Connections to this database by state (PostgreSQL's pg_stat_activity), for the metrics. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { rows } from './rows';

/**
 * Every process's connections to the current database, the portal's and pg-boss's pools alike, by
 * state (active, idle, idle in transaction …). PostgreSQL only: PGlite has one in-process connection.
 */
export async function connectionCounts(db: Db): Promise<{ state: string; n: number }[]> {
  const found = await rows<{ state: string; n: number }>(
    db,
    sql`select coalesce(state, 'unknown') as state, count(*)::int as n from pg_stat_activity where datname = current_database() and backend_type = 'client backend' group by 1`,
  );
  return found.map((r) => ({ state: r.state, n: Number(r.n) }));
}
