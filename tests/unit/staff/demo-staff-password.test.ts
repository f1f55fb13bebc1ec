/** The demo accounts' stored hash is the demo password's, at the portal's current argon2id costs. */
import { describe, expect, it } from 'vitest';
import { DEMO_STAFF_PASSWORD, DEMO_STAFF_PASSWORD_HASH } from '../../../db/seed/staff';
import { needsRehash, verifyPassword } from '../../../src/server/staff/passwords';

describe('demo staff password hash', () => {
  it('signs the demo accounts in with the password the README gives', async () => {
    expect(await verifyPassword(DEMO_STAFF_PASSWORD_HASH, DEMO_STAFF_PASSWORD)).toBe(true);
    expect(await verifyPassword(DEMO_STAFF_PASSWORD_HASH, `${DEMO_STAFF_PASSWORD}x`)).toBe(false);
  });

  it('is made with the costs sign-in expects, so it is not rehashed at the first sign-in', () => {
    expect(needsRehash(DEMO_STAFF_PASSWORD_HASH)).toBe(false);
  });
});
