/**
 * Message delivery (issue 17): how many queued SMS the workers deliver per second through a fake
 * gateway (a local HTTP server answering 200, as a provider's API would), with 8 workers on a fresh
 * PostgreSQL database ptp_bench_messages; and what delivery costs complaint intake: the Open311
 * complaint benchmark run with the portal's workers on (each receipt delivered by the log
 * transport meanwhile) and off (WORKERS=off: receipts only queued). Target: intake p99 with
 * delivery on within 10% of off.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { openDb } from '../../db/client';
import { migrate } from '../../db/migrate';
import { notificationOutbox } from '../../db/schema';
import { rows } from '../../db/queries/shared/rows';
import { startMessageRuntime } from '../../src/server/messages/message-runtime';
import { enqueueDeliveries } from '../../src/server/messages/message-queue';
import type { SendOutcome, SmsTransport } from '../../src/server/messages/transport';
import { freshDatabase } from '../support/postgres-admin';
import { measureComplaints, type ComplaintOptions, type ComplaintResult } from './complaints';

export const MESSAGE_DATABASE = 'ptp_bench_messages';
export const INTAKE_OVERHEAD_TARGET = 0.1;

export interface DeliveryResult {
  messages: number;
  workers: number;
  seconds: number;
  perSecond: number;
  gatewayCalls: number;
}

export interface MessagesResult {
  delivery: DeliveryResult;
  intakeOn: ComplaintResult;
  intakeOff: ComplaintResult;
  /** (p99 on − p99 off) / p99 off. */
  overhead: number;
}

/** The provider's side: answers every send 200, counting calls. */
async function fakeGateway() {
  let calls = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      calls++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"Code":"OK"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const transport: SmsTransport = {
    name: 'log',
    async send(m): Promise<SendOutcome> {
      const res = await fetch(url, { method: 'POST', body: JSON.stringify({ messageId: m.messageId }) });
      await res.arrayBuffer();
      return res.ok ? { kind: 'delivered', providerId: `bench-${m.messageId}` } : { kind: 'retry', reason: `gateway ${res.status}` };
    },
  };
  return { transport, calls: () => calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Queues `count` receipts, starts `workers` workers and times them until every one is delivered. */
export async function measureDelivery(pgUrl: string, count: number, workers: number): Promise<DeliveryResult> {
  const database = await freshDatabase(pgUrl, MESSAGE_DATABASE);
  const handle = await openDb({ url: database.url, max: 4 });
  const gateway = await fakeGateway();
  try {
    await migrate(handle);
    const runtime = await startMessageRuntime(handle, {
      workers: true,
      concurrency: workers,
      settings: { retryLimit: 6, retryDelaySeconds: 1, retryDelayMaxSeconds: 30, sendTimeoutSeconds: 30 },
      sms: gateway.transport,
      schedules: false,
    });
    // Queued as intake queues them: the row committed, then its id handed to the queue.
    const started = performance.now();
    for (let at = 0; at < count; at += 1000) {
      const n = Math.min(1000, count - at);
      const inserted = await handle.db
        .insert(notificationOutbox)
        .values(
          Array.from({ length: n }, (_, i) => ({ channel: 'sms', template: 'receipt', params: { number: `PT-2026-${String(at + i + 1).padStart(6, '0')}`, hint: 'AB12' }, recipient: `139${String(at + i).padStart(8, '0')}` })),
        )
        .returning({ id: notificationOutbox.id });
      enqueueDeliveries(inserted.map((r) => r.id));
    }
    const deadline = Date.now() + 300_000;
    for (;;) {
      const [r] = await rows<{ n: number }>(handle.db, sql`select count(*)::int as n from notification_outbox where state = 'delivered'`);
      if (Number(r?.n) >= count || Date.now() > deadline) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    await runtime.stop();
    const [done] = await rows<{ n: number }>(handle.db, sql`select count(*)::int as n from notification_outbox where state = 'delivered'`);
    const delivered = Number(done?.n);
    return { messages: delivered, workers, seconds, perSecond: delivered / seconds, gatewayCalls: gateway.calls() };
  } finally {
    await gateway.close();
    await handle.close();
    await database.drop();
  }
}

/** Delivery throughput, then intake with the portal's workers on and off. */
export async function measureMessages(entry: string, o: ComplaintOptions & { messages: number }): Promise<MessagesResult> {
  const delivery = await measureDelivery(o.pgUrl, o.messages, 8);
  console.log(`  delivered ${delivery.messages} messages in ${delivery.seconds.toFixed(1)} s with ${delivery.workers} workers: ${delivery.perSecond.toFixed(0)}/s (${delivery.gatewayCalls} gateway calls)`);
  console.log('  complaint intake with delivery on (WORKERS=on):');
  const intakeOn = await measureComplaints(entry, { ...o, env: { WORKERS: 'on' } });
  console.log('  complaint intake with delivery off (WORKERS=off):');
  const intakeOff = await measureComplaints(entry, { ...o, env: { WORKERS: 'off' } });
  return { delivery, intakeOn, intakeOff, overhead: (intakeOn.p99 - intakeOff.p99) / intakeOff.p99 };
}
