/**
 * Verification records on a real database: the facts of the day are gathered from the registry,
 * judged and stored under a random id; the signed public id reads the same record back; a tenant
 * is found by its licence number however it is typed; unresolved substantiated complaints count;
 * today's status is judged again beside the record; the per-address limit stops a flood.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { complaints, listDecisions } from '../../../db/schema';
import { getVerificationRecord, tenantCreditCode, unresolvedSubstantiatedComplaints } from '../../../db/queries/verification/verifications';
import { seedReference } from '../../../db/seed/reference';
import { addDays } from '../../../src/domain/shared/dates';
import type { VerificationInput } from '../../../src/domain/verification/verification';
import { verifyPublicRecordId } from '../../../src/server/verification/verification-id';
import { createVerification, hitVerificationLimit, reverify } from '../../../src/server/verification/verify-tenant';
import { TODAY, type InstitutionFixture } from '../../fixtures/institutions';
import { forEachDriver, rows } from '../../support/db-harness';
import { insertInstitutions } from '../../support/insert-fixtures';

const SECRET = 'test-secret-that-is-long-enough-for-hmac-0123';
const LICENCE = '教民13101077000901号';

const TENANTS: InstitutionFixture[] = [
  { key: 'school', name: '长风英语培训学校', creditCode: '52310107MJ4A00091Q', licences: [{ number: LICENCE, expires: 800 }] },
  { key: 'lapsed', name: '真如数学进修社', creditCode: '91310107MA1A00092J', licences: [{ number: '教民13101077000902号', expires: -30 }] },
];

const input = (over: Partial<VerificationInput> = {}): VerificationInput => ({
  tenant: { kind: 'credit_code', code: TENANTS[0]!.creditCode! },
  // insert-fixtures gives every institution and licence this address.
  address: '普陀区测试路１号',
  leaseStart: TODAY,
  leaseEnd: addDays(TODAY, 365),
  training: null,
  ...over,
});

function complaint(institutionId: number, n: number, status: string, result: string | null) {
  return {
    trackingNumber: `PT-2026-${String(900 + n).padStart(6, '0')}`,
    idempotencyKey: `verify-test-${n}`,
    payloadHash: 'x',
    accessCodeHash: 'x',
    channel: 'web',
    institutionId,
    category: 'fees_refund',
    description: '测试投诉内容，至少十个字。',
    filerRole: 'landlord',
    status,
    result,
    receivedOn: TODAY,
    dueOn: addDays(TODAY, 15),
    routingVersion: 'test',
    routeLead: 'market',
  };
}

forEachDriver('verification records', (t) => {
  let ids = new Map<string, { id: number; creditCode: string }>();

  beforeAll(async () => {
    await seedReference(t.db);
    ids = await insertInstitutions(t.db, TENANTS);
  });

  it('stores the input, the facts of the day and the verdict under a random id, read back by the signed id', async () => {
    const created = await createVerification(t.db, SECRET, input(), TODAY);
    expect(created.result.verdict).toBe('warning'); // no fund supervision on file in the fixtures
    const id = verifyPublicRecordId(SECRET, created.publicId);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const record = await getVerificationRecord(t.db, id!);
    expect(record).not.toBeNull();
    expect(record!.institutionId).toBe(ids.get('school')!.id);
    expect(record!.input).toEqual(input());
    expect(record!.facts.asOf).toBe(TODAY);
    expect(record!.facts.institution?.name).toBe('长风英语培训学校');
    expect(record!.facts.licences.map((l) => l.number)).toEqual([LICENCE]);
    expect(record!.verdict).toEqual(created.result);
    expect(Object.fromEntries(record!.verdict.checks.map((c) => [c.code, c.outcome]))).toMatchObject({
      exists: 'pass',
      licence: 'pass',
      address: 'pass',
      blacklist: 'pass',
      fund: 'warning',
    });
    expect(record!.createdAt).toBeInstanceOf(Date);
  });

  it('finds the tenant by its licence number, typed with spaces or full-width digits', async () => {
    expect(await tenantCreditCode(t.db, { kind: 'licence_number', number: ' 教民 １３１０１０７７０００９０１ 号' })).toBe(TENANTS[0]!.creditCode);
    expect(await tenantCreditCode(t.db, { kind: 'licence_number', number: '教民99999999999999号' })).toBeNull();
  });

  it('keeps a record for a code nobody answers to: the check itself is on record', async () => {
    const created = await createVerification(t.db, SECRET, input({ tenant: { kind: 'credit_code', code: '91350100M000100Y43' } }), TODAY);
    expect(created.result.verdict).toBe('fail');
    const record = await getVerificationRecord(t.db, verifyPublicRecordId(SECRET, created.publicId)!);
    expect(record!.institutionId).toBeNull();
    expect(record!.facts.institution).toBeNull();
  });

  it('fails a tenant whose licence has lapsed', async () => {
    const created = await createVerification(t.db, SECRET, input({ tenant: { kind: 'credit_code', code: TENANTS[1]!.creditCode! } }), TODAY);
    expect(created.result.checks.find((c) => c.code === 'licence')).toMatchObject({ outcome: 'fail' });
  });

  it('counts substantiated complaints whose case is still open, not closed or unfounded ones', async () => {
    const id = ids.get('lapsed')!.id;
    await t.db.insert(complaints).values([
      complaint(id, 1, 'answered', 'substantiated'),
      complaint(id, 2, 'accepted', 'partly_substantiated'),
      complaint(id, 3, 'closed', 'substantiated'),
      complaint(id, 4, 'answered', 'not_substantiated'),
      complaint(id, 5, 'received', null),
    ]);
    expect(await unresolvedSubstantiatedComplaints(t.db, id)).toBe(2);
  });

  it('judges the same input again on today\'s facts, so a later blacklisting shows', async () => {
    const created = await createVerification(t.db, SECRET, input(), TODAY);
    await t.db.insert(listDecisions).values({
      institutionId: ids.get('school')!.id,
      list: 'black',
      reason: '测试：列入黑名单',
      legalBasis: '测试依据',
      department: 'edu',
      effectiveOn: addDays(TODAY, 3),
    });
    const later = await reverify(t.db, created.facts, input(), addDays(TODAY, 10));
    expect(later.result.verdict).toBe('fail');
    expect(later.result.checks.find((c) => c.code === 'blacklist')?.outcome).toBe('fail');
    // The record itself is unchanged.
    const record = await getVerificationRecord(t.db, verifyPublicRecordId(SECRET, created.publicId)!);
    expect(record!.verdict.checks.find((c) => c.code === 'blacklist')?.outcome).toBe('pass');
  });

  it('limits verifications per client address, without storing the address', async () => {
    const now = new Date('2026-06-15T02:10:00Z');
    const hits = [];
    for (let i = 0; i < 4; i++) hits.push(await hitVerificationLimit(t.db, SECRET, '203.0.113.9', 3, now));
    expect(hits.map((h) => h.allowed)).toEqual([true, true, true, false]);
    expect((await hitVerificationLimit(t.db, SECRET, '203.0.113.10', 3, now)).allowed).toBe(true);
    const keys = await rows<{ key: string }>(t, sql`select key from rate_limits`);
    expect(keys.length).toBeGreaterThan(0);
    expect(JSON.stringify(keys)).not.toContain('203.0.113');
  });
});
