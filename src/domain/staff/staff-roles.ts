/**
 * Staff roles (mechanism 4 of the plan) and the signed-in staff member as the server knows it.
 * What each role may see of a case is in src/domain/cases/case-access.ts, what it may do in
 * src/domain/cases/case-machine.ts.
 */
import type { DepartmentCode, StreetCode } from '../shared/reference';

export const STAFF_ROLES = ['dispatcher', 'handler', 'coordinator', 'grid', 'supervisor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_NAMES: Record<StaffRole, string> = {
  dispatcher: '派单员（区网格中心、区信访办）',
  handler: '部门承办人',
  coordinator: '区教育局协调办',
  grid: '街镇网格员',
  supervisor: '督导（区政府教育督导室）',
  admin: '系统管理员',
};

/** The two bodies that dispatch cases (mechanism 4): the 12345 centre and the petitions office. */
export const DISPATCHING_DEPARTMENTS = ['grid', 'petition'] as const satisfies readonly DepartmentCode[];

/** The signed-in staff member, as the server knows it for one request. */
export interface StaffActor {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
  /** The body the account belongs to: a dispatching body, a handling department, edu, inspectorate. */
  department: DepartmentCode | null;
  /** Grid staff only: the street or town whose cases they see. */
  street: StreetCode | null;
  /** A department's manager receives its overdue escalations. */
  isManager: boolean;
}
