/**
 * How failed staff sign-ins are slowed (src/server/staff/staff-sign-in.ts), after OWASP ASVS 5.0
 * V6.3 and NIST SP 800-63B 5.2.2: an attacker guessing at an account name must not be able to lock
 * its owner out. So no hard lock after a handful of failures; instead
 *
 * - per account *and* address, growing delays: 5 failures free, then 1 minute, doubling with each
 *   further failure up to an hour (failures remembered 24 hours; a success clears them). One
 *   address thus gets about 33 tries a day and can never reach the lock below on its own;
 * - per account, from any address: after 3 failures in 24 hours every attempt must carry a solved
 *   proof-of-work challenge (the arithmetic question without JavaScript), which the owner's
 *   browser solves in about a second (so someone who mistypes three times meets the challenge
 *   before any wait);
 * - per account, 100 failures in 24 hours lock it until they age out or an administrator clears
 *   them: 800-63B's ceiling on consecutive failures for one account;
 * - per address, whatever the names: 20 failures in any 15 minutes.
 *
 * A wrong current password on the change-password form counts like a failed sign-in.
 */
import { growingDelay, liveHits, slidingWindow, delayAfter, type GrowingDelayRule } from '../shared/sliding-window';

const MINUTE = 60;
const DAY = 24 * 60 * MINUTE;

const DELAY: GrowingDelayRule = { free: 5, baseSeconds: MINUTE, maxSeconds: 60 * MINUTE, windowSeconds: DAY };

export const SIGN_IN_LIMITS = {
  /** Failures from one address, whatever the names (attempts in flight count until they succeed). */
  perAddress: { limit: 20, windowSeconds: 15 * MINUTE },
  /** Growing delays per account and address. */
  delay: DELAY,
  /** Failures on an account from every address, remembered this long. */
  accountWindowSeconds: DAY,
  /** From this many failures on the account, a solved challenge is required. */
  challengeAfter: 3,
  /** From this many, the account is locked (NIST SP 800-63B: no more than 100). */
  lockAfter: 100,
} as const;

/** The same numbers as policies for db/queries/shared/rate-limits.ts. */
export const SIGN_IN_POLICIES = {
  perAddress: slidingWindow(SIGN_IN_LIMITS.perAddress.limit, SIGN_IN_LIMITS.perAddress.windowSeconds),
  accountAddress: growingDelay(DELAY),
} as const;

/** What the account-wide failures of the last 24 hours ask of the next attempt. */
export interface AccountThrottle {
  failures: number;
  challenge: boolean;
  locked: boolean;
  /** Seconds until the lock lifts by itself (the oldest counted failure ages out); 0 when not locked. */
  lockedFor: number;
}

export function accountThrottle(failures: readonly number[], now: number): AccountThrottle {
  const live = liveHits(failures, now, SIGN_IN_LIMITS.accountWindowSeconds);
  const { challengeAfter, lockAfter, accountWindowSeconds } = SIGN_IN_LIMITS;
  const locked = live.length >= lockAfter;
  const lockedFor = locked ? Math.max(1, Math.ceil((live[live.length - lockAfter]! + accountWindowSeconds * 1000 - now) / 1000)) : 0;
  return { failures: live.length, challenge: live.length >= challengeAfter, locked, lockedFor };
}

/** The wait at one address after `failures` failures there (0 while free). */
export const delayAtAddress = (failures: number): number => delayAfter(failures, DELAY);

/** A wait as the account pages say it: "约5分钟", "约3小时". */
export function waitZh(seconds: number): string {
  return seconds < 90 * 60 ? `约${Math.max(1, Math.ceil(seconds / 60))}分钟` : `约${Math.ceil(seconds / 3600)}小时`;
}
