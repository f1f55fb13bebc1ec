import { describe, expect, it } from 'vitest';
import { isCommonPassword } from '../../../src/domain/staff/common-passwords';
import {
  describePlacement,
  HANDLING_DEPARTMENTS,
  parsePasswordReset,
  parseStaffAccount,
  parseStaffPlacement,
  passwordProblem,
  STAFF_ACCOUNT_FIELDS,
  parsePasswordChange,
} from '../../../src/domain/staff/staff-account';
import { readCommand } from '../../../src/domain/staff/staff-command';
import { generatePassword } from '../../../src/server/staff/passwords';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD } from '../../../db/seed/staff';
import { M, STAFF_ACCOUNT_CASES, VALID_ACCOUNT, VALID_PLACEMENTS } from '../../fixtures/staff-account-cases';
import { applyChange, toFormData } from '../../support/forms';

const apply = (change: Record<string, string | undefined>) => applyChange(VALID_ACCOUNT, change);

describe('staff account form', () => {
  it('accepts a valid account, from an object and from FormData', () => {
    const expected = { username: 'edu-zhang', displayName: '张敏', role: 'handler', department: 'edu', street: null, isManager: false, password: VALID_ACCOUNT.password };
    expect(parseStaffAccount(VALID_ACCOUNT, { confirm: true })).toEqual({ ok: true, value: expected });
    expect(parseStaffAccount(toFormData(VALID_ACCOUNT), { confirm: true })).toEqual({ ok: true, value: expected });
  });

  it.each(STAFF_ACCOUNT_CASES)('$why', ({ change, errors }) => {
    expect(parseStaffAccount(apply(change), { confirm: true })).toEqual({ ok: false, errors });
    expect(parseStaffAccount(toFormData(apply(change)), { confirm: true })).toEqual({ ok: false, errors });
  });

  it('names only fields of the form, once each, in whole sentences', () => {
    for (const { change } of STAFF_ACCOUNT_CASES) {
      const result = parseStaffAccount(apply(change), { confirm: true });
      if (result.ok) throw new Error('expected errors');
      for (const e of result.errors) {
        expect(STAFF_ACCOUNT_FIELDS).toContain(e.field);
        expect(e.message).toMatch(/。$/);
      }
      expect(new Set(result.errors.map((e) => e.field)).size).toBe(result.errors.length);
    }
  });

  it.each(VALID_PLACEMENTS)('fills in the body a role implies: $change', ({ change, department, street }) => {
    const result = parseStaffAccount(apply({ street: '', ...change }), { confirm: true });
    expect(result).toMatchObject({ ok: true, value: { department, street } });
  });

  it('lower-cases and trims the username, and collapses spaces in the display name', () => {
    expect(parseStaffAccount(apply({ username: '  Edu-Zhang ', displayName: ' 张  敏 ' }))).toMatchObject({ ok: true, value: { username: 'edu-zhang', displayName: '张 敏' } });
  });

  it('takes the password exactly as typed, spaces included', () => {
    expect(parseStaffAccount(apply({ password: ' river stone lantern ', passwordConfirm: ' river stone lantern ' }), { confirm: true })).toMatchObject({
      ok: true,
      value: { password: ' river stone lantern ' },
    });
  });

  it('does not ask for the repeat when the CLI reads the password once', () => {
    expect(parseStaffAccount(apply({ passwordConfirm: undefined }))).toMatchObject({ ok: true });
  });

  it.each([null, 'username=x', 42, undefined, []])('refuses a body that is not a form: %j', (body) => {
    expect(parseStaffAccount(body)).toMatchObject({ ok: false });
  });

  it('handlers may belong to any department but the dispatching, supervising and street bodies', () => {
    expect(HANDLING_DEPARTMENTS).toHaveLength(17);
    expect(HANDLING_DEPARTMENTS).not.toContain('grid');
    expect(HANDLING_DEPARTMENTS).not.toContain('petition');
    expect(HANDLING_DEPARTMENTS).not.toContain('inspectorate');
    expect(HANDLING_DEPARTMENTS).toContain('edu');
  });
});

describe('role change and password reset forms', () => {
  it('checks the same placement rules as a new account', () => {
    expect(parseStaffPlacement({ role: 'grid', street: 'changshou' })).toEqual({ ok: true, value: { role: 'grid', department: 'streets', street: 'changshou', isManager: false } });
    expect(parseStaffPlacement({ role: 'admin', department: 'edu' })).toEqual({ ok: false, errors: [{ field: 'department', message: M.adminDepartment }] });
    expect(parseStaffPlacement({})).toEqual({ ok: false, errors: [{ field: 'role', message: M.role }] });
  });

  it('checks a new password against the account it is for', () => {
    expect(parsePasswordReset({ password: 'a quiet morning in putuo', passwordConfirm: 'a quiet morning in putuo' }, 'x', { confirm: true })).toEqual({ ok: true, value: 'a quiet morning in putuo' });
    expect(parsePasswordReset({ password: 'market-handler' }, 'market-handler')).toEqual({ ok: false, errors: [{ field: 'password', message: M.sameAsUsername }] });
    expect(parsePasswordReset({ password: '', passwordConfirm: '' }, 'x', { confirm: true })).toEqual({ ok: false, errors: [{ field: 'password', message: M.passwordMissing }] });
  });
});

describe('password policy', () => {
  it.each([
    ['123456789012', true],
    ['qwertyuiopasdf', true],
    ['aaaaaaaaaaaa', true],
    ['abababababab', true],
    ['Password2026!', true],
    ['p@ssw0rd12345', true],
    ['2026@Shanghai!', true],
    ['0987654321098', true],
    ['woaini1314520', true],
    ['river stone lantern 7', false],
    ['demo-password-2026', false],
    ['长风公园的湖水很清澈呀', false],
    ['Kx9#mQ2$vL8@', false],
  ])('%s is common: %s', (password, common) => {
    expect(isCommonPassword(password)).toBe(common);
  });

  it('counts characters as people do (an emoji is one)', () => {
    expect(passwordProblem('😀😀😀😀😀😀 lantern', null)).toBeNull();
    expect(passwordProblem('😀😀😀😀😀', null)).toBe(M.short(5));
  });

  it('refuses passwords over 128 characters', () => {
    expect(passwordProblem('river '.repeat(22), null)).toBe('密码最多128个字符，现在有132个。');
  });
});

describe('how an account is described', () => {
  it.each([
    [{ role: 'handler', department: 'edu', street: null, isManager: true }, { role: '部门承办人', body: '区教育局（负责人）' }],
    [{ role: 'grid', department: 'streets', street: 'changshou', isManager: false }, { role: '街镇网格员', body: '长寿路街道' }],
    [{ role: 'admin', department: null, street: null, isManager: false }, { role: '系统管理员', body: null }],
    [{ role: 'retired', department: 'nowhere', street: null, isManager: false }, { role: 'retired', body: 'nowhere' }],
  ])('%j', (account, expected) => {
    expect(describePlacement(account)).toEqual(expected);
  });
});

describe('demo accounts and the CLI', () => {
  it('the demo accounts and their password follow the account rules', () => {
    for (const a of DEMO_STAFF) {
      const parsed = parseStaffAccount({ ...a, isManager: String(a.isManager), password: DEMO_STAFF_PASSWORD });
      expect(parsed, a.username).toMatchObject({ ok: true, value: { department: a.department, street: a.street } });
    }
    expect(new Set(DEMO_STAFF.map((a) => a.role))).toEqual(new Set(['dispatcher', 'handler', 'coordinator', 'grid', 'supervisor', 'admin']));
  });

  it('generates passwords that pass the policy and differ each time', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(passwordProblem(a, 'someone')).toBeNull();
    expect(generatePassword()).not.toBe(a);
  });

  it('reads the command line, refusing unknown commands and options', () => {
    expect(readCommand(['add', '--username', 'u1x', '--name', '张敏', '--role', 'handler', '--department', 'edu', '--manager'])).toEqual({
      ok: true,
      command: { command: 'add', username: 'u1x', name: '张敏', role: 'handler', department: 'edu', manager: true, 'password-stdin': false },
    });
    expect(readCommand(['disable', '--username', 'edu-handler'])).toEqual({ ok: true, command: { command: 'disable', username: 'edu-handler' } });
    expect(readCommand([])).toEqual({ ok: true, command: { command: 'help' } });
    expect(readCommand(['remove', '--username', 'x'])).toMatchObject({ ok: false });
    expect(readCommand(['add', '--username', 'x', '--password', 'secret'])).toMatchObject({ ok: false });
    expect(readCommand(['disable'])).toEqual({ ok: false, message: 'needs --username' });
  });
});

describe('changing one’s own password', () => {
  const NEW = 'a quiet morning on the huangpu';
  it.each([
    [{ currentPassword: 'old password here', password: NEW, passwordConfirm: NEW }, []],
    [{ currentPassword: '', password: NEW, passwordConfirm: NEW }, [['currentPassword', '请填写现在使用的密码。']]],
    [{ currentPassword: NEW, password: NEW, passwordConfirm: NEW }, [['password', '新密码不能与现在的密码相同。']]],
    [{ currentPassword: 'old password here', password: NEW, passwordConfirm: `${NEW}!` }, [['passwordConfirm', '两次输入的密码不一致，请重新输入。']]],
    [{ currentPassword: 'old password here', password: 'short', passwordConfirm: 'short' }, [['password', '密码至少12个字符，现在只有5个。可以用几个词连成一句好记的话。']]],
    [{ currentPassword: 'old password here', password: 'grid-zhang-2026', passwordConfirm: '' }, [['passwordConfirm', '请再输入一次密码。']]],
    [{}, [['currentPassword', '请填写现在使用的密码。'], ['password', '请填写密码。']]],
  ] as [Record<string, string>, string[][]][])('%j -> %j', (input, expected) => {
    const parsed = parsePasswordChange(input, 'grid-zhang');
    if (expected.length === 0) expect(parsed).toEqual({ ok: true, value: { currentPassword: input.currentPassword, password: input.password } });
    else expect(parsed).toEqual({ ok: false, errors: expected.map(([field, message]) => ({ field, message })) });
  });

  it('refuses a new password equal to the username', () => {
    expect(parsePasswordChange({ currentPassword: 'old password here', password: 'grid-zhang-longer', passwordConfirm: 'grid-zhang-longer' }, 'grid-zhang-longer')).toMatchObject({
      ok: false,
      errors: [{ field: 'password', message: '密码不能与用户名相同。' }],
    });
  });
});
