/**
 * Checks a whole import file before anything is written: size, encoding,
 * CSV syntax, header, every cell of every row, the rules between cells, and the same key twice in
 * the file. The result is either every row as a typed record, or every problem found — never only
 * the first — in the shape of the error table. What needs the database (does the institution
 * exist?) is checked by db/queries/import/imports.ts and reported in the same shape.
 */
import { createHash } from 'node:crypto';
import { todayInShanghai, type IsoDate } from '../shared/dates';
import type { DepartmentCode } from '../shared/reference';
import type { ImportContext } from './columns';
import { parseCsv } from './csv';
import { decodeCsvBytes, type DecodedText, type EncodingChoice } from './decode';
import { mapHeader } from './header';
import { IMPORT_KIND_DEFINITIONS, IMPORT_KINDS, type ImportKind, type ImportRecords, type Lined } from './kinds';
import { fileProblem, sortProblems, type ImportProblem } from './problems';

/**
 * Largest file accepted: 20 MiB holds about 60,000 institution rows, more than Putuo registers,
 * and keeps a whole file and its parsed rows comfortably in one server process's memory.
 */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export interface ValidateOptions {
  encoding?: EncodingChoice;
  /** Default: today in Shanghai. */
  today?: IsoDate;
  /** The importing department; null or absent for an administrator or the CLI without one. */
  department?: DepartmentCode | null;
  maxBytes?: number;
}

/** What is known about the file, valid or not. */
export interface FileFacts<K extends ImportKind> {
  kind: K;
  /** Size in bytes. */
  size: number;
  /** SHA-256 of the bytes, hex: names the file in the audit log and between dry run and import. */
  sha256: string;
  /** Null when the file could not be decoded. */
  encoding: DecodedText['encoding'] | null;
  bom: boolean;
  /** Data rows read (blank rows not counted). */
  rows: number;
  /** Header as written in the file, by record property; the documented header for columns not in the file. */
  headers: Record<string, string>;
  /** Headers of the file that belong to no column (not imported). */
  ignoredColumns: string[];
}

export type ImportCheck<K extends ImportKind> = FileFacts<K> &
  ({ ok: true; records: Lined<ImportRecords[K]>[] } | { ok: false; problems: ImportProblem[] });

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** Validates the bytes of a file of `kind`. Pure apart from hashing: no I/O. */
export function validateImport<K extends ImportKind>(kind: K, bytes: Uint8Array, opts: ValidateOptions = {}): ImportCheck<K> {
  const def = IMPORT_KIND_DEFINITIONS[kind];
  const documented = Object.fromEntries(def.columns.map((c) => [c.prop, c.header]));
  const facts: FileFacts<K> = {
    kind,
    size: bytes.length,
    sha256: sha256Hex(bytes),
    encoding: null,
    bom: false,
    rows: 0,
    headers: documented,
    ignoredColumns: [],
  };
  const fail = (problems: ImportProblem[]): ImportCheck<K> => ({ ...facts, ok: false, problems: sortProblems(problems) });

  const maxBytes = opts.maxBytes ?? MAX_IMPORT_BYTES;
  if (bytes.length > maxBytes) return fail([fileProblem(`文件有 ${formatBytes(bytes.length)}，超过了 ${formatBytes(maxBytes)} 的上限。请拆分成几个文件分别导入。`)]);
  if (bytes.length === 0) return fail([fileProblem('文件是空的（0 字节）。')]);

  const decoded = decodeCsvBytes(bytes, opts.encoding ?? 'auto');
  if (!decoded.ok) return fail([decoded.problem]);
  facts.encoding = decoded.encoding;
  facts.bom = decoded.bom;

  const csv = parseCsv(decoded.text);
  if (!csv.ok) return fail([csv.problem]);
  facts.rows = csv.rows.length;

  const header = mapHeader(def.columns, csv.header, def.name);
  if (!header.ok) {
    // The commonest header mistake: the right file under the wrong kind.
    const other = IMPORT_KINDS.find((k) => k !== kind && mapHeader(IMPORT_KIND_DEFINITIONS[k].columns, csv.header, '').ok);
    const hint = other ? [fileProblem(`这是“${IMPORT_KIND_DEFINITIONS[other].name}”文件的表头，而所选的导入类型是“${def.name}”。`, csv.header.line)] : [];
    return fail([...hint, ...header.problems]);
  }
  const { index, written, ignored } = header.map;
  facts.ignoredColumns = ignored;
  facts.headers = { ...documented, ...Object.fromEntries(written) };
  if (csv.rows.length === 0) return fail([fileProblem('文件只有表头，没有数据行。')]);

  const ctx: ImportContext = { today: opts.today ?? todayInShanghai(), department: opts.department ?? null };
  const schema = def.rowSchema(ctx);
  // Problems of a row are listed in the order of the file's columns, the documented order after.
  const position = (prop: string) => index.get(prop) ?? csv.header.cells.length + def.columns.findIndex((c) => c.prop === prop);
  const keyHeader = facts.headers[def.key]!;
  const firstLine = new Map<string, number>();
  const problems: ImportProblem[] = [];
  const records: Lined<ImportRecords[K]>[] = [];

  for (const row of csv.rows) {
    const cells: Record<string, string> = {};
    for (const c of def.columns) {
      const i = index.get(c.prop);
      cells[c.prop] = i === undefined ? '' : (row.cells[i] ?? '');
    }
    const extra = row.cells.slice(csv.header.cells.length).filter((c) => c !== '');
    if (extra.length > 0) {
      problems.push({
        line: row.line,
        column: null,
        value: extra.join(','),
        reason: `这一行比表头多出 ${extra.length} 个有内容的单元格：可能是某个单元格里的逗号没有加引号。`,
      });
    }

    const parsed = schema.safeParse(cells);
    if (parsed.success) {
      records.push({ ...parsed.data, line: row.line });
    } else {
      const issues = [...parsed.error.issues].sort((a, b) => position(String(a.path[0])) - position(String(b.path[0])));
      for (const issue of issues) {
        const prop = issue.path.length > 0 ? String(issue.path[0]) : null;
        problems.push({
          line: row.line,
          column: prop === null ? null : (facts.headers[prop] ?? prop),
          value: prop === null ? null : (cells[prop] ?? null),
          reason: issue.message,
        });
      }
    }

    const keyCell = cells[def.key] ?? '';
    if (keyCell !== '') {
      const key = def.keyOf(keyCell);
      const first = firstLine.get(key);
      if (first === undefined) firstLine.set(key, row.line);
      else problems.push({ line: row.line, column: keyHeader, value: keyCell, reason: `与第 ${first} 行重复：同一${documented[def.key]}在文件中出现了两次。` });
    }
  }

  return problems.length > 0 ? fail(problems) : { ...facts, ok: true, records };
}
