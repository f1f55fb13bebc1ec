/**
 * A signed-in person changes their own password (/staff/password). The current password is asked
 * for again, so a browser left signed in is not enough to take the account over; a wrong one
 * counts as a failed sign-in on the account (staff-sign-in.ts) and waits under the same growing
 * delays at its address, so this form is no faster way to guess. On success every session of the
 * account ends (updateStaffPassword) and this browser gets a new one; the change is audited, never
 * the passwords.
 */
import type { AstroCookies } from 'astro';
import type { Db } from '../../../db/client';
import { clearRateLimits, hitRateLimit, rateLimitHits } from '../../../db/queries/shared/rate-limits';
import { staffUserForSignIn, updateStaffPassword } from '../../../db/queries/staff/staff';
import { parsePasswordChange } from '../../domain/staff/staff-account';
import type { FieldError } from '../../domain/shared/form-fields';
import type { StaffActor } from '../../domain/staff/staff-roles';
import { writeAudit } from './audit';
import { setFlash } from '../http/flash';
import { readFormBody } from '../http/body';
import { clientIp } from '../http/client-ip';
import { hashPassword, verifyPassword } from './passwords';
import { appSecret } from '../shared/secret';
import { accountThrottle, SIGN_IN_POLICIES } from '../../domain/staff/sign-in-limits';
import { lockedMessage, recordAccountFailure, SIGN_IN_LIMITS, signInKeys, throttledMessage } from './staff-sign-in';
import { isHttpsRequest, startSession } from './staff-session';

export const PASSWORD_PATH = '/staff/password';

export type PasswordChangeOutcome = { kind: 'changed' } | { kind: 'invalid'; errors: FieldError[]; status: 400 | 401 | 429; retryAfter?: number };

/** Checks the current password under the sign-in limits, then sets the new one (ending every session). */
export async function changeOwnPassword(db: Db, secret: string, actor: StaffActor, input: unknown, now = new Date(), ip = ''): Promise<PasswordChangeOutcome> {
  const parsed = parsePasswordChange(input, actor.username);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors, status: 400 };
  // The sign-in's own keys: failures here and there add up.
  const keys = signInKeys(secret, actor.username, ip);
  const refused = (retryAfter: number, message: string): PasswordChangeOutcome => ({ kind: 'invalid', status: 429, retryAfter, errors: [{ field: 'currentPassword', message }] });
  const account = accountThrottle(await rateLimitHits(db, keys.account, SIGN_IN_LIMITS.accountWindowSeconds, now), now.getTime());
  if (account.locked) return refused(account.lockedFor, lockedMessage(account.lockedFor));
  const delay = await hitRateLimit(db, keys.accountAddress, SIGN_IN_POLICIES.accountAddress, now);
  if (!delay.allowed) return refused(delay.retryAfter, throttledMessage(delay.retryAfter));

  const user = await staffUserForSignIn(db, actor.username);
  if (!user || user.id !== actor.id || !(await verifyPassword(user.passwordHash, parsed.value.currentPassword))) {
    await writeAudit(db, { actor, action: 'auth.password_change_failed', objectType: 'staff_user', objectId: actor.id, detail: { username: actor.username } });
    await recordAccountFailure(db, keys.account, now);
    return { kind: 'invalid', status: 401, errors: [{ field: 'currentPassword', message: '现在的密码不正确。' }] };
  }
  await clearRateLimits(db, keys.accountAddress);
  const passwordHash = await hashPassword(parsed.value.password);
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await updateStaffPassword(tx, actor.id, passwordHash, now);
    await writeAudit(tx, { actor, action: 'user.password_change', objectType: 'staff_user', objectId: actor.id, detail: { username: actor.username } });
  });
  return { kind: 'changed' };
}

export type PasswordPostResult = { kind: 'redirect'; location: string } | { kind: 'form'; status: 400 | 401 | 413 | 429; errors: FieldError[]; retryAfter?: number };

/** POST /staff/password: the change, a new session for this browser and a message; or the form again. */
export async function handlePasswordPost(ctx: { request: Request; cookies: AstroCookies; locals: App.Locals; clientAddress: string }, actor: StaffActor): Promise<PasswordPostResult> {
  const body = await readFormBody(ctx.request, 8 * 1024);
  if (body.kind === 'too_large') return { kind: 'form', status: 413, errors: [{ field: 'form', message: '提交的内容过长。' }] };
  if (body.kind === 'bad_text') return { kind: 'form', status: 400, errors: [{ field: body.field, message: body.message }] };
  if (body.kind !== 'ok') return { kind: 'form', status: 400, errors: [{ field: 'form', message: '无法读取提交的表单，请重新填写。' }] };
  const { db } = ctx.locals;
  const secret = await appSecret(db);
  const outcome = await changeOwnPassword(db, secret, actor, body.values, new Date(), clientIp(ctx.request, ctx.clientAddress));
  if (outcome.kind === 'invalid') return { kind: 'form', status: outcome.status, errors: outcome.errors, retryAfter: outcome.retryAfter };
  await startSession(db, ctx.cookies, ctx.request, actor.id);
  setFlash(ctx.cookies, secret, isHttpsRequest(ctx.request), { kind: 'success', message: '密码已更改。您在其他设备上的登录已全部退出。' });
  return { kind: 'redirect', location: PASSWORD_PATH };
}
