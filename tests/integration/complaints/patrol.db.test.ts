/**
 * Patrol reports against a real database (src/server/complaints/patrol-form-handler.ts through the public
 * intake, src/server/complaints/complaint-intake.ts): a report lands in the dispatch queue as a complaint of
 * the grid staff's street, filed by the account, without contact or SMS; a retried post finds the
 * report it already made; the same key with other content is refused; a bad form writes nothing.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditLog, complaintContacts, complaintEvents, complaints } from '../../../db/schema';
import { seedReference } from '../../../db/seed/reference';
import type { StaffActor } from '../../../src/domain/staff/staff-roles';
import { listQueue } from '../../../src/server/cases/case-queue';
import { handlePatrolPost, patrolFiler, PATROL_PATH, type PatrolPostResult } from '../../../src/server/complaints/patrol-form-handler';
import { resetSecretCache } from '../../../src/server/shared/secret';
import type { InstitutionFixture } from '../../fixtures/institutions';
import { forEachDriver, rows, type DriverContext } from '../../support/db-harness';
import { formPost } from '../../support/forms';
import { insertInstitutions } from '../../support/insert-fixtures';
import { insertStaff } from '../../support/insert-staff';

const TODAY = '2026-06-15';

const INSTITUTIONS: InstitutionFixture[] = [{ key: 'far', name: '普陀巡查测试舞蹈工作室', fields: ['arts'], street: 'zhenru' }];

async function count(t: DriverContext, table: 'complaints' | 'complaint_contacts' | 'notification_outbox'): Promise<number> {
  const [r] = await rows<{ n: number }>(t, sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return r!.n;
}

forEachDriver('patrol reports', (t) => {
  const who = {} as Record<'changshou' | 'zhenru' | 'dispatcher', StaffActor>;
  let farCode = '';

  const post = (staff: StaffActor, form: Record<string, string>): Promise<PatrolPostResult> =>
    handlePatrolPost({ request: formPost(PATROL_PATH, form), locals: { db: t.db, today: TODAY } as App.Locals }, staff, patrolFiler(staff)!);
  const report = (over: Record<string, string> = {}) => ({
    category: 'unlicensed',
    notListed: 'on',
    institutionName: '无名少儿美术班',
    institutionAddress: '长寿路100弄5号102室',
    description: '居民楼内开办少儿美术班，门口无任何证照公示，约二十名学生。',
    occurredOn: TODAY,
    peopleAffected: '20',
    idempotencyKey: randomUUID(),
    ...over,
  });
  const numberOf = (r: PatrolPostResult) => {
    if (r.kind !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(r)}`);
    return decodeURIComponent(r.location.split('filed=')[1]!);
  };

  beforeAll(async () => {
    resetSecretCache();
    await seedReference(t.db);
    farCode = (await insertInstitutions(t.db, INSTITUTIONS)).get('far')!.creditCode;
    const accounts = [
      ['changshou', { role: 'grid', department: 'streets', street: 'changshou' }],
      ['zhenru', { role: 'grid', department: 'streets', street: 'zhenru' }],
      ['dispatcher', { role: 'dispatcher', department: 'grid', street: null }],
    ] as const;
    for (const [key, a] of accounts) who[key] = await insertStaff(t.db, { ...a, username: `patrol-${key}`, displayName: `巡查测试${key}` });
  });

  it('lands in the dispatch queue: received, channel patrol, the street of the grid staff, filed by the account, no contact', async () => {
    const outbox = await count(t, 'notification_outbox');
    const number = numberOf(await post(who.changshou, report()));
    const [c] = await t.db.select().from(complaints).where(eq(complaints.trackingNumber, number));
    expect(c).toMatchObject({ status: 'received', channel: 'patrol', street: 'changshou', filedBy: who.changshou.id, filerRole: 'street', category: 'unlicensed', peopleAffected: 20, lead: null });
    expect(await t.db.select().from(complaintContacts).where(eq(complaintContacts.complaintId, c!.id))).toEqual([]);
    expect(await count(t, 'notification_outbox')).toBe(outbox);
    const [received] = await t.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, c!.id));
    expect(received).toMatchObject({ kind: 'received', data: expect.objectContaining({ channel: 'patrol' }) });

    const queue = await listQueue(t.db, who.dispatcher, TODAY, { view: 'todo' });
    expect(queue.rows.map((r) => r.trackingNumber)).toContain(number);
    // The street sees its report; another street does not.
    expect((await listQueue(t.db, who.changshou, TODAY, { view: 'all' })).rows.map((r) => r.trackingNumber)).toContain(number);
    expect((await listQueue(t.db, who.zhenru, TODAY, { view: 'all' })).rows.map((r) => r.trackingNumber)).not.toContain(number);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.objectId, number));
    expect(audit).toMatchObject({ action: 'case.patrol_report', actorId: who.changshou.id, objectType: 'case' });
  });

  it('appears once on a retried post: the same number, one row, one audit entry', async () => {
    const form = report({ institutionName: '重复提交测试培训点' });
    const first = numberOf(await post(who.changshou, form));
    const before = await count(t, 'complaints');
    const again = numberOf(await post(who.changshou, form));
    expect(again).toBe(first);
    expect(await count(t, 'complaints')).toBe(before);
    expect(await t.db.select().from(complaints).where(eq(complaints.notListedName, '重复提交测试培训点'))).toHaveLength(1);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.objectId, first))).toHaveLength(1);
  });

  it('refuses the same key with other content (409, a new key, nothing written)', async () => {
    const form = report();
    numberOf(await post(who.changshou, form));
    const before = await count(t, 'complaints');
    const result = await post(who.changshou, { ...form, description: `${form.description}另有家长反映收费问题。` });
    expect(result.kind).toBe('form');
    if (result.kind !== 'form') return;
    expect(result.status).toBe(409);
    expect(result.view.idempotencyKey).not.toBe(form.idempotencyKey);
    expect(result.view.notice).toContain('另一份不同内容');
    expect(await count(t, 'complaints')).toBe(before);
  });

  it('a listed institution of another street is filed under the street that found it', async () => {
    const number = numberOf(await post(who.changshou, report({ notListed: '', creditCode: farCode, category: 'fire_safety', institutionName: '', institutionAddress: '' })));
    const [c] = await t.db.select({ street: complaints.street, institutionId: complaints.institutionId, routeLead: complaints.routeLead }).from(complaints).where(eq(complaints.trackingNumber, number));
    expect(c).toMatchObject({ street: 'changshou', routeLead: 'fire' });
    expect(c!.institutionId).not.toBeNull();
  });

  it('a bad form is shown again with one message per field, in form order, keeping the key; nothing is written', async () => {
    const before = await count(t, 'complaints');
    const form = report({ category: 'advertising', institutionName: '', description: '太短', occurredOn: '2026-06-16', peopleAffected: '二十' });
    const result = await post(who.changshou, form);
    expect(result.kind).toBe('form');
    if (result.kind !== 'form') return;
    expect(result.status).toBe(400);
    expect(result.view.errors.map((e) => e.field)).toEqual(['category', 'institutionName', 'description', 'occurredOn', 'peopleAffected']);
    expect(result.view.errors[0]!.message).toBe('所选的问题不在巡查上报的类别中，请从列表中选择。');
    expect(result.view.errors.find((e) => e.field === 'occurredOn')!.message).toBe('发现日期不能晚于今天（2026年6月15日）。');
    expect(result.view.idempotencyKey).toBe(form.idempotencyKey);
    expect(result.view.values.description).toBe('太短');
    expect(await count(t, 'complaints')).toBe(before);
  });

  it('only grid staff of a street can file', () => {
    expect(patrolFiler(who.dispatcher)).toBeNull();
    expect(patrolFiler({ ...who.changshou, street: null })).toBeNull();
    expect(patrolFiler(who.zhenru)).toEqual({ staffId: who.zhenru.id, street: 'zhenru' });
  });
});
