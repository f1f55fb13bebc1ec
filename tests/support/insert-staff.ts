/**
 * Staff accounts for tests that call the services directly: the row in staff_users and the
 * signed-in actor the services take (src/domain/staff/staff-roles.ts). Nobody signs in to these
 * accounts, so the password hash is a placeholder.
 */
import type { Db } from '../../db/client';
import { staffUsers } from '../../db/schema';
import type { DepartmentCode, StreetCode } from '../../src/domain/shared/reference';
import type { StaffActor, StaffRole } from '../../src/domain/staff/staff-roles';

export interface StaffFixture {
  username: string;
  /** The username when left out. */
  displayName?: string;
  role: StaffRole;
  department: DepartmentCode | null;
  street?: StreetCode | null;
  isManager?: boolean;
}

/** Inserts the account and returns it as the actor the services take. */
export async function insertStaff(db: Db, a: StaffFixture): Promise<StaffActor> {
  const actor = { username: a.username, displayName: a.displayName ?? a.username, role: a.role, department: a.department, street: a.street ?? null, isManager: a.isManager ?? false };
  const [row] = await db
    .insert(staffUsers)
    .values({ ...actor, passwordHash: 'not-used-here' })
    .returning({ id: staffUsers.id });
  return { id: row!.id, ...actor };
}
