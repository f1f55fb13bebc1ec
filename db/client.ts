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
import { env } from '../src/config/env';
import { withQueryDeadline } from './query-deadline';
import * as schema from './schema';
import { fallingBack, openReplicaClient, readsFromReplica, ReplicaHealth } from './replica';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface DbHandle {
  db: Db;
  /**
   * For reads that may lag (the public registry's pages, db/replica.ts): the streaming replica
   * when one was given (drizzle's withReplicas, `readDb.$primary` being `db`), else `db` itself.
   */
  readDb: Db;
  driver: 'postgres' | 'pglite';
  close(): Promise<void>;
  /** The underlying client, for the migrator and for tests. */
  /** The driver itself; on PostgreSQL with the URL it was opened with (pg-boss opens its own pool to it). */
  raw: { kind: 'postgres'; sql: postgres.Sql; url: string } | { kind: 'pglite'; pg: PGlite };
}

export interface OpenOptions {
  /** A postgres:// URL; when absent, PGlite is used. */
  url?: string;
  /** PGlite data directory; absent means in memory. */
  dataDir?: string;
  /** Connection pool size for PostgreSQL (DATABASE_POOL_SIZE for the server). */
  max?: number;
  /** A streaming replica's postgres:// URL (PostgreSQL only): readDb reads there (DATABASE_REPLICA_URL). */
  replicaUrl?: string;
  /**
   * The web server's deadline per query in ms (DATABASE_QUERY_TIMEOUT_MS, db/query-deadline.ts),
   * also the server-side statement_timeout; absent: none (CLIs, migrations, imports).
   */
  queryTimeoutMs?: number;
}

export async function openDb(opts: OpenOptions): Promise<DbHandle> {
  if (opts.url) {
    const deadline = opts.queryTimeoutMs ?? 0;
    const sql = postgres(opts.url, {
      max: opts.max ?? 4,
      onnotice: () => {},
      // Fail fast while the database is away (issue 18): a connection not made within a second is an
      // error, and a lost one is tried again every 100-200 ms rather than after postgres.js's
      // growing back-off (up to 20 s), so the portal is back within a second of the database.
      connect_timeout: 1,
      backoff: () => 0.1 + Math.random() * 0.1,
      // Named (prepared) statements, see alwaysPrepared below.
      prepare: true,
      // plan_cache_mode: every execution is planned for its actual values, as an unnamed statement
      // was: a generic plan cannot use an index for `name LIKE $1`, whatever prefix $1 holds.
      connection: {
        jit: 'off',
        max_parallel_workers_per_gather: '0',
        plan_cache_mode: 'force_custom_plan',
        ...(deadline > 0 ? { statement_timeout: deadline } : {}),
      },
    });
    const db = drizzlePostgres(withQueryDeadline(alwaysPrepared(sql), deadline), { schema }) as unknown as Db;
    if (opts.replicaUrl) {
      const replica = openReplicaClient(opts.replicaUrl, sql, opts.max ?? 4);
      const reads = fallingBack(withQueryDeadline(alwaysPrepared(replica), deadline), withQueryDeadline(alwaysPrepared(sql), deadline), new ReplicaHealth());
      const replicaDb = drizzlePostgres(reads, { schema }) as unknown as Db;
      const close = async () => void (await Promise.all([sql.end({ timeout: 5 }), replica.end({ timeout: 5 })]));
      return { db, readDb: readsFromReplica(db, replicaDb), driver: 'postgres', raw: { kind: 'postgres', sql, url: opts.url }, close };
    }
    return { db, readDb: db, driver: 'postgres', raw: { kind: 'postgres', sql, url: opts.url }, close: () => sql.end({ timeout: 5 }) };
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const pg = await PGlite.create(opts.dataDir);
  const db = drizzlePglite(pg, { schema }) as unknown as Db;
  return { db, readDb: db, driver: 'pglite', raw: { kind: 'pglite', pg }, close: () => pg.close() };
}

/**
 * The postgres.js client as drizzle should use it: every query a prepared statement. drizzle-orm
 * 0.45 asks postgres.js for an unnamed statement unless a query was given a name with .prepare()
 * (drizzle-orm issue #6096), and postgres.js sends an unnamed statement's parameters only after
 * the server has described it: two round trips for every query. That was a fifth of the server's
 * time per complaint (npm run bench). A prepared statement is parsed once per connection; after
 * that each query is one round trip. Transactions and savepoints get a client of their own, which
 * is wrapped the same way.
 */
function alwaysPrepared(client: postgres.Sql): postgres.Sql {
  type Unsafe = (query: string, params?: unknown[], options?: { prepare?: boolean }) => unknown;
  type Scoped = (...args: unknown[]) => unknown;
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop === 'unsafe') {
        return (query: string, params?: unknown[], options?: { prepare?: boolean }) => (value as Unsafe).call(target, query, params, { ...options, prepare: true });
      }
      if (prop === 'begin' || prop === 'savepoint') {
        // begin([options,] fn) and savepoint([name,] fn): the callback gets the scoped client.
        return (...args: unknown[]) => {
          const fn = args.pop() as (scoped: postgres.Sql) => unknown;
          return (value as Scoped).call(target, ...args, (scoped: postgres.Sql) => fn(alwaysPrepared(scoped)));
        };
      }
      return value;
    },
  });
}

let shared: Promise<DbHandle> | undefined;

/** The process-wide handle, opened from the environment on first use. */
export function getDb(): Promise<DbHandle> {
  shared ??= openDb({
    url: env().DATABASE_URL,
    dataDir: env().PGLITE_DIR,
    max: env().DATABASE_POOL_SIZE,
    replicaUrl: env().DATABASE_REPLICA_URL,
    queryTimeoutMs: env().DATABASE_QUERY_TIMEOUT_MS,
  });
  return shared;
}
