/**
 * The demo's complaints (src/cli/demo/demo-complaints.ts): filed through the real intake and moved by
 * the demo accounts, so a newcomer's staff area shows work in every state, the same for a seed.
 */
import { asc, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { complaints } from '../../../db/schema';
import { seedDemo } from '../../../db/seed/demo';
import { seedDemoComplaints } from '../../../src/cli/demo/demo-complaints';
import { seedReference } from '../../../db/seed/reference';
import { forEachDriver } from '../../support/db-harness';

const TODAY = '2026-11-28';

forEachDriver('demo complaints', (t) => {
  let summary: { filed: number; moved: number };
  beforeAll(async () => {
    await seedReference(t.db);
    await seedDemo(t.handle, { count: 150, seed: 5, today: TODAY });
    summary = await seedDemoComplaints(t.db, 24, 5, TODAY);
  }, 120_000);

  it('files every complaint once and leaves cases in several states of the queue', async () => {
    expect(summary.filed).toBe(24);
    expect(summary.moved).toBeGreaterThan(10);
    const byStatus = await t.db
      .select({ status: complaints.status, n: sql<number>`count(*)::int` })
      .from(complaints)
      .groupBy(complaints.status)
      .orderBy(asc(complaints.status));
    const statuses = byStatus.map((r) => r.status);
    expect(statuses).toContain('received');
    expect(statuses.some((s) => s === 'dispatched' || s === 'accepted')).toBe(true);
    expect(byStatus.reduce((a, r) => a + r.n, 0)).toBe(24);
  });
});
