/** Percentiles and plain-text tables for the benchmark's printed figures. */

export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarise(values: number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN };
}

export const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '-');
export const int = (v: number) => Math.round(v).toLocaleString('en-US');
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

/** Left-aligned text columns, right-aligned numbers, two spaces between columns. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => /^[-+]?[\d,.]+( ?(ms|KB|B|s|x|%))?$|^-?$/.test(String(r[c] ?? ''))));
  // CJK characters take two columns in a terminal.
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((_, c) => Math.max(...cells.map((r) => width(r[c] ?? ''))));
  const pad = (s: string, c: number) => {
    const fill = ' '.repeat(widths[c]! - width(s));
    return numeric[c] ? fill + s : s + fill;
  };
  const line = (r: string[]) => '  ' + r.map((s, c) => pad(s ?? '', c)).join('  ').trimEnd();
  return [line(cells[0]!), '  ' + widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
