/**
 * POST /staff/sign-out: ends this browser's session (the row is deleted, the cookie removed) and
 * goes to the sign-in page. POST only, from the layout's button: a link or an image on another
 * site cannot sign anyone out. Works with a dead session too (the middleware lets it through).
 */
import type { APIRoute } from 'astro';
import { SIGN_IN_PATH } from '../../domain/staff/staff-sign-in';
import { writeAudit } from '../../server/staff/audit';
import { setFlash } from '../../server/http/flash';
import { appSecret } from '../../server/shared/secret';
import { endSession, isHttpsRequest } from '../../server/staff/staff-session';

export const POST: APIRoute = async ({ locals, cookies, request, redirect }) => {
  const { db, staff } = locals;
  await endSession(db, cookies, request);
  if (staff) await writeAudit(db, { actor: staff, action: 'auth.sign_out', objectType: 'staff_user', objectId: staff.id });
  setFlash(cookies, await appSecret(db), isHttpsRequest(request), { kind: 'info', message: '您已退出登录。' });
  return redirect(SIGN_IN_PATH, 303);
};

/** Signing out changes state, so a plain visit (a link, a prefetch) does nothing. */
export const GET: APIRoute = () => new Response('请使用页面顶部的“退出登录”按钮退出。', { status: 405, headers: { Allow: 'POST', 'Content-Type': 'text/plain; charset=utf-8' } });
