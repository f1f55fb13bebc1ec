/**
 * What the import of one file will do, worked out before anything is written: each row is new,
 * changed or unchanged, compared value by value with what the database holds, plus the problems
 * only the database can show (an institution that does not exist). Shared by the three kinds of
 * file; see imports.ts for the transaction around it.
 */
import { getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { IsoDate } from '../../../src/domain/shared/dates';
import type { RemitInstitution } from '../../../src/domain/publishing/remit';
import type { ImportProblem } from '../../../src/domain/import';
import type { Db } from '../../client';
import { institutions } from '../../schema';

/** Rows per statement: 500 rows of about 20 columns stay far below PostgreSQL's 65,535 parameters. */
export const IMPORT_BATCH = 500;

export interface PlanContext {
  today: IsoDate;
  /** One instant for every row written by this import. */
  now: Date;
  actorId: number | null;
  /** Header of each column as written in the file, for problems found here. */
  headers: Record<string, string>;
  /** Institutions imported earlier in the same (dry) run, not yet in the database, by credit code. */
  pendingInstitutions: ReadonlyMap<string, RemitInstitution>;
}

export interface ImportCounts {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Inspections only: published results taken back for a new approval because the file changed them. */
  withdrawn: number;
}

export interface ImportPlan {
  problems: ImportProblem[];
  counts: ImportCounts;
  /** Rows to write (new and changed); `write` writes them, calling `progress` after each batch. */
  pending: number;
  write(db: Db, progress: (written: number) => Promise<void>): Promise<void>;
}

/** Writes rows a batch (IMPORT_BATCH) at a time, reporting the running count after each batch. */
export async function writeInBatches<T>(rows: readonly T[], progress: (written: number) => Promise<void>, write: (batch: T[]) => Promise<unknown>): Promise<void> {
  let written = 0;
  for (const batch of chunks(rows)) {
    await write(batch);
    written += batch.length;
    await progress(written);
  }
}

/**
 * The SET of an upsert that takes these columns from the row the insert proposed (EXCLUDED). The
 * column names come from the schema, so none is spelt a second time.
 */
export function fromExcluded<T extends PgTable, K extends keyof T['_']['columns'] & string>(table: T, keys: readonly K[]): Record<K, SQL> {
  const columns = getTableColumns(table);
  return Object.fromEntries(keys.map((k) => [k, sql`excluded.${sql.identifier(columns[k]!.name)}`])) as Record<K, SQL>;
}

/** Counts a row as new, changed or unchanged (`same`, asked only of a stored row); true when it must be written. */
export function tally(counts: ImportCounts, stored: unknown, same: () => boolean): boolean {
  if (!stored) counts.inserted++;
  else if (same()) {
    counts.unchanged++;
    return false;
  } else counts.updated++;
  return true;
}

export function chunks<T>(items: readonly T[], size = IMPORT_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Same stored value: arrays element by element, null and undefined alike. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  return (a ?? null) === (b ?? null);
}

/** Whether every listed property is the same in the stored row and the row to write. */
export function sameRow<S extends object, N extends object>(stored: S, next: N, props: readonly (keyof S & keyof N)[]): boolean {
  return props.every((p) => sameValue(stored[p], next[p]));
}

/** An institution a licence or an inspection refers to, with what decides a department's remit. */
export interface KnownInstitution extends RemitInstitution {
  id: number;
}

/** The institutions with these credit codes. */
export async function institutionsByCode(db: Db, codes: readonly string[]): Promise<Map<string, KnownInstitution>> {
  const out = new Map<string, KnownInstitution>();
  for (const batch of chunks([...new Set(codes)])) {
    const found = await db
      .select({ id: institutions.id, creditCode: institutions.creditCode, fields: institutions.fields, legalForm: institutions.legalForm })
      .from(institutions)
      .where(inArray(institutions.creditCode, batch));
    // The columns hold TRAINING_FIELDS and LEGAL_FORMS: every writer parses them through src/domain first.
    for (const row of found) out.set(row.creditCode, { id: row.id, fields: row.fields as RemitInstitution['fields'], legalForm: row.legalForm as RemitInstitution['legalForm'] });
  }
  return out;
}

/** Credit codes of institutions by id (to name the other institution in a problem). */
export async function creditCodesOf(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const batch of chunks([...new Set(ids)])) {
    const found = await db.select({ id: institutions.id, creditCode: institutions.creditCode }).from(institutions).where(inArray(institutions.id, batch));
    for (const row of found) out.set(row.id, row.creditCode);
  }
  return out;
}

/** The problem of a row whose institution is neither in the registry nor earlier in the import. */
export function unknownInstitution(line: number, header: string, creditCode: string): ImportProblem {
  return {
    line,
    column: header,
    value: creditCode,
    reason: `登记库中没有统一社会信用代码为 ${creditCode} 的机构。请先导入该机构（或在同一次导入中先导入机构文件）。`,
  };
}

export function emptyCounts(rows: number): ImportCounts {
  return { rows, inserted: 0, updated: 0, unchanged: 0, withdrawn: 0 };
}
