/**
 * A message's delivery state, and what staff pages say about it. Pure.
 *
 *   queued ──► sending ──► delivered
 *                 │  ▲
 *                 ▼  │ (the queue tries again after a backoff)
 *               failed ──► dead (after MESSAGE_RETRY_LIMIT retries, or a permanent refusal)
 *
 * `sending` is written before the transport is called; a worker killed there leaves the message
 * `sending` until the queue's job expires and is tried again (the same job, so the same claim).
 * `dead` keeps its reason; an administrator may queue a dead message again (/staff/messages).
 */
export const MESSAGE_STATES = ['queued', 'sending', 'delivered', 'failed', 'dead'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

export const MESSAGE_STATE_LABELS: Record<MessageState, string> = {
  queued: '排队中',
  sending: '发送中',
  delivered: '已送达网关',
  failed: '发送失败，等待重试',
  dead: '已放弃',
};

/** The state as a tag on the staff list: good, waiting, or needing someone's attention. */
export const MESSAGE_STATE_TONES: Record<MessageState, 'good' | 'plain' | 'warn' | 'bad'> = {
  queued: 'plain',
  sending: 'plain',
  delivered: 'good',
  failed: 'warn',
  dead: 'bad',
};

/** Only a dead message may be queued again by an administrator: any other is still on its way or done. */
export function mayRequeue(state: MessageState): boolean {
  return state === 'dead';
}

export const MESSAGE_CHANNEL_LABELS = { sms: '短信', email: '邮件' } as const;

/** States from which a worker may take a message (plus `sending` by the job that claimed it). */
export const CLAIMABLE_STATES: readonly MessageState[] = ['queued', 'failed'];

/** The reason recorded when a staff account has no e-mail address to send to. */
export const NO_ADDRESS = 'no address';

/**
 * About when pg-boss tries a failed job again: its retryBackoff formula without the random part
 * (pg-boss adds up to the same again as jitter), capped at `maxSeconds`. For the staff list only.
 */
export function nextAttemptDelaySeconds(retryDelaySeconds: number, retryCount: number, maxSeconds: number): number {
  const exp = 2 ** Math.min(16, retryCount);
  return Math.min(maxSeconds, retryDelaySeconds * (exp / 2 + exp / 4));
}
