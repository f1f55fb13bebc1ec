/**
 * Demo staff accounts: one per role (two dispatchers, several handlers, two of 区教育局 for four
 * eyes), and the departments' inspector pools (db/seed/inspectors.ts), written only with the
 * generated demo data (db/seed/demo.ts), never into a production database. All share one public
 * password, documented in the README for the demo only; production accounts come from
 * `npm run staff -- add`. An account that exists already is left as it is.
 */
import type { Db } from '../client';
import { insertStaffUser } from '../queries/staff/staff';
import type { StaffPlacement } from '../../src/domain/staff/staff-account';
import { seedDemoInspectors } from './inspectors';

/** Demo only: printed in the README, so it protects nothing. */
export const DEMO_STAFF_PASSWORD = 'demo-password-2026';

/**
 * DEMO_STAFF_PASSWORD hashed once with the portal's argon2id costs (src/server/staff/passwords.ts)
 * and written here, so the row generator needs no password code and a demo database is seeded
 * without spending 19 MiB and ~50 ms on a hash. A unit test checks that it verifies and needs no
 * rehash; the password is public, so a shared salt hides nothing that was hidden.
 */
export const DEMO_STAFF_PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$gK6X+kXm7NHFa2ju13IDRQ$9Pxx4yTGn0ldzIQ4b6yvlV8hqgZ4NTl0RZBXi2CaJWY';

export interface DemoStaff extends StaffPlacement {
  username: string;
  displayName: string;
}

const account = (username: string, displayName: string, p: Partial<StaffPlacement> & Pick<StaffPlacement, 'role'>): DemoStaff => ({
  username,
  displayName,
  department: null,
  street: null,
  isManager: false,
  ...p,
});

/** Fictional people (the demo banner says so); the usernames are what the README lists. */
export const DEMO_STAFF: readonly DemoStaff[] = [
  account('dispatcher', '王芳', { role: 'dispatcher', department: 'grid' }),
  account('petition', '李静', { role: 'dispatcher', department: 'petition' }),
  account('edu-handler', '张伟', { role: 'handler', department: 'edu', isManager: true }),
  // A second person of 区教育局, so the demo can show four eyes: one records, the other approves.
  account('edu-reviewer', '林晓燕', { role: 'handler', department: 'edu' }),
  account('market-handler', '刘洋', { role: 'handler', department: 'market', isManager: true }),
  account('culture-handler', '陈杰', { role: 'handler', department: 'culture' }),
  account('commerce-handler', '杨帆', { role: 'handler', department: 'commerce' }),
  account('fire-handler', '赵磊', { role: 'handler', department: 'fire' }),
  account('coordinator', '黄丽', { role: 'coordinator', department: 'edu' }),
  account('grid-changshou', '周婷', { role: 'grid', department: 'streets', street: 'changshou' }),
  account('supervisor', '吴强', { role: 'supervisor', department: 'inspectorate' }),
  account('admin', '徐明', { role: 'admin' }),
];

/** Writes the demo accounts that do not exist yet; returns how many were written. */
export async function seedDemoStaff(db: Db): Promise<number> {
  const passwordHash = DEMO_STAFF_PASSWORD_HASH;
  let written = 0;
  for (const a of DEMO_STAFF) if (await insertStaffUser(db, { ...a, passwordHash })) written++;
  // The departments' inspector pools for double-random draws go with the demo accounts.
  await seedDemoInspectors(db);
  return written;
}
