/**
 * The demo as the portal reads it from the database: every double-random inspection cites a
 * published draw, and about one demo complaint in seven is overdue (src/cli/demo/demo-complaints.ts),
 * not most of them.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../../db/seed/demo';
import { seedReference } from '../../../db/seed/reference';
import { seedDemoComplaints } from '../../../src/cli/demo/demo-complaints';
import { rows } from '../../../db/queries/shared/rows';
import { forEachDriver } from '../../support/db-harness';

const TODAY = '2026-12-08';
const COMPLAINTS = 60;

forEachDriver('demo story', (t) => {
  beforeAll(async () => {
    await seedReference(t.db);
    await seedDemo(t.handle, { count: 300, seed: 20200403, today: TODAY });
    await seedDemoComplaints(t.db, COMPLAINTS, 20200403, TODAY);
  }, 180_000);

  it('publishes the draws that the double-random inspections cite', async () => {
    const [r] = await rows<{ inspections: number; orphans: number; draws: number }>(
      t.db,
      sql`select count(*)::int as inspections,
            count(*) filter (where d.id is null)::int as orphans,
            (select count(*)::int from inspection_draws) as draws
          from inspections i left join inspection_draws d on d.id = i.draw_id where i.kind = 'double_random'`,
    );
    expect(r!.inspections).toBeGreaterThan(0);
    expect(r!.draws).toBeGreaterThan(0);
    expect(r!.orphans).toBe(0);
  });

  it('leaves between 10% and 20% of the demo complaints overdue', async () => {
    const [r] = await rows<{ overdue: number; total: number }>(
      t.db,
      sql`select count(*) filter (where status not in ('answered', 'closed', 'merged', 'awaiting_info') and due_on < ${TODAY}::date)::int as overdue,
            count(*)::int as total from complaints`,
    );
    expect(r!.total).toBe(COMPLAINTS);
    expect(r!.overdue / r!.total).toBeGreaterThanOrEqual(0.1);
    expect(r!.overdue / r!.total).toBeLessThanOrEqual(0.2);
  });
});
