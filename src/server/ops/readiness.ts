/**
 * Liveness and readiness (issue 18) for load balancers, systemd and the restore drill:
 *
 * - /healthz: the process answers. Nothing else is asked, so a database outage never makes the
 *   process look dead (restarting it would not help).
 * - /readyz: this process should get traffic: the database answers within 500 ms, its migrations
 *   are those this build expects, the job queue runs, and the process is not draining.
 *
 * The answers name each check's state in one word and nothing else: no versions, host names,
 * error messages or timings that would help an attacker.
 */
import type { Db } from '../../../db/client';
import { newestAppliedMigration, ping } from '../../../db/queries/ops/readiness';
import journal from '../../../db/migrations/meta/_journal.json';
import { isDraining } from '../shared/shutdown';

export const READINESS_TIMEOUT_MS = 500;

export interface Readiness {
  ready: boolean;
  checks: {
    database: 'ok' | 'unreachable';
    migrations: 'ok' | 'behind' | 'unknown';
    queue: 'ok' | 'stopped';
    draining: boolean;
  };
}

/** The newest migration this build carries (db/migrations/meta/_journal.json). */
const EXPECTED_MIGRATION = Math.max(...journal.entries.map((e) => e.when));

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}

/** `queue`: whether this process's job queue started (ensureMessageRuntime in the app). */
export async function readiness(db: Db, queue: () => Promise<boolean>): Promise<Readiness> {
  const draining = isDraining();
  const [database, migrations, queueState] = await Promise.all([
    within(ping(db), READINESS_TIMEOUT_MS).then(
      () => 'ok' as const,
      () => 'unreachable' as const,
    ),
    within(newestAppliedMigration(db), READINESS_TIMEOUT_MS).then(
      (at) => (at !== null && at >= EXPECTED_MIGRATION ? ('ok' as const) : ('behind' as const)),
      () => 'unknown' as const,
    ),
    within(queue(), READINESS_TIMEOUT_MS).then(
      (running) => (running ? ('ok' as const) : ('stopped' as const)),
      () => 'stopped' as const,
    ),
  ]);
  return {
    ready: !draining && database === 'ok' && migrations === 'ok' && queueState === 'ok',
    checks: { database, migrations, queue: queueState, draining },
  };
}
