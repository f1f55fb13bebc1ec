import { describe, expect, it } from 'vitest';
import { COMPLAINT_FORM_FIELDS, parseComplaintForm } from '../../../src/domain/complaints/complaint-form';
import { OPEN311_PARAMETER, idempotencyKeyFrom, occurredOnDate, open311Errors, open311ToComplaintInput } from '../../../src/domain/open311/open311-request';
import { TODAY } from '../../fixtures/complaint-form-errors';

const LISTED = {
  jurisdiction_id: 'putuo.sh.cn',
  service_code: 'prepaid_card',
  description: '老板突然关门跑路了，还有两万多课时费没上完',
  'attribute[credit_code]': '91310107MA1G0ABC1Y',
  'attribute[occurred_on]': '2026-06-01',
  'attribute[money_yuan]': '23000',
  'attribute[filer_role]': 'parent',
  'attribute[consent_to_contact]': 'true',
  'attribute[idempotency_key]': '0b6f1c52-3a5e-4d8b-b1c2-7d9e8f0a1b2c',
  first_name: '女士',
  last_name: '王',
  phone: '+86 139 0000 1111',
};

describe('open311ToComplaintInput', () => {
  it('maps a request about a listed institution onto the form', () => {
    const result = parseComplaintForm(open311ToComplaintInput(LISTED), TODAY);
    expect(result).toMatchObject({
      ok: true,
      value: {
        institution: { kind: 'listed', creditCode: '91310107MA1G0ABC1Y' },
        category: 'prepaid_card',
        moneyYuan: 23000,
        name: '王女士',
        phone: '13900001111',
        consentToContact: true,
      },
    });
  });

  it('treats a request without a credit code as an institution not listed', () => {
    const params = new URLSearchParams({ ...LISTED, 'attribute[credit_code]': '', 'attribute[institution_name]': '小太阳艺术工作室', address_string: '武宁路100号3楼', 'attribute[street]': 'changfeng' });
    const result = parseComplaintForm(open311ToComplaintInput(params), TODAY);
    expect(result.ok && result.value.institution).toEqual({ kind: 'not_listed', name: '小太阳艺术工作室', address: '武宁路100号3楼', street: 'changfeng' });
  });

  it('names the Open311 parameters in its errors', () => {
    const result = parseComplaintForm(open311ToComplaintInput({ ...LISTED, service_code: 'noise', phone: '12345' }), TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(open311Errors(result.errors)).toEqual([
        { code: 400, description: 'service_code：所选的问题类别无效，请从列表中选择。' },
        { code: 400, description: 'phone：手机号码应为11位中国大陆手机号，例如 13812345678。' },
      ]);
    expect(open311Errors([{ field: 'form', message: '提交的内容不是投诉表单。' }])).toEqual([{ code: 400, description: '提交的内容不是投诉表单。' }]);
  });

  it('has a parameter for every form field', () => {
    expect(Object.keys(OPEN311_PARAMETER).sort()).toEqual([...COMPLAINT_FORM_FIELDS].sort());
  });
});

describe('occurredOnDate', () => {
  it('reads a date-time as its day in Shanghai and leaves other values to the form', () => {
    expect(occurredOnDate('2026-05-31T17:30:00Z')).toBe('2026-06-01');
    expect(occurredOnDate('2026-06-01T23:59:59+08:00')).toBe('2026-06-01');
    expect(occurredOnDate('2026-06-01T10:00')).toBe('2026-06-01');
    expect(occurredOnDate('2026-06-01')).toBe('2026-06-01');
    expect(occurredOnDate('yesterday')).toBe('yesterday');
    expect(occurredOnDate(undefined)).toBeUndefined();
  });
});

describe('idempotencyKeyFrom', () => {
  const KEY = '0b6f1c52-3a5e-4d8b-b1c2-7d9e8f0a1b2c';
  const fresh = () => 'fresh';

  it('takes the attribute or the header, in lower case, and makes one when neither is sent', () => {
    expect(idempotencyKeyFrom(KEY, null, fresh)).toEqual({ ok: true, key: KEY, generated: false });
    expect(idempotencyKeyFrom(undefined, KEY.toUpperCase(), fresh)).toEqual({ ok: true, key: KEY, generated: false });
    expect(idempotencyKeyFrom(KEY, KEY, fresh)).toEqual({ ok: true, key: KEY, generated: false });
    expect(idempotencyKeyFrom(' ', '', fresh)).toEqual({ ok: true, key: 'fresh', generated: true });
  });

  it('refuses a key that is not a UUID, and two keys that disagree', () => {
    expect(idempotencyKeyFrom(undefined, 'abc', fresh)).toMatchObject({ ok: false, error: { code: 400, description: expect.stringMatching(/^Idempotency-Key：/) } });
    expect(idempotencyKeyFrom('abc', null, fresh)).toMatchObject({ ok: false, error: { description: expect.stringMatching(/^attribute\[idempotency_key\]：/) } });
    expect(idempotencyKeyFrom(KEY, '1b6f1c52-3a5e-4d8b-b1c2-7d9e8f0a1b2c', fresh)).toMatchObject({ ok: false, error: { description: expect.stringContaining('不一致') } });
  });
});
