/**
 * Reference rows: the 21 responsible bodies and the ten streets and towns, copied from
 * src/domain/shared/reference.ts so the database and the code always agree. Idempotent: run on every start.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { departments, streets } from '../schema';
import { DEPARTMENTS, STREETS } from '../../src/domain/shared/reference';

/** Inserts or updates every department and street (ON CONFLICT DO UPDATE), in one transaction. */
export async function seedReference(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(departments)
      .values(Object.values(DEPARTMENTS).map(({ code, name, duties }) => ({ code, name, duties })))
      .onConflictDoUpdate({ target: departments.code, set: { name: sql`excluded.name`, duties: sql`excluded.duties` } });
    await tx
      .insert(streets)
      .values(Object.entries(STREETS).map(([code, name]) => ({ code, name })))
      .onConflictDoUpdate({ target: streets.code, set: { name: sql`excluded.name` } });
  });
}
