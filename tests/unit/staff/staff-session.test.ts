/**
 * The pure rules of staff sign-in: cookie name and flags by scheme (and by proxy only when it is
 * trusted), where sign-in may send the browser afterwards, which paths are guarded, the role guard
 * and the navigation each role gets. The database side is in tests/integration/staff/staff-auth.db.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { currentNavHref, STAFF_NAV } from '../../../src/domain/staff/staff-nav';
import type { StaffActor } from '../../../src/domain/staff/staff-roles';
import { parseSignInForm, safeNextPath, signInLocation } from '../../../src/domain/staff/staff-sign-in';
import { isOpenStaffPath, requireRole, staffAreaOf } from '../../../src/server/staff/staff-guard';
import { generateSessionToken, hashSessionToken, isHttpsRequest, sessionCookieName, sessionCookieOptions } from '../../../src/server/staff/staff-session';

const request = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

describe('session cookie', () => {
  it('is __Host-ptp_staff with Secure over HTTPS, ptp_staff without over HTTP', () => {
    expect(sessionCookieName(true)).toBe('__Host-ptp_staff');
    expect(sessionCookieName(false)).toBe('ptp_staff');
    // __Host- demands Secure, Path=/ and no Domain.
    expect(sessionCookieOptions(true)).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: true });
    expect(sessionCookieOptions(false)).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: false });
  });

  it.each([
    ['https://portal.example/staff', {}, false, true],
    ['http://127.0.0.1:4321/staff', {}, false, false],
    ['http://127.0.0.1:4321/staff', { 'x-forwarded-proto': 'https' }, false, false],
    ['http://127.0.0.1:4321/staff', { 'x-forwarded-proto': 'https' }, true, true],
    ['http://127.0.0.1:4321/staff', { 'x-forwarded-proto': 'HTTPS' }, true, true],
    ['http://127.0.0.1:4321/staff', { 'x-forwarded-proto': 'http' }, true, false],
    // The last value is the one the nearest (trusted) proxy set.
    ['http://127.0.0.1:4321/staff', { 'x-forwarded-proto': 'https, http' }, true, false],
    ['http://127.0.0.1:4321/staff', { 'x-forwarded-proto': 'http, https' }, true, true],
  ])('%s %j with trustProxy=%s is HTTPS: %s', (url, headers, trustProxy, https) => {
    expect(isHttpsRequest(request(url, headers), trustProxy)).toBe(https);
  });

  it('holds 32 random bytes, stored only as a SHA-256 hash', () => {
    const token = generateSessionToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(generateSessionToken()).not.toBe(token);
    expect(hashSessionToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSessionToken(token)).not.toContain(token);
  });
});

describe('where sign-in returns to', () => {
  it.each([
    ['/staff/users', '/staff/users'],
    ['/staff/cases/PT-2026-000123?tab=contact', '/staff/cases/PT-2026-000123?tab=contact'],
    ['/staff/users/../../institutions', '/institutions'],
    ['', '/staff'],
    [null, '/staff'],
    ['staff/users', '/staff'],
    ['//evil.example/staff', '/staff'],
    ['/\\evil.example', '/staff'],
    ['https://evil.example/', '/staff'],
    ['javascript:alert(1)', '/staff'],
    ['/staff\n/users', '/staff'],
    ['/staff/sign-in', '/staff'],
    ['/staff/sign-out', '/staff'],
    [`/staff/${'x'.repeat(600)}`, '/staff'],
  ])('%j -> %s', (raw, expected) => {
    expect(safeNextPath(raw)).toBe(expected);
  });

  it('the sign-in address carries the path, encoded', () => {
    expect(signInLocation('/staff/users?page=2')).toBe('/staff/sign-in?next=%2Fstaff%2Fusers%3Fpage%3D2');
    expect(signInLocation('//evil.example')).toBe('/staff/sign-in?next=%2Fstaff');
  });

  it('the sign-in form asks for both fields and lower-cases the username', () => {
    expect(parseSignInForm({ username: ' Edu-Handler ', password: 'x y', next: '/staff/users' })).toEqual({ ok: true, value: { username: 'edu-handler', password: 'x y', next: '/staff/users' } });
    expect(parseSignInForm({ username: '', password: '' })).toEqual({
      ok: false,
      errors: [
        { field: 'username', message: '请填写用户名。' },
        { field: 'password', message: '请填写密码。' },
      ],
    });
  });
});

describe('the staff area and its guard', () => {
  it.each([
    ['/staff', 'page'],
    ['/staff/', 'page'],
    ['/staff/users/3', 'page'],
    ['/api/staff', 'api'],
    ['/api/staff/cases', 'api'],
    ['/staffing', null],
    ['/api/staffing', null],
    ['/institutions', null],
  ])('%s is %s', (path, area) => {
    expect(staffAreaOf(path)).toBe(area);
  });

  it('only sign-in and sign-out are open', () => {
    expect(isOpenStaffPath('/staff/sign-in')).toBe(true);
    expect(isOpenStaffPath('/staff/sign-in/')).toBe(true);
    expect(isOpenStaffPath('/staff/sign-out')).toBe(true);
    expect(isOpenStaffPath('/staff')).toBe(false);
    expect(isOpenStaffPath('/staff/sign-in-help')).toBe(false);
  });

  const actor = (role: StaffActor['role']): StaffActor => ({ id: 1, username: 'u', displayName: 'U', role, department: null, street: null, isManager: false });

  it('requireRole answers the actor for its roles and a bodiless 404 (the site 404 page) otherwise', () => {
    expect(requireRole({ staff: actor('admin') } as App.Locals, 'admin')).toEqual(actor('admin'));
    expect(requireRole({ staff: actor('supervisor') } as App.Locals, 'admin', 'supervisor')).toEqual(actor('supervisor'));
    for (const locals of [{ staff: actor('handler') }, { staff: null }, {}]) {
      const answer = requireRole(locals as App.Locals, 'admin');
      expect(answer).toBeInstanceOf(Response);
      expect((answer as Response).status).toBe(404);
      expect((answer as Response).body).toBeNull();
    }
  });
});

describe('staff navigation', () => {
  it('gives each role its own links, and no other role those', () => {
    const hrefs = (role: StaffActor['role']) => STAFF_NAV[role].map((i) => i.href);
    for (const role of ['dispatcher', 'handler', 'coordinator', 'grid'] as const) expect(hrefs(role)[0]).toBe('/staff');
    const onlyFor = { '/staff/patrol': 'grid', '/staff/oversight': 'supervisor', '/staff/users': 'admin', '/staff/messages': 'admin' } as const;
    for (const [href, role] of Object.entries(onlyFor)) {
      for (const other of Object.keys(STAFF_NAV) as StaffActor['role'][]) expect(hrefs(other).includes(href), `${other} ${href}`).toBe(other === role);
    }
    expect(hrefs('supervisor')).not.toContain('/staff');
    expect(hrefs('admin')).not.toContain('/staff');
  });

  it.each([
    ['grid', '/staff', '/staff'],
    ['grid', '/staff/cases/PT-1', '/staff'],
    ['grid', '/staff/patrol', '/staff/patrol'],
    ['grid', '/staff/patrol/new/', '/staff/patrol'],
    ['admin', '/staff/users/7', '/staff/users'],
    ['admin', '/staff/usersx', null],
    ['supervisor', '/staff/oversight.csv', null],
  ] as const)('%s on %s marks %s', (role, path, current) => {
    expect(currentNavHref(STAFF_NAV[role], path)).toBe(current);
  });
});
