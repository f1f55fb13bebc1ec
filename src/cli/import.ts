/**
 * `npm run import -- --kind institutions file.csv [--kind licences other.csv ...] [--dry-run]
 *  [--encoding auto|utf8|gb18030] [--department 区教育局] [--today YYYY-MM-DD]`
 *
 * Imports departments' CSV files (README, "Importing data"). Always validates everything first:
 * every file against its columns, then against the database (do the institutions exist?); any
 * problem prints the error table (line, column, value, reason) and exits 1 with nothing written.
 * Otherwise, unless --dry-run, imports all files in one transaction with a progress bar and prints
 * what was inserted, updated and left unchanged. Several files are imported as one: institutions
 * first, so licences and inspections may name institutions of the same run.
 *
 * Works on the database named by the environment (DATABASE_URL, else PGlite at PGLITE_DIR; PGlite
 * allows one process, so stop the server first). Exit codes: 0 done, 1 problems or failure, 2 bad
 * command line.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { todayInShanghai } from '../domain/shared/dates';
import { readImportCommand } from '../domain/import/import-command';
import {
  encodingName,
  IMPORT_ENCODINGS,
  IMPORT_KIND_DEFINITIONS,
  IMPORT_KINDS,
  linesWithProblems,
  validateImport,
  type ImportProblem,
} from '../domain/import';
import { formatCounts, formatProblemTable } from '../domain/import/report';
import { env } from '../config/env';
import { getDb } from '../../db/client';
import { migrate } from '../../db/migrate';
import { importFiles, importPart, type ImportPart } from '../../db/queries/import/imports';
import { progressBar } from './terminal/progress';
import { seedReference } from '../../db/seed/reference';

const USAGE = `Usage: npm run import -- --kind KIND FILE [--kind KIND FILE ...] [options]

  --kind KIND        ${IMPORT_KINDS.join(', ')}: the kind of the FILE in the same position
  --dry-run          check everything against the database and say what would change; write nothing
  --encoding E       ${IMPORT_ENCODINGS.join(', ')} (default auto: UTF-8 with or without BOM, else GB18030)
  --department D     the importing department (name or code, e.g. 区教育局 or edu): inspections
                     without a 检查部门 column become its records, and files naming another are refused
  --today D          the day dates are checked against (default: today in Shanghai)
  --help             show this text

Columns of each kind: README.md, "Importing data"; examples in tests/fixtures/import/.`;

function fail(message: string): never {
  console.error(`import: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function printProblems(fileName: string, problems: readonly ImportProblem[]): void {
  console.error(`\n${fileName}: ${problems.length} problem(s) on ${linesWithProblems(problems)} line(s); nothing was imported.\n`);
  console.error(formatProblemTable(problems));
}

async function main(): Promise<void> {
  const read = readImportCommand(process.argv.slice(2), todayInShanghai());
  if (!read.ok) fail(read.message);
  const args = read.command;
  if (args === 'help') {
    console.log(USAGE);
    return;
  }

  // 1. Every file against its columns, before the database is opened.
  const parts: ImportPart[] = [];
  let refused = false;
  for (const { kind, path } of args.files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      console.error(`import: cannot read ${path}: ${(e as Error).message}`);
      process.exitCode = 1;
      return;
    }
    const check = validateImport(kind, bytes, { encoding: args.encoding, today: args.today, department: args.department });
    const name = basename(path);
    const read = check.encoding ? `, read as ${encodingName({ encoding: check.encoding, bom: check.bom })}` : '';
    console.log(`import: ${name}: ${IMPORT_KIND_DEFINITIONS[kind].name} (${kind}), ${check.rows} data row(s)${read}`);
    if (check.ignoredColumns.length > 0) console.log(`import: ${name}: columns not imported: ${check.ignoredColumns.join(', ')}`);
    if (!check.ok) {
      printProblems(name, check.problems);
      refused = true;
    } else parts.push(importPart(check, name));
  }
  if (refused) {
    process.exitCode = 1;
    return;
  }

  const handle = await getDb();
  try {
    console.log(`import: ${handle.driver === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${env().PGLITE_DIR}`}`);
    await migrate(handle);
    await seedReference(handle.db);
    const actor = { actorId: null, actorName: `cli:${userInfo().username}`, today: args.today };

    // 2. Against the database, writing nothing.
    const dry = await importFiles(handle.db, parts, { ...actor, dryRun: true });
    if (!dry.ok) {
      for (const f of dry.files) printProblems(f.fileName, f.problems);
      process.exitCode = 1;
      return;
    }
    if (args.dryRun) {
      for (const p of dry.parts) console.log(`import: ${p.fileName}: ${formatCounts(p.counts, true)}`);
      console.log('import: dry run: nothing was written');
      return;
    }

    // 3. The import itself, one transaction for all files.
    const bar = progressBar('Importing', 'rows');
    let outcome;
    try {
      outcome = await importFiles(handle.db, parts, { ...actor, dryRun: false, onProgress: (done, total) => bar.update(done, total) });
    } finally {
      bar.stop();
    }
    if (!outcome.ok) {
      // The database changed between the dry run and the import (another import, say).
      for (const f of outcome.files) printProblems(f.fileName, f.problems);
      process.exitCode = 1;
      return;
    }
    for (const p of outcome.parts) console.log(`import: ${p.fileName}: ${formatCounts(p.counts, false)}`);
  } finally {
    await handle.close();
  }
}

main().catch((e: unknown) => {
  console.error('import failed:', e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
