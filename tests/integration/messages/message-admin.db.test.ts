/**
 * The administrator's message list against a real database (PGlite, and PostgreSQL with
 * TEST_DATABASE_URL): filters by state, channel, template and Shanghai days; recipients masked;
 * only a dead message can be queued again, once, with an audit entry; the oversight count.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditLog, notificationOutbox } from '../../../db/schema';
import { listMessages, requeueDead, undeliveredCounts } from '../../../db/queries/messages/messages';
import { parseMessageFilter } from '../../../src/domain/messages/message-filter';
import type { StaffActor } from '../../../src/domain/staff/staff-roles';
import { loadMessagePage, requeueDeadMessage } from '../../../src/server/messages/message-admin';
import { loadUndeliveredMessages } from '../../../src/server/oversight/oversight';
import { forEachDriver } from '../../support/db-harness';
import { insertStaff } from '../../support/insert-staff';

const at = (s: string) => new Date(s);

forEachDriver('message list and retry', (t) => {
  let admin: StaffActor;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    admin = await insertStaff(t.db, { username: 'zhang.min', role: 'admin', department: null });
    const rows = [
      // 1 March 2026 00:30 in Shanghai is still 28 February in UTC: it belongs to 1 March.
      { key: 'deadSms', channel: 'sms', template: 'receipt', recipient: '13812345678', state: 'dead', lastError: 'isv.MOBILE_NUMBER_ILLEGAL', createdAt: at('2026-02-28T16:30:00Z') },
      { key: 'deliveredSms', channel: 'sms', template: 'receipt', recipient: '13900001111', state: 'delivered', createdAt: at('2026-03-02T02:00:00Z') },
      { key: 'failedSms', channel: 'sms', template: 'status_changed', recipient: '13700002222', state: 'failed', lastError: 'throttled', createdAt: at('2026-03-02T03:00:00Z') },
      { key: 'deadEmail', channel: 'email', template: 'overdue_escalation', recipient: 'wang.fang@putuo.example.cn', state: 'dead', lastError: 'no address', createdAt: at('2026-03-31T15:59:00Z') },
      { key: 'queuedEmail', channel: 'email', template: 'daily_digest', recipient: 'li.ming@putuo.example.cn', state: 'queued', createdAt: at('2026-03-31T16:00:00Z') },
    ] as const;
    for (const { key, ...r } of rows) {
      const [m] = await t.db.insert(notificationOutbox).values({ ...r, params: {}, attempts: r.state === 'queued' ? 0 : 3 }).returning({ id: notificationOutbox.id });
      ids[key] = m!.id;
    }
  });

  const listed = async (q: string) => {
    const parsed = parseMessageFilter(new URLSearchParams(q));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return (await loadMessagePage(t.db, parsed.filter)).rows.map((r) => r.id);
  };

  it('lists every message newest first, and filters by state, channel and template', async () => {
    expect(await listed('')).toEqual([ids.queuedEmail, ids.deadEmail, ids.failedSms, ids.deliveredSms, ids.deadSms]);
    expect(await listed('state=dead')).toEqual([ids.deadEmail, ids.deadSms]);
    expect(await listed('channel=sms')).toEqual([ids.failedSms, ids.deliveredSms, ids.deadSms]);
    expect(await listed('template=receipt&state=delivered')).toEqual([ids.deliveredSms]);
    const { total } = await listMessages(t.db, { channel: 'email' }, 1, 0);
    expect(total).toBe(2);
  });

  it('filters by Shanghai days, both included', async () => {
    expect(await listed('from=2026-03-01&to=2026-03-01')).toEqual([ids.deadSms]);
    expect(await listed('from=2026-03-01&to=2026-03-31')).toEqual([ids.deadEmail, ids.failedSms, ids.deliveredSms, ids.deadSms]);
    expect(await listed('from=2026-04-01')).toEqual([ids.queuedEmail]);
    expect(await listed('to=2026-02-28')).toEqual([]);
  });

  it('shows recipients masked, states in Chinese, purposes from the templates', async () => {
    const parsed = parseMessageFilter(new URLSearchParams(''));
    if (!parsed.ok) throw new Error('filter');
    const { rows, total, pages } = await loadMessagePage(t.db, parsed.filter);
    expect({ total, pages }).toEqual({ total: 5, pages: 1 });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(ids.deadSms!)).toMatchObject({ recipient: '*******5678', channel: '短信', purpose: '投诉受理回执', stateLabel: '已放弃', canRequeue: true, attempts: 3 });
    expect(byId.get(ids.deadEmail!)).toMatchObject({ recipient: 'w***@putuo.example.cn', channel: '邮件', canRequeue: true });
    expect(byId.get(ids.deliveredSms!)).toMatchObject({ stateLabel: '已送达网关', canRequeue: false });
    expect(JSON.stringify(rows)).not.toMatch(/13812345678|wang\.fang/);
  });

  it('only a dead message can be queued again', async () => {
    for (const key of ['deliveredSms', 'failedSms', 'queuedEmail'] as const) {
      expect(await requeueDead(t.db, ids[key]!)).toBeNull();
      expect(await requeueDeadMessage(t.db, admin, ids[key]!)).toBe(false);
    }
    expect(await requeueDeadMessage(t.db, admin, 999_999)).toBe(false);
    const [failed] = await t.db.select({ state: notificationOutbox.state }).from(notificationOutbox).where(eq(notificationOutbox.id, ids.failedSms!));
    expect(failed?.state).toBe('failed');
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'message.requeue'))).toEqual([]);
  });

  it('queues a dead message again, audited, and only once', async () => {
    expect(await requeueDeadMessage(t.db, admin, ids.deadSms!)).toBe(true);
    const [m] = await t.db.select().from(notificationOutbox).where(eq(notificationOutbox.id, ids.deadSms!));
    expect(m).toMatchObject({ state: 'queued', jobId: null, recipient: '13812345678' });
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.action, 'message.requeue'));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: admin.id, objectType: 'message', objectId: String(ids.deadSms), detail: { template: 'receipt' } });
    expect(JSON.stringify(entries[0]?.detail)).not.toContain('1381234');
    // A second press (another tab, a double submit) changes nothing and writes nothing.
    expect(await requeueDeadMessage(t.db, admin, ids.deadSms!)).toBe(false);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'message.requeue'))).toHaveLength(1);
  });

  it('counts the failed and dead messages of a period for oversight', async () => {
    expect(await loadUndeliveredMessages(t.db, { from: '2026-03-01', to: '2026-03-31' })).toEqual({ failed: 1, dead: 1 });
    expect(await loadUndeliveredMessages(t.db, { from: '2026-03-02', to: '2026-03-02' })).toEqual({ failed: 1, dead: 0 });
    expect(await undeliveredCounts(t.db, at('2026-04-01T00:00:00Z'), at('2026-05-01T00:00:00Z'))).toEqual({ failed: 0, dead: 0 });
  });
});
