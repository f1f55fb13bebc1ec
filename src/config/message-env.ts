/**
 * The delivery queue's variables of env.ts (README, "Messages and the job queue"). All optional;
 * the defaults suit a district portal: a failed SMS is tried again after about 30 s, 1, 2, 4 …
 * minutes (pg-boss's exponential backoff with jitter), at most an hour apart, eight times.
 */
import { z } from 'zod';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const whole = (name: string, min: number, max: number, fallback: number) =>
  z.preprocess(
    blank,
    z.coerce
      .number({ error: `${name} must be a whole number from ${min} to ${max}` })
      .int(`${name} must be a whole number from ${min} to ${max}`)
      .min(min, `${name} must be a whole number from ${min} to ${max}`)
      .max(max, `${name} must be a whole number from ${min} to ${max}`)
      .default(fallback),
  );

export const MESSAGE_ENV = {
  /** `off` on web processes of deployments that run `npm run worker` separately. */
  WORKERS: z.preprocess(blank, z.enum(['on', 'off'], { error: 'WORKERS must be on or off' }).default('on')),
  /** Days after delivery that a message's recipient and parameters are blanked. */
  MESSAGE_RETENTION_DAYS: whole('MESSAGE_RETENTION_DAYS', 1, 3650, 180),
  /** Retries after the first attempt before a message is dead. */
  MESSAGE_RETRY_LIMIT: whole('MESSAGE_RETRY_LIMIT', 0, 50, 8),
  /** First retry delay in seconds; each later one about doubles (with jitter). */
  MESSAGE_RETRY_DELAY_SECONDS: whole('MESSAGE_RETRY_DELAY_SECONDS', 1, 86_400, 30),
  /** Longest delay between two attempts, in seconds. */
  MESSAGE_RETRY_DELAY_MAX_SECONDS: whole('MESSAGE_RETRY_DELAY_MAX_SECONDS', 1, 86_400, 3600),
  /** A send not finished in this many seconds (a killed worker) is given up and retried. */
  MESSAGE_SEND_TIMEOUT_SECONDS: whole('MESSAGE_SEND_TIMEOUT_SECONDS', 1, 3600, 60),
  /** Messages one process sends at once. */
  MESSAGE_WORKER_CONCURRENCY: whole('MESSAGE_WORKER_CONCURRENCY', 1, 64, 4),
};
