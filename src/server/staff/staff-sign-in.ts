/**
 * Staff sign-in. Failed attempts are slowed, never turned into a lock an attacker can use against
 * the account's owner (src/domain/staff/sign-in-limits.ts: growing delays per account and address,
 * a proof-of-work challenge per account after a few failures, 20 failures per address, a lock only
 * at NIST's 100). The limits live in the database so every server process counts together
 * (rate-limits.ts; every key is an HMAC, so neither the address nor the typed name is stored). An
 * unknown name and a wrong password get the same sentence and take the same time (a dummy argon2
 * verification), and an unknown name is slowed and challenged exactly like a real one, so the form
 * does not tell which accounts exist. Each attempt is audited without the password, and a failed
 * one only names an account that exists: a name typed by mistake may be somebody's password.
 */
import type { AstroCookies } from 'astro';
import type { Db } from '../../../db/client';
import { clearRateLimits, hitRateLimit, rateLimitHits, recordRateLimitHit, refundRateLimitHit } from '../../../db/queries/shared/rate-limits';
import { actorFromUser, rehashStaffPassword, staffUserForSignIn } from '../../../db/queries/staff/staff';
import type { FieldError } from '../../domain/shared/form-fields';
import { accountThrottle, SIGN_IN_LIMITS, SIGN_IN_POLICIES } from '../../domain/staff/sign-in-limits';
import { parseSignInForm, STAFF_HOME } from '../../domain/staff/staff-sign-in';
import type { StaffActor } from '../../domain/staff/staff-roles';
import { t } from '../../i18n';
import { newArithmeticQuestion, verifyCaptcha, type ArithmeticQuestion, type CaptchaOutcome } from '../complaints/captcha';
import { writeAudit } from './audit';
import { clientIp } from '../http/client-ip';
import { readFormBody } from '../http/body';
import { dummyPasswordHash, hashPassword, needsRehash, verifyDummyPassword, verifyPassword } from './passwords';
import { appSecret, hmac } from '../shared/secret';
import { startSession } from './staff-session';

export { SIGN_IN_LIMITS };

export const WRONG_CREDENTIALS = '用户名或密码不正确。';
export const ACCOUNT_DISABLED = '此账号已停用。如需继续使用，请联系系统管理员。';
export const CHALLENGE_REQUIRED = '此账号近期登录失败次数较多，请先完成下面的安全验证，再输入密码登录。';

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

/** "请在约12分钟后再试": the wait, rounded up to whole minutes; `scope` says whose failures caused it. */
export function throttledMessage(retryAfterSeconds: number, scope: 'account_address' | 'address' = 'account_address'): string {
  const who = scope === 'address' ? '从您所在网络登录失败的次数过多' : '此账号从您所在网络登录失败的次数较多';
  return `${who}，请在约${minutes(retryAfterSeconds)}分钟后再试。忘记密码请联系系统管理员重设。`;
}

export function lockedMessage(retryAfterSeconds: number): string {
  return `此账号登录失败次数过多（24小时内${SIGN_IN_LIMITS.lockAfter}次），已暂时锁定。请联系系统管理员解除，或在约${Math.max(1, Math.ceil(retryAfterSeconds / 3600))}小时后再试。`;
}

/** The rate-limit keys of one account (and of one address on it): HMACs of the name and address. */
export function signInKeys(secret: string, username: string, ip?: string) {
  const account = `staff-sign-in:user:${hmac(secret, 'rate-user', username)}`;
  const address = ip === undefined ? '' : hmac(secret, 'rate-ip', ip);
  return { account, accountAddress: `${account}:ip:${address}`, address: `staff-sign-in:ip:${address}` };
}

/** Logs one failure on the account, from whichever form; the failures of the last 24 hours. */
export async function recordAccountFailure(db: Db, accountKey: string, now: Date): Promise<number> {
  return recordRateLimitHit(db, accountKey, { windowSeconds: SIGN_IN_LIMITS.accountWindowSeconds, keep: SIGN_IN_LIMITS.lockAfter }, now);
}

export type SignInOutcome =
  | { kind: 'ok'; actor: StaffActor }
  /** `challengeNext`: the account now asks for a solved challenge with the next attempt. */
  | { kind: 'wrong'; challengeNext: boolean }
  | { kind: 'disabled' }
  | { kind: 'throttled'; retryAfter: number; scope: 'account_address' | 'address' }
  | { kind: 'challenge'; captcha: Exclude<CaptchaOutcome, 'ok'> }
  | { kind: 'locked'; retryAfter: number };

/** The captcha fields as posted: the island's proof of work, or the arithmetic question and answer. */
export interface ChallengeAnswer {
  pow?: string | null;
  questionToken?: string | null;
  answer?: string | null;
}

export interface SignInAttempt {
  username: string;
  password: string;
  /** The client's address (clientIp); only its HMAC is used. */
  ip: string;
  challenge?: ChallengeAnswer;
}

/**
 * Checks a name and password under the limits and audits the attempt. The attempt is logged
 * against its address and its account-and-address before the password is checked, so a burst of
 * parallel guesses waits like a sequence of them; a successful one is taken back (and clears the
 * failures of that address on the account, as 800-63B suggests), so only failures add up.
 */
export async function signIn(db: Db, secret: string, attempt: SignInAttempt, now = new Date()): Promise<SignInOutcome> {
  await dummyPasswordHash();
  const keys = signInKeys(secret, attempt.username, attempt.ip);
  const user = await staffUserForSignIn(db, attempt.username);
  const about = { objectType: 'staff_user', objectId: user?.id ?? null };
  const named = user ? { username: user.username } : {};
  const throttledAudit = (reason: string) => writeAudit(db, { actor: null, action: 'auth.sign_in_throttled', ...about, detail: { ...named, reason } });

  const account = accountThrottle(await rateLimitHits(db, keys.account, SIGN_IN_LIMITS.accountWindowSeconds, now), now.getTime());
  if (account.locked) return { kind: 'locked', retryAfter: account.lockedFor };

  const byAddress = await hitRateLimit(db, keys.address, SIGN_IN_POLICIES.perAddress, now);
  if (!byAddress.allowed) return { kind: 'throttled', retryAfter: byAddress.retryAfter, scope: 'address' };
  const byPair = await hitRateLimit(db, keys.accountAddress, SIGN_IN_POLICIES.accountAddress, now);
  if (!byPair.allowed) {
    await refundRateLimitHit(db, keys.address, now);
    return { kind: 'throttled', retryAfter: byPair.retryAfter, scope: 'account_address' };
  }
  if (account.challenge) {
    const captcha = await verifyCaptcha(db, secret, attempt.challenge ?? {}, now);
    if (captcha !== 'ok') {
      // The address keeps this attempt (answers cannot be tried for free); the delay does not grow.
      await refundRateLimitHit(db, keys.accountAddress, now);
      return { kind: 'challenge', captcha };
    }
  }

  const matches = user ? await verifyPassword(user.passwordHash, attempt.password) : await verifyDummyPassword(attempt.password);
  const actor = user && matches ? actorFromUser(user) : null;
  if (!user || !matches || !actor) {
    // 'unusable': a role, department or street this version does not know (actorFromUser).
    const reason = !user ? 'unknown_user' : !matches ? 'wrong_password' : user.disabled ? 'disabled' : 'unusable';
    await writeAudit(db, { actor: null, action: 'auth.sign_in_failed', ...about, detail: { ...named, reason } });
    const failures = await recordAccountFailure(db, keys.account, now);
    // One entry when a limit starts to apply, not one per failure.
    if (failures === SIGN_IN_LIMITS.challengeAfter) await throttledAudit('challenge');
    if (failures === SIGN_IN_LIMITS.lockAfter) await throttledAudit('lock');
    if (byPair.count === SIGN_IN_LIMITS.delay.free) await throttledAudit('delay');
    if (byAddress.count === SIGN_IN_LIMITS.perAddress.limit) await throttledAudit('address');
    // The disabled account is named only to whoever knows its password.
    return reason === 'disabled' ? { kind: 'disabled' } : { kind: 'wrong', challengeNext: failures >= SIGN_IN_LIMITS.challengeAfter };
  }

  await refundRateLimitHit(db, keys.address, now);
  await clearRateLimits(db, keys.accountAddress);
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
  /** The challenge's arithmetic question (the island solves a proof of work instead), when the account asks for one. */
  challenge: ArithmeticQuestion | null;
}

export type SignInPostResult = { kind: 'redirect'; location: string } | { kind: 'form'; status: 400 | 401 | 403 | 413 | 429; view: SignInView; retryAfter?: number };

/** The captcha's form fields, as src/components/complaint/CaptchaField.astro and its island post them. */
const CHALLENGE_FIELDS = { pow: 'altcha', token: 'captchaToken', answer: 'captchaAnswer' } as const;

/** The challenge's messages, by outcome (the complaint form's wording). */
const CAPTCHA_MESSAGES = {
  missing: () => CHALLENGE_REQUIRED,
  wrong_answer: () => t('complaint.captcha.wrong'),
  expired: () => t('complaint.captcha.expired'),
  invalid: () => t('complaint.captcha.invalid'),
  replayed: () => t('complaint.captcha.replayed'),
} as const;

/** Handles POST /staff/sign-in: a new session and a redirect to `next`, or the form again. */
export async function handleSignInPost(ctx: SignInContext): Promise<SignInPostResult> {
  const body = await readFormBody(ctx.request, 8 * 1024);
  const raw = body.kind === 'ok' || body.kind === 'bad_text' ? body.values : {};
  const parsed = parseSignInForm(raw);
  const db = ctx.locals.db;
  const secret = await appSecret(db);
  // A challenge already shown is shown again with any error, so the next post can carry it.
  const shown = typeof raw[CHALLENGE_FIELDS.token] === 'string' || typeof raw[CHALLENGE_FIELDS.pow] === 'string';
  const view = (errors: SignInView['errors'], challenge = shown): SignInView => ({
    username: typeof raw.username === 'string' ? raw.username.trim().slice(0, 64) : '',
    next: parsed.ok ? parsed.value.next : STAFF_HOME,
    errors,
    challenge: challenge ? newArithmeticQuestion(secret) : null,
  });
  if (body.kind === 'too_large') return { kind: 'form', status: 413, view: view([{ message: '提交的内容过长。' }]) };
  if (body.kind === 'bad_text') return { kind: 'form', status: 400, view: view([{ field: body.field, message: body.message }]) };
  if (!parsed.ok) return { kind: 'form', status: 400, view: view(parsed.errors.map((e: FieldError) => ({ field: e.field, message: e.message }))) };

  const { username, password, next } = parsed.value;
  const field = (name: string) => (typeof raw[name] === 'string' ? raw[name] : null);
  const challenge = { pow: field(CHALLENGE_FIELDS.pow), questionToken: field(CHALLENGE_FIELDS.token), answer: field(CHALLENGE_FIELDS.answer) };
  const outcome = await signIn(db, secret, { username, password, ip: clientIp(ctx.request, ctx.clientAddress), challenge });
  switch (outcome.kind) {
    case 'ok':
      await startSession(db, ctx.cookies, ctx.request, outcome.actor.id);
      return { kind: 'redirect', location: next };
    case 'wrong':
      return { kind: 'form', status: 401, view: view([{ field: 'password', message: WRONG_CREDENTIALS }], outcome.challengeNext) };
    case 'disabled':
      return { kind: 'form', status: 403, view: view([{ message: ACCOUNT_DISABLED }]) };
    case 'challenge':
      return { kind: 'form', status: 401, view: view([{ field: CHALLENGE_FIELDS.answer, message: CAPTCHA_MESSAGES[outcome.captcha]() }], true) };
    case 'throttled':
      return { kind: 'form', status: 429, view: view([{ message: throttledMessage(outcome.retryAfter, outcome.scope) }]), retryAfter: outcome.retryAfter };
    case 'locked':
      return { kind: 'form', status: 429, view: view([{ message: lockedMessage(outcome.retryAfter) }], false), retryAfter: outcome.retryAfter };
  }
}
