/**
 * Staff sessions, after lucia-auth's database sessions: a random 32-byte token in an
 * HttpOnly cookie, only its SHA-256 in staff_sessions, so a copy of the database signs nobody in.
 * A session ends after 30 idle minutes or 12 hours at most, at sign-out, and when its account is
 * disabled or given a new password; a disabled account's session is refused even if a row is left.
 *
 * The cookie is `__Host-ptp_staff` with Secure over HTTPS (the prefix makes the browser refuse it
 * from a subdomain or over HTTP), `ptp_staff` over plain HTTP (development, tests). Behind a
 * reverse proxy, the proxy's X-Forwarded-Proto counts only with TRUST_PROXY set, as for addresses
 * (client-ip.ts).
 */
import { randomBytes } from 'node:crypto';
import type { AstroCookies, AstroCookieSetOptions } from 'astro';
import type { Db } from '../../../db/client';
import { actorFromUser, deleteExpiredSessions, deleteSession, deleteUserSessions, insertSession, sessionWithUser, touchSession } from '../../../db/queries/staff/staff';
import type { StaffActor } from '../../domain/staff/staff-roles';
import { env } from '../../config/env';
import { sha256 } from '../shared/secret';

/** Idle timeout: a session unused this long has ended. */
export const SESSION_IDLE_MS = 30 * 60_000;
/** Absolute timeout: however active, a session ends this long after sign-in (a working day). */
export const SESSION_ABSOLUTE_MS = 12 * 3_600_000;
/** last_seen_at is written at most this often, so a page with many requests costs one update. */
export const SESSION_TOUCH_MS = 60_000;

export const SESSION_COOKIE_HTTPS = '__Host-ptp_staff';
export const SESSION_COOKIE_HTTP = 'ptp_staff';

/** 32 random bytes in base64url: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Whether the browser reached the portal over HTTPS: the request's own scheme, or with
 * `trustProxy` the last X-Forwarded-Proto value (the one the nearest proxy set).
 */
export function isHttpsRequest(request: Request, trustProxy: boolean = env().TRUST_PROXY): boolean {
  if (new URL(request.url).protocol === 'https:') return true;
  if (!trustProxy) return false;
  const hops = (request.headers.get('x-forwarded-proto') ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  return hops.at(-1) === 'https';
}

export function sessionCookieName(https: boolean): string {
  return https ? SESSION_COOKIE_HTTPS : SESSION_COOKIE_HTTP;
}

/**
 * No Max-Age: the cookie goes when the browser closes, and the server ends the session anyway.
 * `__Host-` requires Secure, Path=/ and no Domain, which is what HTTPS gets.
 */
export function sessionCookieOptions(https: boolean): AstroCookieSetOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: https };
}

export function hashSessionToken(token: string): string {
  return sha256(token);
}

export function generateSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Writes a new session for the account and returns its token (for the cookie, never stored). */
export async function createSession(db: Db, userId: number, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = generateSessionToken();
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  await insertSession(db, { tokenHash: hashSessionToken(token), userId, createdAt: now, lastSeenAt: now, expiresAt });
  return { token, expiresAt };
}

/**
 * The staff member a token signs in, or null. An ended session (idle, past its end, or of a
 * disabled account) is deleted on the way; a live one is marked as seen, at most once a minute.
 */
export async function validateSessionToken(db: Db, token: string, now = new Date()): Promise<StaffActor | null> {
  if (!TOKEN.test(token)) return null;
  const tokenHash = hashSessionToken(token);
  const found = await sessionWithUser(db, tokenHash);
  if (!found) return null;
  const { session, user } = found;
  const idleFor = now.getTime() - session.lastSeenAt.getTime();
  const actor = actorFromUser(user);
  if (session.expiresAt.getTime() <= now.getTime() || idleFor >= SESSION_IDLE_MS || !actor) {
    await deleteSession(db, tokenHash);
    return null;
  }
  if (idleFor >= SESSION_TOUCH_MS) await touchSession(db, tokenHash, now, new Date(now.getTime() - SESSION_TOUCH_MS));
  return actor;
}

/** The signed-in staff member of this request, or null; a dead cookie is removed. */
export async function loadStaff(db: Db, cookies: AstroCookies, request: Request, now = new Date()): Promise<StaffActor | null> {
  const https = isHttpsRequest(request);
  const token = cookies.get(sessionCookieName(https))?.value;
  if (!token) return null;
  const actor = await validateSessionToken(db, token, now);
  if (!actor) cookies.delete(sessionCookieName(https), { path: '/', secure: https });
  return actor;
}

/**
 * Signs the account in: a new session every time (never a token from before the sign-in, so a
 * token planted in the browser is worthless), the previous session of this browser ended, and
 * the new token set in the cookie. Ended sessions of everyone are cleared out now and then here.
 */
export async function startSession(db: Db, cookies: AstroCookies, request: Request, userId: number, now = new Date()): Promise<void> {
  const https = isHttpsRequest(request);
  const previous = cookies.get(sessionCookieName(https))?.value;
  if (previous && TOKEN.test(previous)) await deleteSession(db, hashSessionToken(previous));
  await deleteExpiredSessions(db, now, new Date(now.getTime() - SESSION_IDLE_MS));
  const { token } = await createSession(db, userId, now);
  cookies.set(sessionCookieName(https), token, sessionCookieOptions(https));
}

/** Signs this browser out: its session row is deleted and the cookie removed. */
export async function endSession(db: Db, cookies: AstroCookies, request: Request): Promise<void> {
  const https = isHttpsRequest(request);
  const token = cookies.get(sessionCookieName(https))?.value;
  if (token && TOKEN.test(token)) await deleteSession(db, hashSessionToken(token));
  cookies.delete(sessionCookieName(https), { path: '/', secure: https });
}

/** Ends every session of an account (it was disabled, or its password was reset). */
export function endAllSessions(db: Db, userId: number): Promise<number> {
  return deleteUserSessions(db, userId);
}
