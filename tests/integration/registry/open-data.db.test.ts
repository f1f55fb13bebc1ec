/**
 * Open data downloads: every institution, once, with the list status and licence state a
 * profile page shows on the same day; only published inspections; CSV opens in office software.
 */
import { count, eq } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { beforeAll, expect, it } from 'vitest';
import { getInstitutionProfile } from '../../../db/queries/registry/institutions';
import { OPEN_DATA_BATCH } from '../../../db/queries/registry/open-data';
import { inspections, institutions } from '../../../db/schema';
import { seedDemo } from '../../../db/seed/demo';
import { seedReference } from '../../../db/seed/reference';
import { DATASETS } from '../../../src/domain/registry/open-data';
import { openDataStream } from '../../../src/server/registry/open-data-format';
import { forEachDriver } from '../../support/db-harness';

const TODAY = '2026-11-28';
// More than one batch, so the keyset pagination is exercised.
const COUNT = OPEN_DATA_BATCH + 150;

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

forEachDriver('open data downloads', (t) => {
  beforeAll(async () => {
    await seedReference(t.db);
    await seedDemo(t.handle, { count: COUNT, seed: 7, today: TODAY });
  }, 120_000);

  it('lists every institution exactly once in JSON, with the profile page’s list status and licence state', async () => {
    const doc = JSON.parse(await text(openDataStream(t.db, 'institutions', 'json', TODAY, new Date('2026-11-28T02:00:00Z'))));
    expect(doc.licence.id).toBe('CC-BY-4.0');
    expect(doc.generatedAt).toBe('2026-11-28T02:00:00.000Z');
    expect(doc.rows).toHaveLength(COUNT);
    expect(new Set(doc.rows.map((r: { creditCode: string }) => r.creditCode)).size).toBe(COUNT);
    const blacklisted = doc.rows.filter((r: { listStatus: string }) => r.listStatus === 'black');
    expect(blacklisted.length).toBeGreaterThan(0);
    for (const r of [...blacklisted.slice(0, 3), doc.rows[0], doc.rows[COUNT - 1]]) {
      const profile = await getInstitutionProfile(t.db, r.creditCode, TODAY);
      expect({ list: r.listStatus, licence: r.licenceState }).toEqual({ list: profile!.listStatus, licence: profile!.licenceState });
    }
  });

  it('writes CSV with a byte-order mark, Chinese headers and Chinese names for coded values', async () => {
    const bytes = new Uint8Array(await new Response(openDataStream(t.db, 'institutions', 'csv', TODAY, new Date())).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records: string[][] = parse(new TextDecoder().decode(bytes));
    expect(records[0]).toEqual(DATASETS.institutions.columns.map((c) => c.header));
    expect(records).toHaveLength(COUNT + 1);
    const statusColumn = records[0]!.indexOf('名单状态');
    expect(new Set(records.slice(1).map((r) => r[statusColumn]))).toContain('黑名单');
  });

  it('publishes only inspections that have been published', async () => {
    const [{ n: published } = { n: 0 }] = await t.db.select({ n: count() }).from(inspections).where(eq(inspections.published, true));
    const [{ n: all } = { n: 0 }] = await t.db.select({ n: count() }).from(inspections);
    expect(all).toBeGreaterThan(published);
    const doc = JSON.parse(await text(openDataStream(t.db, 'inspections', 'json', TODAY, new Date())));
    expect(doc.rows).toHaveLength(published);
  });

  it('lists licences with the institution they belong to', async () => {
    const doc = JSON.parse(await text(openDataStream(t.db, 'licences', 'json', TODAY, new Date())));
    const [first] = doc.rows;
    const [inst] = await t.db.select().from(institutions).where(eq(institutions.creditCode, first.creditCode));
    expect(inst?.name).toBe(first.institutionName);
  });
});
