/**
 * Checked import files waiting for confirmation (db/queries/import/pending-imports.ts): kept in the
 * database, so any server process can take them; only by their uploader, once, within 30 minutes.
 */
import { beforeAll, expect, it } from 'vitest';
import { keepPendingImport, PENDING_IMPORT_TTL_MS, takePendingImport, type PendingImport } from '../../../db/queries/import/pending-imports';
import { seedReference } from '../../../db/seed/reference';
import { forEachDriver } from '../../support/db-harness';
import { insertStaff } from '../../support/insert-staff';

forEachDriver('pending import files', (t) => {
  let uploader = 0;
  let colleague = 0;
  const file = (staffId: number, sha256: string, text = 'name,code\n'): PendingImport => ({
    staffId,
    sha256,
    kind: 'institutions',
    encoding: 'auto',
    fileName: `${sha256}.csv`,
    bytes: new TextEncoder().encode(text),
  });

  beforeAll(async () => {
    await seedReference(t.db);
    uploader = (await insertStaff(t.db, { username: 'zhao.lei', displayName: '赵磊', role: 'handler', department: 'edu' })).id;
    colleague = (await insertStaff(t.db, { username: 'qian.li', displayName: '钱丽', role: 'handler', department: 'edu' })).id;
  });

  it('gives the checked bytes back to their uploader once, and to nobody else', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0x00, 0xff]);
    await keepPendingImport(t.db, { ...file(uploader, 'a1'), bytes });
    expect(await takePendingImport(t.db, colleague, 'a1')).toBeNull();
    const taken = await takePendingImport(t.db, uploader, 'a1');
    expect(taken).toMatchObject({ staffId: uploader, sha256: 'a1', kind: 'institutions', encoding: 'auto', fileName: 'a1.csv' });
    expect([...taken!.bytes]).toEqual([...bytes]);
    expect(await takePendingImport(t.db, uploader, 'a1')).toBeNull();
  });

  it('forgets a file after 30 minutes', async () => {
    const then = new Date('2026-11-28T08:00:00Z');
    await keepPendingImport(t.db, file(uploader, 'b1'), then);
    expect(await takePendingImport(t.db, uploader, 'b1', new Date(then.getTime() + PENDING_IMPORT_TTL_MS + 1000))).toBeNull();
    await keepPendingImport(t.db, file(uploader, 'b2'), then);
    expect(await takePendingImport(t.db, uploader, 'b2', new Date(then.getTime() + PENDING_IMPORT_TTL_MS - 1000))).not.toBeNull();
  });

  it('keeps the three latest files of a person; the same file checked again replaces its copy', async () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 28, 9, minute));
    for (const [i, sha] of ['c1', 'c2', 'c3', 'c4'].entries()) await keepPendingImport(t.db, file(uploader, sha), at(i));
    await keepPendingImport(t.db, file(uploader, 'c2', 'changed\n'), at(5));
    await keepPendingImport(t.db, file(colleague, 'd1'), at(5));
    const now = at(6);
    expect(await takePendingImport(t.db, uploader, 'c1', now)).toBeNull();
    const c2 = await takePendingImport(t.db, uploader, 'c2', now);
    expect(new TextDecoder().decode(c2!.bytes)).toBe('changed\n');
    expect(await takePendingImport(t.db, uploader, 'c3', now)).not.toBeNull();
    expect(await takePendingImport(t.db, uploader, 'c4', now)).not.toBeNull();
    expect(await takePendingImport(t.db, colleague, 'd1', now)).not.toBeNull();
  });
});
