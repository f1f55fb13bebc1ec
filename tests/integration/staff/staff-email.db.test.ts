/**
 * A person's e-mail settings against a real database (PGlite, and PostgreSQL with
 * TEST_DATABASE_URL): none by default, saved on their own account only, audited without the
 * address, and read back by the digest job's query (active accounts of a department that chose
 * the digest and have an address).
 */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditLog, staffUsers } from '../../../db/schema';
import { seedReference } from '../../../db/seed/reference';
import { digestRecipients, staffEmailSettings } from '../../../db/queries/staff/staff-email';
import { updateStaffDisabled } from '../../../db/queries/staff/staff';
import type { StaffActor } from '../../../src/domain/staff/staff-roles';
import { saveOwnEmailSettings } from '../../../src/server/staff/staff-email-settings';
import { forEachDriver } from '../../support/db-harness';
import { insertStaff } from '../../support/insert-staff';

forEachDriver('staff e-mail settings', (t) => {
  let handler: StaffActor;
  let other: StaffActor;

  beforeAll(async () => {
    await seedReference(t.db);
    handler = await insertStaff(t.db, { username: 'wang.fang', role: 'handler', department: 'edu' });
    other = await insertStaff(t.db, { username: 'li.ming', role: 'handler', department: 'edu' });
  });

  it('an account has no address and no digest until the person chooses', async () => {
    expect(await staffEmailSettings(t.db, handler.id)).toEqual({ email: null, digest: 'none' });
    expect(await digestRecipients(t.db)).toEqual([]);
  });

  it('saves the address and the digest on the actor’s own account, audited without the address', async () => {
    const outcome = await saveOwnEmailSettings(t.db, handler, { email: 'Wang.Fang@Putuo.Example.CN', digest: 'digest' });
    expect(outcome).toEqual({ kind: 'saved' });
    expect(await staffEmailSettings(t.db, handler.id)).toEqual({ email: 'wang.fang@putuo.example.cn', digest: 'digest' });
    expect(await staffEmailSettings(t.db, other.id)).toEqual({ email: null, digest: 'none' });
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'user.email_settings'));
    expect(entry).toMatchObject({ actorId: handler.id, objectType: 'staff_user', objectId: String(handler.id), detail: { digest: 'digest', hasEmail: true } });
    expect(JSON.stringify(entry?.detail)).not.toContain('@');
  });

  it('refuses a digest without an address, changing nothing', async () => {
    const outcome = await saveOwnEmailSettings(t.db, other, { email: '', digest: 'digest' });
    expect(outcome).toMatchObject({ kind: 'invalid', errors: [{ field: 'email', message: '接收每日摘要需要电子邮箱，请填写。' }] });
    expect(await staffEmailSettings(t.db, other.id)).toEqual({ email: null, digest: 'none' });
  });

  it('the digest goes to active accounts that chose it; none and disabled accounts are left out', async () => {
    await saveOwnEmailSettings(t.db, other, { email: 'li.ming@putuo.example.cn', digest: 'none' });
    expect(await digestRecipients(t.db)).toEqual([{ userId: handler.id, email: 'wang.fang@putuo.example.cn', department: handler.department }]);
    await updateStaffDisabled(t.db, handler.id, true);
    expect(await digestRecipients(t.db)).toEqual([]);
    await updateStaffDisabled(t.db, handler.id, false);
  });

  it('choosing none again stops the digest and keeps the address for escalations', async () => {
    await saveOwnEmailSettings(t.db, handler, { email: 'wang.fang@putuo.example.cn', digest: 'none' });
    expect(await digestRecipients(t.db)).toEqual([]);
    const [row] = await t.db.select({ email: staffUsers.email, digest: staffUsers.emailDigest }).from(staffUsers).where(eq(staffUsers.id, handler.id));
    expect(row).toEqual({ email: 'wang.fang@putuo.example.cn', digest: false });
  });
});
