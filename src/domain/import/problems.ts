/**
 * What is wrong with an import file, in the shape of the error table a department sees:
 * the line of the file (the header is line 1), the column as headed in the file, the
 * value found and the reason in Chinese. A problem of the whole file has no line, column or value.
 */

export interface ImportProblem {
  /** Line of the file, counting the header as line 1; null for the file as a whole. */
  line: number | null;
  /** The column's header as written in the file; null for a whole row or the whole file. */
  column: string | null;
  /** The cell as found (trimmed); null when there is no single cell to show. */
  value: string | null;
  reason: string;
}

/** A problem of the whole file (size, encoding, an empty file, a CSV syntax error). */
export function fileProblem(reason: string, line: number | null = null): ImportProblem {
  return { line, column: null, value: null, reason };
}

/** File problems first, then by line, keeping the column order of each line as found. */
export function sortProblems(problems: readonly ImportProblem[]): ImportProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}

/** Lines of the file that have at least one problem. */
export function linesWithProblems(problems: readonly ImportProblem[]): number {
  return new Set(problems.map((p) => p.line).filter((l) => l !== null)).size;
}
