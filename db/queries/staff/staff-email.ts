/**
 * A person's e-mail settings on their account row (staff_users.email, .email_digest), and the
 * people the daily digest goes to. Digest choice is stored as a flag; the form's words
 * (digest/none) are the domain's (src/domain/staff/staff-email.ts).
 */
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../client';
import { staffUsers } from '../../schema';
import type { StaffEmailSettings } from '../../../src/domain/staff/staff-email';

export async function staffEmailSettings(db: Db, userId: number): Promise<StaffEmailSettings | null> {
  const [row] = await db.select({ email: staffUsers.email, emailDigest: staffUsers.emailDigest }).from(staffUsers).where(eq(staffUsers.id, userId));
  return row ? { email: row.email, digest: row.emailDigest ? 'digest' : 'none' } : null;
}

/** False when there is no such account. */
export async function updateStaffEmailSettings(db: Db, userId: number, s: StaffEmailSettings): Promise<boolean> {
  const updated = await db
    .update(staffUsers)
    .set({ email: s.email, emailDigest: s.digest === 'digest' })
    .where(eq(staffUsers.id, userId))
    .returning({ id: staffUsers.id });
  return updated.length > 0;
}

export interface DigestRecipient {
  userId: number;
  email: string;
  department: string;
}

/** Active accounts of a department that chose the digest and have an address, for the digest job. */
export async function digestRecipients(db: Db): Promise<DigestRecipient[]> {
  const rows = await db
    .select({ userId: staffUsers.id, email: staffUsers.email, department: staffUsers.department })
    .from(staffUsers)
    .where(and(eq(staffUsers.emailDigest, true), eq(staffUsers.disabled, false), isNotNull(staffUsers.email), isNotNull(staffUsers.department)))
    .orderBy(asc(staffUsers.department), asc(staffUsers.id));
  return rows.flatMap((r) => (r.email && r.department ? [{ userId: r.userId, email: r.email, department: r.department }] : []));
}
