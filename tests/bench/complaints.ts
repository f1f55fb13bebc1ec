/**
 * Complaint submissions through Open311: the built portal on a fresh
 * PostgreSQL database ptp_bench_complaints (dropped and created again each run, set up by
 * src/cli/setup.ts with a small demo data set and a bootstrap API key), `connections` autocannon clients
 * POSTing complaints to /open311/v2/requests.json for `duration` seconds, each post with a new
 * Idempotency-Key. Every acknowledgement (201/200 with a service_request_id) is recorded, and the
 * database is then checked against them:
 *
 *   lost        acknowledged, but no complaint holds that key with that tracking number
 *   duplicated  a key stored twice, a tracking number stored twice, or one number acknowledged
 *               for two keys
 *   incomplete  a complaint without exactly one contact, one 'received' event and one outbox SMS
 *
 * Targets: 0 lost and 0 duplicated; p99 latency under 100 ms. Registered channels have no rate
 * limit (submitComplaint with ip: null, limitPhone: false), so every post is filed; a 429 in the
 * status counts would mean one applies after all.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import autocannon, { type RequestSpec, type Result } from 'autocannon';
import { sql } from 'drizzle-orm';
import { openDb } from '../../db/client';
import { rows } from '../../db/queries/shared/rows';
import { FORM_CONTENT_TYPE } from '../support/forms';
import { acknowledgedNumber, complaintBody, OPEN311_PATH, type PostSpec } from '../support/open311-post';
import { runSetup } from '../support/portal-process';
import { freshDatabase } from '../support/postgres-admin';
import { storedComplaints } from '../support/stored-complaints';
import { lat } from './http-throughput';
import { startPortal } from './servers';
import { int, table, verdict } from './stats';

export const COMPLAINT_P99_TARGET_MS = 100;
export const COMPLAINT_DATABASE = 'ptp_bench_complaints';
/** Institutions in the benchmark database: complaints name them; the size does not matter here. */
const DEMO_COUNT = 200;

export interface ComplaintOptions {
  /** Admin URL of the PostgreSQL server. */
  pgUrl: string;
  connections: number;
  duration: number;
  /** Measured runs one after another on the same portal; the figures judged are the median run's. */
  rounds: number;
  seed: number;
  /** More environment for the portal (the messages part runs it with WORKERS=on and off). */
  env?: Record<string, string>;
}

/** One measured autocannon run. */
export interface ComplaintRound {
  seconds: number;
  /** 201 answers per second. */
  submissionsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Status → count. */
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
}

export interface ComplaintResult extends ComplaintRound {
  connections: number;
  /** Every measured run in order; the fields above are those of rounds[medianRun], the median by p99. */
  rounds: ComplaintRound[];
  medianRun: number;
  /** Over the warm-up and the measured runs. */
  acknowledged: number;
  stored: number;
  lost: number;
  duplicated: number;
  incomplete: number;
  /** Stored but never acknowledged: in flight when autocannon stopped (not an error). */
  unacknowledged: number;
}

/** Acknowledgements over every run against one database. */
class Ledger {
  readonly sent = new Set<string>();
  readonly acks = new Map<string, string>();
  /** Acknowledgements that contradict an earlier one for the same key. */
  contradictions = 0;
  private n = 0;

  constructor(private readonly spec: PostSpec) {}

  /** The request autocannon sends, over and over: a new key and body each time. */
  request(): RequestSpec {
    return {
      method: 'POST',
      path: OPEN311_PATH,
      setupRequest: (req, context) => {
        const key = randomUUID();
        const i = this.n++;
        this.sent.add(key);
        context.key = key;
        return { ...req, headers: { ...req.headers, 'content-type': FORM_CONTENT_TYPE, 'idempotency-key': key }, body: complaintBody(this.spec, i, key) };
      },
      onResponse: (status, body, context) => {
        const number = acknowledgedNumber(status, body);
        const key = context.key as string;
        if (!number) return;
        const earlier = this.acks.get(key);
        if (earlier !== undefined && earlier !== number) this.contradictions++;
        this.acks.set(key, number);
      },
    };
  }
}

async function fire(url: string, ledger: Ledger, connections: number, duration: number, statuses?: Record<string, number>): Promise<Result> {
  const spec = ledger.request();
  const onResponse = spec.onResponse!;
  spec.onResponse = (status, body, context, headers) => {
    if (statuses) statuses[status] = (statuses[status] ?? 0) + 1;
    onResponse(status, body, context, headers);
  };
  return autocannon({ url, connections, duration, requests: [spec] });
}

export async function measureComplaints(entry: string, o: ComplaintOptions): Promise<ComplaintResult> {
  const apiKey = randomBytes(32).toString('base64url');
  const database = await freshDatabase(o.pgUrl, COMPLAINT_DATABASE);
  const started = performance.now();
  await runSetup({ DATABASE_URL: database.url, DEMO_COUNT: String(DEMO_COUNT), DEMO_SEED: String(o.seed), OPEN311_BOOTSTRAP_KEY: apiKey });
  console.log(`  database ${COMPLAINT_DATABASE}: created afresh, set up by src/cli/setup.ts (${DEMO_COUNT} demo institutions, bootstrap API key) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const handle = await openDb({ url: database.url, max: 2 });
  try {
    const settings = await rows<{ name: string; setting: string }>(
      handle.db,
      sql`select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'max_connections') order by name`,
    );
    console.log(`  PostgreSQL: ${settings.map((s) => `${s.name}=${s.setting}`).join(', ')}`);
    const codes = await rows<{ credit_code: string }>(handle.db, sql`select credit_code from institutions order by id limit 100`);
    const ledger = new Ledger({ apiKey, creditCodes: codes.map((r) => r.credit_code) });

    const portal = await startPortal(entry, database.url, o.env);
    console.log(`  portal started: ${portal.url} (pid ${portal.pid})`);
    const rounds: ComplaintRound[] = [];
    try {
      const warm = Math.min(2, o.duration);
      console.log(
        `  autocannon: ${o.connections} connections POSTing ${OPEN311_PATH}, a new Idempotency-Key each; ${warm} s warm-up, then ${o.rounds} measured run${o.rounds > 1 ? 's' : ''} of ${o.duration} s`,
      );
      await fire(portal.url, ledger, o.connections, warm);
      for (let i = 0; i < o.rounds; i++) {
        const statuses: Record<string, number> = {};
        const r: Result = await fire(portal.url, ledger, o.connections, o.duration, statuses);
        rounds.push({
          seconds: r.duration,
          submissionsPerSecond: (statuses['201'] ?? 0) / r.duration,
          p50: r.latency.p50,
          p99: r.latency.p99,
          max: r.latency.max,
          statuses,
          errors: r.errors,
          timeouts: r.timeouts,
        });
      }
    } finally {
      // Stopped before counting, so nothing is written while the database is read.
      await portal.stop();
    }

    const stored = await storedComplaints(handle.db);
    const byKey = new Map<string, string>();
    for (const s of stored) byKey.set(s.idempotency_key, s.tracking_number);
    const numbers = new Set(stored.map((s) => s.tracking_number));
    const ackedNumbers = new Set(ledger.acks.values());
    const lost = [...ledger.acks].filter(([key, number]) => byKey.get(key) !== number).length;
    const duplicated =
      stored.length - byKey.size + (stored.length - numbers.size) + (ledger.acks.size - ackedNumbers.size) + ledger.contradictions;
    const incomplete = stored.filter((s) => s.contacts !== 1 || s.received !== 1 || s.outbox !== 1).length;
    const unknown = stored.filter((s) => !ledger.sent.has(s.idempotency_key)).length;
    if (unknown > 0) console.log(`  warning: ${unknown} stored complaints carry a key this run never sent`);

    // The median run by p99 (the middle one of three): one run can meet a noisy neighbour on a
    // shared machine; every run is printed, so the spread is in plain sight.
    const medianRun = rounds.indexOf([...rounds].sort((a, b) => a.p99 - b.p99)[Math.floor((rounds.length - 1) / 2)]!);
    const result: ComplaintResult = {
      ...rounds[medianRun]!,
      connections: o.connections,
      rounds,
      medianRun,
      acknowledged: ledger.acks.size,
      stored: stored.length,
      lost,
      duplicated,
      incomplete,
      unacknowledged: stored.filter((s) => !ledger.acks.has(s.idempotency_key)).length,
    };
    printComplaints(result);
    return result;
  } finally {
    await handle.close();
  }
}

function printComplaints(r: ComplaintResult): void {
  const statusText = (statuses: Record<string, number>) =>
    Object.entries(statuses)
      .map(([s, n]) => `${s}: ${int(n)}`)
      .join(', ') || 'none';
  console.log(
    table(
      ['run', 'clients', 'submissions/s', 'p50 latency', 'p99 latency', 'max latency', 'statuses', 'errors', 'timeouts'],
      r.rounds.map((x, i) => [
        `${i + 1}${i === r.medianRun && r.rounds.length > 1 ? ' (median)' : ''}`,
        r.connections,
        int(x.submissionsPerSecond),
        `${lat(x.p50)} ms`,
        `${lat(x.p99)} ms`,
        `${lat(x.max)} ms`,
        statusText(x.statuses),
        x.errors,
        x.timeouts,
      ]),
    ),
  );
  console.log(
    `  database: ${int(r.stored)} complaints for ${int(r.acknowledged)} acknowledgements (warm-up included); ` +
      `lost ${r.lost}, duplicated ${r.duplicated}, incomplete ${r.incomplete}; ${r.unacknowledged} stored without an answer (in flight when the load stopped)`,
  );
  console.log(
    `  lost and duplicated: target 0 and 0 -> ${verdict(r.lost === 0 && r.duplicated === 0)}; median run's p99 ${lat(r.p99)} ms ` +
      `(runs ${r.rounds.map((x) => lat(x.p99)).join(', ')} ms), target < ${COMPLAINT_P99_TARGET_MS} ms -> ${verdict(r.p99 < COMPLAINT_P99_TARGET_MS)}`,
  );
  const refused = r.rounds.flatMap((x) => Object.entries(x.statuses)).filter(([s]) => s !== '201' && s !== '200');
  const errors = r.rounds.reduce((sum, x) => sum + x.errors, 0);
  if (refused.length || errors) console.log(`  warning: ${refused.map(([s, n]) => `${n} × ${s}`).join(', ')}${errors ? ` ${errors} errors` : ''}; only 201s count as submissions`);
}
