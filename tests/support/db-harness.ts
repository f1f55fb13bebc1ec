/**
 * Database harness for *.db.test.ts files (STYLE.md habit 5): `forEachDriver` runs one describe
 * block on PGlite (in memory) and, when TEST_DATABASE_URL is set, again on PostgreSQL. Each test
 * file gets databases of its own, so files running in parallel never see each other's rows:
 * PGlite lives in the worker's memory, and on PostgreSQL a fresh database with a random name is
 * created through TEST_DATABASE_URL and dropped when the block ends.
 *
 *   forEachDriver('institution queries', (t) => {
 *     it('finds by name', async () => { await t.db.insert(...); ... });
 *   });
 */
import { randomBytes } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDb, type Db, type DbHandle } from '../../db/client';
import { migrate } from '../../db/migrate';
import { rows as rowsOf } from '../../db/queries/shared/rows';
import { createDatabase } from './postgres-admin';

export type Driver = DbHandle['driver'];

export interface DriverContext {
  readonly driver: Driver;
  /** The open handle; read it inside hooks and tests, not while the block is being collected. */
  readonly handle: DbHandle;
  readonly db: Db;
}

export interface DriverOptions {
  /** Apply db/migrations before the tests (default true); false leaves an empty database. */
  migrate?: boolean;
}

/** The drivers this run covers: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function drivers(): Driver[] {
  return testDatabaseUrl() ? ['pglite', 'postgres'] : ['pglite'];
}

function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL?.trim() || undefined;
}

export function forEachDriver(name: string, fn: (t: DriverContext) => void, options: DriverOptions = {}): void {
  for (const driver of drivers()) {
    describe(`${name} [${driver}]`, () => {
      let handle: DbHandle | undefined;
      let dropDatabase: (() => Promise<void>) | undefined;

      beforeAll(async () => {
        if (driver === 'pglite') {
          handle = await openDb({});
        } else {
          const fresh = await createDatabase(testDatabaseUrl()!, `ptp_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`);
          dropDatabase = fresh.drop;
          handle = await openDb({ url: fresh.url, max: 4 });
        }
        if (options.migrate !== false) await migrate(handle);
      });

      // Runs even when beforeAll failed half-way, so no database is left behind.
      afterAll(async () => {
        await handle?.close();
        await dropDatabase?.();
      });

      fn({
        driver,
        get handle() {
          if (!handle) throw new Error(`the ${driver} database is opened in beforeAll; use it inside a test or hook`);
          return handle;
        },
        get db() {
          return this.handle.db;
        },
      });
    });
  }
}

/** Rows of a raw SQL query on either driver, read as the application reads them (db/queries/shared/rows.ts). */
export function rows<T extends Record<string, unknown>>(t: DriverContext, query: SQL): Promise<T[]> {
  return rowsOf<T>(t.db, query);
}
