/**
 * The message aggregate (notification_outbox): claiming a message for one send, recording each
 * outcome, and what staff pages read. Every state change is one conditional UPDATE, so two
 * workers (or a job and its duplicate) can never both send the same message: the one whose UPDATE
 * matched holds it. A message stuck in `sending` (its worker was killed) can be claimed again
 * only by the same pg-boss job, which the queue retries once the job expires.
 */
import { and, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import { complaints, notificationOutbox, staffUsers } from '../../schema';
import type { MessageChannel, MessageTemplate } from '../../../src/domain/messages/message-templates';
import type { MessageState } from '../../../src/domain/messages/message-states';
import { rows } from '../shared/rows';

export interface ClaimedMessage {
  id: number;
  channel: MessageChannel;
  template: MessageTemplate;
  params: Record<string, string>;
  recipient: string;
  attempts: number;
}

/** One message handed to one pg-boss job. */
export interface MessageJob {
  messageId: number;
  jobId: string;
}

const parsed = (m: ClaimedMessage): ClaimedMessage => ({ ...m, params: typeof m.params === 'string' ? (JSON.parse(m.params) as Record<string, string>) : m.params });

/** `(values (1, 'job'), …) as j(id, job_id)`: the pairs a batch statement joins on. */
function jobPairs(pairs: readonly MessageJob[]): SQL {
  return sql`(values ${sql.join(
    pairs.map((p) => sql`(${p.messageId}::int, ${p.jobId}::text)`),
    sql`, `,
  )}) as j(id, job_id)`;
}

/**
 * Takes messages for one send each, in one statement: each one queued or failed, or already
 * `sending` under the same job (a retry after the worker died). Counts the attempt. A staff
 * e-mail's address is read afresh from the account, so an address added after a "no address"
 * failure is used. Answers only the messages that were ours to send; a message named twice (a
 * duplicate job from the relay) is claimed by one of its jobs.
 */
export async function claimMessages(db: Db, jobs: readonly MessageJob[]): Promise<(ClaimedMessage & { jobId: string })[]> {
  if (jobs.length === 0) return [];
  const claimed = await rows<ClaimedMessage & { jobId: string }>(
    db,
    sql`update notification_outbox o
        set state = 'sending', attempts = o.attempts + 1, job_id = j.job_id, updated_at = now(), next_attempt_at = null,
            recipient = case when o.staff_id is null then o.recipient
                             else coalesce((select s.email from staff_users s where s.id = o.staff_id), '') end
        from ${jobPairs(jobs)}
        where o.id = j.id and (o.state in ('queued', 'failed') or (o.state = 'sending' and o.job_id = j.job_id))
        returning o.id, o.channel, o.template, o.params, o.recipient, o.attempts, o.job_id as "jobId"`,
  );
  return claimed.map((m) => ({ ...parsed(m), jobId: m.jobId }));
}

/** The gateway accepted them. Only messages still held by the job that sent them change. */
export async function recordDelivered(db: Db, done: readonly (MessageJob & { providerId: string | null })[]): Promise<void> {
  if (done.length === 0) return;
  await db.execute(
    sql`update notification_outbox o
        set state = 'delivered', sent_at = now(), updated_at = now(), provider_id = j.provider_id, last_error = null, next_attempt_at = null
        from (values ${sql.join(
          done.map((d) => sql`(${d.messageId}::int, ${d.jobId}::text, ${d.providerId}::text)`),
          sql`, `,
        )}) as j(id, job_id, provider_id)
        where o.id = j.id and o.state = 'sending' and o.job_id = j.job_id`,
  );
}

/** They failed and the queue will try each again at about its `nextAttemptAt`. */
export async function recordFailed(db: Db, failed: readonly (MessageJob & { reason: string; nextAttemptAt: Date })[]): Promise<void> {
  if (failed.length === 0) return;
  await db.execute(
    sql`update notification_outbox o
        set state = 'failed', last_error = j.reason, next_attempt_at = j.next_at, updated_at = now()
        from (values ${sql.join(
          failed.map((f) => sql`(${f.messageId}::int, ${f.jobId}::text, ${f.reason}::text, ${f.nextAttemptAt.toISOString()}::timestamptz)`),
          sql`, `,
        )}) as j(id, job_id, reason, next_at)
        where o.id = j.id and o.state = 'sending' and o.job_id = j.job_id`,
  );
}

/** They will not be sent: each reason is kept. Never undoes a delivery. */
export async function recordDead(db: Db, dead: readonly { messageId: number; reason: string }[]): Promise<void> {
  if (dead.length === 0) return;
  await db.execute(
    sql`update notification_outbox o
        set state = 'dead', last_error = j.reason, next_attempt_at = null, updated_at = now()
        from (values ${sql.join(
          dead.map((d) => sql`(${d.messageId}::int, ${d.reason}::text)`),
          sql`, `,
        )}) as j(id, reason)
        where o.id = j.id and o.state in ('queued', 'sending', 'failed')`,
  );
}

/** An administrator's retry of a dead message: queued again, with a fresh job. Null when it was not dead. */
export async function requeueDead(db: Db, id: number): Promise<{ id: number; template: string } | null> {
  const [m] = await db
    .update(notificationOutbox)
    .set({ state: 'queued', jobId: null, nextAttemptAt: null, updatedAt: sql`now()` })
    .where(and(eq(notificationOutbox.id, id), eq(notificationOutbox.state, 'dead'), sql`${notificationOutbox.purgedAt} is null`))
    .returning({ id: notificationOutbox.id, template: notificationOutbox.template });
  return m ?? null;
}

/**
 * Queued messages that no job has taken `olderThanSeconds` after commit: the enqueue that follows
 * the commit never happened (the process died between, or the queue was down). Each is marked
 * relayed and answered once; one relayed before is answered again only after `relayAgainSeconds`
 * (its job was lost with a restored database, say). A message that is relayed while its first job
 * still waits gets two jobs; the claim lets only one of them send it.
 */
export async function takeUnrelayed(db: Db, olderThanSeconds: number, relayAgainSeconds: number, limit = 1000): Promise<number[]> {
  const taken = await rows<{ id: number }>(
    db,
    sql`update notification_outbox set relayed_at = now()
        where id in (
          select id from notification_outbox
          where state = 'queued' and job_id is null
            and created_at <= now() - make_interval(secs => ${olderThanSeconds})
            and (relayed_at is null or relayed_at < now() - make_interval(secs => ${relayAgainSeconds}))
          order by id
          limit ${limit}
          for update skip locked)
        returning id`,
  );
  return taken.map((r) => Number(r.id)).sort((x, y) => x - y);
}

/** Undoes takeUnrelayed for messages the queue could not take. */
export async function releaseRelayed(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length) await db.update(notificationOutbox).set({ relayedAt: null }).where(inArray(notificationOutbox.id, [...ids]));
}

/** Blanks the recipient and parameters of messages delivered more than `days` ago; state and dates stay. */
export async function purgeDelivered(db: Db, days: number): Promise<number> {
  const purged = await db
    .update(notificationOutbox)
    .set({ recipient: '', params: {}, purgedAt: sql`now()` })
    .where(
      and(
        eq(notificationOutbox.state, 'delivered'),
        sql`${notificationOutbox.purgedAt} is null`,
        lt(notificationOutbox.sentAt, sql`now() - make_interval(days => ${days})`),
      ),
    )
    .returning({ id: notificationOutbox.id });
  return purged.length;
}

export interface NewStaffEmail {
  complaintId: number | null;
  staffId: number;
  /** The account's address now, or null: then the message is recorded dead, reason "no address". */
  email: string | null;
  template: MessageTemplate;
  params: Record<string, string>;
}

/** Writes staff e-mails in the caller's transaction; answers the ids of those to deliver. */
export async function insertStaffEmails(tx: Db, messages: readonly NewStaffEmail[], noAddressReason: string): Promise<number[]> {
  if (messages.length === 0) return [];
  const inserted = await tx
    .insert(notificationOutbox)
    .values(
      messages.map((m) => ({
        complaintId: m.complaintId,
        staffId: m.staffId,
        channel: 'email',
        template: m.template,
        params: m.params,
        recipient: m.email ?? '',
        state: m.email ? 'queued' : 'dead',
        lastError: m.email ? null : noAddressReason,
      })),
    )
    .returning({ id: notificationOutbox.id, state: notificationOutbox.state });
  return inserted.filter((r) => r.state === 'queued').map((r) => r.id);
}

/** The receipt SMS of a complaint, for the case page: its state and when. */
export async function receiptOf(db: Db, trackingNumber: string) {
  const [m] = await db
    .select({
      id: notificationOutbox.id,
      state: notificationOutbox.state,
      attempts: notificationOutbox.attempts,
      lastError: notificationOutbox.lastError,
      createdAt: notificationOutbox.createdAt,
      updatedAt: notificationOutbox.updatedAt,
      sentAt: notificationOutbox.sentAt,
    })
    .from(notificationOutbox)
    .innerJoin(complaints, eq(complaints.id, notificationOutbox.complaintId))
    .where(and(eq(complaints.trackingNumber, trackingNumber), eq(notificationOutbox.template, 'receipt')))
    .orderBy(desc(notificationOutbox.id))
    .limit(1);
  return m ? { ...m, state: m.state as MessageState } : null;
}

export interface MessageListFilter {
  state?: MessageState | undefined;
  channel?: MessageChannel | undefined;
  template?: MessageTemplate | undefined;
  /** Created on or after this instant / before this one. */
  from?: Date | undefined;
  to?: Date | undefined;
}

function where(f: MessageListFilter): SQL | undefined {
  return and(
    f.state ? eq(notificationOutbox.state, f.state) : undefined,
    f.channel ? eq(notificationOutbox.channel, f.channel) : undefined,
    f.template ? eq(notificationOutbox.template, f.template) : undefined,
    f.from ? gte(notificationOutbox.createdAt, f.from) : undefined,
    f.to ? lt(notificationOutbox.createdAt, f.to) : undefined,
  );
}

/** A page of messages, newest first, with the total. Recipients unmasked: the caller masks them. */
export async function listMessages(db: Db, f: MessageListFilter, limit: number, offset: number) {
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: notificationOutbox.id,
        channel: notificationOutbox.channel,
        template: notificationOutbox.template,
        recipient: notificationOutbox.recipient,
        state: notificationOutbox.state,
        attempts: notificationOutbox.attempts,
        lastError: notificationOutbox.lastError,
        nextAttemptAt: notificationOutbox.nextAttemptAt,
        createdAt: notificationOutbox.createdAt,
        updatedAt: notificationOutbox.updatedAt,
        sentAt: notificationOutbox.sentAt,
        purgedAt: notificationOutbox.purgedAt,
        trackingNumber: complaints.trackingNumber,
        staffName: staffUsers.username,
      })
      .from(notificationOutbox)
      .leftJoin(complaints, eq(complaints.id, notificationOutbox.complaintId))
      .leftJoin(staffUsers, eq(staffUsers.id, notificationOutbox.staffId))
      .where(where(f))
      .orderBy(desc(notificationOutbox.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(notificationOutbox).where(where(f)),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Messages created in [from, to) that failed and wait for a retry, and those dead. */
export async function undeliveredCounts(db: Db, from: Date, to: Date): Promise<{ failed: number; dead: number }> {
  const found = await db
    .select({ state: notificationOutbox.state, n: count() })
    .from(notificationOutbox)
    .where(and(gte(notificationOutbox.createdAt, from), lt(notificationOutbox.createdAt, to), inArray(notificationOutbox.state, ['failed', 'dead'])))
    .groupBy(notificationOutbox.state);
  const of = (s: string) => Number(found.find((r) => r.state === s)?.n ?? 0);
  return { failed: of('failed'), dead: of('dead') };
}
