/**
 * Staff sign-in under a guessing attack (src/server/staff/staff-sign-in.ts, rules in
 * src/domain/staff/sign-in-limits.ts): the attacker's address waits longer after each failure,
 * the account asks every address for a solved challenge instead of locking, so its owner signs in
 * from their own address; only NIST's 100 failures lock it, and an administrator sees that and
 * clears it (audited).
 */
import type { AstroCookies } from 'astro';
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { recordRateLimitHit } from '../../../db/queries/shared/rate-limits';
import { staffUserById } from '../../../db/queries/staff/staff';
import { auditLog } from '../../../db/schema';
import { seedReference } from '../../../db/seed/reference';
import { parseStaffAccount } from '../../../src/domain/staff/staff-account';
import type { StaffActor } from '../../../src/domain/staff/staff-roles';
import { appSecret, resetSecretCache } from '../../../src/server/shared/secret';
import { isThrottled, signInThrottleOf, throttledAccounts } from '../../../src/server/staff/sign-in-throttles';
import { createStaffAccount } from '../../../src/server/staff/staff-accounts';
import { handleSignInPost, SIGN_IN_LIMITS, signIn, signInKeys, type ChallengeAnswer } from '../../../src/server/staff/staff-sign-in';
import { CLEAR_SIGN_IN_LIMITS, handleUserPost } from '../../../src/server/staff/staff-users-form';
import { solved } from '../../support/challenge';
import { forEachDriver } from '../../support/db-harness';
import { formPost } from '../../support/forms';

const PASSWORD = 'river stone lantern 7';
const ATTACKER = '192.0.2.66';
const OWNER = '203.0.113.5';
/** Six hours ago: late enough that the administrator's clear (which reads the clock) still sees the lock, early enough that challenges have not expired. */
const T0 = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 6 * 3_600_000);
const after = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function cookieJar(): AstroCookies {
  const jar = new Map<string, string>();
  return {
    get: (name: string) => (jar.has(name) ? { value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
    has: (name: string) => jar.has(name),
  } as unknown as AstroCookies;
}

forEachDriver('staff sign-in under a guessing attack', (t) => {
  let secret = '';
  let admin: StaffActor;
  const ids = new Map<string, number>();

  async function account(username: string, over: Record<string, string> = {}): Promise<number> {
    const parsed = parseStaffAccount({ username, displayName: username, role: 'handler', department: 'market', password: PASSWORD, ...over });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const result = await createStaffAccount(t.db, null, parsed.value);
    if (result.kind !== 'done') throw new Error(result.kind);
    ids.set(username, result.user.id);
    return result.user.id;
  }

  beforeAll(async () => {
    resetSecretCache();
    await seedReference(t.db);
    secret = await appSecret(t.db);
    const id = await account('root-admin', { role: 'admin', department: '' });
    admin = { id, username: 'root-admin', displayName: 'root-admin', role: 'admin', department: null, street: null, isManager: false };
    await account('under-attack');
    await account('slow-guess');
    await account('locked-out');
  });

  const attempt = (username: string, password: string, ip: string, at: Date, challenge?: ChallengeAnswer) => signIn(t.db, secret, { username, password, ip, challenge }, at);

  it('a staff member signs in from their address, with the challenge solved, while their account name is under a guessing attack from another address', async () => {
    // The attacker guesses as fast as the limits let them, solving the challenge too.
    let at = 0;
    let failures = 0;
    while (at < 3600) {
      const outcome = await attempt('under-attack', `guess number ${at}`, ATTACKER, after(at), failures >= SIGN_IN_LIMITS.challengeAfter ? solved(secret) : undefined);
      if (outcome.kind === 'throttled') at += outcome.retryAfter;
      else {
        expect(outcome).toMatchObject({ kind: 'wrong' });
        failures++;
        at += 1;
      }
    }
    // An hour of guessing from one address: 5 free, then after waits of 1, 2, 4, 8 and 16 minutes.
    expect(failures).toBe(SIGN_IN_LIMITS.delay.free + 5);
    const now = after(3600);
    expect(await attempt('under-attack', PASSWORD, ATTACKER, now)).toMatchObject({ kind: 'throttled', scope: 'account_address' });

    // The owner, from their own address: asked for the challenge, not locked out.
    expect(await attempt('under-attack', PASSWORD, OWNER, now)).toEqual({ kind: 'challenge', captcha: 'missing' });
    expect(await attempt('under-attack', PASSWORD, OWNER, now, { questionToken: solved(secret).questionToken, answer: '99' })).toEqual({ kind: 'challenge', captcha: 'wrong_answer' });
    expect(await attempt('under-attack', PASSWORD, OWNER, now, solved(secret))).toMatchObject({ kind: 'ok', actor: { username: 'under-attack' } });
    // The attacker is still waiting.
    expect(await attempt('under-attack', PASSWORD, ATTACKER, now, solved(secret))).toMatchObject({ kind: 'throttled' });
  });

  it('the same through the sign-in form: the challenge appears after the third failure and signs in once answered', async () => {
    const post = (form: Record<string, string>, ip: string) =>
      handleSignInPost({ request: formPost('/staff/sign-in', { next: '/staff', ...form }), cookies: cookieJar(), clientAddress: ip, locals: { db: t.db } as App.Locals });
    // The form's own clock is now: the owner's earlier failures from the first test do not matter here.
    await account('form-owner');
    for (let i = 0; i < SIGN_IN_LIMITS.challengeAfter - 1; i++) {
      const r = await post({ username: 'form-owner', password: `wrong ${i} guess` }, ATTACKER);
      expect(r).toMatchObject({ kind: 'form', status: 401, view: { challenge: null } });
    }
    const third = await post({ username: 'form-owner', password: 'wrong 2 guess' }, ATTACKER);
    expect(third).toMatchObject({ kind: 'form', status: 401 });
    const question = third.kind === 'form' ? third.view.challenge : null;
    expect(question?.text).toMatch(/等于几/);

    const missing = await post({ username: 'form-owner', password: PASSWORD }, OWNER);
    expect(missing).toMatchObject({ kind: 'form', status: 401, view: { errors: [{ field: 'captchaAnswer', message: expect.stringMatching(/安全验证/) }] } });
    const answer = solved(secret);
    const ok = await post({ username: 'form-owner', password: PASSWORD, captchaToken: answer.questionToken, captchaAnswer: answer.answer }, OWNER);
    expect(ok).toEqual({ kind: 'redirect', location: '/staff' });
  });

  it('makes each further failure from one address double the wait, up to an hour', async () => {
    const waits: number[] = [];
    let at = 0;
    for (let failure = 0; failure < SIGN_IN_LIMITS.delay.free + 8; failure++) {
      const challenge = failure >= SIGN_IN_LIMITS.challengeAfter ? solved(secret) : undefined;
      const refused = await attempt('slow-guess', 'not it at all', ATTACKER, after(at), challenge);
      if (refused.kind === 'throttled') {
        waits.push(refused.retryAfter);
        at += refused.retryAfter;
        expect(await attempt('slow-guess', 'not it at all', ATTACKER, after(at - 1), solved(secret))).toMatchObject({ kind: 'throttled', retryAfter: 1 });
        expect(await attempt('slow-guess', 'not it at all', ATTACKER, after(at), solved(secret))).toMatchObject({ kind: 'wrong' });
      } else {
        expect(refused).toMatchObject({ kind: 'wrong' });
      }
    }
    expect(waits).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600]);
  });

  it('locks only at 100 failures in 24 hours, shows the lock to an administrator, who clears it (audited)', async () => {
    const userId = ids.get('locked-out')!;
    const { account: accountKey } = signInKeys(secret, 'locked-out');
    // 99 failures from many addresses over the day, then the hundredth.
    for (let i = 0; i < SIGN_IN_LIMITS.lockAfter - 1; i++) {
      await recordRateLimitHit(t.db, accountKey, { windowSeconds: SIGN_IN_LIMITS.accountWindowSeconds, keep: SIGN_IN_LIMITS.lockAfter }, after(i * 60));
    }
    const now = after(100 * 60);
    expect(await attempt('locked-out', 'one more guess', '198.51.100.1', now, solved(secret))).toMatchObject({ kind: 'wrong' });
    const locked = await attempt('locked-out', PASSWORD, OWNER, now, solved(secret));
    expect(locked).toMatchObject({ kind: 'locked' });
    expect((locked as { retryAfter: number }).retryAfter).toBeGreaterThan(22 * 3600);

    const user = await staffUserById(t.db, userId);
    const listed = await throttledAccounts(t.db, secret, [user!], now);
    expect(listed).toHaveLength(1);
    expect(listed[0]!.throttle).toMatchObject({ failures: 100, locked: true, challenge: true });

    const result = await handleUserPost(
      { request: formPost(`/staff/users/${userId}`, { intent: CLEAR_SIGN_IN_LIMITS }), cookies: cookieJar(), locals: { db: t.db } as App.Locals },
      admin,
      userId,
    );
    expect(result).toEqual({ kind: 'redirect', location: `/staff/users/${userId}` });
    expect(isThrottled(await signInThrottleOf(t.db, secret, 'locked-out'))).toBe(false);
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.sign_in_unlock'), eq(auditLog.objectId, String(userId))));
    expect(entry).toMatchObject({ actorName: 'root-admin', detail: { username: 'locked-out', failures: 100, locked: true } });
    // The owner signs in straight away: no lock, no challenge.
    expect(await attempt('locked-out', PASSWORD, OWNER, now)).toMatchObject({ kind: 'ok' });
  });
});
