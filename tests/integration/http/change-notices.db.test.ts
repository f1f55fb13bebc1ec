/**
 * Change notices reach every server process through the database (a list decision shows
 * on every process within a second of approval). On PostgreSQL a second connection pool stands in
 * for a second server process; PGlite is a single process, so there it listens on the same handle.
 */
import { describe, expect, it } from 'vitest';
import { openDb, type Db, type DbHandle } from '../../../db/client';
import { announceChange, listenForChanges, parseNotice } from '../../../db/queries/shared/change-notices';
import { forEachDriver } from '../../support/db-harness';

/** Starts listening; `heard` fills with the tags of each notice. */
async function listen(handle: DbHandle) {
  const heard: string[][] = [];
  const stop = await listenForChanges(handle, (tags) => heard.push(tags));
  return { heard, stop };
}

/** Polls until `heard` has an entry or `ms` have passed; returns how long it took, or null. */
async function waitForNotice(heard: string[][], ms: number): Promise<number | null> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (heard.length > 0) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 10));
  }
  return heard.length > 0 ? Date.now() - start : null;
}

forEachDriver('change notices between processes', (t) => {
  async function otherProcess(): Promise<{ handle: DbHandle; close: () => Promise<void> }> {
    if (t.handle.raw.kind !== 'postgres') return { handle: t.handle, close: async () => {} };
    const o = t.handle.raw.sql.options;
    const handle = await openDb({ url: `postgres://${o.user}@${o.host[0]}:${o.port[0]}/${o.database}`, max: 2 });
    return { handle, close: () => handle.close() };
  }

  it('a committed change reaches a listening process within a second, with its tags', async () => {
    const other = await otherProcess();
    const { heard, stop } = await listen(other.handle);
    try {
      await t.db.transaction(async (tx) => {
        await announceChange(tx as unknown as Db, ['registry', 'institution:91310107MA1G0000X1', 'lists']);
        // Not delivered before commit: the listener has heard nothing yet.
        await new Promise((r) => setTimeout(r, 100));
        expect(heard).toEqual([]);
      });
      const took = await waitForNotice(heard, 1000);
      expect(took).not.toBeNull();
      expect(heard[0]).toEqual(['registry', 'institution:91310107MA1G0000X1', 'lists']);
    } finally {
      await stop();
      await other.close();
    }
  });

  it('a rolled-back change purges nothing', async () => {
    const other = await otherProcess();
    const { heard, stop } = await listen(other.handle);
    try {
      await expect(
        t.db.transaction(async (tx) => {
          await announceChange(tx as unknown as Db, ['registry']);
          throw new Error('approval failed half-way');
        }),
      ).rejects.toThrow('approval failed half-way');
      expect(await waitForNotice(heard, 500)).toBeNull();
    } finally {
      await stop();
      await other.close();
    }
  });
});

describe('parseNotice', () => {
  it('keeps well-formed tags and drops everything else', () => {
    expect(parseNotice('{"tags":["registry","institution:91310107MA1G000001","bad tag!"]}')).toEqual(['registry', 'institution:91310107MA1G000001']);
    expect(parseNotice('not json')).toEqual([]);
    expect(parseNotice('{"tags":"registry"}')).toEqual([]);
  });
});
