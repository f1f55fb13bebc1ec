/**
 * What an administrator sees of the sign-in limits (/staff/users and /staff/users/<id>) and the
 * one thing they may do about them: clear an account's failures, which lifts its lock, its
 * challenge and the delays of every address on it. The limits are stored under HMACs of the
 * account name (staff-sign-in.ts signInKeys), so they are found by computing each account's key;
 * the addresses stay unknown, only counted. Clearing is audited.
 */
import type { Db } from '../../../db/client';
import { clearRateLimits, rateLimitsStartingWith } from '../../../db/queries/shared/rate-limits';
import type { StaffUser } from '../../../db/queries/staff/staff';
import { liveHits } from '../../domain/shared/sliding-window';
import { accountThrottle, delayAtAddress, SIGN_IN_LIMITS, type AccountThrottle } from '../../domain/staff/sign-in-limits';
import type { StaffActor } from '../../domain/staff/staff-roles';
import { writeAudit } from './audit';
import { signInKeys } from './staff-sign-in';

export interface SignInThrottle extends AccountThrottle {
  /** Addresses that must wait before their next attempt on this account. */
  waitingAddresses: number;
  /** The longest of their waits, in seconds from now. */
  longestWait: number;
}

/** An account's limits now, from its logs (the account's own key and its `:ip:` keys). */
function throttleOf(logs: { key: string; hits: number[] }[], accountKey: string, now: number): SignInThrottle {
  const own = logs.find((l) => l.key === accountKey)?.hits ?? [];
  let waitingAddresses = 0;
  let longestWait = 0;
  for (const log of logs) {
    if (log.key === accountKey) continue;
    const live = liveHits(log.hits, now, SIGN_IN_LIMITS.delay.windowSeconds);
    const last = live.at(-1);
    const wait = last === undefined ? 0 : Math.ceil((last + delayAtAddress(live.length) * 1000 - now) / 1000);
    if (wait > 0) {
      waitingAddresses++;
      longestWait = Math.max(longestWait, wait);
    }
  }
  return { ...accountThrottle(own, now), waitingAddresses, longestWait };
}

/** Whether anything of the limits applies to the account at all. */
export const isThrottled = (t: SignInThrottle) => t.challenge || t.locked || t.waitingAddresses > 0;

/** One account's limits. */
export async function signInThrottleOf(db: Db, secret: string, username: string, now = new Date()): Promise<SignInThrottle> {
  const { account } = signInKeys(secret, username);
  return throttleOf(await rateLimitsStartingWith(db, account, now), account, now.getTime());
}

/** The accounts among `users` that are locked, challenged or made to wait, with their limits. */
export async function throttledAccounts(db: Db, secret: string, users: readonly StaffUser[], now = new Date()): Promise<{ user: StaffUser; throttle: SignInThrottle }[]> {
  const logs = await rateLimitsStartingWith(db, 'staff-sign-in:user:', now);
  const out: { user: StaffUser; throttle: SignInThrottle }[] = [];
  for (const user of users) {
    const { account } = signInKeys(secret, user.username);
    const mine = logs.filter((l) => l.key === account || l.key.startsWith(`${account}:`));
    if (mine.length === 0) continue;
    const throttle = throttleOf(mine, account, now.getTime());
    if (isThrottled(throttle)) out.push({ user, throttle });
  }
  return out;
}

/** Forgets every failure of the account (all addresses) and records who did it. */
export async function clearSignInThrottle(db: Db, secret: string, actor: StaffActor, user: StaffUser, now = new Date()): Promise<SignInThrottle> {
  const before = await signInThrottleOf(db, secret, user.username, now);
  await clearRateLimits(db, signInKeys(secret, user.username).account);
  await writeAudit(db, {
    actor,
    action: 'user.sign_in_unlock',
    objectType: 'staff_user',
    objectId: user.id,
    detail: { username: user.username, failures: before.failures, locked: before.locked, waitingAddresses: before.waitingAddresses },
  });
  return before;
}
