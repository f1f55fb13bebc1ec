/**
 * The administrator's message list (/staff/messages) on the server: one page of messages for a
 * filter, recipients masked to what the page may show, and the retry of a dead message (queued
 * again, audited in the same transaction, handed to the queue after commit). The page guards the
 * role (mayManageMessages); the middleware has checked the Origin of the POST.
 */
import type { AstroCookies } from 'astro';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { listMessages, requeueDead } from '../../../db/queries/messages/messages';
import { filterInstants, filterQuery, MESSAGES_PATH, type MessageFilter } from '../../domain/messages/message-filter';
import { MESSAGE_CHANNEL_LABELS, MESSAGE_STATE_LABELS, MESSAGE_STATE_TONES, mayRequeue, type MessageState } from '../../domain/messages/message-states';
import { maskEmail, maskPhone, TEMPLATES, type MessageChannel, type MessageTemplate } from '../../domain/messages/message-templates';
import type { StaffActor } from '../../domain/staff/staff-roles';
import { readFormBody } from '../http/body';
import { setFlash } from '../http/flash';
import { appSecret } from '../shared/secret';
import { writeAudit } from '../staff/audit';
import { isHttpsRequest } from '../staff/staff-session';
import { enqueueDeliveries } from './message-queue';

export const MESSAGE_PAGE_SIZE = 50;
/** The intent of the retry button. */
export const REQUEUE = 'requeue';

export interface MessageRow {
  id: number;
  createdAt: Date;
  channel: string;
  purpose: string;
  /** Masked: a phone to its last four digits, an address to its first letter and domain; '—' once purged or never known. */
  recipient: string;
  /** The staff account an e-mail is for. */
  staffName: string | null;
  state: MessageState;
  stateLabel: string;
  tone: (typeof MESSAGE_STATE_TONES)[MessageState];
  attempts: number;
  lastError: string | null;
  trackingNumber: string | null;
  canRequeue: boolean;
}

function maskRecipient(channel: string, recipient: string): string {
  if (!recipient) return '—';
  return channel === 'email' ? maskEmail(recipient) : maskPhone(recipient);
}

/** One page of messages for the filter, newest first, ready to show. */
export async function loadMessagePage(db: Db, filter: MessageFilter): Promise<{ rows: MessageRow[]; total: number; pages: number; page: number }> {
  const { from, to } = filterInstants(filter);
  const { items, total } = await listMessages(
    db,
    { state: filter.state, channel: filter.channel, template: filter.template, from, to },
    MESSAGE_PAGE_SIZE,
    (filter.page - 1) * MESSAGE_PAGE_SIZE,
  );
  const rows = items.map((m): MessageRow => {
    const state = m.state as MessageState;
    return {
      id: m.id,
      createdAt: m.createdAt,
      channel: MESSAGE_CHANNEL_LABELS[m.channel as MessageChannel] ?? m.channel,
      purpose: TEMPLATES[m.template as MessageTemplate]?.purpose ?? m.template,
      recipient: maskRecipient(m.channel, m.recipient),
      staffName: m.staffName,
      state,
      stateLabel: MESSAGE_STATE_LABELS[state] ?? m.state,
      tone: MESSAGE_STATE_TONES[state] ?? 'plain',
      attempts: m.attempts,
      lastError: m.lastError,
      trackingNumber: m.trackingNumber,
      canRequeue: mayRequeue(state) && m.purgedAt === null,
    };
  });
  const n = Number(total);
  return { rows, total: n, pages: Math.max(1, Math.ceil(n / MESSAGE_PAGE_SIZE)), page: filter.page };
}

/**
 * Queues a dead message again, with its audit entry in the same transaction; the queue gets the
 * job after commit. False when the message is not dead (already retried, delivered, or unknown).
 */
export async function requeueDeadMessage(db: Db, actor: StaffActor, id: number): Promise<boolean> {
  const done = await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const m = await requeueDead(tx, id);
    if (!m) return null;
    await writeAudit(tx, { actor, action: 'message.requeue', objectType: 'message', objectId: m.id, detail: { template: m.template } });
    return m;
  });
  if (!done) return false;
  enqueueDeliveries([done.id]);
  return true;
}

const requeueForm = z.object({ intent: z.literal(REQUEUE), id: z.coerce.number().int().min(1).max(2_147_483_647) });

export interface PostContext {
  request: Request;
  cookies: AstroCookies;
  locals: App.Locals;
}

/**
 * POST /staff/messages: the retry button. Always answers with a redirect back to the list the
 * button was on (post/redirect/get) and a one-time message saying what happened.
 */
export async function handleMessagesPost(ctx: PostContext, actor: StaffActor, back: Partial<MessageFilter> | null): Promise<{ location: string }> {
  const body = await readFormBody(ctx.request, 4 * 1024);
  const parsed = requeueForm.safeParse(body.kind === 'ok' ? body.values : {});
  let message: string;
  let kind: 'success' | 'info' = 'info';
  if (!parsed.success) message = '没有重新发送：请求不完整。';
  else if (await requeueDeadMessage(ctx.locals.db, actor, parsed.data.id)) {
    message = `已重新排队发送消息 ${parsed.data.id}。`;
    kind = 'success';
  } else message = `消息 ${parsed.data.id} 不是“已放弃”状态（可能已重新发送过），没有重新发送。`;
  setFlash(ctx.cookies, await appSecret(ctx.locals.db), isHttpsRequest(ctx.request), { kind, message });
  const q = back ? filterQuery(back) : '';
  return { location: q ? `${MESSAGES_PATH}?${q}` : MESSAGES_PATH };
}
