/**
 * Staff sign-in. Failed attempts are limited per account name and per client address,
 * in the database so every server process counts together (rate-limits.ts; both keys are HMACs,
 * so neither the address nor the typed name is stored). An unknown name and a wrong password get
 * the same sentence and take the same time (a dummy argon2 verification), so the form does not
 * tell which accounts exist. Each attempt is audited without the password, and a failed one only
 * names an account that exists: a name typed by mistake may be somebody's password.
 */
import type { AstroCookies } from 'astro';
import type { Db } from '../../../db/client';
import { hitRateLimit, refundRateLimitHit } from '../../../db/queries/shared/rate-limits';
import { actorFromUser, rehashStaffPassword, staffUserForSignIn } from '../../../db/queries/staff/staff';
import type { FieldError } from '../../domain/shared/form-fields';
import { parseSignInForm, STAFF_HOME } from '../../domain/staff/staff-sign-in';
import type { StaffActor } from '../../domain/staff/staff-roles';
import { writeAudit } from './audit';
import { clientIp } from '../http/client-ip';
import { readFormBody } from '../http/body';
import { dummyPasswordHash, hashPassword, needsRehash, verifyDummyPassword, verifyPassword } from './passwords';
import { appSecret, hmac } from '../shared/secret';
import { startSession } from './staff-session';

/** Failed attempts per window: 5 per account name, 20 per address (OWASP's "a handful"). */
export const SIGN_IN_LIMITS = { perAccount: 5, perAddress: 20, windowSeconds: 15 * 60 } as const;

export const WRONG_CREDENTIALS = '用户名或密码不正确。';
export const ACCOUNT_DISABLED = '此账号已停用。如需继续使用，请联系系统管理员。';

/** "请在约12分钟后再试": the wait, rounded up to whole minutes. */
export function throttledMessage(retryAfterSeconds: number): string {
  return `登录失败次数过多，已暂停登录。请在约${Math.max(1, Math.ceil(retryAfterSeconds / 60))}分钟后再试。`;
}

export type SignInOutcome =
  | { kind: 'ok'; actor: StaffActor }
  | { kind: 'wrong' }
  | { kind: 'disabled' }
  | { kind: 'throttled'; retryAfter: number };

export interface SignInAttempt {
  username: string;
  password: string;
  /** The client's address (clientIp); only its HMAC is used. */
  ip: string;
}

/**
 * Checks a name and password under the limits and audits the attempt. Every attempt counts against
 * both limits before the password is checked, so a burst of parallel guesses is cut off at the
 * limit too; a successful one is taken back, so only failures add up.
 */
export async function signIn(db: Db, secret: string, attempt: SignInAttempt, now = new Date()): Promise<SignInOutcome> {
  const { perAccount, perAddress, windowSeconds } = SIGN_IN_LIMITS;
  await dummyPasswordHash();
  const accountKey = `staff-sign-in:user:${hmac(secret, 'rate-user', attempt.username)}`;
  const addressKey = `staff-sign-in:ip:${hmac(secret, 'rate-ip', attempt.ip)}`;
  const byAccount = await hitRateLimit(db, accountKey, perAccount, windowSeconds, now);
  const byAddress = await hitRateLimit(db, addressKey, perAddress, windowSeconds, now);
  const user = await staffUserForSignIn(db, attempt.username);
  const about = { objectType: 'staff_user', objectId: user?.id ?? null };

  if (!byAccount.allowed || !byAddress.allowed) {
    const retryAfter = Math.max(byAccount.allowed ? 0 : byAccount.retryAfter, byAddress.allowed ? 0 : byAddress.retryAfter);
    // One entry when a limit is first reached in a window, not one per refused attempt.
    if (byAccount.count === perAccount + 1 || byAddress.count === perAddress + 1) {
      await writeAudit(db, { actor: null, action: 'auth.sign_in_throttled', ...about, detail: { ...(user ? { username: user.username } : {}), limit: byAccount.allowed ? 'address' : 'account' } });
    }
    return { kind: 'throttled', retryAfter };
  }

  const matches = user ? await verifyPassword(user.passwordHash, attempt.password) : await verifyDummyPassword(attempt.password);
  const actor = user && matches ? actorFromUser(user) : null;
  if (!user || !matches || !actor) {
    // 'unusable': a role, department or street this version does not know (actorFromUser).
    const reason = !user ? 'unknown_user' : !matches ? 'wrong_password' : user.disabled ? 'disabled' : 'unusable';
    await writeAudit(db, { actor: null, action: 'auth.sign_in_failed', ...about, detail: { ...(user ? { username: user.username } : {}), reason } });
    // The disabled account is named only to whoever knows its password.
    return reason === 'disabled' ? { kind: 'disabled' } : { kind: 'wrong' };
  }

  await refundRateLimitHit(db, accountKey, windowSeconds, now);
  await refundRateLimitHit(db, addressKey, windowSeconds, now);
  if (needsRehash(user.passwordHash)) await rehashStaffPassword(db, user.id, await hashPassword(attempt.password));
  await writeAudit(db, { actor, action: 'auth.sign_in', ...about });
  return { kind: 'ok', actor };
}

/** What the sign-in page needs from the request. */
export interface SignInContext {
  request: Request;
  cookies: AstroCookies;
  clientAddress: string;
  locals: App.Locals;
}

export interface SignInView {
  username: string;
  next: string;
  errors: { field?: string; message: string }[];
}

export type SignInPostResult = { kind: 'redirect'; location: string } | { kind: 'form'; status: 400 | 401 | 403 | 413 | 429; view: SignInView; retryAfter?: number };

/** Handles POST /staff/sign-in: a new session and a redirect to `next`, or the form again. */
export async function handleSignInPost(ctx: SignInContext): Promise<SignInPostResult> {
  const body = await readFormBody(ctx.request, 8 * 1024);
  const raw = body.kind === 'ok' ? body.values : {};
  const parsed = parseSignInForm(raw);
  const view = (errors: SignInView['errors']): SignInView => ({
    username: typeof raw.username === 'string' ? raw.username.trim().slice(0, 64) : '',
    next: parsed.ok ? parsed.value.next : STAFF_HOME,
    errors,
  });
  if (body.kind === 'too_large') return { kind: 'form', status: 413, view: view([{ message: '提交的内容过长。' }]) };
  if (!parsed.ok) return { kind: 'form', status: 400, view: view(parsed.errors.map((e: FieldError) => ({ field: e.field, message: e.message }))) };

  const db = ctx.locals.db;
  const { username, password, next } = parsed.value;
  const outcome = await signIn(db, await appSecret(db), { username, password, ip: clientIp(ctx.request, ctx.clientAddress) });
  switch (outcome.kind) {
    case 'ok':
      await startSession(db, ctx.cookies, ctx.request, outcome.actor.id);
      return { kind: 'redirect', location: next };
    case 'wrong':
      return { kind: 'form', status: 401, view: view([{ field: 'password', message: WRONG_CREDENTIALS }]) };
    case 'disabled':
      return { kind: 'form', status: 403, view: view([{ message: ACCOUNT_DISABLED }]) };
    case 'throttled':
      return { kind: 'form', status: 429, view: view([{ message: throttledMessage(outcome.retryAfter) }]), retryAfter: outcome.retryAfter };
  }
}
