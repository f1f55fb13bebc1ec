/**
 * Tracking and public statistics read back what intake wrote: the number and code find the
 * complaint, the public timeline and counts carry no personal data, small counts stay hidden
 * by the page (displayCount) while the queries count exactly.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { complaintForTracking, publicTimeline } from '../../../db/queries/complaints/complaints';
import { districtComplaintCounts, institutionComplaintCounts } from '../../../db/queries/complaints/complaint-stats';
import { seedReference } from '../../../db/seed/reference';
import { parseComplaintForm } from '../../../src/domain/complaints/complaint-form';
import { accessCodeFor, accessCodeHash, submitComplaint } from '../../../src/server/complaints/complaint-intake';
import { normaliseAccessCode } from '../../../src/domain/complaints/tracking';
import { todayInShanghai } from '../../../src/domain/shared/dates';
import { SEARCH_INSTITUTIONS } from '../../fixtures/search-cases';
import { forEachDriver } from '../../support/db-harness';
import { insertInstitutions } from '../../support/insert-fixtures';

const SECRET = 'test-secret-that-is-long-enough-for-hmac-0123';
const TODAY = '2026-06-15';
const PHONE = '13912345678';
const NAME = '王小明';

function form(over: Record<string, string>) {
  const parsed = parseComplaintForm(
    {
      creditCode: SEARCH_INSTITUTIONS[0]!.creditCode,
      category: 'fees_refund',
      description: '交了一年学费，机构拒绝按合同退还剩余课时费。',
      occurredOn: '2026-06-01',
      filerRole: 'parent',
      name: NAME,
      phone: PHONE,
      consentToContact: 'on',
      idempotencyKey: randomUUID(),
      ...over,
    },
    TODAY,
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

forEachDriver('complaint tracking and statistics', (t) => {
  let institutionId = 0;
  const filed: { trackingNumber: string; accessCode: string }[] = [];

  beforeAll(async () => {
    await seedReference(t.db);
    const inserted = await insertInstitutions(t.db, SEARCH_INSTITUTIONS);
    institutionId = inserted.get(SEARCH_INSTITUTIONS[0]!.key)!.id;
    const opts = { db: t.db, secret: SECRET, today: TODAY, channel: 'web' as const, ip: null, limitPhone: false };
    for (const category of ['fees_refund', 'fees_refund', 'prepaid_card']) {
      const outcome = await submitComplaint(form({ category }), opts);
      if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
      filed.push(outcome);
    }
    const notListed = await submitComplaint(
      form({ creditCode: '', notListed: 'on', institutionName: '无名补习班', institutionAddress: '梅川路1弄2号301室', street: 'changfeng', category: 'unlicensed' }),
      opts,
    );
    if (notListed.kind !== 'accepted') throw new Error(notListed.kind);
  });

  it('finds a complaint by number, and its access code verifies against the stored hash only', async () => {
    const first = filed[0]!;
    const found = await complaintForTracking(t.db, first.trackingNumber);
    expect(found?.trackingNumber).toMatch(/^PT-2026-\d{6}$/);
    expect(accessCodeHash(SECRET, normaliseAccessCode(first.accessCode))).toBe(found!.accessCodeHash);
    expect(accessCodeHash(SECRET, normaliseAccessCode(filed[1]!.accessCode))).not.toBe(found!.accessCodeHash);
    expect(await complaintForTracking(t.db, 'PT-2026-999999')).toBeNull();
  });

  it('numbers complaints in sequence within the year', async () => {
    expect(filed.map((f) => f.trackingNumber)).toEqual(['PT-2026-000001', 'PT-2026-000002', 'PT-2026-000003']);
  });

  it('derives the access code again from the idempotency key (same receipt on replay)', () => {
    const key = randomUUID();
    expect(accessCodeFor(SECRET, key)).toBe(accessCodeFor(SECRET, key));
    expect(accessCodeFor(SECRET, key)).not.toBe(accessCodeFor(SECRET, randomUUID()));
  });

  it('shows a public timeline without the phone number or name', async () => {
    const found = await complaintForTracking(t.db, filed[0]!.trackingNumber);
    const events = await publicTimeline(t.db, found!.id);
    expect(events.map((e) => e.kind)).toEqual(['received']);
    const text = JSON.stringify({ found: { ...found, accessCodeHash: undefined }, events });
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(NAME);
  });

  it('counts complaints per institution and for the district', async () => {
    const mine = await institutionComplaintCounts(t.db, institutionId, todayInShanghai());
    expect(mine.received).toBe(3);
    expect(mine.byCategory).toEqual([
      { category: 'fees_refund', count: 2 },
      { category: 'prepaid_card', count: 1 },
    ]);
    expect(mine.closed).toBe(0);
    const district = await districtComplaintCounts(t.db, todayInShanghai());
    expect(district.received).toBe(4);
    expect(district.byCategory.find((c) => c.category === 'unlicensed')?.count).toBe(1);
  });
});
