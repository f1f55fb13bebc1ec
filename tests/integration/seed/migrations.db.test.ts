/**
 * The committed migrations (db/migrations) build the schema of db/schema on both drivers, and
 * applying them again changes nothing. A table, column or index added to db/schema without
 * `npm run db:generate` fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { is, sql } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import { expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, migrate } from '../../../db/migrate';
import * as schema from '../../../db/schema';
import { forEachDriver, rows } from '../../support/db-harness';

const tables = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableConfig(table));

const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };

forEachDriver(
  'migrations',
  (t) => {
    const publicTables = async () =>
      (await rows<{ name: string }>(t, sql`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`)).map((r) => r.name);
    const appliedCount = async () =>
      (await rows<{ n: number }>(t, sql`select count(*)::int as n from drizzle.__drizzle_migrations`))[0]?.n;

    it('starts from an empty database of its own', async () => {
      expect(await publicTables()).toEqual([]);
      if (t.driver === 'postgres') {
        const [db] = await rows<{ name: string }>(t, sql`select current_database() as name`);
        expect(db?.name).toMatch(/^ptp_test_/);
      }
    });

    it('creates every table of db/schema', async () => {
      await migrate(t.handle);
      expect(tables.length).toBeGreaterThanOrEqual(12);
      expect(await publicTables()).toEqual(tables.map((c) => c.name).sort());
      expect(await appliedCount()).toBe(journal.entries.length);
    });

    it('creates every column with its nullability', async () => {
      const columns = await rows<{ table_name: string; column_name: string; is_nullable: string }>(
        t,
        sql`select table_name, column_name, is_nullable from information_schema.columns where table_schema = 'public'`,
      );
      const actual = columns.map((c) => `${c.table_name}.${c.column_name} ${c.is_nullable === 'NO' ? 'not null' : 'null'}`).sort();
      const expected = tables
        .flatMap((c) => c.columns.map((col) => `${c.name}.${col.name} ${col.notNull ? 'not null' : 'null'}`))
        .sort();
      expect(actual).toEqual(expected);
    });

    it('creates the named indexes, including the GIN index on search keys', async () => {
      const indexes = (await rows<{ name: string }>(t, sql`select indexname as name from pg_indexes where schemaname = 'public'`)).map(
        (r) => r.name,
      );
      const named = tables.flatMap((c) => c.indexes.map((i) => i.config.name));
      expect(named).toContain('institutions_search_keys_gin');
      expect(indexes).toEqual(expect.arrayContaining(named));
      const [gin] = await rows<{ def: string }>(t, sql`select indexdef as def from pg_indexes where indexname = 'institutions_search_keys_gin'`);
      expect(gin?.def).toMatch(/USING gin \(ptp_search_keys\(search_text, pinyin, initials\)\)/);
    });

    it('can be applied twice without harm: nothing re-runs and rows stay', async () => {
      await t.db.insert(schema.streets).values({ code: 'changshou', name: '长寿路街道' });
      await migrate(t.handle);
      expect(await appliedCount()).toBe(journal.entries.length);
      expect(await t.db.select().from(schema.streets)).toEqual([{ code: 'changshou', name: '长寿路街道' }]);
    });

    it('enforces the schema’s constraints', async () => {
      await expect(failure(t.db.insert(schema.streets).values({ code: 'other', name: '长寿路街道' }))).resolves.toMatchObject({
        code: '23505',
        message: expect.stringContaining('streets_name_unique'),
      });
      await t.db.insert(schema.departments).values({ code: 'edu', name: '区教育局', duties: '—' });
      const orphanLicence = t.db.insert(schema.licences).values({
        institutionId: 999_999,
        number: 'X-1',
        numberNorm: 'x-1',
        issuingAuthority: 'edu',
        issuedOn: '2026-01-01',
        expiresOn: '2029-01-01',
        scope: '—',
        address: '—',
        asOf: '2026-01-01',
      });
      await expect(failure(orphanLicence)).resolves.toMatchObject({
        code: '23503',
        message: expect.stringContaining('licences_institution_id_institutions_id_fk'),
      });
    });
  },
  { migrate: false },
);

/** The database error behind a failed query (drizzle wraps it as `cause`), with its SQLSTATE code. */
async function failure(query: PromiseLike<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await query;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause ?? error;
    return cause as { code?: string; message: string };
  }
  throw new Error('the query was expected to fail');
}
