/**
 * Finding a landlord's tenant by name or address on a real database (issue 16, item 7): the
 * registry's name search and a substring of the registered or licensed address, merged without
 * duplicates and capped; resolveTenant verifies at once only a certain match, lists the others
 * to choose from, says when nothing answers, and still reads a licence number first.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { findInstitutionsByNameOrAddress } from '../../../db/queries/registry/institutions';
import { seedReference } from '../../../db/seed/reference';
import type { VerificationRequest } from '../../../src/domain/verification/verification-form';
import { resolveTenant } from '../../../src/server/verification/tenant-lookup';
import { TODAY, type InstitutionFixture } from '../../fixtures/institutions';
import { forEachDriver } from '../../support/db-harness';
import { insertInstitutions } from '../../support/insert-fixtures';

const LICENCE = '教民13101077000951号';

const TENANTS: InstitutionFixture[] = [
  { key: 'a', name: '上海市普陀区晨曦英语培训学校', licences: [{ number: LICENCE, expires: 800 }], decisions: [{ list: 'white', effective: -100 }] },
  { key: 'b', name: '上海市普陀区晨曦美术工作室', fields: ['arts'], street: 'ganquan' },
  { key: 'c', name: '上海晨曦围棋俱乐部', fields: ['sports'], operating: 'suspended' },
  { key: 'd', name: '梧桐书法工作室', fields: ['arts'] },
];

const ADDRESSES: Record<string, string> = {
  a: '上海市普陀区枫桥路88号301室',
  b: '上海市普陀区枫桥路88号502室',
  c: '上海市普陀区宜川路1号',
  d: '上海市普陀区枫林路7弄3号',
};

const request = (tenant: VerificationRequest['tenant']): VerificationRequest => ({ tenant, address: '枫桥路88号301室', leaseStart: null, leaseEnd: null, training: null });

forEachDriver('finding a tenant by name or address', (t) => {
  let codes = new Map<string, string>();

  beforeAll(async () => {
    await seedReference(t.db);
    const inserted = await insertInstitutions(t.db, TENANTS);
    codes = new Map([...inserted].map(([k, v]) => [k, v.creditCode]));
    for (const [key, address] of Object.entries(ADDRESSES)) {
      await t.db.execute(sql`update institutions set address = ${address} where credit_code = ${codes.get(key)!}`);
      await t.db.execute(sql`update licences set address = ${address} where institution_id = (select id from institutions where credit_code = ${codes.get(key)!})`);
    }
    // A licensed site elsewhere: found by the licence's address, not the registered one.
    await t.db.execute(sql`update licences set address = '上海市普陀区长寿路500号2楼' where number = ${LICENCE}`);
  });

  it('finds namesakes by part of the name, with what tells them apart', async () => {
    const found = await findInstitutionsByNameOrAddress(t.db, '晨曦', TODAY, 10);
    expect(found.more).toBe(false);
    expect(found.items.map((r) => r.creditCode).sort()).toEqual([codes.get('a'), codes.get('b'), codes.get('c')].sort());
    const a = found.items.find((r) => r.creditCode === codes.get('a'))!;
    expect(a).toMatchObject({ address: ADDRESSES.a, street: 'changshou', licenceState: 'valid', listStatus: 'white' });
    expect(found.items.find((r) => r.creditCode === codes.get('c'))).toMatchObject({ operatingStatus: 'suspended', licenceState: 'none' });
  });

  it('finds by pinyin, as the registry search does', async () => {
    const found = await findInstitutionsByNameOrAddress(t.db, 'wutong', TODAY, 10);
    expect(found.items.map((r) => r.creditCode)).toEqual([codes.get('d')]);
  });

  it('finds by the registered address typed without city or district, in full-width digits', async () => {
    const found = await findInstitutionsByNameOrAddress(t.db, '枫桥路８８号', TODAY, 10);
    expect(found.items.map((r) => r.creditCode).sort()).toEqual([codes.get('a'), codes.get('b')].sort());
    expect((await findInstitutionsByNameOrAddress(t.db, '上海市普陀区枫林路7弄', TODAY, 10)).items.map((r) => r.creditCode)).toEqual([codes.get('d')]);
  });

  it('finds by a licensed address', async () => {
    const found = await findInstitutionsByNameOrAddress(t.db, '长寿路500号', TODAY, 10);
    expect(found.items.map((r) => r.creditCode)).toEqual([codes.get('a')]);
  });

  it('treats LIKE characters as text, and caps the list', async () => {
    expect((await findInstitutionsByNameOrAddress(t.db, '枫桥路%号', TODAY, 10)).items).toEqual([]);
    const capped = await findInstitutionsByNameOrAddress(t.db, '晨曦', TODAY, 2);
    expect(capped.items).toHaveLength(2);
    expect(capped.more).toBe(true);
  });

  it('resolves a name: several to choose from, one exact name at once, none said so', async () => {
    const several = await resolveTenant(t.db, request({ kind: 'search', text: '晨曦' }), TODAY);
    expect(several).toMatchObject({ kind: 'choose', text: '晨曦', more: false });
    expect(several.kind === 'choose' && several.candidates).toHaveLength(3);

    const exact = await resolveTenant(t.db, request({ kind: 'search', text: '上海市普陀区 晨曦英语培训学校' }), TODAY);
    expect(exact).toEqual({ kind: 'resolved', input: { ...request({ kind: 'credit_code', code: codes.get('a')! }) } });

    // One match, but not named exactly: confirmed by the landlord, not guessed.
    const one = await resolveTenant(t.db, request({ kind: 'search', text: '梧桐' }), TODAY);
    expect(one).toMatchObject({ kind: 'choose', candidates: [{ creditCode: codes.get('d') }] });

    expect(await resolveTenant(t.db, request({ kind: 'search', text: '不存在的机构' }), TODAY)).toEqual({ kind: 'none', text: '不存在的机构' });
  });

  it('reads a licence number first, then the same text as an address', async () => {
    expect(await resolveTenant(t.db, request({ kind: 'licence_number', number: LICENCE }), TODAY)).toMatchObject({ kind: 'resolved', input: { tenant: { kind: 'licence_number', number: LICENCE } } });
    expect(await resolveTenant(t.db, request({ kind: 'licence_number', number: '枫林路7弄3号' }), TODAY)).toMatchObject({ kind: 'choose', candidates: [{ creditCode: codes.get('d') }] });
    // Neither a licence nor an address: judged as before, a record that says "not found".
    expect(await resolveTenant(t.db, request({ kind: 'licence_number', number: '教民99999999999999号' }), TODAY)).toMatchObject({ kind: 'resolved' });
  });
});
