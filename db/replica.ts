/**
 * Reads that may lag, on a streaming replica (DATABASE_REPLICA_URL): the public registry's pages
 * (search, profiles, lists, warnings, contracts, draws, open data, statistics) read through
 * `DbHandle.readDb`; writes, a filer's own tracking, staff pages, Open311 and everything else read
 * through `DbHandle.db`, the primary (README, "Read replica").
 *
 * A replica that cannot be reached never takes the public pages down: a read that fails because
 * the replica is away (refused, reset, shut down, starting, too many connections, a recovery
 * conflict) is run again on the primary, and for REPLICA_RETRY_MS every read goes to the primary
 * before the replica is tried again. Only read-only code is handed readDb, so running a read
 * twice is harmless.
 */
import { withReplicas, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { QUERY_TIMEOUT } from './query-deadline';

/** How long reads stay on the primary after the replica failed, before it is tried again. */
export const REPLICA_RETRY_MS = 5_000;
/**
 * Seconds to wait for a replica connection; a replica whose host is gone (no refusal, only
 * silence) costs one read this long every REPLICA_RETRY_MS, never more.
 */
export const REPLICA_CONNECT_TIMEOUT_S = 2;

/**
 * Errors that say "the replica is not there", not "this query is wrong": socket errors, the
 * driver's closed-connection errors, and the server's connection class (08), shutdown and
 * start-up (57P01-57P03), too many connections (53300), a hot standby's recovery conflict
 * (40001, "canceling statement due to conflict with recovery") and the web server's deadline.
 */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '40001',
  // The web server's own deadline (db/query-deadline.ts): a replica cut off by the network
  // leaves its open connections hanging; no socket error comes until TCP keep-alive gives up.
  QUERY_TIMEOUT,
]);

export function replicaUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (UNREACHABLE.has(code) || code.startsWith('08'));
}

/** Whether reads go to the replica now; one per handle. */
export class ReplicaHealth {
  private downUntil = 0;
  constructor(private readonly now: () => number = Date.now) {}

  get usable(): boolean {
    return this.now() >= this.downUntil;
  }

  /** Runs `read` on the replica, or on the primary while the replica is marked down or when it fails as unreachable. */
  async read<T>(onReplica: () => Promise<T>, onPrimary: () => Promise<T>): Promise<T> {
    if (!this.usable) return onPrimary();
    try {
      const result = await onReplica();
      if (this.downUntil !== 0) {
        this.downUntil = 0;
        console.warn(JSON.stringify({ level: 'warn', event: 'replica.answering', msg: 'read replica answering again: public reads go to it' }));
      }
      return result;
    } catch (error) {
      if (!replicaUnreachable(error)) throw error;
      if (this.downUntil === 0) console.warn(JSON.stringify({ level: 'warn', event: 'replica.unreachable', code: (error as { code: string }).code, msg: 'read replica unreachable: public reads go to the primary' }));
      this.downUntil = this.now() + REPLICA_RETRY_MS;
      return onPrimary();
    }
  }
}

/**
 * The replica's client, opened with the primary client's session settings and timeouts (so a
 * statement timeout set for the primary holds on the replica too), the same pool size, and a
 * connect timeout of at most REPLICA_CONNECT_TIMEOUT_S. postgres.js connects on the first query.
 */
export function openReplicaClient(url: string, primary: postgres.Sql, max: number): postgres.Sql {
  const o = primary.options;
  return postgres(url, {
    max,
    onnotice: () => {},
    prepare: true,
    connection: { ...o.connection },
    idle_timeout: o.idle_timeout ?? undefined,
    max_lifetime: o.max_lifetime ?? undefined,
    connect_timeout: Math.min(o.connect_timeout ?? REPLICA_CONNECT_TIMEOUT_S, REPLICA_CONNECT_TIMEOUT_S),
  });
}

/**
 * The replica client as drizzle's session sees it: each query (`unsafe`, with or without
 * `.values()`, the two ways drizzle-orm's postgres-js session runs one) goes through `health`,
 * to the replica or, when it is away, to the primary. Both clients are already wrapped by the
 * caller (prepared statements).
 */
export function fallingBack(replica: postgres.Sql, primary: postgres.Sql, health: ReplicaHealth): postgres.Sql {
  type Unsafe = (query: string, params?: unknown[], options?: object) => Promise<unknown> & { values(): Promise<unknown> };
  const on = (client: postgres.Sql, query: string, params: unknown[] | undefined, options: object | undefined, values: boolean) => () => {
    const pending = (client.unsafe as unknown as Unsafe)(query, params, options);
    return values ? pending.values() : pending;
  };
  return new Proxy(replica, {
    get(target, prop, receiver) {
      if (prop !== 'unsafe') return Reflect.get(target, prop, receiver) as unknown;
      return (query: string, params?: unknown[], options?: object) => {
        const run = (values: boolean) => health.read(on(replica, query, params, options, values), on(primary, query, params, options, values));
        // postgres.js queries are lazy: nothing runs until awaited or asked for .values().
        return {
          values: () => run(true),
          then: (ok?: (v: unknown) => unknown, fail?: (e: unknown) => unknown) => run(false).then(ok, fail),
        };
      };
    },
  });
}

/**
 * The database handed to reads that may lag: drizzle's withReplicas over the primary and the
 * replica (select, $count, with and relational queries go to the replica; insert, update,
 * delete and transactions to the primary, `$primary` names it). withReplicas sends `execute` to
 * the primary because raw SQL may write; here it goes to the replica too, because the registry's
 * search and lists are raw SQL and only read-only code is given this database.
 */
export function readsFromReplica<TSchema extends Record<string, unknown>, D extends PgDatabase<PgQueryResultHKT, TSchema>>(primary: D, replica: D): D {
  const routed = withReplicas(primary, [replica]);
  return { ...routed, execute: replica.execute.bind(replica) } as D;
}
