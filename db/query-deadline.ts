/**
 * A deadline on every query the web server sends (issue 18, "fail fast"): postgres.js waits as long
 * as it takes (a statement the server is slow to answer, a pool whose connections are all stuck
 * behind a network partition, a connection it keeps trying to open while the database is away),
 * and a visitor would wait with it. With a deadline each query that is not answered in time
 * rejects with code QUERY_TIMEOUT, which the pages and APIs answer as 503 (the database is out of
 * reach: try again shortly), well within the two seconds a person waits.
 *
 * The query itself is not stopped on the client side: it may still reach the server and finish.
 * Whoever rejects on QUERY_TIMEOUT must treat the outcome as unknown (complaint intake says so,
 * and a retry with the same idempotency key finds what was filed). The server-side
 * statement_timeout (set with the same value in db/client.ts) ends statements that do reach it.
 */
import type postgres from 'postgres';

export const QUERY_TIMEOUT = 'QUERY_TIMEOUT';

export class QueryTimeoutError extends Error {
  readonly code = QUERY_TIMEOUT;
  constructor(ms: number) {
    super(`the database did not answer within ${ms} ms`);
    this.name = 'QueryTimeoutError';
  }
}

type Thenable = { then: (onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown) => Promise<unknown> };

/**
 * Gives a pending postgres.js query a deadline. The query object stays what drizzle expects
 * (`.values()` and friends return the same object); only awaiting it races the deadline.
 */
function withDeadline<T extends object>(query: T, ms: number): T {
  const pending = query as unknown as Thenable;
  const original = pending.then.bind(pending);
  let raced: Promise<unknown> | undefined;
  Object.defineProperty(query, 'then', {
    configurable: true,
    value(onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown) {
      raced ??= new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new QueryTimeoutError(ms)), ms);
        original(
          (v) => {
            clearTimeout(timer);
            resolve(v);
          },
          (e) => {
            clearTimeout(timer);
            reject(e);
          },
        );
      });
      return raced.then(onFulfilled, onRejected);
    },
  });
  return query;
}

/**
 * The client with a deadline on every query and on the queries inside transactions; a transaction
 * must also get its connection (and its BEGIN answered) within the deadline, after which its own
 * length is free (a staff import of thousands of rows takes longer). `ms` 0 or less: the client
 * unchanged (CLIs, migrations, imports from the command line).
 */
export function withQueryDeadline(client: postgres.Sql, ms: number): postgres.Sql {
  if (!(ms > 0)) return client;
  type Fn = (...args: unknown[]) => unknown;
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop === 'unsafe') return (...args: unknown[]) => withDeadline((value as Fn).apply(target, args) as object, ms);
      if (prop === 'begin' || prop === 'savepoint') {
        return (...args: unknown[]) => {
          const fn = args.pop() as (scoped: postgres.Sql) => unknown;
          let started = false;
          let timedOut = false;
          const run = (value as Fn).call(target, ...args, (scoped: postgres.Sql) => {
            // Got its connection after the caller was told it failed: do nothing, roll back.
            if (timedOut) throw new QueryTimeoutError(ms);
            started = true;
            return fn(withQueryDeadline(scoped, ms));
          }) as Promise<unknown>;
          return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
              if (started) return;
              timedOut = true;
              reject(new QueryTimeoutError(ms));
            }, ms);
            run.then(
              (v) => {
                clearTimeout(timer);
                resolve(v);
              },
              (e) => {
                clearTimeout(timer);
                if (!timedOut) reject(e);
              },
            );
          });
        };
      }
      return value;
    },
  });
}
