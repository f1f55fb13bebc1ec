/**
 * Carries a receipt across the redirect after a complaint is filed (post/redirect/get) without
 * putting the tracking number or access code in a URL: a short-lived, signed, HttpOnly cookie
 * scoped to the receipt page. The access code is re-derived from the idempotency key inside it.
 */
import type { AstroCookies } from 'astro';
import { hmac, safeEqual } from '../shared/secret';

const NAME = 'complaint_receipt';
const PATH = '/complaints/receipt';
const MAX_AGE = 600;

export interface ReceiptRef {
  trackingNumber: string;
  idempotencyKey: string;
  replay: boolean;
}

export function setReceiptCookie(cookies: AstroCookies, secret: string, ref: ReceiptRef, secure: boolean): void {
  const body = Buffer.from(JSON.stringify({ ...ref, exp: Date.now() + MAX_AGE * 1000 })).toString('base64url');
  cookies.set(NAME, `${body}.${hmac(secret, 'receipt', body)}`, { path: PATH, httpOnly: true, sameSite: 'strict', secure, maxAge: MAX_AGE });
}

export function readReceiptCookie(cookies: AstroCookies, secret: string): ReceiptRef | null {
  const raw = cookies.get(NAME)?.value;
  if (!raw) return null;
  const [body, sig] = raw.split('.');
  if (!body || !sig || !safeEqual(sig, hmac(secret, 'receipt', body))) return null;
  try {
    const ref = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as ReceiptRef & { exp: number };
    return ref.exp > Date.now() ? ref : null;
  } catch {
    return null;
  }
}

export function clearReceiptCookie(cookies: AstroCookies): void {
  cookies.delete(NAME, { path: PATH });
}
