/**
 * The readiness check (/readyz) against a real database (PGlite, and PostgreSQL with
 * TEST_DATABASE_URL): ready with the database migrated and the queue running; not ready when a
 * migration this build carries is missing, the queue did not start, the queue does not answer in
 * time, or the process is draining. Each check says which in one word.
 */
import { sql } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import { rows } from '../../../db/queries/shared/rows';
import { readiness } from '../../../src/server/ops/readiness';
import { forEachDriver } from '../../support/db-harness';

const DRAINING = Symbol.for('putuo-training-portal.draining');

forEachDriver('readiness', (t) => {
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[DRAINING];
  });

  it('is ready with every migration applied and the queue running', async () => {
    expect(await readiness(t.db, async () => true)).toEqual({ ready: true, checks: { database: 'ok', migrations: 'ok', queue: 'ok', draining: false } });
  });

  it('is not ready while the process drains', async () => {
    (globalThis as Record<symbol, unknown>)[DRAINING] = true;
    expect(await readiness(t.db, async () => true)).toMatchObject({ ready: false, checks: { draining: true, database: 'ok' } });
  });

  it('is not ready when the queue did not start, or does not answer within 500 ms', async () => {
    expect(await readiness(t.db, async () => false)).toMatchObject({ ready: false, checks: { queue: 'stopped' } });
    expect(await readiness(t.db, () => new Promise(() => {}))).toMatchObject({ ready: false, checks: { queue: 'stopped' } });
  });

  it('is not ready when the database lacks the newest migration of this build', async () => {
    const [{ at } = { at: '' }] = await rows<{ at: string }>(t.db, sql`select max(created_at)::text as at from drizzle.__drizzle_migrations`);
    await t.db.execute(sql`delete from drizzle.__drizzle_migrations where created_at = ${at}::bigint`);
    try {
      expect(await readiness(t.db, async () => true)).toMatchObject({ ready: false, checks: { migrations: 'behind', database: 'ok' } });
    } finally {
      await t.db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('restored-by-test', ${at}::bigint)`);
    }
  });
});
