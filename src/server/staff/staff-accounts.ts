/**
 * Changes to staff accounts, by an administrator (/staff/users) or by the CLI (src/cli/staff.ts,
 * actor null = 'system'). Input arrives parsed (src/domain/staff/staff-account.ts); each change is
 * written together with its audit entry in one transaction, so no change goes unrecorded.
 * An administrator cannot disable their own account or change their own role: the portal must
 * never be left without an administrator by a slip of the mouse.
 */
import type { Db } from '../../../db/client';
import { insertStaffUser, staffUserById, updateStaffDisabled, updateStaffPassword, updateStaffPlacement, type StaffUser } from '../../../db/queries/staff/staff';
import type { StaffAccountInput, StaffPlacement } from '../../domain/staff/staff-account';
import { FORM_LEVEL, type FieldError } from '../../domain/shared/form-fields';
import type { StaffActor } from '../../domain/staff/staff-roles';
import { writeAudit } from './audit';
import { hashPassword } from './passwords';

export type AccountChange = { kind: 'done'; user: StaffUser; changed: boolean } | { kind: 'invalid'; errors: FieldError[] } | { kind: 'not_found' };

const OBJECT = 'staff_user';

/** The fields that say where an account belongs, as recorded in the audit log. */
const placementOf = (u: StaffPlacement | StaffUser) => ({ role: u.role as string, department: u.department as string | null, street: u.street as string | null, isManager: u.isManager });

function inTransaction<T>(db: Db, run: (t: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => run(tx as unknown as Db));
}

/** Creates an account; a taken username is reported on the username field. */
export async function createStaffAccount(db: Db, actor: StaffActor | null, input: StaffAccountInput): Promise<AccountChange> {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (t) => {
    const { username, displayName, role, department, street, isManager } = input;
    const user = await insertStaffUser(t, { username, displayName, role, department, street, isManager, passwordHash });
    if (!user) return { kind: 'invalid', errors: [{ field: 'username', message: `用户名“${input.username}”已被使用，请换一个。` }] };
    await writeAudit(t, { actor, action: 'user.create', objectType: OBJECT, objectId: user.id, detail: { username: user.username, ...placementOf(user) } });
    return { kind: 'done', user, changed: true };
  });
}

/** Changes role, department, street and manager flag (not one's own). */
export async function changeStaffPlacement(db: Db, actor: StaffActor | null, userId: number, p: StaffPlacement): Promise<AccountChange> {
  if (actor?.id === userId) return { kind: 'invalid', errors: [{ field: 'role', message: '不能修改自己账号的角色。请由另一位系统管理员修改。' }] };
  return inTransaction(db, async (t) => {
    const before = await staffUserById(t, userId);
    if (!before) return { kind: 'not_found' };
    const same = JSON.stringify(placementOf(before)) === JSON.stringify(placementOf(p));
    if (same) return { kind: 'done', user: before, changed: false };
    const user = (await updateStaffPlacement(t, userId, p))!;
    await writeAudit(t, { actor, action: 'user.role_change', objectType: OBJECT, objectId: userId, detail: { username: user.username, before: placementOf(before), after: placementOf(user) } });
    return { kind: 'done', user, changed: true };
  });
}

/** Sets a new password; every session of the account ends. */
export async function resetStaffPassword(db: Db, actor: StaffActor | null, userId: number, password: string): Promise<AccountChange> {
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (t) => {
    const user = await staffUserById(t, userId);
    if (!user || !(await updateStaffPassword(t, userId, passwordHash))) return { kind: 'not_found' };
    await writeAudit(t, { actor, action: 'user.password_reset', objectType: OBJECT, objectId: userId, detail: { username: user.username } });
    return { kind: 'done', user, changed: true };
  });
}

/** Disables (ending every session) or enables an account (not one's own). */
export async function setStaffDisabled(db: Db, actor: StaffActor | null, userId: number, disabled: boolean): Promise<AccountChange> {
  if (disabled && actor?.id === userId) return { kind: 'invalid', errors: [{ field: FORM_LEVEL, message: '不能停用自己的账号。请由另一位系统管理员停用。' }] };
  return inTransaction(db, async (t) => {
    const before = await staffUserById(t, userId);
    if (!before) return { kind: 'not_found' };
    if (before.disabled === disabled) return { kind: 'done', user: before, changed: false };
    await updateStaffDisabled(t, userId, disabled);
    await writeAudit(t, { actor, action: disabled ? 'user.disable' : 'user.enable', objectType: OBJECT, objectId: userId, detail: { username: before.username } });
    return { kind: 'done', user: { ...before, disabled }, changed: true };
  });
}
