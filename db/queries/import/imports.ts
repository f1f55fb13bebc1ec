/**
 * Import of departments' CSV files into the registry; the files were
 * checked by src/domain/import first. A dry run works out what would be inserted, updated or left
 * unchanged, and the problems only the database shows, without writing. A real run does the same
 * inside ONE transaction and then writes, all or nothing: any problem, or any failing statement,
 * leaves the database as it was. Re-importing the same file writes nothing (rows are compared value
 * by value, so updated_at is not touched). Every real import is one audit_log row per file.
 */
import { todayInShanghai, type IsoDate } from '../../../src/domain/shared/dates';
import {
  IMPORT_KIND_DEFINITIONS,
  IMPORT_KINDS,
  type ImportCheck,
  type ImportKind,
  type ImportProblem,
  type ImportRecords,
  type Lined,
} from '../../../src/domain/import';
import type { RemitInstitution } from '../../../src/domain/publishing/remit';
import type { Db } from '../../client';
import { insertAuditRow } from '../staff/audit';
import { announceChange } from '../shared/change-notices';
import { planInspections } from './import-inspections';
import { planInstitutions } from './import-institutions';
import { planLicences } from './import-licences';
import type { ImportCounts, ImportPlan, PlanContext } from './import-plan';

export type { ImportCounts } from './import-plan';

/** A file that passed validation. */
export type ValidImportCheck<K extends ImportKind> = Extract<ImportCheck<K>, { ok: true }>;

/** One file of an import, of kind K. */
export interface KindPart<K extends ImportKind> {
  kind: K;
  records: readonly Lined<ImportRecords[K]>[];
  /** Named in the audit log and in problems. */
  fileName: string;
  sha256: string;
  /** Header of each column as written in the file (FileFacts.headers), for problems found here. */
  headers: Record<string, string>;
  encoding?: string | null;
}

/** One file of an import, of any kind (a union, so `kind` narrows `records`). */
export type ImportPart = { [K in ImportKind]: KindPart<K> }[ImportKind];

export interface ImportOptions {
  /** The staff member importing; null for the CLI run by an operator. */
  actorId: number | null;
  /** Their username at the time (audit_log.actor_name); default "system". The CLI gives "cli:<user>". */
  actorName?: string;
  dryRun: boolean;
  today?: IsoDate;
  /** After each batch: rows done (written or found unchanged) of all rows of all files. */
  onProgress?: (done: number, total: number) => void;
}

export interface PartOutcome {
  kind: ImportKind;
  fileName: string;
  counts: ImportCounts;
}

export type ImportOutcome =
  | { ok: true; dryRun: boolean; parts: PartOutcome[] }
  | { ok: false; dryRun: boolean; files: { kind: ImportKind; fileName: string; problems: ImportProblem[] }[] };

function documentedHeaders(kind: ImportKind): Record<string, string> {
  return Object.fromEntries(IMPORT_KIND_DEFINITIONS[kind].columns.map((c) => [c.prop, c.header]));
}

function plan(db: Db, part: ImportPart, ctx: PlanContext): Promise<ImportPlan> {
  switch (part.kind) {
    case 'institutions':
      return planInstitutions(db, part.records, ctx);
    case 'licences':
      return planLicences(db, part.records, ctx);
    case 'inspections':
      return planInspections(db, part.records, ctx);
  }
}

/** Thrown inside the transaction to roll it back: after a dry run, or when the database shows a problem. */
class Rollback extends Error {
  constructor(readonly outcome: ImportOutcome) {
    super('import rolled back');
  }
}

/**
 * Imports several files as one: institutions first, then licences and inspections, which may name
 * institutions of the same import. All or nothing across every file.
 */
export async function importFiles(db: Db, parts: readonly ImportPart[], opts: ImportOptions): Promise<ImportOutcome> {
  const ordered = [...parts].sort((a, b) => IMPORT_KINDS.indexOf(a.kind) - IMPORT_KINDS.indexOf(b.kind));
  const run = async (tx: Db): Promise<ImportOutcome> => {
    const pendingInstitutions = new Map<string, RemitInstitution>();
    const plans: ImportPlan[] = [];
    const outcomes: PartOutcome[] = [];
    const refused: Extract<ImportOutcome, { ok: false }>['files'] = [];
    const now = new Date();
    // A real run writes each part before planning the next, so licences see the institutions just
    // written; a dry run (or a run already refused) writes nothing and passes them on instead.
    // Every part is planned even after a refusal, so the table lists the problems of every file.
    const total = ordered.reduce((n, part) => n + part.records.length, 0);
    let done = 0;
    const report = async () => {
      opts.onProgress?.(done, total);
      // PGlite settles its promises as microtasks: let timers (a progress bar) run between batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    };
    for (const part of ordered) {
      // Problems found here name columns as the file headed them, else as documented.
      const headers = { ...documentedHeaders(part.kind), ...part.headers };
      const ctx: PlanContext = { today: opts.today ?? todayInShanghai(), now, actorId: opts.actorId, headers, pendingInstitutions };
      const p = await plan(tx, part, ctx);
      plans.push(p);
      if (p.problems.length > 0) refused.push({ kind: part.kind, fileName: part.fileName, problems: p.problems });
      outcomes.push({ kind: part.kind, fileName: part.fileName, counts: p.counts });
      if (part.kind === 'institutions') for (const r of part.records) pendingInstitutions.set(r.creditCode, { fields: r.fields, legalForm: r.legalForm });
      if (opts.dryRun || refused.length > 0) {
        done += part.records.length;
        await report();
        continue;
      }
      // Unchanged rows are done at once; the others as their batches are written.
      done += part.records.length - p.pending;
      await report();
      const base = done;
      await p.write(tx, async (written) => {
        done = base + written;
        await report();
      });
    }
    if (refused.length > 0) return { ok: false, dryRun: opts.dryRun, files: refused };
    if (!opts.dryRun) {
      for (const [i, part] of ordered.entries()) await audit(tx, part, outcomes[i]!.counts, opts);
      if (plans.some((p) => p.pending > 0)) await announceChange(tx, ['registry']);
    }
    return { ok: true, dryRun: opts.dryRun, parts: outcomes };
  };

  try {
    return await db.transaction(async (tx) => {
      const outcome = await run(tx as unknown as Db);
      if (opts.dryRun || !outcome.ok) throw new Rollback(outcome);
      return outcome;
    });
  } catch (e) {
    if (e instanceof Rollback) return e.outcome;
    throw e;
  }
}

/** The part of an import made of a file that passed validateImport. */
export function importPart<K extends ImportKind>(check: ValidImportCheck<K>, fileName: string): ImportPart {
  const part: KindPart<K> = { kind: check.kind, records: check.records, fileName, sha256: check.sha256, headers: check.headers, encoding: check.encoding };
  // TypeScript cannot see that KindPart<K> is a member of the union for every K.
  return part as unknown as ImportPart;
}

/** Imports one file; see {@link importFiles}. */
export async function importRows<K extends ImportKind>(
  db: Db,
  kind: K,
  records: readonly Lined<ImportRecords[K]>[],
  opts: ImportOptions & Partial<Pick<ImportPart, 'fileName' | 'sha256' | 'headers' | 'encoding'>>,
): Promise<ImportOutcome> {
  const { fileName = '(未命名)', sha256 = '', headers = {}, encoding = null, ...rest } = opts;
  const part: KindPart<K> = { kind, records, fileName, sha256, headers, encoding };
  // TypeScript cannot see that KindPart<K> is a member of the union for every K.
  return importFiles(db, [part as unknown as ImportPart], rest);
}

/**
 * One audit row per imported file, in the import's transaction. The object is the file, named by
 * its SHA-256, so "was this file imported before, and by whom?" is one indexed lookup.
 */
async function audit(db: Db, part: ImportPart, counts: ImportCounts, opts: ImportOptions): Promise<void> {
  await insertAuditRow(db, {
    actorId: opts.actorId,
    actorName: opts.actorName ?? 'system',
    action: `import.${part.kind}`,
    objectType: 'import_file',
    objectId: part.sha256,
    detail: { fileName: part.fileName, sha256: part.sha256, encoding: part.encoding ?? null, ...counts },
  });
}
