/**
 * The rate-limit arithmetic (src/domain/shared/sliding-window.ts): a sliding window lets no double
 * burst through at a window boundary, as fixed windows did, and growing delays double.
 */
import { describe, expect, it } from 'vitest';
import { delayAfter, growingDelay, liveHits, slidingWindow, withHit, type LimitPolicy } from '../../../src/domain/shared/sliding-window';
import { accountThrottle, SIGN_IN_LIMITS, waitZh } from '../../../src/domain/staff/sign-in-limits';

const S = 1000;
const HOUR = 3600 * S;

/** Hits `policy` at each time in turn, logging the allowed ones as the database does. */
function run(policy: LimitPolicy, times: number[], log: number[] = []) {
  return times.map((at) => {
    const decision = policy.decide(log, at);
    if (decision.allowed) log.splice(0, log.length, ...withHit(log, at, policy));
    return decision;
  });
}

describe('sliding window', () => {
  it('allows the limit, then refuses with the wait until the oldest hit leaves', () => {
    const decisions = run(slidingWindow(3, 3600), [0, 10 * S, 20 * S, 30 * S]);
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions.map((d) => d.count)).toEqual([1, 2, 3, 3]);
    expect(decisions[3]!.retryAfter).toBe(3600 - 30);
  });

  it('lets no double burst through at a clock-hour boundary', () => {
    // Ten hits in the last second before 01:00, ten tried in the first second after: a fixed
    // window per clock hour allowed all twenty; the sliding window allows none of the second ten.
    const boundary = 1 * HOUR;
    const before = Array.from({ length: 10 }, (_, i) => boundary - S + i * 50);
    const after = Array.from({ length: 10 }, (_, i) => boundary + i * 50);
    const decisions = run(slidingWindow(10, 3600), [...before, ...after]);
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    expect(decisions.slice(10).every((d) => !d.allowed && d.retryAfter > 3590)).toBe(true);
  });

  it('never lets more than the limit through in any window-long span, however the hits are spread', () => {
    const policy = slidingWindow(5, 60);
    const times = Array.from({ length: 400 }, (_, i) => i * 1700 + ((i * 7919) % 1300));
    const log: number[] = [];
    const allowed = times.filter((at) => run(policy, [at], log)[0]!.allowed);
    for (const start of allowed) expect(allowed.filter((a) => a >= start && a < start + 60 * S).length).toBeLessThanOrEqual(5);
    expect(allowed.length).toBeGreaterThan(5);
  });

  it('allows again exactly when the retry time has passed', () => {
    const log: number[] = [];
    run(slidingWindow(2, 60), [0, 1 * S], log);
    const refused = slidingWindow(2, 60).decide(log, 2 * S);
    expect(refused).toMatchObject({ allowed: false, retryAfter: 58 });
    expect(slidingWindow(2, 60).decide(log, 2 * S + 58 * S).allowed).toBe(true);
  });

  it('keeps only the hits that can still matter', () => {
    expect(liveHits([1, 5, 2, 9], 10, 0.006)).toEqual([5, 9]);
    expect(withHit([1, 2, 3, 4], 5, { windowSeconds: 60, keep: 3 })).toEqual([3, 4, 5]);
  });
});

describe('growing delays', () => {
  const rule = { free: 3, baseSeconds: 60, maxSeconds: 3600, windowSeconds: 86_400 };

  it('costs nothing for the first failures, then doubles the wait up to the ceiling', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 20].map((n) => delayAfter(n, rule))).toEqual([0, 0, 0, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
  });

  it('refuses an attempt before the wait has passed since the last failure, and allows it after', () => {
    const policy = growingDelay(rule);
    const log: number[] = [];
    expect(run(policy, [0, S, 2 * S], log).every((d) => d.allowed)).toBe(true);
    expect(policy.decide(log, 3 * S)).toMatchObject({ allowed: false, retryAfter: 59 });
    expect(run(policy, [62 * S], log)[0]!.allowed).toBe(true);
    // The fourth failure: two minutes now.
    expect(policy.decide(log, 62 * S + 119 * S)).toMatchObject({ allowed: false, retryAfter: 1 });
    expect(policy.decide(log, 62 * S + 120 * S).allowed).toBe(true);
  });

  it('forgets failures older than its window', () => {
    const policy = growingDelay(rule);
    const log = [0, S, 2 * S, 3 * S, 4 * S, 5 * S];
    expect(policy.decide(log, 6 * S).allowed).toBe(false);
    expect(policy.decide(log, 86_400 * S + 6 * S).allowed).toBe(true);
  });
});

describe('staff sign-in limits', () => {
  it('asks for a challenge from the third failure on the account and locks only at 100 (NIST SP 800-63B)', () => {
    const now = 100 * HOUR;
    const failures = (n: number) => Array.from({ length: n }, (_, i) => now - HOUR + i * S);
    expect(accountThrottle(failures(2), now)).toMatchObject({ challenge: false, locked: false });
    expect(accountThrottle(failures(3), now)).toMatchObject({ challenge: true, locked: false });
    expect(accountThrottle(failures(99), now)).toMatchObject({ locked: false });
    const locked = accountThrottle(failures(SIGN_IN_LIMITS.lockAfter), now);
    expect(locked).toMatchObject({ challenge: true, locked: true, failures: 100 });
    expect(locked.lockedFor).toBe(23 * 3600);
    // A day later the failures have aged out.
    expect(accountThrottle(failures(100), now + 25 * HOUR)).toMatchObject({ failures: 0, locked: false, challenge: false });
  });

  it('says waits in minutes, long ones in hours', () => {
    expect([30, 60, 61, 3600, 5400, 23 * 3600].map(waitZh)).toEqual(['约1分钟', '约1分钟', '约2分钟', '约60分钟', '约2小时', '约23小时']);
  });
});
