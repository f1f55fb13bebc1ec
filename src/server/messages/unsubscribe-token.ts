/**
 * The one-click unsubscribe link of a digest e-mail (RFC 8058): /email/unsubscribe/<token>, where
 * the token is the account's id and an HMAC of the id and the address the digest went to, under
 * the application secret. It lets whoever holds the e-mail do one thing: stop that account's
 * digest. It stops working when the address changes, and it reveals nothing (no address, no
 * name). RFC 8058 puts the token in the link because mail clients POST to it without cookies.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const UNSUBSCRIBE_PATH = '/email/unsubscribe/';

const PURPOSE = 'digest-unsubscribe';

function signature(secret: string, staffId: number, email: string): string {
  return createHmac('sha256', secret).update(`${PURPOSE}\u0000${staffId}:${email.toLowerCase()}`).digest('base64url');
}

export function unsubscribeToken(secret: string, staffId: number, email: string): string {
  return `${staffId}.${signature(secret, staffId, email)}`;
}

export function unsubscribeUrl(siteUrl: string, token: string): string {
  return new URL(`${UNSUBSCRIBE_PATH}${token}`, siteUrl).href;
}

/** The token's shape: an account id and a 43-character base64url signature (SHA-256). */
const tokenSchema = z
  .string()
  .regex(/^[1-9]\d{0,9}\.[A-Za-z0-9_-]{43}$/)
  .transform((t) => {
    const [id, sig] = t.split('.') as [string, string];
    return { staffId: Number(id), signature: sig };
  })
  .refine((t) => Number.isSafeInteger(t.staffId) && t.staffId <= 2_147_483_647);

/** The account a token names, or null for anything that is not a token's shape. */
export function readUnsubscribeToken(raw: unknown): { staffId: number; signature: string } | null {
  const parsed = tokenSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** True when the signature was made for this account and this address. */
export function tokenMatches(secret: string, token: { staffId: number; signature: string }, email: string): boolean {
  const expected = Buffer.from(signature(secret, token.staffId, email));
  const given = Buffer.from(token.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
