import { describe, expect, it } from 'vitest';
import { newRecordId, publicRecordId, SIGNATURE_LENGTH, verifyPublicRecordId } from '../../../src/server/verification/verification-id';

const SECRET = 'test-secret-that-is-long-enough-for-hmac-0123';
const CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The same string with the character at `at` replaced by another base64url character. */
const alter = (s: string, at: number) => s.slice(0, at) + CHARS[(CHARS.indexOf(s[at]!) + 1) % CHARS.length] + s.slice(at + 1);

describe('signed record ids', () => {
  it('makes random 16-byte ids that are never repeated', () => {
    const ids = new Set(Array.from({ length: 1000 }, newRecordId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('reads back the id of a public id it signed', () => {
    const id = newRecordId();
    const pub = publicRecordId(SECRET, id);
    expect(pub).toMatch(new RegExp(`^${id.replace(/[-]/g, '\\-')}\\.[A-Za-z0-9_-]{${SIGNATURE_LENGTH}}$`));
    expect(verifyPublicRecordId(SECRET, pub)).toBe(id);
  });

  it('rejects a public id with any one character changed', () => {
    const pub = publicRecordId(SECRET, newRecordId());
    for (let at = 0; at < pub.length; at++) {
      if (pub[at] === '.') continue;
      expect(verifyPublicRecordId(SECRET, alter(pub, at)), `character ${at} changed`).toBeNull();
    }
  });

  it('rejects a signature made with another secret, and malformed ids', () => {
    const id = newRecordId();
    expect(verifyPublicRecordId(SECRET, publicRecordId(`${SECRET}-other`, id))).toBeNull();
    for (const bad of ['', id, `${id}.`, `.${publicRecordId(SECRET, id).split('.')[1]}`, `${publicRecordId(SECRET, id)}.x`, `${id}x.${publicRecordId(SECRET, id).split('.')[1]}`]) {
      expect(verifyPublicRecordId(SECRET, bad), bad).toBeNull();
    }
  });
});
