/**
 * Nothing lost, nothing sent twice (issue 17, item 5): 500 queued receipts, a fake gateway that
 * fails 20% of calls (half before accepting, half after: the answer is lost), and the worker
 * process killed with SIGKILL twice while it sends. Every message ends delivered, reaching the
 * phone exactly once (the gateway recognises a repeated message id, as OutId/SessionContext let
 * it), or dead with its reason.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb, type DbHandle } from '../../../db/client';
import { migrate } from '../../../db/migrate';
import { notificationOutbox } from '../../../db/schema';
import { createDatabase } from '../../support/postgres-admin';

const TOTAL = 500;

/** The phone's side: first delivery per message id, and every duplicate that would have reached it. */
async function startFake() {
  const inbox = new Map<string, number>();
  let calls = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls++;
      const { messageId } = JSON.parse(Buffer.concat(chunks).toString()) as { messageId: string };
      const roll = Math.random();
      if (roll < 0.1) return void res.writeHead(503).end(); // throttled: nothing sent
      // Recognised by its id: a retry of an accepted message is answered "accepted", not sent again.
      inbox.set(messageId, (inbox.get(messageId) ?? 0) + (inbox.has(messageId) ? 0 : 1));
      if (roll < 0.2) return void res.writeHead(504).end(); // sent, but the answer is lost
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, inbox, calls: () => calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function startWorker(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'tests/support/message-worker-child.ts'], {
    env: { ...process.env, ...env, NODE_ENV: 'test' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))));

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const targets: { name: string; open: () => Promise<{ env: Record<string, string>; reopen: () => Promise<DbHandle>; cleanup: () => Promise<void> }> }[] = [
  {
    name: 'pglite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'ptp-kill-'));
      return { env: { PGLITE_DIR: dir, DATABASE_URL: '' }, reopen: () => openDb({ dataDir: dir }), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
];
if (process.env.TEST_DATABASE_URL?.trim()) {
  targets.push({
    name: 'postgres',
    async open() {
      const fresh = await createDatabase(process.env.TEST_DATABASE_URL!.trim(), `ptp_test_kill_${randomBytes(4).toString('hex')}`);
      return { env: { DATABASE_URL: fresh.url }, reopen: () => openDb({ url: fresh.url, max: 2 }), cleanup: fresh.drop };
    },
  });
}

for (const target of targets) {
  describe(`message delivery under SIGKILL [${target.name}]`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const c of cleanups.reverse()) await c();
    });

    // Generous time: on a busy 2-CPU machine (CI runs the PGlite and PostgreSQL suites side by side)
    // the last worker has needed over 45 s to work through the retries.
    it('ends with every message delivered exactly once or dead with its reason', { timeout: 300_000 }, async () => {
      const db = await target.open();
      cleanups.push(db.cleanup);
      const fake = await startFake();
      cleanups.push(fake.close);

      let h = await db.reopen();
      await migrate(h);
      await h.db.insert(notificationOutbox).values(
        Array.from({ length: TOTAL }, (_, i) => ({ channel: 'sms', template: 'receipt', params: { number: `PT-2026-${String(i + 1).padStart(6, '0')}`, hint: 'AB12' }, recipient: `139${String(i).padStart(8, '0')}` })),
      );
      await h.close();

      const env = { ...db.env, FAKE_SMS_URL: fake.url };
      // Killed twice while sending, then left to finish.
      for (const after of [100, 250]) {
        const child = startWorker(env);
        await until(() => fake.inbox.size >= after, 90_000);
        child.kill('SIGKILL');
        await exited(child);
      }
      const last = startWorker(env);
      const finished = await Promise.race([exited(last), new Promise<'late'>((r) => setTimeout(() => r('late'), 150_000))]);
      if (finished === 'late') {
        last.kill('SIGKILL');
        await exited(last);
      }

      h = await db.reopen();
      const all = await h.db.select().from(notificationOutbox);
      await h.close();
      if (finished === 'late') console.error(JSON.stringify(all.filter((m) => !['delivered', 'dead'].includes(m.state)).slice(0, 5)));
      expect(finished).toBe(0);
      expect(all).toHaveLength(TOTAL);
      const states = new Map<string, number>();
      for (const m of all) states.set(m.state, (states.get(m.state) ?? 0) + 1);
      for (const m of all) {
        expect(['delivered', 'dead']).toContain(m.state);
        if (m.state === 'delivered') expect(fake.inbox.get(String(m.id))).toBe(1);
        else expect(m.lastError).toBeTruthy();
      }
      // The phone never got a message twice, and got every delivered one.
      expect([...fake.inbox.values()].every((n) => n === 1)).toBe(true);
      expect(states.get('delivered')).toBeGreaterThan(TOTAL * 0.95);
      console.info(`kill test [${target.name}]: ${JSON.stringify(Object.fromEntries(states))}, ${fake.calls()} gateway calls`);
    });
  });
}
