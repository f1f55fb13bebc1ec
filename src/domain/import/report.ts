/**
 * The error table and the counts as plain text, for the CLI: columns aligned by display width
 * (a Chinese character takes two columns of a terminal), the reason last and never cut.
 */
import type { ImportProblem } from './problems';

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

/** Columns a string takes in a terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

function fit(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** 行 / 列 / 值 / 原因, one problem a line; a value longer than 24 columns is cut with "…". */
export function formatProblemTable(problems: readonly ImportProblem[]): string {
  const rows = [
    ['行', '列', '值', '原因'],
    ...problems.map((p) => [p.line === null ? '—' : String(p.line), p.column ?? '—', p.value === null ? '—' : fit(p.value === '' ? '（空）' : p.value, 24), p.reason]),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => displayWidth(r[i]!))));
  return rows.map((r) => r.map((cell, i) => (i < 3 ? pad(cell, widths[i]!) : cell)).join('  ')).join('\n');
}

export interface CountsLike {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
}

/** "8 rows: 8 inserted, 0 updated, 0 unchanged" (and published inspections taken back). */
export function formatCounts(c: CountsLike, dryRun: boolean): string {
  const verb = dryRun ? 'would be ' : '';
  const parts = [`${c.inserted} ${verb}inserted`, `${c.updated} ${verb}updated`, `${c.unchanged} unchanged`];
  if (c.withdrawn > 0) parts.push(`${c.withdrawn} published inspection(s) ${verb}taken back for a new approval`);
  return `${c.rows} rows: ${parts.join(', ')}`;
}
