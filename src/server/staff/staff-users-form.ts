/**
 * The administrator's account pages (/staff/users, /staff/users/<id>) on the server: each form
 * post is parsed (src/domain/staff/staff-account.ts), applied (staff-accounts.ts, audited) and answered
 * with a redirect and a one-time message (post/redirect/get), or with the page again showing what
 * went wrong. Passwords are never put back into a form.
 */
import type { AstroCookies } from 'astro';
import { parsePasswordReset, parseStaffAccount, parseStaffPlacement } from '../../domain/staff/staff-account';
import type { FieldError } from '../../domain/shared/form-fields';
import type { StaffActor } from '../../domain/staff/staff-roles';
import { setFlash } from '../http/flash';
import { readFormBody } from '../http/body';
import { appSecret } from '../shared/secret';
import { changeStaffPlacement, createStaffAccount, resetStaffPassword, setStaffDisabled, type AccountChange } from './staff-accounts';
import { clearSignInThrottle } from './sign-in-throttles';
import { isHttpsRequest } from './staff-session';
import { staffUserById } from '../../../db/queries/staff/staff';

export const USERS_PATH = '/staff/users';
/** The intent that clears an account's sign-in limits (sign-in-throttles.ts). */
export const CLEAR_SIGN_IN_LIMITS = 'clear_sign_in_limits';
export const userPath = (id: number) => `${USERS_PATH}/${id}`;

/** Form values that are shown again after an error: everything but the passwords. */
const KEPT = ['username', 'displayName', 'role', 'department', 'street', 'isManager'] as const;

export interface FormContext {
  request: Request;
  cookies: AstroCookies;
  locals: App.Locals;
}

export type UsersPostResult =
  | { kind: 'redirect'; location: string }
  | { kind: 'form'; status: 400 | 404 | 413; intent: string; errors: FieldError[]; values: Record<string, string> };

/** The posted values; `refused` when the input gate refused a field's text (values then cleaned). */
async function readForm(ctx: FormContext): Promise<{ values: Record<string, string>; refused?: FieldError } | null> {
  const body = await readFormBody(ctx.request, 16 * 1024);
  if (body.kind === 'too_large') return null;
  if (body.kind === 'bad_text') return { values: body.values, refused: { field: body.field, message: body.message } };
  return { values: body.kind === 'ok' ? body.values : {} };
}

function kept(raw: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of KEPT) if (typeof raw[k] === 'string') out[k] = raw[k];
  return out;
}

async function done(ctx: FormContext, location: string, message: string): Promise<UsersPostResult> {
  setFlash(ctx.cookies, await appSecret(ctx.locals.db), isHttpsRequest(ctx.request), { kind: 'success', message });
  return { kind: 'redirect', location };
}

const TOO_LARGE: UsersPostResult = { kind: 'form', status: 413, intent: '', errors: [{ field: 'form', message: '提交的内容过长。' }], values: {} };

/** POST /staff/users: creates an account. */
export async function handleCreatePost(ctx: FormContext, actor: StaffActor): Promise<UsersPostResult> {
  const form = await readForm(ctx);
  if (!form) return TOO_LARGE;
  const again = (errors: FieldError[]): UsersPostResult => ({ kind: 'form', status: 400, intent: 'create', errors, values: kept(form.values) });
  if (form.refused) return again([form.refused]);
  const parsed = parseStaffAccount(form.values, { confirm: true });
  if (!parsed.ok) return again(parsed.errors);
  const result = await createStaffAccount(ctx.locals.db, actor, parsed.value);
  if (result.kind !== 'done') return again(result.kind === 'invalid' ? result.errors : []);
  return done(ctx, userPath(result.user.id), `已创建账号“${result.user.username}”（${result.user.displayName}）。请把用户名和初始密码当面或通过内部渠道告诉本人。`);
}

/** POST /staff/users/<id>: `intent` is placement, password, disable, enable or clear_sign_in_limits. */
export async function handleUserPost(ctx: FormContext, actor: StaffActor, userId: number): Promise<UsersPostResult> {
  const form = await readForm(ctx);
  if (!form) return TOO_LARGE;
  const { db } = ctx.locals;
  const intent = form.values.intent ?? '';
  const user = await staffUserById(db, userId);
  if (!user) return { kind: 'form', status: 404, intent, errors: [], values: {} };
  const again = (errors: FieldError[]): UsersPostResult => ({ kind: 'form', status: 400, intent, errors, values: kept(form.values) });
  const answer = (result: AccountChange, message: string) =>
    result.kind === 'done' ? done(ctx, userPath(userId), message) : again(result.kind === 'invalid' ? result.errors : [{ field: 'form', message: '没有这个账号。' }]);
  if (form.refused) return again([form.refused]);

  switch (intent) {
    case 'placement': {
      const parsed = parseStaffPlacement(form.values);
      if (!parsed.ok) return again(parsed.errors);
      const result = await changeStaffPlacement(db, actor, userId, parsed.value);
      const changed = result.kind === 'done' && result.changed;
      return answer(result, changed ? `已修改账号“${user.username}”的角色和所属单位。` : `账号“${user.username}”的角色和所属单位没有变化。`);
    }
    case 'password': {
      const parsed = parsePasswordReset(form.values, user.username, { confirm: true });
      if (!parsed.ok) return again(parsed.errors);
      const result = await resetStaffPassword(db, actor, userId, parsed.value);
      return answer(result, `已重设账号“${user.username}”的密码，该账号已在所有设备上退出登录。请把新密码告诉本人。`);
    }
    case 'disable':
    case 'enable': {
      const result = await setStaffDisabled(db, actor, userId, intent === 'disable');
      return answer(result, intent === 'disable' ? `已停用账号“${user.username}”，该账号已在所有设备上退出登录。` : `已启用账号“${user.username}”。`);
    }
    case CLEAR_SIGN_IN_LIMITS: {
      const before = await clearSignInThrottle(db, await appSecret(db), actor, user);
      const what = before.locked ? '已解除锁定' : '已清除登录失败记录';
      return done(ctx, userPath(userId), `账号“${user.username}”${what}：本人可以直接登录，无须等待或安全验证。`);
    }
    default:
      return again([{ field: 'form', message: '无法识别要进行的操作，请使用页面上的按钮。' }]);
  }
}
