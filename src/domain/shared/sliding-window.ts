/**
 * The arithmetic of every rate limit, over a log of hit times (epoch milliseconds, oldest first):
 * no I/O and no clock, `now` is a parameter. db/queries/shared/rate-limits.ts keeps the logs and
 * applies a policy atomically.
 *
 * A sliding window counts the hits of the last `windowSeconds` seconds, whenever they fell: unlike
 * fixed windows (a count per clock hour), a limit of 10 an hour never lets 10 through just before
 * a boundary and 10 more just after it. Growing delays (exponential back-off) make each failure
 * after the first few double the wait before the next attempt, up to a ceiling (NIST SP 800-63B
 * 5.2.2 "increasing wait times"; OWASP ASVS 5.0 V6.3).
 */

export interface LimitDecision {
  allowed: boolean;
  /** Hits in the window, this one included when it was allowed. */
  count: number;
  /** Seconds until another hit would be allowed; 0 when this one was. */
  retryAfter: number;
}

/** How one key is limited: how far back its log matters, and what it allows now. */
export interface LimitPolicy {
  windowSeconds: number;
  /** The most hits worth keeping: older ones cannot change a decision. */
  keep: number;
  decide(hits: readonly number[], now: number): LimitDecision;
}

/** The hits still inside the window that ends at `now`, oldest first. */
export function liveHits(hits: readonly number[], now: number, windowSeconds: number): number[] {
  const since = now - windowSeconds * 1000;
  return hits.filter((h) => h > since && h <= now).sort((a, b) => a - b);
}

/** The log after one more hit at `now`: trimmed to the window and to the last `keep` hits. */
export function withHit(hits: readonly number[], now: number, policy: Pick<LimitPolicy, 'windowSeconds' | 'keep'>): number[] {
  return [...liveHits(hits, now, policy.windowSeconds), now].slice(-policy.keep);
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** At most `limit` hits in any `windowSeconds` seconds. */
export function slidingWindow(limit: number, windowSeconds: number): LimitPolicy {
  return {
    windowSeconds,
    keep: limit,
    decide(hits, now) {
      const live = liveHits(hits, now, windowSeconds);
      if (live.length < limit) return { allowed: true, count: live.length + 1, retryAfter: 0 };
      // The next hit fits once the oldest of the newest `limit` hits has left the window.
      const leaving = live[live.length - limit]!;
      return { allowed: false, count: live.length, retryAfter: seconds(leaving + windowSeconds * 1000 - now) };
    },
  };
}

export interface GrowingDelayRule {
  /** Failures in the window allowed without any wait. */
  free: number;
  /** The wait after the first failure beyond `free`; each further one doubles it. */
  baseSeconds: number;
  maxSeconds: number;
  /** How long a failure is remembered. */
  windowSeconds: number;
}

/** The wait owed after `failures` failures: 0 up to `free`, then base, 2×base, 4×base… up to max. */
export function delayAfter(failures: number, rule: GrowingDelayRule): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.maxSeconds, rule.baseSeconds * 2 ** Math.min(30, failures - rule.free));
}

/**
 * Growing delays: an attempt is allowed once the wait owed for the failures so far has passed
 * since the last one. The log holds failures (and the attempt in flight, which the caller takes
 * back if it succeeds), so parallel attempts see each other and wait too.
 */
export function growingDelay(rule: GrowingDelayRule): LimitPolicy {
  const keep = rule.free + Math.ceil(Math.log2(Math.max(1, rule.maxSeconds / rule.baseSeconds))) + 1;
  return {
    windowSeconds: rule.windowSeconds,
    keep,
    decide(hits, now) {
      const live = liveHits(hits, now, rule.windowSeconds);
      const last = live.at(-1);
      const readyAt = last === undefined ? now : last + delayAfter(live.length, rule) * 1000;
      if (readyAt <= now) return { allowed: true, count: live.length + 1, retryAfter: 0 };
      return { allowed: false, count: live.length, retryAfter: seconds(readyAt - now) };
    },
  };
}

/** Whether `count` hits in the window have reached `limit` (a ceiling read without a hit). */
export function reached(hits: readonly number[], now: number, windowSeconds: number, limit: number): boolean {
  return liveHits(hits, now, windowSeconds).length >= limit;
}
