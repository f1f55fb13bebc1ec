// The digest's one-click unsubscribe token: made for one account and its current address under the
// application secret; any change to the id, the signature, the address or the secret refuses it.
import { describe, expect, it } from 'vitest';
import { readUnsubscribeToken, tokenMatches, unsubscribeToken, unsubscribeUrl } from '../../../src/server/messages/unsubscribe-token';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const EMAIL = 'wang.fang@putuo.example.cn';

describe('unsubscribe token', () => {
  const token = unsubscribeToken(SECRET, 42, EMAIL);

  it('names the account and nothing else: no address, no name', () => {
    expect(token).toMatch(/^42\.[A-Za-z0-9_-]{43}$/);
    expect(token).not.toContain('wang');
    expect(unsubscribeUrl('https://px.putuo.example.cn/', token)).toBe(`https://px.putuo.example.cn/email/unsubscribe/${token}`);
  });

  it('matches the account and address it was made for (the address compared case-insensitively)', () => {
    const read = readUnsubscribeToken(token)!;
    expect(read.staffId).toBe(42);
    expect(tokenMatches(SECRET, read, EMAIL)).toBe(true);
    expect(tokenMatches(SECRET, read, EMAIL.toUpperCase())).toBe(true);
  });

  it('stops matching when the address changed, the secret changed, or another account is named', () => {
    const read = readUnsubscribeToken(token)!;
    expect(tokenMatches(SECRET, read, 'li.ming@putuo.example.cn')).toBe(false);
    expect(tokenMatches(`${SECRET}x`, read, EMAIL)).toBe(false);
    const other = readUnsubscribeToken(token.replace(/^42\./, '43.'))!;
    expect(tokenMatches(SECRET, other, EMAIL)).toBe(false);
  });

  it('a tampered signature does not match', () => {
    const sig = token.split('.')[1]!;
    const flipped = `42.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    expect(tokenMatches(SECRET, readUnsubscribeToken(flipped)!, EMAIL)).toBe(false);
  });

  it('anything not shaped like a token is refused before the database is asked', () => {
    for (const bad of ['', '42', '42.', '0.' + 'A'.repeat(43), '42.' + 'A'.repeat(42), '42.' + 'A'.repeat(44), '-1.' + 'A'.repeat(43), '99999999999.' + 'A'.repeat(43), '42.' + '+'.repeat(43), undefined, 42]) {
      expect(readUnsubscribeToken(bad)).toBeNull();
    }
  });
});
