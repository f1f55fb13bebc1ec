// The e-mail settings form: an optional address, digest or none, one Chinese message per field.
import { describe, expect, it } from 'vitest';
import { parseStaffEmailSettings } from '../../../src/domain/staff/staff-email';

const CASES: { input: Record<string, string>; expected: ReturnType<typeof parseStaffEmailSettings> }[] = [
  { input: { email: '', digest: 'none' }, expected: { ok: true, value: { email: null, digest: 'none' } } },
  { input: { email: ' Wang.Fang@Putuo.Example.CN ', digest: 'digest' }, expected: { ok: true, value: { email: 'wang.fang@putuo.example.cn', digest: 'digest' } } },
  { input: { email: 'wang.fang@putuo.example.cn', digest: 'none' }, expected: { ok: true, value: { email: 'wang.fang@putuo.example.cn', digest: 'none' } } },
  { input: { email: '', digest: 'digest' }, expected: { ok: false, errors: [{ field: 'email', message: '接收每日摘要需要电子邮箱，请填写。' }] } },
  { input: { email: 'wang.fang', digest: 'none' }, expected: { ok: false, errors: [{ field: 'email', message: '请填写正确的电子邮箱，例如 zhang.san@putuo.gov.cn。' }] } },
  { input: { email: `${'a'.repeat(250)}@b.cn` , digest: 'none' }, expected: { ok: false, errors: [{ field: 'email', message: '电子邮箱不能超过254个字符。' }] } },
  { input: { email: '' }, expected: { ok: false, errors: [{ field: 'digest', message: '请选择是否接收每日待办摘要。' }] } },
  { input: { email: '', digest: 'weekly' }, expected: { ok: false, errors: [{ field: 'digest', message: '请选择是否接收每日待办摘要。' }] } },
];

describe('parseStaffEmailSettings', () => {
  it.each(CASES)('$input', ({ input, expected }) => {
    expect(parseStaffEmailSettings(input)).toEqual(expected);
  });

  it('a body that is not a form', () => {
    expect(parseStaffEmailSettings('x')).toEqual({ ok: false, errors: [{ field: 'form', message: '提交的内容不是邮件提醒表单。' }] });
  });
});
