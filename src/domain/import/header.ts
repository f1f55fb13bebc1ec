/**
 * The header row of an import file: which column holds what. Headers are matched loosely (full- or
 * half-width, spaces, a trailing "*" marking a required column, a note in brackets such as
 * "统一社会信用代码（18位）"); the Chinese header, its aliases and the English key all work. Columns
 * nobody asked for (备注, 序号) are ignored and named, so a typo in a header does not go unnoticed.
 */
import { spellingKey } from './cells';
import { englishKey, type ColumnDoc } from './columns';
import type { CsvRow } from './csv';
import type { ImportProblem } from './problems';

export interface HeaderMap<P extends string> {
  /** Position of each column found. */
  index: Map<P, number>;
  /** The header as written in the file, for every column found. */
  written: Map<P, string>;
  /** Headers of the file that are no column of this kind (left out of the import). */
  ignored: string[];
}

export type HeaderResult<P extends string> = { ok: true; map: HeaderMap<P> } | { ok: false; problems: ImportProblem[] };

export function headerKey(header: string): string {
  return spellingKey(header)
    .replace(/[*※]/g, '')
    .replace(/[(\[【][^)\]】]*[)\]】]$/, '');
}

/** Maps the header cells to columns; refuses a missing required column or a column given twice. */
export function mapHeader<P extends string>(columns: readonly ColumnDoc<P>[], header: CsvRow, kindName: string): HeaderResult<P> {
  const byKey = new Map<string, P>();
  for (const c of columns) for (const h of [c.header, ...(c.aliases ?? []), englishKey(c.prop)]) byKey.set(headerKey(h), c.prop);

  const index = new Map<P, number>();
  const written = new Map<P, string>();
  const ignored: string[] = [];
  const problems: ImportProblem[] = [];
  header.cells.forEach((cell, i) => {
    if (cell === '') return;
    const prop = byKey.get(headerKey(cell));
    if (prop === undefined) {
      ignored.push(cell);
      return;
    }
    const earlier = index.get(prop);
    if (earlier !== undefined) {
      problems.push({
        line: header.line,
        column: cell,
        value: null,
        reason: `第 ${earlier + 1} 列“${written.get(prop)}”和第 ${i + 1} 列“${cell}”是同一列，只能保留一个。`,
      });
      return;
    }
    index.set(prop, i);
    written.set(prop, cell);
  });

  const missing = columns.filter((c) => c.required && !index.has(c.prop)).map((c) => c.header);
  if (missing.length > 0) {
    const hint =
      index.size === 0
        ? `表头里没有一列能识别：请确认所选的导入类型（${kindName}）与文件一致，且第一行是表头。`
        : `请在第一行加上这些列（表头写法见说明文档）。`;
    problems.unshift({ line: header.line, column: null, value: null, reason: `缺少必填列：${missing.join('、')}。${hint}` });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, map: { index, written, ignored } };
}
