/**
 * `npm run bench -- [flags]`: prints performance figures beside their targets. Not a test: it
 * asserts nothing and exits 0 whether targets are met or missed (1 only when it cannot run).
 *
 *   1. data sets   PostgreSQL ptp_bench_<size> and PGlite data/bench-<size>, seeded if needed
 *   2. search      latency of generated queries through searchInstitutions  (search-latency.ts)
 *   3. http        profile page requests/s, portal versus bare node:http     (http-throughput.ts)
 *   4. js          JavaScript shipped per public page                        (js-bytes.ts)
 *   5. complaints  Open311 complaint posts/s, p99, lost and duplicated ones  (complaints.ts)
 *   6. messages    SMS delivered/s with 8 workers; intake p99, delivery on vs off (messages.ts)
 *   7. summary     one table of everything
 */
import os from 'node:os';
import { openDataset, type Dataset } from './datasets';
import { COMPLAINT_DATABASE, COMPLAINT_P99_TARGET_MS, measureComplaints, type ComplaintResult } from './complaints';
import { parseFlags, USAGE, type Flags } from './flags';
import { lat, measureHttp, pickProfilePath, RATIO_TARGET, type HttpResult } from './http-throughput';
import { ISLAND_GZIP_BUDGET, measureJs, type PageJs } from './js-bytes';
import { measureSearch, SEARCH_P95_TARGET_MS, SEARCH_TARGET_SIZE, type SearchResult } from './search-latency';
import { INTAKE_OVERHEAD_TARGET, MESSAGE_DATABASE, measureMessages, type MessagesResult } from './messages';
import { ensureBuild, startPortal } from './servers';
import { int, kb, ms, table, verdict } from './stats';

interface DatasetNote {
  size: number;
  driver: string;
  seeded: boolean;
  seconds: number;
}

interface Results {
  datasets: DatasetNote[];
  search: SearchResult[];
  http?: HttpResult;
  js?: PageJs[];
  complaints?: ComplaintResult;
  messages?: MessagesResult;
}

let built: Promise<string> | undefined;
/** The server entry to run (ensureBuild), built and copied once per run. */
const builtEntry = (flags: Flags) => (built ??= ensureBuild(flags.build));

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' / ');
/** Section title, with the load average: other work on this machine makes figures noisy. */
const heading = (title: string) => console.log(`\n== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}\n  (load average 1/5/15 min: ${load()} on ${os.cpus().length} CPUs)`);

async function withDataset<T>(flags: Flags, size: number, driver: Dataset['driver'], results: Results, use: (ds: Dataset) => Promise<T>): Promise<T> {
  const ds = await openDataset({ size, driver, seed: flags.seed, pgUrl: flags.pgUrl });
  if (!results.datasets.some((d) => d.size === size && d.driver === driver)) results.datasets.push({ size, driver, seeded: ds.seeded, seconds: ds.seedSeconds });
  try {
    return await use(ds);
  } finally {
    await ds.handle.close();
  }
}

async function searchPart(flags: Flags, results: Results): Promise<void> {
  // The data sets are only for search (the server parts open their own): none seeded without it.
  if (flags.skip.includes('search')) return;
  heading('Data sets and search latency');
  for (const size of flags.sizes) {
    for (const driver of flags.drivers) {
      await withDataset(flags, size, driver, results, async (ds) => {
        results.search.push(await measureSearch(ds, { queries: flags.queries, warmup: flags.warmup, seed: flags.seed, explain: flags.explain }));
      });
    }
  }
}

async function serverParts(flags: Flags, results: Results): Promise<void> {
  heading(`Portal server (PostgreSQL data set of ${int(flags.httpSize)})`);
  const { url, path } = await withDataset(flags, flags.httpSize, 'postgres', results, async (ds) => ({ url: ds.location, path: await pickProfilePath(ds.handle.db) }));
  const entry = await builtEntry(flags);
  const portal = await startPortal(entry, url);
  console.log(`  portal started: ${portal.url} (pid ${portal.pid}), DATABASE_URL ${url}`);
  try {
    if (!flags.skip.includes('js')) {
      heading('JavaScript shipped per public page');
      results.js = await measureJs(portal.url, path);
    }
    if (!flags.skip.includes('http')) {
      heading('Profile page throughput');
      results.http = await measureHttp(portal, path, { duration: flags.duration, connections: flags.connections });
    }
  } finally {
    await portal.stop();
    console.log('  portal stopped');
  }
}

async function complaintsPart(flags: Flags, results: Results): Promise<void> {
  heading(`Complaint submissions through Open311 (PostgreSQL database ${COMPLAINT_DATABASE})`);
  const entry = await builtEntry(flags);
  results.complaints = await measureComplaints(entry, { pgUrl: flags.pgUrl, connections: flags.connections, duration: flags.duration, rounds: flags.rounds, seed: flags.seed });
}

async function messagesPart(flags: Flags, results: Results): Promise<void> {
  heading(`Message delivery and its cost to intake (PostgreSQL databases ${MESSAGE_DATABASE}, ${COMPLAINT_DATABASE})`);
  const entry = await builtEntry(flags);
  results.messages = await measureMessages(entry, { pgUrl: flags.pgUrl, connections: flags.connections, duration: flags.duration, rounds: flags.rounds, seed: flags.seed, messages: 5000 });
}

function printSummary(r: Results, seconds: number): void {
  heading('Summary');
  const rows: (string | number)[][] = [];
  for (const s of r.search) {
    const judged = s.size === SEARCH_TARGET_SIZE && s.driver === 'postgres';
    rows.push([
      `search p95, ${int(s.size)} ${s.driver}`,
      `${ms(s.overall.p95)} ms (p50 ${ms(s.overall.p50)}, p99 ${ms(s.overall.p99)}, max ${ms(s.overall.max)})`,
      judged ? `<= ${SEARCH_P95_TARGET_MS} ms` : '(info)',
      judged ? verdict(s.overall.p95 <= SEARCH_P95_TARGET_MS) : '',
    ]);
  }
  if (r.http) {
    rows.push(['profile req/s, portal', `${int(r.http.portal.requestsPerSecond)} (p50 ${lat(r.http.portal.p50)} ms, p99 ${lat(r.http.portal.p99)} ms)`, '', '']);
    rows.push(['profile req/s, bare node:http', `${int(r.http.bare.requestsPerSecond)} (p50 ${lat(r.http.bare.p50)} ms, p99 ${lat(r.http.bare.p99)} ms)`, '', '']);
    rows.push(['ratio portal / bare', r.http.ratio.toFixed(3), `>= ${RATIO_TARGET}`, verdict(r.http.ratio >= RATIO_TARGET)]);
  }
  for (const p of r.js ?? []) {
    const search = p.islands.some((n) => /search/i.test(n));
    rows.push([`JS ${p.label}${search ? ' (search island)' : ''}`, `${int(p.raw)} B raw, ${int(p.gzip)} B gzip`, search ? `gzip < ${kb(ISLAND_GZIP_BUDGET)}` : '0 B', verdict(p.ok)]);
  }
  if (r.complaints) {
    const c = r.complaints;
    rows.push([`complaint posts/s, ${c.connections} clients`, `${int(c.submissionsPerSecond)} (p50 ${lat(c.p50)} ms)`, '', '']);
    const spread = c.rounds.length > 1 ? ` (median of ${c.rounds.length} runs: ${c.rounds.map((x) => lat(x.p99)).join(', ')})` : '';
    rows.push(['complaint post p99', `${lat(c.p99)} ms${spread}`, `< ${COMPLAINT_P99_TARGET_MS} ms`, verdict(c.p99 < COMPLAINT_P99_TARGET_MS)]);
    rows.push(['complaints lost / duplicated', `${c.lost} / ${c.duplicated} (of ${int(c.acknowledged)} acknowledged)`, '0 / 0', verdict(c.lost === 0 && c.duplicated === 0)]);
  }
  if (r.messages) {
    const m = r.messages;
    rows.push([`SMS delivered/s, ${m.delivery.workers} workers`, `${int(m.delivery.perSecond)} (${int(m.delivery.messages)} in ${m.delivery.seconds.toFixed(1)} s)`, '', '']);
    rows.push(['intake p99, delivery on / off', `${lat(m.intakeOn.p99)} / ${lat(m.intakeOff.p99)} ms (${(m.overhead * 100).toFixed(0)}%)`, `within ${INTAKE_OVERHEAD_TARGET * 100}%`, verdict(m.overhead <= INTAKE_OVERHEAD_TARGET)]);
  }
  console.log(table(['figure', 'measured', 'target', 'result'], rows));
  const ds = r.datasets.map((d) => `${d.driver} ${int(d.size)} ${d.seeded ? `seeded in ${d.seconds.toFixed(1)} s` : 'reused'}`);
  console.log(`  data sets: ${ds.join('; ') || 'none'}`);
  console.log(`  whole run: ${seconds.toFixed(1)} s; load average at the end ${load()} on ${os.cpus().length} CPUs`);
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  if (flags.help) {
    console.log(USAGE);
    return;
  }
  const started = performance.now();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`bench: node ${process.version}, ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM`);
  console.log(`bench: sizes ${flags.sizes.join(', ')}; drivers ${flags.drivers.join(', ')}; skip ${flags.skip.join(', ') || 'nothing'}`);
  const results: Results = { datasets: [], search: [] };
  await searchPart(flags, results);
  if (!flags.skip.includes('http') || !flags.skip.includes('js')) await serverParts(flags, results);
  if (!flags.skip.includes('complaints')) await complaintsPart(flags, results);
  if (!flags.skip.includes('messages')) await messagesPart(flags, results);
  printSummary(results, (performance.now() - started) / 1000);
}

main().catch((e: unknown) => {
  console.error('\nbench failed:', e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
