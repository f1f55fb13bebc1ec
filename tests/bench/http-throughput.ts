/**
 * Profile page throughput: autocannon against the built portal serving one institution's profile,
 * then against a bare node:http server returning exactly the same bytes. The ratio portal / bare
 * says how much of the machine's HTTP capacity rendering the page leaves.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rows } from '../../db/queries/shared/rows';
import { startBare, type RunningServer } from './servers';
import { int, ms, table, verdict } from './stats';

export const RATIO_TARGET = 0.25;

/** autocannon reports whole milliseconds; show decimals only when there are some. */
export const lat = (v: number) => (Number.isInteger(v) ? String(v) : ms(v));

export interface ServerFigures {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface HttpResult {
  path: string;
  bytes: number;
  portal: ServerFigures;
  bare: ServerFigures;
  ratio: number;
}

export interface HttpOptions {
  duration: number;
  connections: number;
}

/**
 * A representative profile: the first institution (by id) with a licence, a published inspection
 * and a list decision, so the page runs every section's query and renders every section.
 */
export async function pickProfilePath(db: Db): Promise<string> {
  const [row] = await rows<{ credit_code: string }>(
    db,
    sql`select i.credit_code from institutions i
        where exists (select 1 from licences l where l.institution_id = i.id)
          and exists (select 1 from inspections s where s.institution_id = i.id and s.published)
          and exists (select 1 from list_decisions d where d.institution_id = i.id)
        order by i.id limit 1`,
  );
  const [any] = row ? [row] : await rows<{ credit_code: string }>(db, sql`select credit_code from institutions order by id limit 1`);
  if (!any) throw new Error('the HTTP data set holds no institutions');
  return `/institutions/${any.credit_code}`;
}

async function load(name: string, url: string, opts: HttpOptions, warmSeconds: number): Promise<ServerFigures> {
  await autocannon({ url, connections: opts.connections, duration: warmSeconds });
  const r: Result = await autocannon({ url, connections: opts.connections, duration: opts.duration });
  return { name, requestsPerSecond: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

export async function measureHttp(portal: RunningServer, path: string, opts: HttpOptions): Promise<HttpResult> {
  const res = await fetch(portal.url + path);
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}, not 200`);
  const contentType = res.headers.get('content-type') ?? 'text/html';
  const dir = mkdtempSync(join(tmpdir(), 'ptp-bench-'));
  let bare: RunningServer | undefined;
  try {
    const file = join(dir, 'body');
    writeFileSync(file, body);
    bare = await startBare(file, contentType);
    const warm = Math.min(3, opts.duration);
    console.log(`  page ${path}: ${int(body.length)} bytes, ${contentType}`);
    console.log(`  autocannon: ${opts.connections} connections, ${warm} s warm-up then ${opts.duration} s measured, per server`);
    const portalFigures = await load('portal (src/server/http/front.mjs)', portal.url + path, opts, warm);
    const bareFigures = await load('bare node:http, same bytes', bare.url + path, opts, warm);
    const result: HttpResult = { path, bytes: body.length, portal: portalFigures, bare: bareFigures, ratio: portalFigures.requestsPerSecond / bareFigures.requestsPerSecond };
    printHttp(result);
    return result;
  } finally {
    await bare?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function printHttp(r: HttpResult): void {
  console.log(
    table(
      ['server', 'requests/s', 'p50 latency', 'p99 latency', 'errors', 'non-2xx'],
      [r.portal, r.bare].map((f) => [f.name, int(f.requestsPerSecond), `${lat(f.p50)} ms`, `${lat(f.p99)} ms`, f.errors, f.non2xx]),
    ),
  );
  console.log(`  ratio portal / bare: ${r.ratio.toFixed(3)}  (target >= ${RATIO_TARGET}) -> ${verdict(r.ratio >= RATIO_TARGET)}`);
  if (r.portal.errors || r.portal.non2xx) console.log(`  warning: the portal had ${r.portal.errors} errors and ${r.portal.non2xx} non-2xx responses; its figures are not trustworthy`);
}
