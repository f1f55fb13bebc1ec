/**
 * Staff accounts, sessions and the audit log against a real database (PGlite, and PostgreSQL with
 * TEST_DATABASE_URL): sessions are stored hashed and end when idle, at their absolute end, at
 * sign-out and when the account is disabled or gets a new password; failed sign-ins are slowed
 * per account and address and per address, and challenged per account, never locked after a
 * handful (more in sign-in-throttle.db.test.ts); every account action is audited, and the audit log cannot be
 * changed or emptied. Argon2 runs with the production costs (19 MiB, t=2).
 */
import type { AstroCookies } from 'astro';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, staffSessions, staffUsers } from '../../../db/schema';
import { seedReference } from '../../../db/seed/reference';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD, seedDemoStaff } from '../../../db/seed/staff';
import { sessionsOfUser, staffUserForSignIn } from '../../../db/queries/staff/staff';
import { parseStaffAccount } from '../../../src/domain/staff/staff-account';
import type { StaffActor } from '../../../src/domain/staff/staff-roles';
import { writeAudit } from '../../../src/server/staff/audit';
import { verifyPassword } from '../../../src/server/staff/passwords';
import { changeStaffPlacement, createStaffAccount, resetStaffPassword, setStaffDisabled } from '../../../src/server/staff/staff-accounts';
import {
  createSession,
  endSession,
  hashSessionToken,
  loadStaff,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  startSession,
  validateSessionToken,
} from '../../../src/server/staff/staff-session';
import { changeOwnPassword } from '../../../src/server/staff/staff-password-change';
import { SIGN_IN_LIMITS, signIn, type ChallengeAnswer } from '../../../src/server/staff/staff-sign-in';
import { solved } from '../../support/challenge';
import { forEachDriver, rows } from '../../support/db-harness';
import { ORIGIN } from '../../support/forms';

const SECRET = 'test-secret-that-is-long-enough-for-hmac-0123';
const PASSWORD = 'river stone lantern 7';
const MINUTE = 60_000;

/** Distinct hours, so each test's address limits count from zero. */
const windowAt = (n: number) => new Date(Date.UTC(2026, 5, 1, 0, 0, 0) + n * 3_600_000);

/** Enough of AstroCookies for the session functions: a cookie jar of one browser. */
function cookieJar(): AstroCookies & { jar: Map<string, string> } {
  const jar = new Map<string, string>();
  return {
    jar,
    get: (name: string) => (jar.has(name) ? { value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
    has: (name: string) => jar.has(name),
  } as unknown as AstroCookies & { jar: Map<string, string> };
}
const HTTP = new Request(`${ORIGIN}/staff/sign-in`);

forEachDriver('staff accounts, sessions and audit', (t) => {
  let admin: StaffActor;
  const made = new Map<string, number>();

  async function account(username: string, over: Record<string, string> = {}): Promise<number> {
    const parsed = parseStaffAccount({ username, displayName: username, role: 'handler', department: 'market', password: PASSWORD, ...over });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const result = await createStaffAccount(t.db, admin ?? null, parsed.value);
    if (result.kind !== 'done') throw new Error(result.kind);
    made.set(username, result.user.id);
    return result.user.id;
  }

  beforeAll(async () => {
    await seedReference(t.db);
    const id = await account('root-admin', { role: 'admin', department: '' });
    admin = { id, username: 'root-admin', displayName: 'root-admin', role: 'admin', department: null, street: null, isManager: false };
  });

  describe('sessions', () => {
    it('stores only the SHA-256 of the token, never the token', async () => {
      const userId = await account('session-hash');
      const { token, expiresAt } = await createSession(t.db, userId, windowAt(0));
      const stored = await rows<Record<string, unknown>>(t, sql`select * from staff_sessions where user_id = ${userId}`);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.token_hash).toBe(hashSessionToken(token));
      expect(JSON.stringify(stored)).not.toContain(token);
      expect(expiresAt.getTime() - windowAt(0).getTime()).toBe(12 * 3_600_000);
      expect(await validateSessionToken(t.db, token, windowAt(0))).toMatchObject({ id: userId, username: 'session-hash', role: 'handler', department: 'market' });
      expect(await validateSessionToken(t.db, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, windowAt(0))).toBeNull();
      expect(await validateSessionToken(t.db, 'not-a-token', windowAt(0))).toBeNull();
    });

    it('ends after 30 idle minutes; use within them keeps it alive, noted at most once a minute', async () => {
      const userId = await account('session-idle');
      const start = windowAt(1);
      const at = (ms: number) => new Date(start.getTime() + ms);
      const { token } = await createSession(t.db, userId, start);
      const lastSeen = async () => (await sessionsOfUser(t.db, userId))[0]?.lastSeenAt.getTime();

      expect(await validateSessionToken(t.db, token, at(30_000))).not.toBeNull();
      expect(await lastSeen()).toBe(start.getTime());
      expect(await validateSessionToken(t.db, token, at(29 * MINUTE))).not.toBeNull();
      expect(await lastSeen()).toBe(at(29 * MINUTE).getTime());
      expect(await validateSessionToken(t.db, token, at(29 * MINUTE + SESSION_IDLE_MS - 1))).not.toBeNull();
      const seen = at(29 * MINUTE + SESSION_IDLE_MS - 1).getTime();
      expect(await validateSessionToken(t.db, token, new Date(seen + SESSION_IDLE_MS))).toBeNull();
      expect(await sessionsOfUser(t.db, userId)).toEqual([]);
    });

    it('ends 12 hours after sign-in however active', async () => {
      const userId = await account('session-absolute');
      const start = windowAt(2);
      const { token } = await createSession(t.db, userId, start);
      let now = start.getTime();
      for (; now < start.getTime() + SESSION_ABSOLUTE_MS - 20 * MINUTE; now += 20 * MINUTE) {
        expect(await validateSessionToken(t.db, token, new Date(now)), new Date(now).toISOString()).not.toBeNull();
      }
      expect(await validateSessionToken(t.db, token, new Date(start.getTime() + SESSION_ABSOLUTE_MS))).toBeNull();
      expect(await sessionsOfUser(t.db, userId)).toEqual([]);
    });

    it('signing in makes a new session every time and ends the one the browser had', async () => {
      const userId = await account('session-new');
      const browser = cookieJar();
      await startSession(t.db, browser, HTTP, userId);
      const first = browser.jar.get('ptp_staff')!;
      expect(first).toBeTruthy();
      await startSession(t.db, browser, HTTP, userId);
      const second = browser.jar.get('ptp_staff')!;
      expect(second).not.toBe(first);
      expect((await sessionsOfUser(t.db, userId)).map((s) => s.tokenHash)).toEqual([hashSessionToken(second)]);
      expect(await loadStaff(t.db, browser, HTTP)).toMatchObject({ id: userId });
    });

    it('sign-out deletes the session row and the cookie', async () => {
      const userId = await account('session-out');
      const browser = cookieJar();
      await startSession(t.db, browser, HTTP, userId);
      const token = browser.jar.get('ptp_staff')!;
      await endSession(t.db, browser, HTTP);
      expect(browser.jar.has('ptp_staff')).toBe(false);
      expect(await sessionsOfUser(t.db, userId)).toEqual([]);
      expect(await validateSessionToken(t.db, token)).toBeNull();
    });

    it('a stale cookie is removed when it signs nobody in', async () => {
      const browser = cookieJar();
      browser.jar.set('ptp_staff', 'A'.repeat(43));
      expect(await loadStaff(t.db, browser, HTTP)).toBeNull();
      expect(browser.jar.has('ptp_staff')).toBe(false);
    });

    it('disabling an account ends all its sessions, and a disabled account cannot use one', async () => {
      const userId = await account('session-disabled');
      const a = await createSession(t.db, userId);
      await createSession(t.db, userId);
      expect(await sessionsOfUser(t.db, userId)).toHaveLength(2);
      expect(await setStaffDisabled(t.db, admin, userId, true)).toMatchObject({ kind: 'done', changed: true });
      expect(await sessionsOfUser(t.db, userId)).toEqual([]);
      expect(await validateSessionToken(t.db, a.token)).toBeNull();
      // Even a session row written past the disabling (a race) signs nobody in.
      const late = await createSession(t.db, userId);
      expect(await validateSessionToken(t.db, late.token)).toBeNull();
      expect(await setStaffDisabled(t.db, admin, userId, false)).toMatchObject({ kind: 'done', changed: true });
      const again = await createSession(t.db, userId);
      expect(await validateSessionToken(t.db, again.token)).toMatchObject({ id: userId });
    });

    it('a new password ends all sessions of the account', async () => {
      const userId = await account('session-reset');
      const { token } = await createSession(t.db, userId);
      await resetStaffPassword(t.db, admin, userId, 'a brand new sentence here');
      expect(await validateSessionToken(t.db, token)).toBeNull();
      const user = await staffUserForSignIn(t.db, 'session-reset');
      expect(await verifyPassword(user!.passwordHash, 'a brand new sentence here')).toBe(true);
      expect(await verifyPassword(user!.passwordHash, PASSWORD)).toBe(false);
    });
  });

  describe('changing one’s own password', () => {
    const actorFor = (id: number, username: string): StaffActor => ({ id, username, displayName: username, role: 'handler', department: 'market', street: null, isManager: false });
    const NEW = 'a new sentence by the creek';

    it('checks the current password, then sets the new one and ends every session of the account', async () => {
      const id = await account('self-change');
      const me = actorFor(id, 'self-change');
      const { token } = await createSession(t.db, id);
      const now = windowAt(30);
      expect(await changeOwnPassword(t.db, SECRET, me, { currentPassword: 'not my password', password: NEW, passwordConfirm: NEW }, now)).toMatchObject({
        kind: 'invalid',
        status: 401,
        errors: [{ field: 'currentPassword', message: '现在的密码不正确。' }],
      });
      expect(await validateSessionToken(t.db, token)).not.toBeNull();
      expect(await changeOwnPassword(t.db, SECRET, me, { currentPassword: PASSWORD, password: NEW, passwordConfirm: NEW }, now)).toEqual({ kind: 'changed' });
      expect(await validateSessionToken(t.db, token)).toBeNull();
      const user = await staffUserForSignIn(t.db, 'self-change');
      expect(await verifyPassword(user!.passwordHash, NEW)).toBe(true);
      const audit = await t.db.select({ action: auditLog.action, detail: auditLog.detail }).from(auditLog).where(eq(auditLog.objectId, String(id))).orderBy(auditLog.id);
      expect(audit.map((a) => a.action)).toEqual(['user.create', 'auth.password_change_failed', 'user.password_change']);
      expect(JSON.stringify(audit)).not.toContain(NEW);
      expect(JSON.stringify(audit)).not.toContain(PASSWORD);
    });

    it('counts a wrong current password as a failed sign-in: no faster way to guess', async () => {
      const id = await account('self-throttle');
      const me = actorFor(id, 'self-throttle');
      const now = windowAt(31);
      const change = (currentPassword: string, at = now) => changeOwnPassword(t.db, SECRET, me, { currentPassword, password: NEW, passwordConfirm: NEW }, at, '10.3.0.1');
      for (let i = 0; i < SIGN_IN_LIMITS.delay.free - 1; i++) expect(await change(`guess ${i} wrong`)).toMatchObject({ status: 401 });
      expect(await signIn(t.db, SECRET, { username: 'self-throttle', password: 'one more wrong guess', ip: '10.3.0.1', challenge: solved(SECRET) }, now)).toMatchObject({ kind: 'wrong', challengeNext: true });
      // The same address now waits a minute, on this form as at sign-in; the password is unchanged.
      expect(await change(PASSWORD)).toMatchObject({ kind: 'invalid', status: 429, retryAfter: 60 });
      expect(await signIn(t.db, SECRET, { username: 'self-throttle', password: PASSWORD, ip: '10.3.0.1' }, now)).toMatchObject({ kind: 'throttled', scope: 'account_address' });
      // Any address must now solve the challenge first.
      expect(await signIn(t.db, SECRET, { username: 'self-throttle', password: PASSWORD, ip: '10.3.0.2' }, now)).toEqual({ kind: 'challenge', captcha: 'missing' });
      const user = await staffUserForSignIn(t.db, 'self-throttle');
      expect(await verifyPassword(user!.passwordHash, PASSWORD)).toBe(true);
      expect(await change(PASSWORD, new Date(now.getTime() + MINUTE))).toEqual({ kind: 'changed' });
    });

    it('refuses a bad new password before asking the database anything', async () => {
      const id = await account('self-invalid');
      expect(await changeOwnPassword(t.db, SECRET, actorFor(id, 'self-invalid'), { currentPassword: PASSWORD, password: 'short', passwordConfirm: 'short' }, windowAt(32))).toMatchObject({
        kind: 'invalid',
        status: 400,
        errors: [{ field: 'password' }],
      });
    });
  });

  describe('sign-in', () => {
    it('answers a wrong password and an unknown name alike, and signs in with the right one', async () => {
      await account('signin-ok');
      const now = windowAt(10);
      expect(await signIn(t.db, SECRET, { username: 'signin-ok', password: 'not the password', ip: '10.0.0.1' }, now)).toEqual({ kind: 'wrong', challengeNext: false });
      expect(await signIn(t.db, SECRET, { username: 'nobody-here', password: 'not the password', ip: '10.0.0.1' }, now)).toEqual({ kind: 'wrong', challengeNext: false });
      expect(await signIn(t.db, SECRET, { username: 'signin-ok', password: PASSWORD, ip: '10.0.0.1' }, now)).toMatchObject({ kind: 'ok', actor: { username: 'signin-ok' } });
    });

    it('a disabled account is refused, and said to be disabled only with its right password', async () => {
      const id = await account('signin-disabled');
      await setStaffDisabled(t.db, admin, id, true);
      const now = windowAt(11);
      expect(await signIn(t.db, SECRET, { username: 'signin-disabled', password: 'wrong password here', ip: '10.0.0.2' }, now)).toMatchObject({ kind: 'wrong' });
      expect(await signIn(t.db, SECRET, { username: 'signin-disabled', password: PASSWORD, ip: '10.0.0.2' }, now)).toEqual({ kind: 'disabled' });
    });

    it('never locks an account for everybody after a handful of failures: the owner signs in with the challenge solved', async () => {
      await account('signin-throttle');
      const now = windowAt(12);
      const attempt = (password: string, ip: string, challenge?: ChallengeAnswer) => signIn(t.db, SECRET, { username: 'signin-throttle', password, ip, challenge }, now);
      for (let i = 0; i < 5; i++) expect(await attempt(`wrong ${i} password`, `10.1.0.${i}`, i >= SIGN_IN_LIMITS.challengeAfter ? solved(SECRET) : undefined)).toMatchObject({ kind: 'wrong' });
      expect(await attempt(PASSWORD, '10.1.1.1')).toEqual({ kind: 'challenge', captcha: 'missing' });
      expect(await attempt(PASSWORD, '10.1.1.1', solved(SECRET))).toMatchObject({ kind: 'ok' });
    });

    it('counts only failures: successful sign-ins do not use up the limit', async () => {
      await account('signin-refund');
      const now = windowAt(13);
      const attempt = (password: string) => signIn(t.db, SECRET, { username: 'signin-refund', password, ip: '10.2.0.1', challenge: solved(SECRET) }, now);
      for (let i = 0; i < 10; i++) expect(await attempt(PASSWORD)).toMatchObject({ kind: 'ok' });
      for (let i = 0; i < SIGN_IN_LIMITS.delay.free; i++) expect(await attempt('wrong password here')).toMatchObject({ kind: 'wrong' });
      expect(await attempt(PASSWORD)).toMatchObject({ kind: 'throttled', retryAfter: 60 });
    });

    it(`allows ${SIGN_IN_LIMITS.perAddress.limit} failures per address in 15 minutes, whatever the names`, async () => {
      await account('signin-address');
      const now = windowAt(14);
      for (let i = 0; i < SIGN_IN_LIMITS.perAddress.limit; i++) {
        expect(await signIn(t.db, SECRET, { username: `guess-${i}`, password: 'some password', ip: '10.3.0.1' }, now)).toMatchObject({ kind: 'wrong' });
      }
      expect(await signIn(t.db, SECRET, { username: 'signin-address', password: PASSWORD, ip: '10.3.0.1' }, now)).toMatchObject({ kind: 'throttled', scope: 'address' });
      // Another address is not held up.
      expect(await signIn(t.db, SECRET, { username: 'signin-address', password: PASSWORD, ip: '10.3.0.2' }, now)).toMatchObject({ kind: 'ok' });
    });

    it('stores neither the address nor the typed name in the rate limits', async () => {
      const keys = (await rows<{ key: string }>(t, sql`select key from rate_limits`)).map((r) => r.key).join(' ');
      expect(keys).not.toMatch(/10\.\d+\.\d+\.\d+|guess-|signin-/);
    });
  });

  describe('audit log', () => {
    it('records sign-ins without passwords, naming only accounts that exist', async () => {
      const entries = await t.db.select().from(auditLog).where(sql`${auditLog.action} like 'auth.%'`);
      const ok = entries.find((e) => e.action === 'auth.sign_in' && (e.detail as { username?: string }).username === undefined && e.actorName === 'signin-ok');
      expect(ok).toMatchObject({ objectType: 'staff_user', objectId: String(made.get('signin-ok')) });
      const failed = entries.filter((e) => e.action === 'auth.sign_in_failed');
      expect(failed.find((e) => e.objectId === String(made.get('signin-ok')))).toMatchObject({ actorName: 'system', actorId: null, detail: { username: 'signin-ok', reason: 'wrong_password' } });
      expect(failed.find((e) => (e.detail as { reason: string }).reason === 'unknown_user')).toMatchObject({ objectId: null, detail: { reason: 'unknown_user' } });
      expect(entries.filter((e) => e.action === 'auth.sign_in_throttled').length).toBeGreaterThanOrEqual(3);
      const all = JSON.stringify(await t.db.select().from(auditLog));
      expect(all).not.toContain(PASSWORD);
      expect(all).not.toContain('not the password');
      expect(all).not.toContain('nobody-here');
      expect(all).not.toContain('guess-');
    });

    it('records each account change with who made it', async () => {
      const id = await account('audited', { role: 'handler', department: 'fire' });
      await changeStaffPlacement(t.db, admin, id, { role: 'handler', department: 'fire', street: null, isManager: true });
      await changeStaffPlacement(t.db, admin, id, { role: 'handler', department: 'fire', street: null, isManager: true });
      await resetStaffPassword(t.db, admin, id, 'another long sentence');
      await setStaffDisabled(t.db, admin, id, true);
      await setStaffDisabled(t.db, admin, id, true);
      await setStaffDisabled(t.db, null, id, false);
      const entries = await t.db.select().from(auditLog).where(eq(auditLog.objectId, String(id))).orderBy(auditLog.id);
      expect(entries.map((e) => [e.action, e.actorName])).toEqual([
        ['user.create', 'root-admin'],
        ['user.role_change', 'root-admin'],
        ['user.password_reset', 'root-admin'],
        ['user.disable', 'root-admin'],
        ['user.enable', 'system'],
      ]);
      expect(entries[1]!.detail).toEqual({
        username: 'audited',
        before: { role: 'handler', department: 'fire', street: null, isManager: false },
        after: { role: 'handler', department: 'fire', street: null, isManager: true },
      });
      expect(JSON.stringify(entries)).not.toContain('another long sentence');
    });

    it('an administrator cannot disable their own account or change their own role', async () => {
      expect(await setStaffDisabled(t.db, admin, admin.id, true)).toMatchObject({ kind: 'invalid' });
      expect(await changeStaffPlacement(t.db, admin, admin.id, { role: 'handler', department: 'edu', street: null, isManager: false })).toMatchObject({ kind: 'invalid' });
      const [row] = await t.db.select().from(staffUsers).where(eq(staffUsers.id, admin.id));
      expect(row).toMatchObject({ role: 'admin', disabled: false });
    });

    it('a taken username is reported on the username field, and nothing is written', async () => {
      const before = (await t.db.select().from(auditLog)).length;
      const parsed = parseStaffAccount({ username: 'audited', displayName: 'x', role: 'admin', password: PASSWORD });
      if (!parsed.ok) throw new Error('expected a valid account');
      expect(await createStaffAccount(t.db, admin, parsed.value)).toEqual({ kind: 'invalid', errors: [{ field: 'username', message: '用户名“audited”已被使用，请换一个。' }] });
      expect((await t.db.select().from(auditLog)).length).toBe(before);
    });

    it('refuses UPDATE and DELETE, for the application as for anyone', async () => {
      await writeAudit(t.db, { actor: null, action: 'test.entry', objectType: 'test', objectId: 1, detail: { n: 1 } });
      // The database's own words (drizzle wraps them in "Failed query: ...").
      const refusal = (query: Promise<unknown>) =>
        query.then(
          () => 'allowed',
          (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
        );
      expect(await refusal(t.db.execute(sql`update audit_log set action = 'changed' where object_type = 'test'`))).toMatch(/audit_log is append-only: UPDATE refused/);
      expect(await refusal(t.db.execute(sql`delete from audit_log where object_type = 'test'`))).toMatch(/audit_log is append-only: DELETE refused/);
      expect(await refusal(t.db.delete(auditLog))).toMatch(/append-only/);
      const [row] = await t.db.select().from(auditLog).where(eq(auditLog.objectType, 'test'));
      expect(row).toMatchObject({ action: 'test.entry', actorName: 'system', actorId: null, objectId: '1', detail: { n: 1 } });
    });
  });

  describe('demo accounts', () => {
    it('writes one account per role with the demo password, once', async () => {
      expect(await seedDemoStaff(t.db)).toBe(DEMO_STAFF.length);
      expect(await seedDemoStaff(t.db)).toBe(0);
      const admin = await staffUserForSignIn(t.db, 'admin');
      expect(admin).toMatchObject({ role: 'admin', department: null, disabled: false });
      expect(await verifyPassword(admin!.passwordHash, DEMO_STAFF_PASSWORD)).toBe(true);
      expect(await staffUserForSignIn(t.db, 'grid-changshou')).toMatchObject({ role: 'grid', department: 'streets', street: 'changshou' });
      expect(await staffUserForSignIn(t.db, 'edu-handler')).toMatchObject({ role: 'handler', department: 'edu', isManager: true });
      const sessions = await t.db.select().from(staffSessions);
      expect(sessions.every((s) => /^[0-9a-f]{64}$/.test(s.tokenHash))).toBe(true);
    });
  });
});
