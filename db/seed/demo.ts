/**
 * Writes the generated demo data set (db/seed/generate.ts) to the database: one transaction per
 * batch of institutions with everything that belongs to them, so an interrupted run leaves whole
 * institutions behind, never half of one. Works the same on PGlite and PostgreSQL.
 */
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { todayInShanghai, type IsoDate } from '../../src/domain/shared/dates';
import type { Db, DbHandle } from '../client';
import {
  fundSupervision,
  inspectionDraws,
  inspections,
  institutions,
  licences,
  listDecisions,
  modelContracts,
  promises,
  riskWarnings,
  siteMeta,
  staffUsers,
  warningInstitutions,
} from '../schema';
import { DemoGenerator } from './generate';
import { seedDemoStaff } from './staff';

/** Options of {@link seedDemo}. */
export interface SeedDemoOptions {
  count: number;
  seed: number;
  /** Reference day of the data; defaults to today in Shanghai. */
  today?: IsoDate;
  /** Institutions per transaction. */
  batchSize?: number;
  /** Called after each committed batch with the number of institutions written so far. */
  onProgress?: (done: number, total: number) => void;
}

/** Rows written per table, for the summary the CLI and setup print. */
export interface SeedDemoSummary {
  driver: DbHandle['driver'];
  seed: number;
  today: IsoDate;
  institutions: number;
  licences: number;
  promises: number;
  fundSupervision: number;
  inspections: number;
  listDecisions: number;
  riskWarnings: number;
  warningInstitutions: number;
  modelContracts: number;
  /** 双随机 draws the double-random inspections cite (db/seed/draws.ts). */
  inspectionDraws: number;
  /** Demo staff accounts written (db/seed/staff.ts); ones that existed already are not counted. */
  staffAccounts: number;
  /** Wall-clock time of the whole run, in milliseconds. */
  ms: number;
}

/** Tables holding data (everything except the reference tables), children before parents. */
export const DATA_TABLES = [
  'warning_institutions',
  'risk_warnings',
  'inspection_draws',
  'list_decisions',
  'inspections',
  'fund_supervision',
  'promises',
  'licences',
  'institutions',
  'model_contracts',
  'site_meta',
] as const;

/** Number of institutions in the database. */
export async function countInstitutions(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(institutions);
  return row?.n ?? 0;
}

/**
 * Whether the database holds no data a demo run would collide with: no institutions (their rows
 * in other tables go with them) and no risk warnings.
 */
export async function hasNoData(db: Db): Promise<boolean> {
  // The query builder rather than db.execute: its result has the same shape on both drivers.
  const one = sql<number>`1`;
  const [inst] = await db.select({ one }).from(institutions).limit(1);
  const [warning] = await db.select({ one }).from(riskWarnings).limit(1);
  return !inst && !warning;
}

/**
 * Empties every data table and restarts their id sequences (departments and streets stay). CASCADE
 * also empties tables added later that refer to institutions, which is what a reset means.
 */
export async function resetData(db: Db): Promise<void> {
  await db.execute(sql.raw(`TRUNCATE ${DATA_TABLES.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`));
}

/**
 * PostgreSQL accepts at most 65,535 parameters per statement; staying far below keeps statements
 * small for PGlite too.
 */
const MAX_PARAMS = 20_000;

async function insertChunked<T extends PgTable>(db: Db, table: T, rows: T['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).length;
  const size = Math.max(1, Math.floor(MAX_PARAMS / columns));
  for (let i = 0; i < rows.length; i += size) await db.insert(table).values(rows.slice(i, i + size));
}

async function maxId(db: Db, table: typeof institutions | typeof inspections | typeof riskWarnings | typeof inspectionDraws): Promise<number> {
  const [row] = await db.select({ n: sql<number>`coalesce(max(${table.id}), 0)::int` }).from(table);
  return row?.n ?? 0;
}

/** Rows were written with explicit ids; move each serial sequence past them. */
async function syncSequence(db: Db, table: string): Promise<void> {
  const q: SQL = sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), coalesce((SELECT max(id) FROM ${sql.identifier(table)}), 0) + 1, false)`;
  await db.execute(q);
}

/**
 * Generates and inserts `count` demo institutions with their licences, promises, fund supervision,
 * inspections and list decisions, then the risk warnings, model contracts and site_meta rows.
 * Refuses to run when institutions or risk warnings already exist (reset first, see resetData).
 */
export async function seedDemo(handle: DbHandle, opts: SeedDemoOptions): Promise<SeedDemoSummary> {
  const started = performance.now();
  const { db } = handle;
  const today = opts.today ?? todayInShanghai();
  if (!(await hasNoData(db))) throw new Error('seedDemo: the database already holds institutions or warnings; reset the data first');

  const idBase = {
    institutions: await maxId(db, institutions),
    inspections: await maxId(db, inspections),
    riskWarnings: await maxId(db, riskWarnings),
    inspectionDraws: await maxId(db, inspectionDraws),
  };
  const gen = new DemoGenerator({ seed: opts.seed, count: opts.count, today, idBase });
  const summary: SeedDemoSummary = {
    driver: handle.driver,
    seed: opts.seed,
    today,
    institutions: 0,
    licences: 0,
    promises: 0,
    fundSupervision: 0,
    inspections: 0,
    listDecisions: 0,
    riskWarnings: 0,
    warningInstitutions: 0,
    modelContracts: 0,
    inspectionDraws: 0,
    staffAccounts: 0,
    ms: 0,
  };

  opts.onProgress?.(0, opts.count);
  for (const batch of gen.batches(opts.batchSize ?? 500)) {
    await db.transaction(async (tx) => {
      const t = tx as unknown as Db;
      // Parents first: licences, inspections and list decisions refer to these rows.
      await insertChunked(t, institutions, batch.institutions);
      await insertChunked(t, licences, batch.licences);
      await insertChunked(t, promises, batch.promises);
      await insertChunked(t, fundSupervision, batch.fundSupervision);
      await insertChunked(t, inspections, batch.inspections);
      await insertChunked(t, listDecisions, batch.listDecisions);
    });
    summary.institutions += batch.institutions.length;
    summary.licences += batch.licences.length;
    summary.promises += batch.promises.length;
    summary.fundSupervision += batch.fundSupervision.length;
    summary.inspections += batch.inspections.length;
    summary.listDecisions += batch.listDecisions.length;
    opts.onProgress?.(summary.institutions, opts.count);
    // PGlite settles its promises as microtasks, so without this the timers of a progress bar (and
    // anything else scheduled) would not run until the whole data set was written.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  const extras = gen.extras();
  // One account per staff role, with the README's demo password: demo data only, never production.
  // Written before the draws, which name the demo account of the department that made them.
  summary.staffAccounts = await seedDemoStaff(db);
  const draws = extras.inspectionDraws ?? [];
  const usernames = [...new Set(draws.map((d) => d.drawnByUsername))];
  const staffIds = new Map(
    usernames.length ? (await db.select({ id: staffUsers.id, username: staffUsers.username }).from(staffUsers).where(inArray(staffUsers.username, usernames))).map((u) => [u.username, u.id]) : [],
  );
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    if (opts.count > 0) {
      await insertChunked(t, riskWarnings, extras.riskWarnings);
      await insertChunked(t, warningInstitutions, extras.warningInstitutions);
      summary.riskWarnings = extras.riskWarnings.length;
      summary.warningInstitutions = extras.warningInstitutions.length;
    }
    // Model contracts are keyed by code; updating in place keeps a rerun after reset harmless.
    await t
      .insert(modelContracts)
      .values(extras.modelContracts)
      .onConflictDoUpdate({
        target: modelContracts.code,
        set: {
          title: sql`excluded.title`,
          fields: sql`excluded.fields`,
          refundWindow: sql`excluded.refund_window`,
          feeSupervision: sql`excluded.fee_supervision`,
          keyClauses: sql`excluded.key_clauses`,
          fileName: sql`excluded.file_name`,
          issuedOn: sql`excluded.issued_on`,
        },
      });
    summary.modelContracts = extras.modelContracts.length;
    const drawRows = draws.flatMap(({ drawnByUsername, ...d }) => {
      const drawnBy = staffIds.get(drawnByUsername);
      return drawnBy === undefined ? [] : [{ ...d, drawnBy }];
    });
    await insertChunked(t, inspectionDraws, drawRows);
    summary.inspectionDraws = drawRows.length;
    for (const table of ['institutions', 'inspections', 'risk_warnings', 'inspection_draws']) await syncSequence(t, table);
    const meta = { demo: 'true', generated_at: new Date().toISOString(), demo_seed: String(opts.seed), demo_count: String(opts.count), demo_today: today };
    await t
      .insert(siteMeta)
      .values(Object.entries(meta).map(([key, value]) => ({ key, value })))
      .onConflictDoUpdate({ target: siteMeta.key, set: { value: sql`excluded.value` } });
  });

  summary.ms = Math.round(performance.now() - started);
  return summary;
}
