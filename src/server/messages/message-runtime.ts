/**
 * The queue in a process: started by the web app at start (src/middleware.ts, which the front
 * server triggers as soon as it listens) and by `npm run worker` (src/cli/worker.ts).
 *
 * With workers (WORKERS=on, the default) the process also sends messages, runs pg-boss's
 * maintenance (expiring the jobs of killed workers) and the schedules (schedules.ts). With
 * WORKERS=off it only enqueues: for web processes of a deployment that runs `npm run worker`
 * elsewhere. On PGlite there is one process, so it has to be on there.
 *
 * stop() is graceful: no new job is taken, a message in hand is finished (or, past the timeout,
 * left to expire and be retried: never lost).
 */
import type { PgBoss } from 'pg-boss';
import { getDb, type DbHandle } from '../../../db/client';
import { env } from '../../config/env';
import { log, outsideLogContext } from '../shared/log.mjs';
import { createEmailTransport, staffEmailOptions } from './email/email-transport';
import { DELIVERY_BATCH, deliverBatch, type DeliveryDeps } from './delivery';
import { openBoss, queueSettingsFromEnv, QUEUES, setRunningBoss, type QueueSettings } from './message-queue';
import { dailyDigest, deadLettered, escalationSweep, registerSchedules, relayQueued, retentionPurge, type PeriodicDeps } from './schedules';
import { createSmsTransport } from './sms/index';
import type { EmailTransport, SmsTransport } from './transport';

export interface RuntimeOptions {
  workers: boolean;
  concurrency: number;
  settings: QueueSettings;
  /** Transports other than the environment's (tests). */
  sms?: SmsTransport;
  email?: EmailTransport;
  /** Periodic jobs; off in tests that only deliver. */
  schedules?: boolean;
  /** See BossOptions. */
  superviseIntervalSeconds?: number;
}

export interface MessageRuntime {
  boss: PgBoss;
  stop(timeoutMs?: number): Promise<void>;
}

export async function startMessageRuntime(handle: DbHandle, o: RuntimeOptions): Promise<MessageRuntime> {
  const boss = await openBoss(handle, o.settings, { supervise: o.workers, max: 2 + (o.workers ? o.concurrency : 0), superviseIntervalSeconds: o.superviseIntervalSeconds });
  setRunningBoss(boss);
  if (o.workers) {
    const e = env();
    const deps: DeliveryDeps = {
      db: handle.db,
      sms: o.sms ?? createSmsTransport(e),
      email: o.email ?? createEmailTransport(e),
      emailOptions: staffEmailOptions(e),
      retryDelaySeconds: o.settings.retryDelaySeconds,
      retryDelayMaxSeconds: o.settings.retryDelayMaxSeconds,
    };
    const retryLimit = o.settings.retryLimit;
    // `concurrency` fetch loops, each taking up to DELIVERY_BATCH jobs and fetching again at once
    // while batches come back full (a backlog drains at the gateways' pace, not one poll a second).
    await boss.work<{ messageId: number }>(
      QUEUES.deliver,
      { localConcurrency: o.concurrency, batchSize: DELIVERY_BATCH, burstWhenBatchFull: true, pollingIntervalSeconds: 1, perJobResults: true },
      async (jobs) =>
        deliverBatch(
          jobs.map((job) => ({ id: job.id, messageId: Number(job.data.messageId), retryCount: job.retryCount, retryLimit })),
          deps,
        ),
    );
    await boss.work<{ messageId: number }>(QUEUES.dead, { pollingIntervalSeconds: 5 }, async ([job]) => {
      if (job) await deadLettered(handle.db, Number(job.data.messageId));
    });
    if (o.schedules !== false) {
      const periodic: PeriodicDeps = { db: handle.db, siteUrl: e.PUBLIC_SITE_URL ?? 'http://localhost:4321', retentionDays: e.MESSAGE_RETENTION_DAYS };
      await boss.work(QUEUES.relay, async () => void (await relayQueued(handle.db)));
      await boss.work(QUEUES.escalation, async () => escalationSweep(periodic));
      await boss.work(QUEUES.retention, async () => retentionPurge(periodic));
      await boss.work(QUEUES.digest, async () => dailyDigest(periodic));
      await registerSchedules(boss);
    }
    // Messages committed while no worker ran (the demo's, filed by the setup before the server).
    await relayQueued(handle.db, 0);
  }
  let stopped: Promise<void> | null = null;
  return {
    boss,
    stop(timeoutMs = 20_000) {
      stopped ??= (async () => {
        setRunningBoss(null);
        await boss.stop({ graceful: true, timeout: timeoutMs, close: handle.raw.kind !== 'pglite' });
      })();
      return stopped;
    },
  };
}

/** Shared with src/server/http/front.mjs, which stops the queue before the process exits. */
const RUNTIME = Symbol.for('putuo-training-portal.message-runtime');

let starting: Promise<MessageRuntime | null> | undefined;

/** The web process's queue, started once (idempotent); null if it failed to start (logged). */
export function ensureMessageRuntime(): Promise<MessageRuntime | null> {
  // Started by the first request, but its loops belong to no request: outside its log context.
  starting ??= outsideLogContext(async () => {
    try {
      const e = env();
      const runtime = await startMessageRuntime(await getDb(), { workers: e.WORKERS === 'on', concurrency: e.MESSAGE_WORKER_CONCURRENCY, settings: queueSettingsFromEnv() });
      (globalThis as Record<symbol, unknown>)[RUNTIME] = runtime;
      log.info({ event: 'queue.started', workers: e.WORKERS }, 'job queue started');
      return runtime;
    } catch (err) {
      log.error({ event: 'queue.start_failed', err }, 'job queue did not start');
      return null;
    }
  });
  return starting;
}
