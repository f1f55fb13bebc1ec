/**
 * The rate-limit logs (db/queries/shared/rate-limits.ts) against a real database: a hit is logged
 * only when its policy allows it, atomically when many arrive at once (as from several server
 * processes), hits can be taken back, and a log is forgotten once its window has passed.
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { clearRateLimits, hitRateLimit, pruneRateLimits, rateLimitHits, rateLimitsStartingWith, recordRateLimitHit, refundRateLimitHit } from '../../../db/queries/shared/rate-limits';
import { growingDelay, slidingWindow } from '../../../src/domain/shared/sliding-window';
import { forEachDriver, rows } from '../../support/db-harness';

const T0 = new Date('2026-06-15T00:59:59Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

forEachDriver('rate limits', (t) => {
  it('counts a sliding window: no second burst just after the clock hour turns', async () => {
    const policy = slidingWindow(10, 3600);
    const before = [];
    for (let i = 0; i < 10; i++) before.push(await hitRateLimit(t.db, 'test:boundary', policy, at(i / 10)));
    const after = [];
    for (let i = 0; i < 10; i++) after.push(await hitRateLimit(t.db, 'test:boundary', policy, at(2 + i / 10)));
    expect(before.every((d) => d.allowed)).toBe(true);
    expect(after.every((d) => !d.allowed)).toBe(true);
    expect(after[0]!.retryAfter).toBe(3598);
    expect((await hitRateLimit(t.db, 'test:boundary', policy, at(3600))).allowed).toBe(true);
  });

  it('lets exactly the limit through when many hits arrive at once', async () => {
    const policy = slidingWindow(7, 60);
    const decisions = await Promise.all(Array.from({ length: 25 }, () => hitRateLimit(t.db, 'test:parallel', policy, at(0))));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(7);
    expect(await rateLimitHits(t.db, 'test:parallel', 60, at(1))).toHaveLength(7);
  });

  it('makes parallel attempts wait under growing delays, as if they came one by one', async () => {
    const policy = growingDelay({ free: 2, baseSeconds: 60, maxSeconds: 3600, windowSeconds: 86_400 });
    const decisions = await Promise.all(Array.from({ length: 10 }, () => hitRateLimit(t.db, 'test:delay', policy, at(0))));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(2);
  });

  it('takes back one hit, records failures whatever the limit, and clears a key with its sub-keys', async () => {
    const policy = slidingWindow(2, 60);
    await hitRateLimit(t.db, 'test:refund', policy, at(0));
    await hitRateLimit(t.db, 'test:refund', policy, at(1));
    await refundRateLimitHit(t.db, 'test:refund', at(1));
    expect((await hitRateLimit(t.db, 'test:refund', policy, at(2))).allowed).toBe(true);
    for (let i = 0; i < 5; i++) await recordRateLimitHit(t.db, 'test:failures', { windowSeconds: 60, keep: 3 }, at(i));
    expect(await rateLimitHits(t.db, 'test:failures', 60, at(5))).toEqual([2, 3, 4].map((s) => at(s).getTime()));
    await recordRateLimitHit(t.db, 'test:failures:ip:a', { windowSeconds: 60, keep: 3 }, at(0));
    expect((await rateLimitsStartingWith(t.db, 'test:failures', at(5))).map((r) => r.key)).toEqual(['test:failures', 'test:failures:ip:a']);
    expect(await clearRateLimits(t.db, 'test:failures')).toBe(2);
    expect(await rateLimitHits(t.db, 'test:failures', 60, at(5))).toEqual([]);
  });

  it('forgets a log once its newest hit has left the window', async () => {
    await pruneRateLimits(t.db, at(86_400 * 2));
    const left = await rows<{ key: string }>(t, sql`select key from rate_limits`);
    expect(left).toEqual([]);
  });
});
