/**
 * Start-up step of `npm start` and `npm run dev`, before the server starts: migrate the database
 * named by the environment, refresh the reference tables, and on a fresh database generate the
 * demo data set (DEMO_COUNT institutions from DEMO_SEED). A database with data is left alone, so
 * data is reused after a restart and never regenerated behind anyone's back. With
 * OPEN311_BOOTSTRAP_KEY set, that key is registered for Open311 posts (tests, provisioning).
 */
import { apiKeyHash } from '../server/open311/api-keys';
import { env } from '../config/env';
import { todayInShanghai } from '../domain/shared/dates';
import { getDb } from '../../db/client';
import { seedDemoComplaints } from './demo/demo-complaints';
import { migrate } from '../../db/migrate';
import { ensureApiClient } from '../../db/queries/open311/open311';
import { datasetFacts } from '../../db/queries/registry/publications';
import { countStaffUsers } from '../../db/queries/staff/staff';
import { hasNoData, seedDemo } from '../../db/seed/demo';
import { progressBar } from './terminal/progress';
import { seedReference } from '../../db/seed/reference';
import { seedDemoStaff } from '../../db/seed/staff';
import { formatSummary } from './terminal/seed-summary';

async function main(): Promise<void> {
  const { DEMO_COUNT, DEMO_SEED, DEMO_COMPLAINTS, PGLITE_DIR, OPEN311_BOOTSTRAP_KEY } = env();
  const handle = await getDb();
  try {
    console.log(`setup: database ${handle.driver === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${PGLITE_DIR}`}`);
    await migrate(handle);
    await seedReference(handle.db);
    if (OPEN311_BOOTSTRAP_KEY) {
      await ensureApiClient(handle.db, { name: 'OPEN311_BOOTSTRAP_KEY', channel: 'test', keyHash: apiKeyHash(OPEN311_BOOTSTRAP_KEY) });
      console.log('setup: Open311 key from OPEN311_BOOTSTRAP_KEY registered (channel "test").');
    }
    if (!(await hasNoData(handle.db))) {
      console.log('setup: existing data found; it is reused after restart (no demo data generated).');
      // A demo database made before staff accounts existed gets the demo accounts once; a
      // database of real data (not marked demo in site_meta) never does.
      if ((await datasetFacts(handle.db)).demo && (await countStaffUsers(handle.db)) === 0) {
        console.log(`setup: demo data without staff accounts; ${await seedDemoStaff(handle.db)} demo staff accounts added (README, "Staff area").`);
      }
      return;
    }
    if (DEMO_COUNT === 0) {
      console.log('setup: empty database and DEMO_COUNT=0; no demo data generated.');
      return;
    }
    console.log(`setup: empty database; generating ${DEMO_COUNT} demo institutions (seed ${DEMO_SEED}).`);
    const bar = progressBar('Demo data');
    let summary;
    try {
      summary = await seedDemo(handle, { count: DEMO_COUNT, seed: DEMO_SEED, onProgress: (d, t) => bar.update(d, t) });
    } finally {
      bar.stop();
    }
    console.log(formatSummary(summary));
    if (DEMO_COMPLAINTS > 0) {
      const c = await seedDemoComplaints(handle.db, DEMO_COMPLAINTS, DEMO_SEED, todayInShanghai());
      console.log(`setup: ${c.filed} demo complaints filed and moved ${c.moved} steps through the queue.`);
    }
  } finally {
    await handle.close();
  }
}

main().catch((e: unknown) => {
  console.error('setup failed:', e instanceof Error ? (e.stack ?? e.message) : e);
  // A failed setup must stop `npm start` before the server runs on a broken database.
  process.exit(1);
});
