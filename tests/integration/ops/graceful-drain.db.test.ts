/**
 * Stopping and restarting under load (issue 18): the built portal on PostgreSQL, clients posting
 * Open311 complaints and reading uncached pages over keep-alive connections, as browsers and the
 * hotline's client do.
 *
 * - SIGTERM mid-burst: every request in flight is answered (none reset), the process exits 0 and
 *   every acknowledged complaint is stored once. After the signal new connections are refused
 *   (nothing listens), which a client or load balancer sees at once, unlike a reset.
 * - SIGHUP with WEB_CONCURRENCY=2: the workers are replaced one by one, and not one request is
 *   refused or reset meanwhile.
 *
 * PostgreSQL only (TEST_DATABASE_URL). Builds into dist-outage/ (shared with database-outage).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbHandle } from '../../../db/client';
import { rows } from '../../../db/queries/shared/rows';
import { FORM_CONTENT_TYPE } from '../../support/forms';
import { acknowledgedNumber, complaintBody, OPEN311_PATH, type PostSpec } from '../../support/open311-post';
import { buildSite, runSetup, startPortalProcess, type PortalProcess } from '../../support/portal-process';
import { freshDatabase } from '../../support/postgres-admin';
import { storedComplaints } from '../../support/stored-complaints';

const ADMIN_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;
const CLIENTS = 16;

type Outcome = { kind: 'answered'; status: number; number: string | null } | { kind: 'refused' } | { kind: 'reset'; error: string };
interface Sample {
  start: number;
  end: number;
  post: boolean;
  key?: string;
  outcome: Outcome;
}

/** The error a fetch failed with, told apart: nothing listening (refused) or a connection cut. */
function classify(e: unknown): Outcome {
  const codes: string[] = [];
  for (let x = e, depth = 0; x && typeof x === 'object' && depth < 4; x = (x as { cause?: unknown }).cause, depth++) {
    const code = (x as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  if (codes.includes('ECONNREFUSED')) return { kind: 'refused' };
  return { kind: 'reset', error: `${codes.join('/')} ${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)}` };
}

const NAME = ADMIN_URL ? 'draining on SIGTERM, rolling on SIGHUP [postgres]' : 'draining on SIGTERM, rolling on SIGHUP [postgres] — skipped: set TEST_DATABASE_URL';

describe.skipIf(!ADMIN_URL)(NAME, () => {
  const apiKey = `drain-${randomBytes(24).toString('base64url')}`;
  let database: { url: string; drop: () => Promise<void> } | undefined;
  let handle: DbHandle | undefined;
  let entry = '';
  let spec: PostSpec;
  const portals: PortalProcess[] = [];

  beforeAll(async () => {
    entry = await buildSite('dist-outage');
    database = await freshDatabase(ADMIN_URL!, `ptp_test_drain_${randomBytes(4).toString('hex')}`);
    await runSetup({ DATABASE_URL: database.url, DEMO_COUNT: '60', OPEN311_BOOTSTRAP_KEY: apiKey });
    handle = await openDb({ url: database.url, max: 2 });
    const codes = await rows<{ credit_code: string }>(handle.db, sql`select credit_code from institutions order by credit_code limit 20`);
    spec = { apiKey, creditCodes: codes.map((c) => c.credit_code) };
  }, 180_000);

  afterAll(async () => {
    for (const p of portals) await p.stop();
    await handle?.close();
    await database?.drop();
  });

  /** Runs CLIENTS clients against `base` until `stop()`; each alternates posts and uncached searches. */
  function burst(base: string) {
    const samples: Sample[] = [];
    let stopped = false;
    let n = 0;
    const client = async () => {
      while (!stopped) {
        const i = n++;
        const post = i % 2 === 0;
        const key = post ? randomUUID() : undefined;
        const start = Date.now();
        try {
          const res = await fetch(post ? base + OPEN311_PATH : `${base}/institutions?q=${encodeURIComponent(`培训${i}`)}`, {
            method: post ? 'POST' : 'GET',
            headers: post ? { 'content-type': FORM_CONTENT_TYPE } : {},
            body: post ? complaintBody(spec, i, key!) : undefined,
            signal: AbortSignal.timeout(30_000),
          });
          const text = await res.text();
          samples.push({ start, end: Date.now(), post, key, outcome: { kind: 'answered', status: res.status, number: post ? acknowledgedNumber(res.status, text) : null } });
        } catch (e) {
          samples.push({ start, end: Date.now(), post, key, outcome: classify(e) });
          // Nothing listens any more: stop rather than spin.
          if (classify(e).kind === 'refused') await new Promise((r) => setTimeout(r, 20));
        }
      }
    };
    const running = Array.from({ length: CLIENTS }, client);
    return {
      samples,
      async stop() {
        stopped = true;
        await Promise.all(running);
      },
    };
  }

  const resets = (samples: Sample[]) => samples.filter((s) => s.outcome.kind === 'reset').map((s) => (s.outcome as { error: string }).error);
  const byKind = (samples: Sample[]) => Object.fromEntries(['answered', 'refused', 'reset'].map((k) => [k, samples.filter((s) => s.outcome.kind === k).length]));

  async function expectStoredOnce(samples: Sample[]) {
    const stored = await storedComplaints(handle!.db);
    const byKey = new Map(stored.map((c) => [c.idempotency_key, c.tracking_number]));
    expect(new Set(stored.map((c) => c.idempotency_key)).size, 'no key stored twice').toBe(stored.length);
    for (const s of samples) {
      if (s.outcome.kind === 'answered' && s.outcome.number) expect(byKey.get(s.key!), `acknowledged ${s.key}`).toBe(s.outcome.number);
    }
  }

  it('SIGTERM mid-burst: every request in flight is answered, none reset; exit 0; nothing lost', async () => {
    const portal = await startPortalProcess(entry, { DATABASE_URL: database!.url, SHUTDOWN_GRACE_S: '20' });
    portals.push(portal);
    const load = burst(portal.url);
    await new Promise((r) => setTimeout(r, 2000));
    const signalledAt = Date.now();
    portal.kill('SIGTERM');
    const code = await portal.exited;
    const exitedAt = Date.now();
    await new Promise((r) => setTimeout(r, 300));
    await load.stop();
    console.info(`drain: ${JSON.stringify(byKind(load.samples))}; exited ${exitedAt - signalledAt} ms after SIGTERM with code ${code}`);
    expect(code).toBe(0);
    expect(resets(load.samples).slice(0, 5), 'requests reset').toEqual([]);
    const inFlight = load.samples.filter((s) => s.start < signalledAt && s.end >= signalledAt);
    expect(inFlight.length, 'requests were in flight at the signal').toBeGreaterThan(0);
    expect(inFlight.every((s) => s.outcome.kind === 'answered' && s.outcome.status < 500)).toBe(true);
    expect(load.samples.filter((s) => s.outcome.kind === 'answered' && s.outcome.status >= 500)).toEqual([]);
    await expectStoredOnce(load.samples);
  }, 90_000);

  it('SIGHUP with two workers: each is replaced in turn, and no request is refused or reset', async () => {
    const portal = await startPortalProcess(entry, { DATABASE_URL: database!.url, WEB_CONCURRENCY: '2', SHUTDOWN_GRACE_S: '20' });
    portals.push(portal);
    const before = portal.workerPids().sort();
    expect(before).toHaveLength(2);
    const load = burst(portal.url);
    await new Promise((r) => setTimeout(r, 1500));
    portal.kill('SIGHUP');
    // Rolled when neither old worker remains and two new ones run.
    const deadline = Date.now() + 40_000;
    let after: number[] = [];
    while (Date.now() < deadline) {
      after = portal.workerPids().sort();
      if (after.length === 2 && after.every((p) => !before.includes(p))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1500));
    await load.stop();
    console.info(`rolling restart: ${JSON.stringify(byKind(load.samples))}; workers ${before.join(',')} → ${after.join(',')}`);
    expect(after.filter((p) => !before.includes(p)), 'two new workers').toHaveLength(2);
    expect(portal.running).toBe(true);
    expect(resets(load.samples).slice(0, 5), 'requests reset').toEqual([]);
    expect(load.samples.filter((s) => s.outcome.kind === 'refused').length, 'requests refused').toBe(0);
    expect(load.samples.filter((s) => s.outcome.kind === 'answered' && s.outcome.status >= 500)).toEqual([]);
    await expectStoredOnce(load.samples);
  }, 90_000);
});
