/**
 * The database's figures on /metrics (src/server/shared/metrics.mjs, databaseRegistry), read when
 * /metrics is asked and never otherwise: the job queue's depth and failures (pg-boss getQueues,
 * which reads its own per-queue counters), messages by delivery state, cases overdue today (as the
 * oversight page counts them) and the database's connections.
 */
import { getDb } from '../../../db/client';
import { messageStateCounts } from '../../../db/queries/messages/message-state-counts';
import { connectionCounts } from '../../../db/queries/shared/connection-counts';
import { env } from '../../config/env';
import { todayInShanghai } from '../../domain/shared/dates';
import { runningBoss } from '../messages/message-queue';
import { loadOverdue } from '../oversight/oversight';
import { addSampler, metrics } from './metrics.mjs';

let registered = false;

/** Registers the samplers once per process (the middleware calls it on every request). */
export function registerDatabaseSamplers(): void {
  if (registered) return;
  registered = true;
  addSampler('queue', [metrics.queueJobs], async () => {
    const boss = runningBoss();
    if (!boss) throw new Error('no job queue in this process');
    for (const q of await boss.getQueues()) {
      metrics.queueJobs.set({ queue: q.name, state: 'queued' }, q.queuedCount);
      metrics.queueJobs.set({ queue: q.name, state: 'active' }, q.activeCount);
      metrics.queueJobs.set({ queue: q.name, state: 'failed' }, q.failedCount);
    }
  });
  addSampler('messages', [metrics.messages], async () => {
    for (const { state, n } of await messageStateCounts((await getDb()).db)) metrics.messages.set({ state }, n);
  });
  addSampler('overdue', [metrics.casesOverdue], async () => {
    metrics.casesOverdue.set((await loadOverdue((await getDb()).db, todayInShanghai())).length);
  });
  void getDb().then((handle) => {
    if (handle.driver !== 'postgres') return;
    metrics.poolMax.set(env().DATABASE_POOL_SIZE);
    addSampler('connections', [metrics.dbConnections], async () => {
      for (const { state, n } of await connectionCounts(handle.db)) metrics.dbConnections.set({ state }, n);
    });
  });
}
