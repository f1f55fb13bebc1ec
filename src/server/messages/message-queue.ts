/**
 * The job queue: pg-boss (README, "Messages and the job queue") on the portal's own database. On
 * PGlite it runs over the portal's one in-process connection (pg-boss's PGlite adapter and backend
 * profile); on PostgreSQL it opens a small pool of its own to DATABASE_URL, because its LISTEN/NOTIFY
 * wake-ups and maintenance need node-postgres.
 *
 * A job carries only a message id; the message row (notification_outbox) is the record. Rows are
 * written in the transaction of what caused them; the job is sent after commit by
 * enqueueDeliveries(), and the "message-relay" schedule re-sends any queued message that has no job
 * (the process died between commit and enqueue). A duplicate job is harmless: the claim in
 * db/queries/messages/messages.ts lets only one job hold a message.
 */
import { PgBoss, fromPglite, type Queue } from 'pg-boss';
import type { Db, DbHandle } from '../../../db/client';
import { releaseRelayed } from '../../../db/queries/messages/messages';
import { env } from '../../config/env';
import { log } from '../shared/log.mjs';
import { metrics } from '../shared/metrics.mjs';

export const QUEUES = {
  deliver: 'message-deliver',
  /** pg-boss moves a delivery job here when its retries are exhausted (a crash on the last try too). */
  dead: 'message-dead',
  relay: 'message-relay',
  escalation: 'escalation-sweep',
  retention: 'message-retention',
  digest: 'daily-digest',
} as const;

export interface QueueSettings {
  retryLimit: number;
  retryDelaySeconds: number;
  retryDelayMaxSeconds: number;
  sendTimeoutSeconds: number;
}

export function queueSettingsFromEnv(): QueueSettings {
  const e = env();
  return {
    retryLimit: e.MESSAGE_RETRY_LIMIT,
    retryDelaySeconds: e.MESSAGE_RETRY_DELAY_SECONDS,
    retryDelayMaxSeconds: e.MESSAGE_RETRY_DELAY_MAX_SECONDS,
    sendTimeoutSeconds: e.MESSAGE_SEND_TIMEOUT_SECONDS,
  };
}

export interface BossOptions {
  /** Runs maintenance (expiring jobs of dead workers) and the cron schedules: worker processes. */
  supervise: boolean;
  /** Pool size on PostgreSQL. */
  max?: number;
  /** How often expired jobs (of killed workers) are looked for; default 60 s (tests: 1). */
  superviseIntervalSeconds?: number;
}

/** A started pg-boss on the handle's database, with the portal's queues created or brought up to date. */
export async function openBoss(handle: DbHandle, settings: QueueSettings, o: BossOptions): Promise<PgBoss> {
  const common = { supervise: o.supervise, schedule: o.supervise, migrate: true, superviseIntervalSeconds: o.superviseIntervalSeconds ?? 60 };
  const boss =
    handle.raw.kind === 'pglite'
      ? new PgBoss({ ...common, db: fromPglite(handle.raw.pg), backend: 'pglite' })
      : new PgBoss({ ...common, connectionString: handle.raw.url, max: o.max ?? 4 });
  // Errors of its own loops (a lost connection): logged without parameters, the loop carries on.
  boss.on('error', (e: Error) => {
    metrics.queueErrors.inc({ kind: 'error' });
    log.error({ event: 'queue.error', err: e }, 'job queue error');
  });
  await boss.start();
  await ensureQueues(boss, settings);
  return boss;
}

async function upsertQueue(boss: PgBoss, name: string, options: Omit<Queue, 'name'>): Promise<void> {
  if (await boss.getQueue(name)) {
    const { policy: _p, partition: _q, ...updatable } = options as Omit<Queue, 'name'> & { partition?: boolean };
    await boss.updateQueue(name, updatable);
  } else await boss.createQueue(name, options);
}

async function ensureQueues(boss: PgBoss, s: QueueSettings): Promise<void> {
  await upsertQueue(boss, QUEUES.dead, { retryLimit: 2 });
  await upsertQueue(boss, QUEUES.deliver, {
    retryLimit: s.retryLimit,
    retryDelay: s.retryDelaySeconds,
    // Exponential with jitter: about retryDelay·2ⁿ, pg-boss adds a random share so that messages
    // failed together (a gateway outage) are not all retried in the same second.
    retryBackoff: true,
    retryDelayMax: s.retryDelayMaxSeconds,
    expireInSeconds: s.sendTimeoutSeconds,
    deadLetter: QUEUES.dead,
    // Finished jobs are kept a week for inspection; the message row is the lasting record.
    deleteAfterSeconds: 7 * 86_400,
  });
  // Periodic jobs: one try each (the next run comes soon enough), a job in hand at most 10 minutes.
  for (const name of [QUEUES.relay, QUEUES.escalation, QUEUES.retention, QUEUES.digest]) {
    await upsertQueue(boss, name, { retryLimit: 1, expireInSeconds: 600, policy: 'singleton' });
  }
}

let running: PgBoss | null = null;

/** The queue this process started (src/server/messages/message-runtime.ts); null before or without one. */
export function setRunningBoss(boss: PgBoss | null): void {
  running = boss;
}

/** The queue this process started, for the queue-depth metrics; null before or without one. */
export function runningBoss(): PgBoss | null {
  return running;
}

/**
 * Hands committed messages to the queue, after the transaction that wrote them. Not awaited by
 * callers and never throws: without a queue in this process (a CLI, a test) or on a failure, the
 * messages stay queued and the relay schedule sends them.
 */
export function enqueueDeliveries(messageIds: readonly number[]): void {
  if (!running || messageIds.length === 0) return;
  running.insert(QUEUES.deliver, messageIds.map((messageId) => ({ data: { messageId } }))).catch((e: unknown) => {
    metrics.queueErrors.inc({ kind: 'enqueue_failed' });
    log.error({ event: 'queue.enqueue_failed', messages: messageIds.length, err: e }, 'messages not handed to the queue; the relay will');
  });
}

/**
 * The relay's enqueue: awaited, and on failure the messages are released so the next relay run
 * (a minute later) takes them again instead of waiting out the re-relay delay.
 */
export async function enqueueOrRelease(db: Db, messageIds: readonly number[]): Promise<void> {
  if (messageIds.length === 0) return;
  try {
    if (!running) throw new Error('no queue in this process');
    await running.insert(QUEUES.deliver, messageIds.map((messageId) => ({ data: { messageId } })));
  } catch (e) {
    await releaseRelayed(db, messageIds);
    throw e;
  }
}
