/**
 * The delivery worker as a child process, for the kill test (tests/integration/messages/): the real
 * runtime (pg-boss, claim, retries) on DATABASE_URL or PGLITE_DIR, with an SMS transport that posts
 * to the test's fake gateway (FAKE_SMS_URL). Exits by itself once no message is left to send.
 */
import { getDb } from '../../db/client';
import { rows } from '../../db/queries/shared/rows';
import { sql } from 'drizzle-orm';
import { startMessageRuntime } from '../../src/server/messages/message-runtime';
import type { SendOutcome, SmsTransport } from '../../src/server/messages/transport';

const url = process.env.FAKE_SMS_URL ?? '';
const sms: SmsTransport = {
  name: 'log',
  async send(m): Promise<SendOutcome> {
    const res = await fetch(url, { method: 'POST', body: JSON.stringify({ messageId: m.messageId, phone: m.phone }) });
    if (res.status === 200) return { kind: 'delivered', providerId: `fake-${m.messageId}` };
    return { kind: 'retry', reason: `gateway answered ${res.status}` };
  },
};

const handle = await getDb();
const runtime = await startMessageRuntime(handle, {
  workers: true,
  concurrency: 8,
  settings: { retryLimit: 6, retryDelaySeconds: 1, retryDelayMaxSeconds: 2, sendTimeoutSeconds: 3 },
  sms,
  schedules: false,
  superviseIntervalSeconds: 1,
});
process.stdout.write('ready\n');
for (;;) {
  await new Promise((r) => setTimeout(r, 500));
  const [left] = await rows<{ n: number }>(handle.db, sql`select count(*)::int as n from notification_outbox where state not in ('delivered', 'dead')`);
  if (Number(left?.n) === 0) break;
}
await runtime.stop();
await handle.close();
process.exit(0);
