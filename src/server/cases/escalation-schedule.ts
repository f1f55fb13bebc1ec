/**
 * Every server process raises overdue cases by itself (an overdue case is raised to the
 * supervisors and the lead department's managers): shortly after the first request and then every
 * ten minutes. Several processes may run it at once; escalateOverdue claims each case with one
 * conditional update, so a case is raised once whoever runs first. `npm run escalate` does the same
 * from a cron job.
 */
import { getDb } from '../../../db/client';
import { todayInShanghai } from '../../domain/shared/dates';
import { escalateOverdue } from './case-escalation';

export const ESCALATION_INTERVAL_MS = 10 * 60 * 1000;
const FIRST_RUN_MS = 5_000;

let started = false;

async function sweep(): Promise<void> {
  try {
    const { escalated } = await escalateOverdue((await getDb()).db, todayInShanghai());
    // Numbers only: never a complainant's details.
    if (escalated.length) console.info(`escalation: ${escalated.length} overdue case(s) raised: ${escalated.join(', ')}`);
  } catch (e) {
    console.error(`escalation sweep failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Idempotent; timers are unref'd so they never keep a process alive on their own. */
export function ensureEscalationSchedule(): void {
  if (started || process.env.ESCALATION_SWEEP === 'off') return;
  started = true;
  setTimeout(() => void sweep(), FIRST_RUN_MS).unref();
  setInterval(() => void sweep(), ESCALATION_INTERVAL_MS).unref();
}
