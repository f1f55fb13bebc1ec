/**
 * A fuzz run in words: the table of answers by route and status, and the distinct failures (one
 * line per route, method, input kind, target, status and problem, with a case to replay).
 */
import type { Finding, RunReport } from './run';

/** Answers per status for every "METHOD route", statuses as columns. */
export function statusTable(report: RunReport): string {
  const statuses = [...new Set([...report.table.values()].flatMap((row) => [...row.keys()]))].sort((a, b) => a - b);
  const rows = [...report.table.entries()].sort(([a], [b]) => a.split(' ')[1]!.localeCompare(b.split(' ')[1]!) || a.localeCompare(b));
  const width = Math.max(20, ...rows.map(([k]) => k.length));
  const head = ['route'.padEnd(width), ...statuses.map((s) => String(s || 'err').padStart(6)), '  total'].join(' ');
  const lines = rows.map(([key, row]) => {
    const total = [...row.values()].reduce((a, b) => a + b, 0);
    return [key.padEnd(width), ...statuses.map((s) => String(row.get(s) ?? '').padStart(6)), String(total).padStart(7)].join(' ');
  });
  return [head, ...lines].join('\n');
}

/** One finding per route, method, kind, target, status and problem: the first case that showed it. */
export function distinctFindings(findings: Finding[]): (Finding & { times: number })[] {
  const byKey = new Map<string, Finding & { times: number }>();
  for (const f of findings) {
    const key = [f.route, f.method, f.kind, f.target, f.status, f.problem].join('|');
    const seen = byKey.get(key);
    if (seen) seen.times++;
    else byKey.set(key, { ...f, times: 1 });
  }
  return [...byKey.values()].sort((a, b) => a.route.localeCompare(b.route) || a.method.localeCompare(b.method) || a.kind.localeCompare(b.kind));
}

/** The failure message: every distinct finding and how to replay it. */
export function findingsText(report: RunReport): string {
  const list = distinctFindings(report.findings);
  const at = (f: Finding) => (f.path === f.route ? '' : ` (at ${f.path.length > 60 ? `${f.path.slice(0, 60)}…` : f.path})`);
  const lines = list.map((f) => `${f.method} ${f.route}${at(f)}  [${f.kind}] ${f.target}=${f.value}  as ${f.identity}  -> ${f.status || 'no answer'} ${f.problem}  (${f.times}x; --seed ${report.seed} --only ${f.id})`);
  const alive = report.alive ? '' : '\nThe portal did not answer GET / after the run.';
  return `${list.length} distinct failures in ${report.requests} requests (seed ${report.seed}; replay one: npm run fuzz -- --seed ${report.seed} --only <id>):\n${lines.join('\n')}${alive}`;
}
