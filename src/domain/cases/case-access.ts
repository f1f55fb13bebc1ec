/**
 * Who may see a case and its complainant's contact details. Pure: the server loads a case's facts
 * and asks `canSeeCase`; a case a staff member may not see answers 404, whether asked for by URL,
 * by the JSON API or by a form post, so its existence is not revealed either. What a role may do
 * with a case it sees is decided by case-machine.ts.
 */
import type { StaffActor } from '../staff/staff-roles';

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
