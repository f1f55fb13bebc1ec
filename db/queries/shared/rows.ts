/** Runs a raw SQL query and returns its rows, whichever driver is behind the handle. */
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../client';

export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  // postgres.js returns an array of rows; PGlite returns { rows }.
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows: T[] }).rows ?? []) as T[];
}
