/**
 * Delivering one message: the handler of the "message-deliver" job. It claims the message (so no
 * other job sends it), calls the transport with the portal's message id (Alibaba's OutId,
 * Tencent's SessionContext, the SMTP Message-ID: a retry after a lost answer is recognised by the
 * gateway), and records what happened:
 *
 * - delivered → `delivered` with the gateway's id;
 * - give_up (invalid number, template not approved, no address …) → `dead` with the reason;
 * - retry (throttled, timeout, gateway failure, an exception) → `failed`, and the job fails so
 *   pg-boss tries it again after its backoff; on the last allowed try → `dead` with the reason.
 *
 * A worker killed after the claim leaves the message `sending`; pg-boss expires the job after
 * MESSAGE_SEND_TIMEOUT_SECONDS and retries it, and the same job may claim it again.
 */
import type { Db } from '../../../db/client';
import { claimMessage, recordDead, recordDelivered, recordFailed, type ClaimedMessage } from '../../../db/queries/messages/messages';
import { NO_ADDRESS, nextAttemptDelaySeconds } from '../../domain/messages/message-states';
import { EMAIL_TEMPLATES, maskEmail, maskPhone, type EmailTemplate, type SmsTemplate } from '../../domain/messages/message-templates';
import { buildStaffEmail, type StaffEmailOptions } from '../../domain/messages/staff-emails';
import type { EmailTransport, SendOutcome, SmsTransport } from './transport';

export interface DeliveryDeps {
  db: Db;
  sms: SmsTransport;
  email: EmailTransport;
  emailOptions: StaffEmailOptions;
  retryDelaySeconds: number;
  retryDelayMaxSeconds: number;
}

/** What the queue tells the handler about the job in hand. */
export interface DeliveryJob {
  id: string;
  messageId: number;
  retryCount: number;
  retryLimit: number;
}

/** Thrown to make pg-boss retry the job; the message already records the reason. */
export class RetryLater extends Error {}

async function send(m: ClaimedMessage, deps: DeliveryDeps): Promise<SendOutcome> {
  const messageId = String(m.id);
  if (m.channel === 'sms') return deps.sms.send({ messageId, phone: m.recipient, template: m.template as SmsTemplate, params: m.params });
  if (!m.recipient) return { kind: 'give_up', reason: NO_ADDRESS };
  if (!(EMAIL_TEMPLATES as readonly string[]).includes(m.template)) return { kind: 'give_up', reason: `unknown e-mail template ${m.template}` };
  const built = buildStaffEmail(m.template as EmailTemplate, m.params, deps.emailOptions);
  if (!built.ok) return { kind: 'give_up', reason: built.reason };
  return deps.email.send({ messageId, to: m.recipient, template: m.template as EmailTemplate, ...built.email });
}

/** Delivers the job's message once; throws RetryLater when the queue should try again. */
export async function deliverMessage(job: DeliveryJob, deps: DeliveryDeps): Promise<void> {
  const m = await claimMessage(deps.db, job.messageId, job.id);
  // Delivered, dead, or held by another job (a duplicate from the relay): nothing to do.
  if (!m) return;
  let outcome: SendOutcome;
  try {
    outcome = await send(m, deps);
  } catch (e) {
    outcome = { kind: 'retry', reason: `transport error: ${e instanceof Error ? e.message : String(e)}` };
  }
  const to = m.channel === 'sms' ? maskPhone(m.recipient) : m.recipient ? maskEmail(m.recipient) : '';
  const log = (event: string, extra: Record<string, unknown> = {}) =>
    console.info(JSON.stringify({ event, messageId: m.id, channel: m.channel, template: m.template, to, attempt: m.attempts, ...extra }));
  if (outcome.kind === 'delivered') {
    await recordDelivered(deps.db, m.id, job.id, outcome.providerId ?? null);
    log('message.delivered');
    return;
  }
  if (outcome.kind === 'give_up') {
    await recordDead(deps.db, m.id, outcome.reason);
    log('message.dead', { reason: outcome.reason });
    return;
  }
  if (job.retryCount >= job.retryLimit) {
    const reason = `gave up after ${m.attempts} attempts: ${outcome.reason}`;
    await recordDead(deps.db, m.id, reason);
    log('message.dead', { reason });
    return;
  }
  const delay = nextAttemptDelaySeconds(deps.retryDelaySeconds, job.retryCount + 1, deps.retryDelayMaxSeconds);
  await recordFailed(deps.db, m.id, job.id, outcome.reason, new Date(Date.now() + delay * 1000));
  log('message.failed', { reason: outcome.reason });
  throw new RetryLater(outcome.reason);
}
