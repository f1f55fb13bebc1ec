/**
 * Public ids of verification records: `<id>.<signature>`. The id is 16 random bytes (base64url,
 * 22 characters), so records cannot be enumerated; the signature is the HMAC of the id under the
 * app secret, cut to 16 characters (96 bits), so an id that was altered or made up is recognised
 * before the database is asked, and the page can say the record cannot be verified as genuine.
 */
import { randomBytes } from 'node:crypto';
import { hmac, safeEqual } from '../shared/secret';

const PURPOSE = 'verification-record';
export const SIGNATURE_LENGTH = 16;
const ID = /^[A-Za-z0-9_-]{22}$/;

/** A fresh record id. */
export function newRecordId(): string {
  return randomBytes(16).toString('base64url');
}

export function recordSignature(secret: string, id: string): string {
  return hmac(secret, PURPOSE, id).slice(0, SIGNATURE_LENGTH);
}

/** The address form of a record id: `<id>.<signature>`. */
export function publicRecordId(secret: string, id: string): string {
  return `${id}.${recordSignature(secret, id)}`;
}

/** The record id inside a public id, or null when it is malformed or its signature does not match. */
export function verifyPublicRecordId(secret: string, publicId: string): string | null {
  const [id, signature, ...rest] = publicId.split('.');
  if (rest.length > 0 || !id || !signature || !ID.test(id) || signature.length !== SIGNATURE_LENGTH) return null;
  return safeEqual(signature, recordSignature(secret, id)) ? id : null;
}
