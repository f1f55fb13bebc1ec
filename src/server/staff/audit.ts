/**
 * The audit log of staff actions: who did what to which account or case,
 * and when. Append-only in the database. `detail` holds identifiers and codes only: never a
 * password, never a complainant's name, phone, address or description (plan, section 五(七)).
 */
import type { Db } from '../../../db/client';
import { insertAuditRow } from '../../../db/queries/staff/audit';
import type { StaffActor } from '../../domain/staff/staff-roles';

/** Actions written by the account and sign-in code; case actions use 'case.*' (src/server/cases/case-actions.ts). */
export type AccountAuditAction =
  | 'auth.sign_in'
  | 'auth.sign_in_failed'
  | 'auth.sign_in_throttled'
  | 'auth.sign_out'
  | 'auth.password_change_failed'
  | 'user.create'
  | 'user.disable'
  | 'user.enable'
  | 'user.password_reset'
  | 'user.password_change'
  | 'user.role_change'
  | 'user.sign_in_unlock'
  | 'user.email_settings'
  | 'message.requeue';

export interface AuditEntry {
  /** Null for the system: the CLI, the escalation sweep, a sign-in attempt by nobody known. */
  actor: StaffActor | null;
  /** 'auth.sign_in', 'user.create', 'case.dispatch', ... */
  action: AccountAuditAction | (string & {});
  /** 'staff_user', 'case', ... */
  objectType: string;
  objectId?: string | number | null;
  detail?: Record<string, unknown>;
}

/** The name recorded for entries without an actor. */
export const SYSTEM_ACTOR = 'system';

/** Appends one entry. Pass a transaction as `db` to write it together with the change it records. */
export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  await insertAuditRow(db, {
    actorId: entry.actor?.id ?? null,
    actorName: entry.actor?.username ?? SYSTEM_ACTOR,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId === undefined || entry.objectId === null ? null : String(entry.objectId),
    detail: entry.detail ?? {},
  });
}

/** How the account pages name each action. */
export const ACCOUNT_ACTION_NAMES: Record<AccountAuditAction, string> = {
  'auth.sign_in': '登录',
  'auth.sign_in_failed': '登录失败',
  'auth.sign_in_throttled': '登录失败较多，开始限制',
  'auth.sign_out': '退出登录',
  'auth.password_change_failed': '修改密码时现在的密码输错',
  'user.create': '创建账号',
  'user.disable': '停用账号',
  'user.enable': '启用账号',
  'user.password_reset': '重设密码',
  'user.password_change': '本人修改密码',
  'user.role_change': '修改角色和所属单位',
  'user.sign_in_unlock': '解除登录限制',
  'user.email_settings': '本人修改邮件提醒设置',
  'message.requeue': '重新发送已放弃的消息',
};

/** Reasons of 'auth.sign_in_failed' and 'auth.sign_in_throttled', as the account page shows them. */
export const SIGN_IN_FAILURE_NAMES: Record<string, string> = {
  wrong_password: '密码错误',
  disabled: '账号已停用',
  unknown_user: '用户名不存在',
  unusable: '账号的角色或所属单位无效',
  challenge: '此后登录须先完成安全验证',
  delay: '同一网络再登录须等待，每次失败等待加倍',
  lock: '24小时内失败100次，账号锁定',
  address: '同一网络15分钟内失败20次',
};
