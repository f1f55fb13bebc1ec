/**
 * The one database client of the application: PostgreSQL (postgres.js) when DATABASE_URL is set,
 * otherwise an embedded PGlite database in a local folder. Both are driven through the same
 * drizzle PgDatabase type, so queries do not know which one they run on.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { env } from '../src/server/env';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface DbHandle {
  db: Db;
  driver: 'postgres' | 'pglite';
  close(): Promise<void>;
  /** The underlying client, for the migrator and for tests. */
  raw: { kind: 'postgres'; sql: postgres.Sql } | { kind: 'pglite'; pg: PGlite };
}

export interface OpenOptions {
  /** A postgres:// URL; when absent, PGlite is used. */
  url?: string;
  /** PGlite data directory; absent means in memory. */
  dataDir?: string;
  /** Connection pool size for PostgreSQL. */
  max?: number;
}

export async function openDb(opts: OpenOptions): Promise<DbHandle> {
  if (opts.url) {
    const sql = postgres(opts.url, {
      max: opts.max ?? 10,
      onnotice: () => {},
      // Unnamed statements get a plan for their actual values: a generic plan of a prepared
      // statement cannot use an index for `name LIKE $1`, whatever prefix $1 holds.
      prepare: false,
      // Search queries look costly to the planner but run in milliseconds (the search-key
      // function alone is declared to cost 10,000): JIT compiling them, or starting parallel
      // workers for them, costs more than it saves.
      connection: { jit: 'off', max_parallel_workers_per_gather: '0' },
    });
    const db = drizzlePostgres(sql, { schema }) as unknown as Db;
    return { db, driver: 'postgres', raw: { kind: 'postgres', sql }, close: () => sql.end({ timeout: 5 }) };
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const pg = await PGlite.create(opts.dataDir);
  const db = drizzlePglite(pg, { schema }) as unknown as Db;
  return { db, driver: 'pglite', raw: { kind: 'pglite', pg }, close: () => pg.close() };
}

let shared: Promise<DbHandle> | undefined;

/** The process-wide handle, opened from the environment on first use. */
export function getDb(): Promise<DbHandle> {
  shared ??= openDb({ url: env().DATABASE_URL, dataDir: env().PGLITE_DIR });
  return shared;
}
