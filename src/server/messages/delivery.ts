/**
 * Delivering messages: the handler of the "message-deliver" queue, which hands a worker up to
 * DELIVERY_BATCH jobs at a time (one message each). The batch costs the database three statements
 * whatever its size: one claim (so no other job sends them), then one record per outcome. The
 * sends in between run side by side, each with the portal's message id (Alibaba's OutId,
 * Tencent's SessionContext, the SMTP Message-ID: a retry after a lost answer is recognised by the
 * gateway). Per message:
 *
 * - delivered → `delivered` with the gateway's id;
 * - give_up (invalid number, template not approved, no address …) → `dead` with the reason;
 * - retry (throttled, timeout, gateway failure, an exception) → `failed`, and its job is failed so
 *   pg-boss tries it again after its backoff; on the last allowed try → `dead` with the reason.
 *
 * A worker killed after the claim leaves its messages `sending`; pg-boss expires the jobs after
 * MESSAGE_SEND_TIMEOUT_SECONDS and retries them, and the same job may claim its message again.
 */
import type { Db } from '../../../db/client';
import { claimMessages, recordDead, recordDelivered, recordFailed, type ClaimedMessage } from '../../../db/queries/messages/messages';
import { NO_ADDRESS, nextAttemptDelaySeconds } from '../../domain/messages/message-states';
import { EMAIL_TEMPLATES, maskEmail, maskPhone, type EmailTemplate, type SmsTemplate } from '../../domain/messages/message-templates';
import { buildStaffEmail, type StaffEmailOptions } from '../../domain/messages/staff-emails';
import { log } from '../shared/log.mjs';
import { metrics } from '../shared/metrics.mjs';
import type { EmailTransport, SendOutcome, SmsTransport } from './transport';

export interface DeliveryDeps {
  db: Db;
  sms: SmsTransport;
  email: EmailTransport;
  emailOptions: StaffEmailOptions;
  retryDelaySeconds: number;
  retryDelayMaxSeconds: number;
}

/** Jobs a worker takes at once: few enough that a slow gateway holds little, enough to batch the writes. */
export const DELIVERY_BATCH = 10;

/** What the queue tells the handler about a job in hand. */
export interface DeliveryJob {
  id: string;
  messageId: number;
  retryCount: number;
  retryLimit: number;
}

/** What becomes of each job: `failed` makes pg-boss try it again after its backoff. */
export interface JobDisposition {
  id: string;
  status: 'completed' | 'failed';
  output?: { reason: string };
}

async function send(m: ClaimedMessage, deps: DeliveryDeps): Promise<SendOutcome> {
  const messageId = String(m.id);
  if (m.channel === 'sms') return deps.sms.send({ messageId, phone: m.recipient, template: m.template as SmsTemplate, params: m.params });
  if (!m.recipient) return { kind: 'give_up', reason: NO_ADDRESS };
  if (!(EMAIL_TEMPLATES as readonly string[]).includes(m.template)) return { kind: 'give_up', reason: `unknown e-mail template ${m.template}` };
  const built = buildStaffEmail(m.template as EmailTemplate, m.params, deps.emailOptions);
  if (!built.ok) return { kind: 'give_up', reason: built.reason };
  return deps.email.send({ messageId, to: m.recipient, template: m.template as EmailTemplate, ...built.email });
}

async function trySend(m: ClaimedMessage, deps: DeliveryDeps): Promise<SendOutcome> {
  try {
    return await send(m, deps);
  } catch (e) {
    return { kind: 'retry', reason: `transport error: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function logOutcome(m: ClaimedMessage, event: string, extra: Record<string, unknown> = {}): void {
  const to = m.channel === 'sms' ? maskPhone(m.recipient) : m.recipient ? maskEmail(m.recipient) : '';
  metrics.messageOutcomes.inc({ channel: m.channel, outcome: event.slice('message.'.length) });
  // `to` is masked already (…5678, w***@…); the logger's redaction of `recipient` does not apply to it.
  log.info({ event, messageId: m.id, channel: m.channel, template: m.template, to, attempt: m.attempts, ...extra }, event);
}

/** Delivers each job's message once; answers which jobs pg-boss should try again. */
export async function deliverBatch(jobs: readonly DeliveryJob[], deps: DeliveryDeps): Promise<JobDisposition[]> {
  const claimed = await claimMessages(
    deps.db,
    jobs.map((j) => ({ messageId: j.messageId, jobId: j.id })),
  );
  const jobById = new Map(jobs.map((j) => [j.id, j]));
  const sent = await Promise.all(claimed.map(async (m) => ({ m, job: jobById.get(m.jobId)!, outcome: await trySend(m, deps) })));

  const delivered: Parameters<typeof recordDelivered>[1][number][] = [];
  const dead: { messageId: number; reason: string }[] = [];
  const failed: Parameters<typeof recordFailed>[1][number][] = [];
  const retry = new Map<string, string>();
  for (const { m, job, outcome } of sent) {
    if (outcome.kind === 'delivered') {
      delivered.push({ messageId: m.id, jobId: job.id, providerId: outcome.providerId ?? null });
      logOutcome(m, 'message.delivered');
    } else if (outcome.kind === 'give_up') {
      dead.push({ messageId: m.id, reason: outcome.reason });
      logOutcome(m, 'message.dead', { reason: outcome.reason });
    } else if (job.retryCount >= job.retryLimit) {
      const reason = `gave up after ${m.attempts} attempts: ${outcome.reason}`;
      dead.push({ messageId: m.id, reason });
      logOutcome(m, 'message.dead', { reason });
    } else {
      const delay = nextAttemptDelaySeconds(deps.retryDelaySeconds, job.retryCount + 1, deps.retryDelayMaxSeconds);
      failed.push({ messageId: m.id, jobId: job.id, reason: outcome.reason, nextAttemptAt: new Date(Date.now() + delay * 1000) });
      retry.set(job.id, outcome.reason);
      logOutcome(m, 'message.failed', { reason: outcome.reason });
    }
  }
  await recordDelivered(deps.db, delivered);
  await recordDead(deps.db, dead);
  await recordFailed(deps.db, failed);
  // A job whose message was not ours (delivered, dead, or held by a duplicate job) is simply done.
  return jobs.map((j) => {
    const reason = retry.get(j.id);
    return reason === undefined ? { id: j.id, status: 'completed' } : { id: j.id, status: 'failed', output: { reason } };
  });
}
