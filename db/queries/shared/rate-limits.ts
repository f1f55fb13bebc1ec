/**
 * Fixed-window rate limits kept in the database, so every server process counts together. Keys
 * arrive already hashed by the caller: no IP address or phone number is stored here.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { rows } from './rows';

export interface LimitResult {
  allowed: boolean;
  count: number;
  /** Seconds until the window ends. */
  retryAfter: number;
}

/** Counts one hit of `key` in the current window and says whether it is within `limit`. */
export async function hitRateLimit(db: Db, key: string, limit: number, windowSeconds: number, now = new Date()): Promise<LimitResult> {
  const windowMs = windowSeconds * 1000;
  const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await rows<{ count: number }>(
    db,
    sql`insert into rate_limits (key, window_start, count) values (${key}, ${start.toISOString()}::timestamptz, 1)
        on conflict (key, window_start) do update set count = rate_limits.count + 1
        returning count`,
  );
  const count = Number(row?.count ?? 1);
  return { allowed: count <= limit, count, retryAfter: Math.ceil((start.getTime() + windowMs - now.getTime()) / 1000) };
}

/** Drops windows that ended more than a day ago (called now and then, not on every request). */
export async function pruneRateLimits(db: Db, now = new Date()): Promise<void> {
  await db.execute(sql`delete from rate_limits where window_start < ${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz`);
}

/**
 * Takes back one hit of `key` in the window that holds `now`: a limit that counts failures (staff
 * sign-in) counts every attempt first, so parallel attempts cannot slip past it, and refunds the
 * ones that succeeded.
 */
export async function refundRateLimitHit(db: Db, key: string, windowSeconds: number, now = new Date()): Promise<void> {
  const windowMs = windowSeconds * 1000;
  const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  await db.execute(
    sql`update rate_limits set count = greatest(count - 1, 0) where key = ${key} and window_start = ${start.toISOString()}::timestamptz`,
  );
}
