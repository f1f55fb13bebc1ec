/**
 * Throttling at public tracking (src/server/complaints/complaint-tracking.ts, rules in
 * src/domain/complaints/tracking-limits.ts) protects the complainant, not the guesser: wrong codes
 * slow the address that sends them, and the rightful filer, with the right number and code, is
 * answered from their own address while another address is being throttled on the same number,
 * even when the number is under attack from many addresses.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { seedReference } from '../../../db/seed/reference';
import { parseComplaintForm } from '../../../src/domain/complaints/complaint-form';
import { TRACKING_LIMITS } from '../../../src/domain/complaints/tracking-limits';
import { handleTrackingPost } from '../../../src/server/complaints/complaint-tracking';
import { submitComplaint } from '../../../src/server/complaints/complaint-intake';
import { appSecret, resetSecretCache } from '../../../src/server/shared/secret';
import { SEARCH_INSTITUTIONS } from '../../fixtures/search-cases';
import { forEachDriver } from '../../support/db-harness';
import { formPost } from '../../support/forms';
import { insertInstitutions } from '../../support/insert-fixtures';

const TODAY = '2026-06-15';
const T0 = new Date('2026-06-15T02:00:00Z');
const MINUTE = 60_000;
const ATTACKER = '198.51.100.66';
const FILER = '203.0.113.7';

forEachDriver('tracking throttles the guesser, not the filer', (t) => {
  const filed: { trackingNumber: string; accessCode: string }[] = [];
  let secret = '';

  beforeAll(async () => {
    resetSecretCache();
    await seedReference(t.db);
    await insertInstitutions(t.db, SEARCH_INSTITUTIONS);
    secret = await appSecret(t.db);
    for (let i = 0; i < 3; i++) {
      const parsed = parseComplaintForm(
        {
          creditCode: SEARCH_INSTITUTIONS[0]!.creditCode,
          category: 'fees_refund',
          description: '交了一年学费，机构拒绝按合同退还剩余课时费。',
          occurredOn: '2026-06-01',
          filerRole: 'parent',
          name: '王小明',
          phone: '13912345678',
          consentToContact: 'on',
          idempotencyKey: randomUUID(),
        },
        TODAY,
      );
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const outcome = await submitComplaint(parsed.value, { db: t.db, secret, today: TODAY, channel: 'web', ip: null, limitPhone: false });
      if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
      filed.push(outcome);
    }
  });

  const track = (number: string, code: string, ip: string, now: Date) => handleTrackingPost(t.db, formPost('/complaints/track', { number, code }), ip, TODAY, now);
  const wrongCode = (code: string) => (code.startsWith('A') ? `B${code.slice(1)}` : `A${code.slice(1)}`);

  it('the rightful filer tracks a case while another address is being throttled on the same number', async () => {
    const { trackingNumber, accessCode } = filed[0]!;
    const limit = TRACKING_LIMITS.perNumberAddress.keep;
    for (let i = 0; i < limit; i++) expect((await track(trackingNumber, wrongCode(accessCode), ATTACKER, new Date(T0.getTime() + i * 1000))).status).toBe(404);
    const now = new Date(T0.getTime() + 20_000);
    const refused = await track(trackingNumber, accessCode, ATTACKER, now);
    expect(refused.status).toBe(429);
    expect(refused.found).toBeNull();
    expect(refused.errors[0]!.message).toMatch(/分钟后再试/);

    const filer = await track(trackingNumber, accessCode, FILER, now);
    expect(filer.status).toBe(200);
    expect(filer.found?.trackingNumber).toBe(trackingNumber);
    // The attacker's failures on this number did not touch its other numbers either.
    expect((await track(filed[1]!.trackingNumber, filed[1]!.accessCode, ATTACKER, now)).status).toBe(200);
  });

  it('counts only failures: the filer may look as often as they like', async () => {
    const { trackingNumber, accessCode } = filed[1]!;
    for (let i = 0; i < 40; i++) expect((await track(trackingNumber, accessCode, FILER, new Date(T0.getTime() + i * 1000))).status).toBe(200);
  });

  it('slows an address guessing across numbers: 30 failures an hour, then 429 until the oldest ages out', async () => {
    const guesser = '198.51.100.99';
    const start = new Date(T0.getTime() + 2 * 3_600_000);
    for (let i = 0; i < TRACKING_LIMITS.perAddress.keep; i++) {
      expect((await track(`PT-2026-${String(500 + i).padStart(6, '0')}`, 'ABCDEFGHJK', guesser, new Date(start.getTime() + i * MINUTE))).status).toBe(404);
    }
    expect((await track(filed[2]!.trackingNumber, filed[2]!.accessCode, guesser, new Date(start.getTime() + 30 * MINUTE))).status).toBe(429);
    // One hour after its first failure, the oldest has left the window: one more check is allowed.
    expect((await track(filed[2]!.trackingNumber, filed[2]!.accessCode, guesser, new Date(start.getTime() + 60 * MINUTE + 1000))).status).toBe(200);
  });

  it('a number under attack from many addresses gives each stranger fewer guesses, and still opens for the right code', async () => {
    const { trackingNumber, accessCode } = filed[2]!;
    const start = new Date(T0.getTime() + 5 * 3_600_000);
    const ceiling = TRACKING_LIMITS.attackCeiling.limit;
    for (let i = 0; i < ceiling; i++) {
      const ip = `10.9.${Math.floor(i / 3)}.${i % 3}`;
      expect((await track(trackingNumber, wrongCode(accessCode), ip, new Date(start.getTime() + i * 1000))).status).toBe(404);
    }
    const now = new Date(start.getTime() + ceiling * 1000);
    // A fresh address now gets 3 wrong codes an hour on this number, not 10.
    const stranger = '10.99.0.1';
    for (let i = 0; i < TRACKING_LIMITS.perNumberAddressUnderAttack.keep; i++) expect((await track(trackingNumber, wrongCode(accessCode), stranger, now)).status).toBe(404);
    expect((await track(trackingNumber, accessCode, stranger, now)).status).toBe(429);
    // The filer, from their own address, is answered.
    expect((await track(trackingNumber, accessCode, FILER, now)).status).toBe(200);
  });
});
