/**
 * The portal's periodic work, as pg-boss schedules: pg-boss creates each run's job once across
 * every process (its cron runs under a lock in the database), and one worker takes it. Nothing
 * periodic runs on a timer of a web process.
 *
 * | job               | when (Asia/Shanghai) | what |
 * |-------------------|----------------------|------|
 * | escalation-sweep  | every 10 minutes     | raises overdue cases, e-mails to staff (case-escalation.ts) |
 * | message-relay     | every minute         | queues messages committed without a job (a process died between commit and enqueue) |
 * | message-retention | 03:30 daily          | blanks recipient and parameters of messages delivered more than MESSAGE_RETENTION_DAYS ago |
 * | daily-digest      | 08:00 Monday–Friday  | a digest e-mail to each person who chose it, with their department's waiting cases |
 */
import type { PgBoss } from 'pg-boss';
import type { Db } from '../../../db/client';
import { digestRecipients } from '../../../db/queries/messages/digests';
import { insertStaffEmails, purgeDelivered, recordDead, takeUnrelayed } from '../../../db/queries/messages/messages';
import { OPEN_STATUSES } from '../../domain/cases/case-machine';
import { NO_ADDRESS } from '../../domain/messages/message-states';
import { todayInShanghai } from '../../domain/shared/dates';
import { DEPARTMENTS, type DepartmentCode } from '../../domain/shared/reference';
import { escalateOverdue } from '../cases/case-escalation';
import { log } from '../shared/log.mjs';
import { metrics } from '../shared/metrics.mjs';
import { appSecret } from '../shared/secret';
import { enqueueDeliveries, enqueueOrRelease, QUEUES } from './message-queue';
import { unsubscribeToken, unsubscribeUrl } from './unsubscribe-token';

export const SCHEDULES = [
  { queue: QUEUES.escalation, cron: '*/10 * * * *' },
  { queue: QUEUES.relay, cron: '* * * * *' },
  { queue: QUEUES.retention, cron: '30 3 * * *' },
  { queue: QUEUES.digest, cron: '0 8 * * 1-5' },
] as const;

export interface PeriodicDeps {
  db: Db;
  siteUrl: string;
  retentionDays: number;
}

const logEvent = (event: string, detail: Record<string, unknown>) => log.info({ event, ...detail }, event);

/** A relayed message still without a job after this long is relayed again. */
const RELAY_AGAIN_SECONDS = 600;

/**
 * Queues every committed message that no job took within `olderThanSeconds` (0 at a worker's
 * start: everything committed while no worker ran). Each is relayed once, not every minute.
 */
export async function relayQueued(db: Db, olderThanSeconds = 60): Promise<number> {
  const ids = await takeUnrelayed(db, olderThanSeconds, RELAY_AGAIN_SECONDS);
  await enqueueOrRelease(db, ids);
  if (ids.length) logEvent('messages.relayed', { messages: ids.length });
  return ids.length;
}

export async function escalationSweep(d: PeriodicDeps): Promise<void> {
  const { escalated, messageIds } = await escalateOverdue(d.db, todayInShanghai(), { siteUrl: d.siteUrl });
  enqueueDeliveries(messageIds);
  // Numbers only: never a complainant's details.
  if (escalated.length) logEvent('cases.escalated', { cases: escalated, emails: messageIds.length });
  metrics.casesEscalated.inc(escalated.length);
}

export async function retentionPurge(d: PeriodicDeps): Promise<void> {
  const purged = await purgeDelivered(d.db, d.retentionDays);
  logEvent('messages.purged', { messages: purged, days: d.retentionDays });
}

/** One digest e-mail per person who chose it (src/domain/messages/staff-emails.ts builds the body). */
export async function dailyDigest(d: PeriodicDeps): Promise<void> {
  const recipients = await digestRecipients(d.db, todayInShanghai(), OPEN_STATUSES);
  const link = new URL('/staff', d.siteUrl).href;
  const secret = await appSecret(d.db);
  const ids = await d.db.transaction(async (tx) =>
    insertStaffEmails(
      tx as unknown as Db,
      recipients.map((r) => ({
        complaintId: null,
        staffId: r.staffId,
        email: r.email,
        template: 'daily_digest',
        params: {
          department: DEPARTMENTS[r.department as DepartmentCode]?.name ?? r.department,
          waiting: String(r.waiting),
          overdue: String(r.overdue),
          link,
          unsubscribe: unsubscribeUrl(d.siteUrl, unsubscribeToken(secret, r.staffId, r.email)),
        },
      })),
      NO_ADDRESS,
    ),
  );
  enqueueDeliveries(ids);
  logEvent('messages.digests', { messages: ids.length });
}

/** A delivery job pg-boss gave up on (its worker died on the last try): the message is dead. */
export async function deadLettered(db: Db, messageId: number): Promise<void> {
  await recordDead(db, [{ messageId, reason: 'retries exhausted: the last attempt did not finish (worker stopped or timed out)' }]);
}

/** Registers the schedules (idempotent: pg-boss keeps one row per name). */
export async function registerSchedules(boss: PgBoss): Promise<void> {
  for (const s of SCHEDULES) await boss.schedule(s.queue, s.cron, null, { tz: 'Asia/Shanghai' });
}
