/**
 * Staff roles (mechanism 4 of the plan) and what each may see of a case. Pure: the server loads a
 * case's facts and asks `canSeeCase`; a case a staff member may not see answers 404, whether asked
 * for by URL, by the JSON API or by a form post, so its existence is not revealed either.
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

/** What decides who may see a case. */
export interface CaseAccessFacts {
  /** Departments currently on the case: the lead and the assisting ones. */
  departments: readonly string[];
  /** Departments named by an open or past whistle (街镇吹哨) on the case: they must report in. */
  whistleDepartments: readonly string[];
  /** Ever sent to 区教育局 for coordination. */
  coordination: boolean;
  /** The street or town of the institution or of the reported address. */
  street: string | null;
}

/** Whether this staff member may open the case at all (read). Acting on it is decided by case-machine.ts. */
export function canSeeCase(actor: StaffActor, c: CaseAccessFacts): boolean {
  switch (actor.role) {
    case 'dispatcher':
    case 'supervisor':
      return true;
    case 'handler':
      return actor.department !== null && (c.departments.includes(actor.department) || c.whistleDepartments.includes(actor.department));
    case 'coordinator':
      return c.coordination || (actor.department !== null && c.departments.includes(actor.department));
    case 'grid':
      return actor.street !== null && c.street === actor.street;
    case 'admin':
      // Administrators manage accounts and reference data, never case content.
      return false;
  }
}

/**
 * Contact details of the complainant: only the dispatcher and the departments on the case (plan:
 * personal data on a need-to-know basis). Every view is written to the audit log by the caller.
 */
export function canSeeContact(actor: StaffActor, c: CaseAccessFacts): boolean {
  if (actor.role === 'dispatcher') return true;
  if (actor.role === 'handler' || actor.role === 'coordinator') return actor.department !== null && c.departments.includes(actor.department);
  return false;
}
