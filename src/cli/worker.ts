/**
 * `npm run worker`: the delivery workers and the schedules without a web server, for deployments
 * that run web processes with WORKERS=off. Any number may run (PostgreSQL): pg-boss hands each job
 * to one of them and creates each scheduled run once. On PGlite only one process can open the
 * database, so the server's own workers are used instead.
 *
 * SIGTERM or SIGINT stops it gracefully: no new job is taken and the message in hand is finished
 * (up to 20 s; past that its job expires and is retried). Exit codes: 0 stopped, 1 failure.
 */
import { getDb } from '../../db/client';
import { migrate } from '../../db/migrate';
import { env } from '../config/env';
import { queueSettingsFromEnv } from '../server/messages/message-queue';
import { startMessageRuntime } from '../server/messages/message-runtime';
import { log } from '../server/shared/log.mjs';

async function main(): Promise<void> {
  const handle = await getDb();
  await migrate(handle);
  const e = env();
  const runtime = await startMessageRuntime(handle, {
    workers: true,
    concurrency: e.MESSAGE_WORKER_CONCURRENCY,
    settings: queueSettingsFromEnv(),
    schedules: process.env.WORKER_SCHEDULES !== 'off',
  });
  log.info({ event: 'worker.started', concurrency: e.MESSAGE_WORKER_CONCURRENCY }, 'worker started');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void runtime
        .stop()
        .then(() => handle.close())
        .then(() => process.exit(0));
    });
  }
}

main().catch((e: unknown) => {
  log.fatal({ event: 'worker.failed', err: e }, 'worker: failed');
  process.exit(1);
});
