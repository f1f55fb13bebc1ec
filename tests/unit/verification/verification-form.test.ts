import { describe, expect, it } from 'vitest';
import { looksLikeLicenceNumber, parseTenant, parseVerificationForm, VERIFY_FORM_FIELDS } from '../../../src/domain/verification/verification-form';
import { VALID_VERIFICATION, VERIFICATION_FORM_CASES } from '../../fixtures/verification-form-errors';
import { applyChange, toFormData } from '../../support/forms';

const apply = (change: Record<string, string | undefined>) => applyChange(VALID_VERIFICATION, change);

describe('verification form errors', () => {
  it.each(VERIFICATION_FORM_CASES)('$why', ({ change, errors }) => {
    const input = apply(change);
    expect(parseVerificationForm(input)).toEqual({ ok: false, errors });
    expect(parseVerificationForm(toFormData(input))).toEqual({ ok: false, errors });
  });

  it('names only fields of the form, once each, in whole sentences', () => {
    for (const { change } of VERIFICATION_FORM_CASES) {
      const result = parseVerificationForm(apply(change));
      if (result.ok) throw new Error('expected errors');
      for (const e of result.errors) {
        expect(VERIFY_FORM_FIELDS).toContain(e.field);
        expect(e.message).toMatch(/。$/);
      }
      expect(new Set(result.errors.map((e) => e.field)).size).toBe(result.errors.length);
    }
  });

  it.each([null, 'tenant=x', 42, undefined, []])('refuses a body that is not a form: %j', (body) => {
    expect(parseVerificationForm(body)).toMatchObject({ ok: false });
  });
});

describe('valid verifications', () => {
  it('reads the form into the domain input, optional fields as null', () => {
    expect(parseVerificationForm({ tenant: ' 9131 0107ma1g0abc1y ', address: ' 金沙江路1000弄5号301室 ', leaseStart: '', leaseEnd: '', training: '  ' })).toEqual({
      ok: true,
      value: { tenant: { kind: 'credit_code', code: '91310107MA1G0ABC1Y' }, address: '金沙江路1000弄5号301室', leaseStart: null, leaseEnd: null, training: null },
    });
  });

  it('accepts a one-day lease, and a JSON body without the optional fields or with nulls', () => {
    expect(parseVerificationForm({ ...VALID_VERIFICATION, leaseStart: '2026-07-01', leaseEnd: '2026-07-01' })).toMatchObject({ ok: true });
    expect(parseVerificationForm({ tenant: VALID_VERIFICATION.tenant, address: VALID_VERIFICATION.address })).toMatchObject({ ok: true });
    expect(parseVerificationForm({ ...VALID_VERIFICATION, leaseStart: null, leaseEnd: null, training: null })).toMatchObject({
      ok: true,
      value: { leaseStart: null, leaseEnd: null, training: null },
    });
  });

  it.each([
    ['教民131010770000123号', true],
    ['沪教民（2021）12号', true],
    ['人社民31010770000123号', true],
    ['91310107MA1G0ABC1Y', false],
    ['913501００M000100Y4中', false],
  ] as const)('%s is read as a licence number: %s', (text, licence) => {
    expect(looksLikeLicenceNumber(text)).toBe(licence);
  });

  it('keeps a licence number as typed, and explains a mistyped code as a code', () => {
    expect(parseTenant('教民131010770000123号')).toEqual({ ok: true, tenant: { kind: 'licence_number', number: '教民131010770000123号' } });
    expect(parseTenant('913501００M000100Y4中')).toEqual({ ok: false, message: expect.stringContaining('第18位的“中”') });
  });

  it.each([
    ['a Chinese name', '星光英语', { kind: 'search', text: '星光英语' }],
    ['a name with spaces, tidied', ' 星光  英语 ', { kind: 'search', text: '星光 英语' }],
    ['a Latin name', 'VIPKID', { kind: 'search', text: 'VIPKID' }],
    ['pinyin', 'xingguang', { kind: 'search', text: 'xingguang' }],
    ['a road', '金沙江路', { kind: 'search', text: '金沙江路' }],
    // Looks like a licence number; the server looks it up as an address when no licence has it.
    ['an address ending in 号', '金沙江路1000弄5号', { kind: 'licence_number', number: '金沙江路1000弄5号' }],
    ['a licence number', '沪教民（2021）12号', { kind: 'licence_number', number: '沪教民(2021)12号' }],
  ] as const)('reads %s as a lookup', (_why, typed, tenant) => {
    expect(parseTenant(typed)).toEqual({ ok: true, tenant });
  });

  it.each([
    ['one character is too little to search on', '星', '至少写2个字'],
    ['a long run of letters and digits is a code', '91310107MA1G0ABC', '应为18位'],
    ['past 60 characters', '星'.repeat(61), '最多60个字'],
  ] as const)('refuses the tenant when %s', (_why, typed, message) => {
    expect(parseTenant(typed)).toEqual({ ok: false, message: expect.stringContaining(message) });
  });
});
