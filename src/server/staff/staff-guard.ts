/**
 * Who may enter the staff area. The middleware (src/middleware.ts) signs the request in
 * from its cookie for every path under /staff and /api/staff and turns away anyone not signed in;
 * pages meant for some roles only call `requireRole`. A role that may not use a page gets 404, as
 * if the page did not exist, rather than 403, which would confirm that it does.
 */
import type { StaffActor, StaffRole } from '../../domain/staff/staff-roles';
import { SIGN_IN_PATH, SIGN_OUT_PATH } from '../../domain/staff/staff-sign-in';

/** Staff pages anyone may reach: signing in, and signing out (which must work with a dead session). */
export const OPEN_STAFF_PATHS: readonly string[] = [SIGN_IN_PATH, SIGN_OUT_PATH];

const under = (pathname: string, prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

/** 'page' for /staff/**, 'api' for /api/staff/**, null elsewhere. */
export function staffAreaOf(pathname: string): 'page' | 'api' | null {
  if (under(pathname, '/staff')) return 'page';
  if (under(pathname, '/api/staff')) return 'api';
  return null;
}

export function isOpenStaffPath(pathname: string): boolean {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return OPEN_STAFF_PATHS.includes(path);
}

/** The answer of /api/staff/* to a request nobody signed in made. */
export function unauthenticatedJson(): Response {
  return new Response(JSON.stringify({ error: 'unauthenticated', message: '请先登录工作人员专区。' }), {
    status: 401,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
}

/**
 * A bodiless 404: Astro answers it with the site's own 404 page (src/pages/404.astro), so a page
 * a role may not use looks exactly like a page that does not exist.
 */
export function notFound(): Response {
  return new Response(null, { status: 404 });
}

/**
 * The signed-in staff member if their role is one of `roles`, else a 404 response to return:
 *
 *   const staff = requireRole(Astro.locals, 'admin');
 *   if (staff instanceof Response) return staff;
 */
export function requireRole(locals: App.Locals, ...roles: StaffRole[]): StaffActor | Response {
  const staff = locals.staff;
  if (!staff || !roles.includes(staff.role)) return notFound();
  return staff;
}

/** Any signed-in staff member (the middleware already sent everyone else to sign in), or a 404. */
export function requireStaff(locals: App.Locals): StaffActor | Response {
  return locals.staff ?? notFound();
}
