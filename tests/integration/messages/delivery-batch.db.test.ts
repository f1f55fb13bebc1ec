/**
 * Delivering a batch of jobs against a real database (PGlite, and PostgreSQL with
 * TEST_DATABASE_URL), with transports that answer as told: each message ends as its gateway
 * answered (delivered with the gateway's id, dead with the reason, or failed with its job handed
 * back for a retry); the last allowed try gives up; a message named by two jobs is sent once; a
 * message already delivered is not sent again. And the relay: a message no job took is queued
 * once, not every minute.
 */
import { eq, inArray } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import { notificationOutbox } from '../../../db/schema';
import { takeUnrelayed } from '../../../db/queries/messages/messages';
import { deliverBatch, type DeliveryDeps } from '../../../src/server/messages/delivery';
import type { OutgoingSms, SendOutcome } from '../../../src/server/messages/transport';
import { forEachDriver } from '../../support/db-harness';

forEachDriver('message delivery in batches', (t) => {
  /** What the gateway answers, by phone number; every call is recorded. */
  let answers: Map<string, SendOutcome | Error>;
  let calls: OutgoingSms[];
  const deps = (): DeliveryDeps => ({
    db: t.db,
    sms: {
      name: 'log',
      async send(m) {
        calls.push(m);
        const a = answers.get(m.phone) ?? { kind: 'delivered', providerId: `gw-${m.messageId}` };
        if (a instanceof Error) throw a;
        return a;
      },
    },
    email: { name: 'log', send: async () => ({ kind: 'delivered' }) },
    emailOptions: { siteUrl: 'https://px.putuo.example.cn' },
    retryDelaySeconds: 10,
    retryDelayMaxSeconds: 600,
  });

  async function queue(...phones: string[]): Promise<number[]> {
    const inserted = await t.db
      .insert(notificationOutbox)
      .values(phones.map((recipient, i) => ({ channel: 'sms', template: 'receipt', params: { number: `PT-2026-00000${i}`, hint: 'AB12' }, recipient })))
      .returning({ id: notificationOutbox.id });
    return inserted.map((r) => r.id);
  }
  const job = (id: string, messageId: number, retryCount = 0) => ({ id, messageId, retryCount, retryLimit: 3 });
  const stateOf = async (ids: number[]) =>
    (await t.db.select().from(notificationOutbox).where(inArray(notificationOutbox.id, ids)).orderBy(notificationOutbox.id)).map((m) => ({
      state: m.state,
      attempts: m.attempts,
      lastError: m.lastError,
      providerId: m.providerId,
    }));

  beforeEach(() => {
    answers = new Map();
    calls = [];
  });

  it('records each answer on its own message and hands back only the jobs to retry', async () => {
    answers.set('13900000002', { kind: 'give_up', reason: 'isv.MOBILE_NUMBER_ILLEGAL' });
    answers.set('13900000003', { kind: 'retry', reason: 'isv.BUSINESS_LIMIT_CONTROL' });
    answers.set('13900000004', new Error('socket hang up'));
    const ids = await queue('13900000001', '13900000002', '13900000003', '13900000004');
    const result = await deliverBatch(ids.map((id, i) => job(`j${i}`, id)), deps());
    expect(result).toEqual([
      { id: 'j0', status: 'completed' },
      { id: 'j1', status: 'completed' },
      { id: 'j2', status: 'failed', output: { reason: 'isv.BUSINESS_LIMIT_CONTROL' } },
      { id: 'j3', status: 'failed', output: { reason: 'transport error: socket hang up' } },
    ]);
    expect(await stateOf(ids)).toEqual([
      { state: 'delivered', attempts: 1, lastError: null, providerId: `gw-${ids[0]}` },
      { state: 'dead', attempts: 1, lastError: 'isv.MOBILE_NUMBER_ILLEGAL', providerId: null },
      { state: 'failed', attempts: 1, lastError: 'isv.BUSINESS_LIMIT_CONTROL', providerId: null },
      { state: 'failed', attempts: 1, lastError: 'transport error: socket hang up', providerId: null },
    ]);
    // The portal's own id goes to the gateway, so a retry after a lost answer can be recognised.
    expect(calls.map((c) => c.messageId)).toEqual(ids.map(String));
  });

  it('a failed message is tried again by its job; on the last allowed try it is given up with the reason', async () => {
    answers.set('13900000005', { kind: 'retry', reason: 'throttled' });
    const [id] = await queue('13900000005');
    await deliverBatch([job('k1', id!)], deps());
    expect(await deliverBatch([job('k1', id!, 3)], deps())).toEqual([{ id: 'k1', status: 'completed' }]);
    expect(await stateOf([id!])).toEqual([{ state: 'dead', attempts: 2, lastError: 'gave up after 2 attempts: throttled', providerId: null }]);
  });

  it('a message named by two jobs in one batch, or by a later job, is sent once', async () => {
    const [id] = await queue('13900000006');
    expect(await deliverBatch([job('d1', id!), job('d2', id!)], deps())).toEqual([
      { id: 'd1', status: 'completed' },
      { id: 'd2', status: 'completed' },
    ]);
    await deliverBatch([job('d3', id!)], deps());
    expect(calls).toHaveLength(1);
    expect(await stateOf([id!])).toMatchObject([{ state: 'delivered', attempts: 1 }]);
  });

  it('a job whose worker died mid-send may claim its message again; another job may not', async () => {
    const [id] = await queue('13900000007');
    // As a killed worker leaves it: claimed by job e1, never recorded.
    await t.db.update(notificationOutbox).set({ state: 'sending', jobId: 'e1', attempts: 1 }).where(eq(notificationOutbox.id, id!));
    await deliverBatch([job('e2', id!)], deps());
    expect(calls).toHaveLength(0);
    await deliverBatch([job('e1', id!, 1)], deps());
    expect(calls).toHaveLength(1);
    expect(await stateOf([id!])).toMatchObject([{ state: 'delivered', attempts: 2 }]);
  });

  it('the relay queues a message no job took once, and again only after the re-relay delay', async () => {
    const [id] = await queue('13900000008');
    expect(await takeUnrelayed(t.db, 0, 600)).toContain(id);
    expect(await takeUnrelayed(t.db, 0, 600)).not.toContain(id);
    // Ten minutes on and still without a job (its job was lost): relayed again.
    await t.db.update(notificationOutbox).set({ relayedAt: new Date(Date.now() - 601_000) }).where(eq(notificationOutbox.id, id!));
    expect(await takeUnrelayed(t.db, 0, 600)).toContain(id);
    // A message younger than the grace period is left to the enqueue that follows its commit.
    const [young] = await queue('13900000009');
    expect(await takeUnrelayed(t.db, 60, 600)).not.toContain(young);
  });
});
