/**
 * A one-time message across the redirect of post/redirect/get ("已停用账号 x"): a short-lived,
 * signed, HttpOnly cookie that the next page of the staff area reads once and removes. Signed, so
 * nobody can make the portal display a sentence of their own. Named like the session cookie:
 * `__Host-` and Secure over HTTPS.
 */
import type { AstroCookies } from 'astro';
import { hmac, safeEqual } from '../shared/secret';

const NAME_HTTPS = '__Host-ptp_flash';
const NAME_HTTP = 'ptp_flash';
const MAX_AGE = 120;

export type FlashKind = 'success' | 'info';

export interface Flash {
  kind: FlashKind;
  message: string;
}

const nameFor = (https: boolean) => (https ? NAME_HTTPS : NAME_HTTP);

export function setFlash(cookies: AstroCookies, secret: string, https: boolean, flash: Flash): void {
  const body = Buffer.from(JSON.stringify({ ...flash, exp: Date.now() + MAX_AGE * 1000 })).toString('base64url');
  cookies.set(nameFor(https), `${body}.${hmac(secret, 'flash', body)}`, { path: '/', httpOnly: true, sameSite: 'lax', secure: https, maxAge: MAX_AGE });
}

/** The message waiting for this page, if any; it is removed so it shows once. */
export function takeFlash(cookies: AstroCookies, secret: string, https: boolean): Flash | null {
  const raw = cookies.get(nameFor(https))?.value;
  if (!raw) return null;
  cookies.delete(nameFor(https), { path: '/', secure: https });
  const [body, sig] = raw.split('.');
  if (!body || !sig || !safeEqual(sig, hmac(secret, 'flash', body))) return null;
  try {
    const f = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Flash & { exp: number };
    if (!(f.exp > Date.now()) || typeof f.message !== 'string' || (f.kind !== 'success' && f.kind !== 'info')) return null;
    return { kind: f.kind, message: f.message };
  } catch {
    return null;
  }
}
