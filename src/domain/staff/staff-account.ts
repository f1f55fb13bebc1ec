/**
 * Staff accounts: the rules an account must follow, one zod schema shared by the
 * administrator's pages (/staff/users) and the CLI (src/cli/staff.ts). Which body an account belongs
 * to follows from its role (mechanism 4 of the plan): dispatchers sit at 区网格中心 or 区信访办,
 * handlers at one of the handling departments, the coordination office at 区教育局, grid staff at
 * a street or town, supervisors at 区政府教育督导室; administrators belong to no body. Where the
 * role allows only one body it may be left blank and is filled in. Messages are Chinese sentences
 * that say what to do.
 */
import { z } from 'zod';
import { isCommonPassword } from './common-passwords';
import { blankToUndefined, checkboxValue, countCharacters, fieldErrors, formValues, type FieldError } from '../shared/form-fields';
import { DEPARTMENT_CODES, DEPARTMENTS, STREET_CODES, STREETS, type DepartmentCode, type StreetCode } from '../shared/reference';
import { DISPATCHING_DEPARTMENTS, STAFF_ROLES, type StaffRole } from './staff-roles';

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/;
export const ACCOUNT_LIMITS = { displayName: 40, passwordMin: 12, passwordMax: 128 } as const;

/** Bodies that neither dispatch, supervise nor patrol: the departments that handle cases. */
export const HANDLING_DEPARTMENTS = DEPARTMENT_CODES.filter(
  (d) => !(DISPATCHING_DEPARTMENTS as readonly string[]).includes(d) && d !== 'inspectorate' && d !== 'streets',
);

/** The bodies an account of each role may belong to; an empty list means none. */
export const ROLE_DEPARTMENTS: Record<StaffRole, readonly DepartmentCode[]> = {
  dispatcher: DISPATCHING_DEPARTMENTS,
  handler: HANDLING_DEPARTMENTS,
  coordinator: ['edu'],
  grid: ['streets'],
  supervisor: ['inspectorate'],
  admin: [],
};

/** Roles whose account can be its department's manager (who receives overdue escalations). */
export const MANAGER_ROLES: readonly StaffRole[] = ['handler', 'coordinator'];

/** What an account is, apart from its name and password. */
export interface StaffPlacement {
  role: StaffRole;
  department: DepartmentCode | null;
  street: StreetCode | null;
  isManager: boolean;
}

export interface StaffAccountInput extends StaffPlacement {
  username: string;
  displayName: string;
  password: string;
}

/** Form field order: the error summary lists problems top to bottom. */
export const STAFF_ACCOUNT_FIELDS = ['username', 'displayName', 'role', 'department', 'street', 'isManager', 'password', 'passwordConfirm'] as const;
export const STAFF_PLACEMENT_FIELDS = ['role', 'department', 'street', 'isManager'] as const;
export const PASSWORD_FIELDS = ['password', 'passwordConfirm'] as const;

const M = {
  usernameMissing: '请填写用户名，例如“edu-zhang”。',
  username: '用户名须为3到32个字符，只能使用小写英文字母、数字和“.”“_”“-”。',
  displayNameMissing: '请填写显示名称（通常是姓名），例如“张敏”。',
  role: '请选择角色。',
  department: '请选择所属部门。',
  street: '请选择街镇。',
  passwordMissing: '请填写密码。',
  confirmMissing: '请再输入一次密码。',
  confirm: '两次输入的密码不一致，请重新输入。',
} as const;

/** Why a password may not be used, or null when it may. */
export function passwordProblem(password: string, username: string | null): string | null {
  const length = countCharacters(password);
  if (length < ACCOUNT_LIMITS.passwordMin) return `密码至少${ACCOUNT_LIMITS.passwordMin}个字符，现在只有${length}个。可以用几个词连成一句好记的话。`;
  if (length > ACCOUNT_LIMITS.passwordMax) return `密码最多${ACCOUNT_LIMITS.passwordMax}个字符，现在有${length}个。`;
  if (username && password.trim().toLowerCase() === username.toLowerCase()) return '密码不能与用户名相同。';
  if (isCommonPassword(password)) return '这个密码太常见，很容易被猜到，请换一个。';
  return null;
}

/** Why a role may not have this department and street, per field; empty when it may. */
export function placementProblems(p: { role: StaffRole; department: DepartmentCode | null; street: StreetCode | null; isManager: boolean }): FieldError[] {
  const problems: FieldError[] = [];
  const allowed = ROLE_DEPARTMENTS[p.role];
  if (allowed.length === 0 && p.department) problems.push({ field: 'department', message: '系统管理员不属于任何部门，请把所属部门留空。' });
  if (allowed.length > 1 && !p.department) problems.push({ field: 'department', message: DEPARTMENT_REQUIRED[p.role] });
  if (allowed.length > 0 && p.department && !allowed.includes(p.department)) problems.push({ field: 'department', message: DEPARTMENT_WRONG[p.role] });
  if (p.role === 'grid' && !p.street) problems.push({ field: 'street', message: '街镇网格员须选择所在的街镇。' });
  if (p.role !== 'grid' && p.street) problems.push({ field: 'street', message: '只有街镇网格员需要选择街镇，请把街镇留空。' });
  if (p.isManager && !MANAGER_ROLES.includes(p.role)) problems.push({ field: 'isManager', message: '只有部门承办人和区教育局协调办的账号可以设为部门负责人。' });
  return problems;
}

const names = (codes: readonly DepartmentCode[]) => codes.map((c) => DEPARTMENTS[c].name).join('或');
const DEPARTMENT_REQUIRED: Record<StaffRole, string> = {
  dispatcher: `派单员须属于${names(DISPATCHING_DEPARTMENTS)}，请选择其一。`,
  handler: '部门承办人须属于一个承办部门，请选择所属部门。',
  coordinator: '',
  grid: '',
  supervisor: '',
  admin: '',
};
const DEPARTMENT_WRONG: Record<StaffRole, string> = {
  dispatcher: DEPARTMENT_REQUIRED.dispatcher,
  handler: '部门承办人须属于承办部门，不能是区网格中心、区信访办、区政府教育督导室或各街镇。',
  coordinator: '区教育局协调办的账号属于区教育局，请选择区教育局或把所属部门留空。',
  grid: '街镇网格员的账号属于各街镇，请把所属部门留空，并在下面选择街镇。',
  supervisor: '督导账号属于区政府教育督导室，请选择区政府教育督导室或把所属部门留空。',
  admin: '',
};

const optionalCode = <T extends string>(codes: readonly T[], message: string) =>
  z.preprocess((v) => (v === null ? undefined : blankToUndefined(v)), z.enum(codes as readonly [T, ...T[]], { error: message }).optional());

const placementShape = {
  role: z.enum(STAFF_ROLES, { error: M.role }),
  department: optionalCode(DEPARTMENT_CODES, M.department),
  street: optionalCode(STREET_CODES, M.street),
  isManager: z.unknown().optional().transform((v) => checkboxValue(v)),
};

/** The one body of roles that allow only one; otherwise what was chosen. */
function placed(v: { role: StaffRole; department?: DepartmentCode | undefined; street?: StreetCode | undefined; isManager: boolean }): StaffPlacement {
  const only = ROLE_DEPARTMENTS[v.role];
  const department = v.department ?? (only.length === 1 ? only[0]! : null);
  return { role: v.role, department, street: v.street ?? null, isManager: v.isManager };
}

/** Fields of the value that already failed on their own (their checks below would only repeat that). */
const failed = (ctx: z.RefinementCtx, field: string) => ctx.issues.some((i) => i.path?.[0] === field);

/** Runs the cross-field checks whatever else failed, so every problem is shown at once. */
const always = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null };

type LooseValue = Record<string, unknown>;

const placementChecked = (v: LooseValue, ctx: z.RefinementCtx) => {
  if (['role', 'department', 'street'].some((f) => failed(ctx, f)) || !(STAFF_ROLES as readonly unknown[]).includes(v.role)) return;
  const value = v as Parameters<typeof placed>[0];
  for (const p of placementProblems(placed(value))) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
};

const asForm = (input: unknown) => (input !== null && typeof input === 'object' ? formValues(input as Record<string, unknown>) : input);
const NOT_A_FORM = '提交的内容不是账号表单。';

const usernameField = z.preprocess(
  (v) => (typeof v === 'string' ? blankToUndefined(v.trim().toLowerCase()) : v),
  z.string({ error: M.usernameMissing }).regex(USERNAME_PATTERN, M.username),
);
const displayNameField = z.preprocess(
  (v) => (typeof v === 'string' ? blankToUndefined(v.replace(/\s+/g, ' ').trim()) : v),
  z
    .string({ error: M.displayNameMissing })
    .refine((s) => !/\p{Cc}/u.test(s), '显示名称不能包含控制字符。')
    .refine((s) => countCharacters(s) <= ACCOUNT_LIMITS.displayName, {
      error: (iss) => `显示名称最多${ACCOUNT_LIMITS.displayName}个字，现在有${countCharacters(String(iss.input))}个。`,
    }),
);
// Passwords are taken exactly as typed: no trimming, so what the person types is what counts.
const passwordField = z.preprocess((v) => (v === '' ? undefined : v), z.string({ error: M.passwordMissing }));
const confirmField = z.preprocess((v) => (v === '' ? undefined : v), z.string({ error: M.confirmMissing }).optional());

interface PasswordPair {
  password: string;
  passwordConfirm?: string | undefined;
}

/** Policy and, when asked, the repeat of the password; reported on the right field. */
function passwordChecked(v: PasswordPair, username: string | null, confirm: boolean, ctx: z.RefinementCtx): void {
  if (typeof v.password !== 'string') return;
  const problem = passwordProblem(v.password, username);
  if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  if (!confirm) return;
  if (v.passwordConfirm === undefined) ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: M.confirmMissing });
  else if (!problem && v.passwordConfirm !== v.password) ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: M.confirm });
}

export interface ParseOptions {
  /** Forms ask for the password twice; the CLI reads it once from stdin. */
  confirm?: boolean;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** A new account: form values (FormData or an object) or the CLI's options. */
export function parseStaffAccount(input: unknown, opts: ParseOptions = {}): Parsed<StaffAccountInput> {
  const schema = z.preprocess(
    asForm,
    z
      .object({ username: usernameField, displayName: displayNameField, ...placementShape, password: passwordField, passwordConfirm: confirmField }, { error: NOT_A_FORM })
      .superRefine((v, ctx) => {
        placementChecked(v, ctx);
        passwordChecked(v, typeof v.username === 'string' ? v.username : null, opts.confirm ?? false, ctx);
      }, always)
      .transform((v): StaffAccountInput => ({ username: v.username, displayName: v.displayName, ...placed(v), password: v.password })),
  );
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: fieldErrors(result.error.issues, STAFF_ACCOUNT_FIELDS) };
}

/** A change of role, department, street or manager flag. */
export function parseStaffPlacement(input: unknown): Parsed<StaffPlacement> {
  const schema = z.preprocess(asForm, z.object(placementShape, { error: NOT_A_FORM }).superRefine(placementChecked, always).transform(placed));
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: fieldErrors(result.error.issues, STAFF_PLACEMENT_FIELDS) };
}

/** A new password for the account `username` (which it may not equal). */
export function parsePasswordReset(input: unknown, username: string, opts: ParseOptions = {}): Parsed<string> {
  const schema = z.preprocess(
    asForm,
    z
      .object({ password: passwordField, passwordConfirm: confirmField }, { error: NOT_A_FORM })
      .superRefine((v, ctx) => passwordChecked(v, username, opts.confirm ?? false, ctx), always)
      .transform((v) => v.password),
  );
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: fieldErrors(result.error.issues, PASSWORD_FIELDS) };
}

export const PASSWORD_CHANGE_FIELDS = ['currentPassword', 'password', 'passwordConfirm'] as const;

/** A person's change of their own password: the one they use now, and a new one typed twice. */
export function parsePasswordChange(input: unknown, username: string): Parsed<{ currentPassword: string; password: string }> {
  const schema = z.preprocess(
    asForm,
    z
      .object(
        {
          currentPassword: z.preprocess((v) => (v === '' ? undefined : v), z.string({ error: '请填写现在使用的密码。' })),
          password: passwordField,
          passwordConfirm: confirmField,
        },
        { error: NOT_A_FORM },
      )
      .superRefine((v, ctx) => {
        passwordChecked(v, username, true, ctx);
        if (typeof v.currentPassword === 'string' && v.password === v.currentPassword) {
          ctx.addIssue({ code: 'custom', path: ['password'], message: '新密码不能与现在的密码相同。' });
        }
      }, always)
      .transform((v) => ({ currentPassword: v.currentPassword, password: v.password })),
  );
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: fieldErrors(result.error.issues, PASSWORD_CHANGE_FIELDS) };
}

/** Role names where the body is shown beside them (the header, the list of accounts). */
export const ROLE_SHORT_NAMES: Record<StaffRole, string> = {
  dispatcher: '派单员',
  handler: '部门承办人',
  coordinator: '协调办',
  grid: '街镇网格员',
  supervisor: '督导',
  admin: '系统管理员',
};

/** { role: '部门承办人', body: '区教育局（负责人）' }, { role: '街镇网格员', body: '长寿路街道' }. */
export function describePlacement(p: { role: string; department: string | null; street: string | null; isManager: boolean }): { role: string; body: string | null } {
  const role = ROLE_SHORT_NAMES[p.role as StaffRole] ?? p.role;
  const place = p.street ? (STREETS[p.street as StreetCode] ?? p.street) : p.department ? (DEPARTMENTS[p.department as DepartmentCode]?.name ?? p.department) : null;
  return { role, body: place && p.isManager ? `${place}（负责人）` : place };
}
