/**
 * A digest's one-click unsubscribe link against a real database (PGlite, and PostgreSQL with
 * TEST_DATABASE_URL): every digest the job writes carries its account's link; the link shows the
 * masked address, stops that account's digest (and no other), keeps the address for escalations,
 * is audited without the address, can be used twice, and stops working once the address changes.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditLog, notificationOutbox } from '../../../db/schema';
import { seedReference } from '../../../db/seed/reference';
import { staffEmailSettings } from '../../../db/queries/staff/staff-email';
import type { StaffActor } from '../../../src/domain/staff/staff-roles';
import { handleUnsubscribePost, unsubscribeFromDigest, unsubscribeState } from '../../../src/server/messages/digest-unsubscribe';
import { dailyDigest } from '../../../src/server/messages/schedules';
import { saveOwnEmailSettings } from '../../../src/server/staff/staff-email-settings';
import { forEachDriver } from '../../support/db-harness';
import { insertStaff } from '../../support/insert-staff';

const SITE = 'https://px.putuo.example.cn';

forEachDriver('digest unsubscribe link', (t) => {
  let wang: StaffActor;
  let li: StaffActor;
  const links = new Map<number, string>();
  const tokenOf = (staffId: number) => links.get(staffId)!.split('/').pop()!;
  const post = (token: string, body: string, type = 'application/x-www-form-urlencoded') =>
    handleUnsubscribePost(t.db, new Request(`${SITE}/email/unsubscribe/${token}`, { method: 'POST', headers: { 'content-type': type }, body }), token);

  beforeAll(async () => {
    await seedReference(t.db);
    wang = await insertStaff(t.db, { username: 'wang.fang', role: 'handler', department: 'edu' });
    li = await insertStaff(t.db, { username: 'li.ming', role: 'handler', department: 'edu' });
    await saveOwnEmailSettings(t.db, wang, { email: 'wang.fang@putuo.example.cn', digest: 'digest' });
    await saveOwnEmailSettings(t.db, li, { email: 'li.ming@putuo.example.cn', digest: 'digest' });
    await dailyDigest({ db: t.db, siteUrl: SITE, retentionDays: 180 });
    const digests = await t.db.select().from(notificationOutbox).where(eq(notificationOutbox.template, 'daily_digest'));
    for (const d of digests) links.set(d.staffId!, d.params.unsubscribe!);
  });

  it('each digest carries a link of its own account, naming no address', () => {
    expect([...links.keys()].sort()).toEqual([wang.id, li.id].sort());
    expect(links.get(wang.id)).toMatch(new RegExp(`^${SITE}/email/unsubscribe/${wang.id}\\.[A-Za-z0-9_-]{43}$`));
    expect(links.get(wang.id)).not.toBe(links.get(li.id));
    expect(links.get(wang.id)).not.toContain('wang');
  });

  it('looking at the link changes nothing and shows the address masked', async () => {
    expect(await unsubscribeState(t.db, tokenOf(wang.id))).toEqual({ kind: 'subscribed', maskedEmail: 'w***@putuo.example.cn' });
    expect((await staffEmailSettings(t.db, wang.id))?.digest).toBe('digest');
  });

  it('a post that is not the one-click confirmation changes nothing', async () => {
    expect(await post(tokenOf(wang.id), 'List-Unsubscribe=Yes')).toMatchObject({ status: 400, state: { kind: 'subscribed' } });
    expect(await post(tokenOf(wang.id), '')).toMatchObject({ status: 400 });
    expect((await staffEmailSettings(t.db, wang.id))?.digest).toBe('digest');
  });

  it('the one-click post stops this account’s digest only, keeps its address, and is audited without it', async () => {
    expect(await post(tokenOf(wang.id), 'List-Unsubscribe=One-Click')).toEqual({ status: 200, state: { kind: 'unsubscribed', maskedEmail: 'w***@putuo.example.cn' } });
    expect(await staffEmailSettings(t.db, wang.id)).toEqual({ email: 'wang.fang@putuo.example.cn', digest: 'none' });
    expect((await staffEmailSettings(t.db, li.id))?.digest).toBe('digest');
    const entries = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.email_settings'), eq(auditLog.objectId, String(wang.id))));
    expect(entries.at(-1)?.detail).toEqual({ digest: 'none', hasEmail: true, via: 'unsubscribe-link' });
    expect(JSON.stringify(entries.at(-1))).not.toContain('@');
  });

  it('the multipart form a mail client may send works too, and a second use is not an error', async () => {
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const request = new Request(`${SITE}/email/unsubscribe/x`, { method: 'POST', body: form });
    expect(await handleUnsubscribePost(t.db, request, tokenOf(li.id))).toMatchObject({ status: 200, state: { kind: 'unsubscribed' } });
    expect(await post(tokenOf(li.id), 'List-Unsubscribe=One-Click')).toMatchObject({ status: 200, state: { kind: 'unsubscribed' } });
  });

  it('a link whose address has since changed, or a forged one, is refused', async () => {
    await saveOwnEmailSettings(t.db, li, { email: 'ming.li@putuo.example.cn', digest: 'digest' });
    expect(await unsubscribeFromDigest(t.db, tokenOf(li.id))).toEqual({ kind: 'invalid' });
    expect((await staffEmailSettings(t.db, li.id))?.digest).toBe('digest');
    const forged = `${li.id}.${tokenOf(wang.id).split('.')[1]}`;
    expect(await post(forged, 'List-Unsubscribe=One-Click')).toEqual({ status: 404, state: { kind: 'invalid' } });
    expect(await unsubscribeState(t.db, '999999.' + 'A'.repeat(43))).toEqual({ kind: 'invalid' });
  });
});
