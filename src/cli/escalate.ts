/**
 * `npm run escalate`: raises every open case past its answer deadline to the supervisors and the
 * responsible department's managers (src/server/cases/case-escalation.ts). The job queue also does this
 * every ten minutes (the escalation-sweep schedule, src/server/messages/schedules.ts); this command is
 * for operators. Idempotent: a case is raised once. Its e-mails are queued; the workers' relay
 * schedule sends them within a minute or two.
 *
 * Works on the database named by the environment (DATABASE_URL, else PGlite at PGLITE_DIR; PGlite
 * allows one process, so stop the server first). Exit codes: 0 done, 1 failure.
 */
import { todayInShanghai } from '../domain/shared/dates';
import { escalateOverdue } from '../server/cases/case-escalation';
import { getDb } from '../../db/client';
import { env } from '../config/env';
import { migrate } from '../../db/migrate';

async function main(): Promise<number> {
  const handle = await getDb();
  try {
    await migrate(handle);
    const today = todayInShanghai();
    const { escalated } = await escalateOverdue(handle.db, today, { siteUrl: env().PUBLIC_SITE_URL ?? 'http://localhost:4321' });
    console.log(escalated.length ? `escalate: ${escalated.length} overdue case(s) raised on ${today}: ${escalated.join(', ')}` : `escalate: no overdue case to raise on ${today}.`);
    return 0;
  } catch (e) {
    console.error(`escalate: failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    await handle.close();
  }
}

process.exitCode = await main();
