import { describe, expect, it } from 'vitest';
import { COMPLAINT_FORM_FIELDS, complaintFormSchema, normaliseMobile, parseComplaintForm } from '../../../src/domain/complaints/complaint-form';
import { FORM_ERROR_CASES, TODAY, VALID_LISTED, VALID_NOT_LISTED } from '../../fixtures/complaint-form-errors';
import { applyChange, toFormData } from '../../support/forms';

describe('complaint form errors', () => {
  it.each(FORM_ERROR_CASES)('$why', ({ base, change, errors }) => {
    const input = applyChange(base ?? VALID_LISTED, change);
    expect(parseComplaintForm(input, TODAY)).toEqual({ ok: false, errors });
    // The browser sends FormData; it must read the same.
    expect(parseComplaintForm(toFormData(input), TODAY)).toEqual({ ok: false, errors });
  });

  it('names only fields of the form, and each at most once', () => {
    for (const { base, change } of FORM_ERROR_CASES) {
      const result = parseComplaintForm(applyChange(base ?? VALID_LISTED, change), TODAY);
      if (result.ok) throw new Error('expected errors');
      const fields = result.errors.map((e) => e.field);
      for (const f of fields) expect(COMPLAINT_FORM_FIELDS).toContain(f);
      expect(new Set(fields).size).toBe(fields.length);
      for (const e of result.errors) expect(e.message).toMatch(/。$/);
    }
  });

  it.each([null, 'creditCode=1', 42, undefined])('refuses a body that is not a form: %j', (body) => {
    expect(parseComplaintForm(body, TODAY)).toEqual({ ok: false, errors: [{ field: 'form', message: '提交的内容不是投诉表单。' }] });
  });
});

describe('valid complaints, normalised', () => {
  it('reads a listed institution', () => {
    expect(parseComplaintForm(VALID_LISTED, TODAY)).toEqual({
      ok: true,
      value: {
        institution: { kind: 'listed', creditCode: '91310107MA1G0ABC1Y' },
        category: 'fees_refund',
        description: '报名时说随时可以退，现在要退费却说只能退一半。',
        occurredOn: '2026-05-20',
        moneyYuan: undefined,
        peopleAffected: undefined,
        filerRole: 'parent',
        name: undefined,
        phone: '13812345678',
        consentToContact: true,
        idempotencyKey: '5f0c6a3e-8d1b-4c2a-9e7f-1a2b3c4d5e6f',
      },
    });
  });

  it('reads an institution that is not listed, ignoring the code field', () => {
    const result = parseComplaintForm({ ...VALID_NOT_LISTED, creditCode: 'whatever' }, TODAY);
    expect(result.ok && result.value.institution).toEqual({ kind: 'not_listed', name: '小太阳艺术工作室', address: '武宁路100号3楼', street: 'changfeng' });
  });

  it.each<{ why: string; change: Record<string, string | undefined>; expected: Record<string, unknown> }>([
    { why: 'a loosely typed credit code', change: { creditCode: ' 9131 0107-ma1g0abc1y ' }, expected: { institution: { kind: 'listed', creditCode: '91310107MA1G0ABC1Y' } } },
    { why: 'a phone number with +86, spaces and hyphens', change: { phone: '+86 138-1234-5678' }, expected: { phone: '13812345678' } },
    { why: 'a full-width phone number', change: { phone: '１３９ ００００ １１１１' }, expected: { phone: '13900001111' } },
    { why: 'description trimmed, CRLF kept as a line break', change: { description: '  第一行：报名交了钱\r\n第二行：不给退  ' }, expected: { description: '第一行：报名交了钱\n第二行：不给退' } },
    { why: 'exactly ten characters', change: { description: '一二三四五六七八九十' }, expected: { description: '一二三四五六七八九十' } },
    { why: 'money with thousands separators', change: { moneyYuan: '20,000' }, expected: { moneyYuan: 20000 } },
    { why: 'zero yuan', change: { moneyYuan: '0' }, expected: { moneyYuan: 0 } },
    { why: 'the largest amount', change: { moneyYuan: '100000000' }, expected: { moneyYuan: 100_000_000 } },
    { why: 'full-width people count', change: { peopleAffected: '３' }, expected: { peopleAffected: 3 } },
    { why: 'a name with spaces around it', change: { name: '  王女士 ' }, expected: { name: '王女士' } },
    { why: 'an unticked consent checkbox', change: { consentToContact: undefined }, expected: { consentToContact: false } },
    { why: 'a consent sent as "false" by a JSON client', change: { consentToContact: 'false' }, expected: { consentToContact: false } },
    { why: 'something that happened today', change: { occurredOn: TODAY }, expected: { occurredOn: TODAY } },
    { why: 'the earliest date', change: { occurredOn: '2015-01-01' }, expected: { occurredOn: '2015-01-01' } },
    { why: 'an unticked "not listed" box', change: { notListed: '' }, expected: { institution: { kind: 'listed', creditCode: '91310107MA1G0ABC1Y' } } },
  ])('$why', ({ change, expected }) => {
    const result = parseComplaintForm(applyChange(VALID_LISTED, change), TODAY);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatchObject(expected);
  });

  it('accepts 4000 characters when line breaks arrive as CRLF', () => {
    const description = `${'退'.repeat(1999)}\r\n${'费'.repeat(2000)}`;
    expect(parseComplaintForm({ ...VALID_LISTED, description }, TODAY).ok).toBe(true);
  });

  it('moves with today: a date refused today is accepted tomorrow', () => {
    const input = { ...VALID_LISTED, occurredOn: '2026-06-16' };
    expect(complaintFormSchema('2026-06-15').safeParse(input).success).toBe(false);
    expect(complaintFormSchema('2026-06-16').safeParse(input).success).toBe(true);
  });
});

describe('normaliseMobile', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['(+86) 138 1234 5678', '13812345678'],
    ['86123', '86123'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseMobile(input)).toBe(expected);
  });
});
