/**
 * Rate limits kept in the database, so every server process counts together: one row per key, a
 * log of hit times (src/domain/shared/sliding-window.ts decides on it). Every change is a
 * compare-and-set on the row's version, so two processes changing one key at once cannot both
 * win; the loser reads again and decides again. Keys arrive already hashed by the caller: no IP
 * address, phone number, tracking number or typed name is stored here.
 */
import { sql } from 'drizzle-orm';
import type { LimitDecision, LimitPolicy } from '../../../src/domain/shared/sliding-window';
import { liveHits, withHit } from '../../../src/domain/shared/sliding-window';
import type { Db } from '../../client';
import { rows } from './rows';

export type LimitResult = LimitDecision;

/** Compare-and-set attempts before a hit is refused as if over the limit (fails closed). */
const ATTEMPTS = 12;

interface Row {
  version: number;
  hits: number[];
}

async function readRow(db: Db, key: string): Promise<Row | null> {
  const [row] = await rows<{ version: number; hits: (number | string)[] | null }>(
    db,
    sql`select version, array(select extract(epoch from h.at)::float8 * 1000 from unnest(hits) with ordinality as h(at, i) order by h.i) as hits
        from rate_limits where key = ${key}`,
  );
  return row ? { version: Number(row.version), hits: (row.hits ?? []).map(Number) } : null;
}

const asTimestamps = (hits: readonly number[]) =>
  sql`array(select to_timestamp(v / 1000.0) from unnest(${`{${hits.join(',')}}`}::float8[]) with ordinality as u(v, i) order by u.i)::timestamptz[]`;

/**
 * Writes `hits` if the row is still at `seen` (absent: null); false when someone else came first.
 * `windowSeconds` null keeps the row's expiry (a hit taken back does not shorten it).
 */
async function write(db: Db, key: string, seen: Row | null, hits: readonly number[], windowSeconds: number | null, now: number): Promise<boolean> {
  const expiresAt = new Date(Math.max(now, ...hits) + (windowSeconds ?? 0) * 1000).toISOString();
  const expiry = windowSeconds === null ? sql`expires_at` : sql`${expiresAt}::timestamptz`;
  const written = seen
    ? await rows<{ key: string }>(
        db,
        sql`update rate_limits set hits = ${asTimestamps(hits)}, version = version + 1, expires_at = ${expiry}
            where key = ${key} and version = ${seen.version} returning key`,
      )
    : await rows<{ key: string }>(
        db,
        sql`insert into rate_limits (key, hits, version, expires_at) values (${key}, ${asTimestamps(hits)}, 1, ${expiresAt}::timestamptz)
            on conflict (key) do nothing returning key`,
      );
  return written.length === 1;
}

/**
 * Applies `change` to the log of `key` atomically: reads, computes, writes if nobody wrote in
 * between, else again. `change` returns the new log, or null to leave it as it is.
 */
async function update<T>(db: Db, key: string, windowSeconds: number | null, now: number, change: (hits: number[]) => { hits: number[] | null; result: T }): Promise<T | null> {
  for (let i = 0; i < ATTEMPTS; i++) {
    const row = await readRow(db, key);
    const { hits, result } = change(row?.hits ?? []);
    if (hits === null || (await write(db, key, row, hits, windowSeconds, now))) return result;
  }
  return null;
}

/**
 * One hit of `key` at `now` if `policy` allows it: the hit is logged only when allowed, so refused
 * attempts do not push the wait further. Under heavy contention on one key it refuses (1 second).
 */
export async function hitRateLimit(db: Db, key: string, policy: LimitPolicy, now = new Date()): Promise<LimitResult> {
  const at = now.getTime();
  const result = await update(db, key, policy.windowSeconds, at, (hits) => {
    const decision = policy.decide(hits, at);
    return { hits: decision.allowed ? withHit(hits, at, policy) : null, result: decision };
  });
  if (Math.random() < 0.01) await pruneRateLimits(db, now);
  return result ?? { allowed: false, count: 0, retryAfter: 1 };
}

/** Logs one hit of `key` at `now` whatever the policy says (a failure that has happened); the count in the window. */
export async function recordRateLimitHit(db: Db, key: string, policy: Pick<LimitPolicy, 'windowSeconds' | 'keep'>, now = new Date()): Promise<number> {
  const at = now.getTime();
  const count = await update(db, key, policy.windowSeconds, at, (hits) => {
    const next = withHit(hits, at, policy);
    return { hits: next, result: next.length };
  });
  return count ?? policy.keep;
}

/**
 * Takes back the hit logged at `at` (one of them): a limit that counts failures logs every
 * attempt first, so parallel attempts cannot slip past it, and takes back the ones that succeeded.
 */
export async function refundRateLimitHit(db: Db, key: string, at: Date): Promise<void> {
  const t = at.getTime();
  await update(db, key, null, t, (hits) => {
    const i = hits.lastIndexOf(t);
    return { hits: i < 0 ? null : hits.filter((_, j) => j !== i), result: null };
  });
}

/** The hits of `key` within the last `windowSeconds` before `now`, oldest first (epoch ms). */
export async function rateLimitHits(db: Db, key: string, windowSeconds: number, now = new Date()): Promise<number[]> {
  const row = await readRow(db, key);
  return row ? liveHits(row.hits, now.getTime(), windowSeconds) : [];
}

/** The logs of every key that starts with `prefix` (an account's limits, say), still unexpired. */
export async function rateLimitsStartingWith(db: Db, prefix: string, now = new Date()): Promise<{ key: string; hits: number[] }[]> {
  const found = await rows<{ key: string; hits: (number | string)[] }>(
    db,
    sql`select key, array(select extract(epoch from h.at)::float8 * 1000 from unnest(hits) with ordinality as h(at, i) order by h.i) as hits
        from rate_limits where starts_with(key, ${prefix}) and expires_at > ${now.toISOString()}::timestamptz order by key`,
  );
  return found.map((r) => ({ key: r.key, hits: r.hits.map(Number) }));
}

/** Forgets `key` and every key that starts with `key + ':'`; how many were forgotten. */
export async function clearRateLimits(db: Db, key: string): Promise<number> {
  const gone = await rows<{ key: string }>(db, sql`delete from rate_limits where key = ${key} or starts_with(key, ${`${key}:`}) returning key`);
  return gone.length;
}

/** Drops logs whose newest hit has left its window (now and then, not on every request). */
export async function pruneRateLimits(db: Db, now = new Date()): Promise<void> {
  await db.execute(sql`delete from rate_limits where expires_at < ${now.toISOString()}::timestamptz`);
}
