/** `npm run import`'s command line: each --kind goes with the file in its position; problems name the flag. */
import { describe, expect, it } from 'vitest';
import { readImportCommand } from '../../../src/domain/import/import-command';

const TODAY = '2026-03-25';

describe('readImportCommand', () => {
  it('pairs each --kind with the file in the same position and fills the defaults', () => {
    expect(readImportCommand(['--kind', 'institutions', 'a.csv', '--kind', 'licences', 'b.csv'], TODAY)).toEqual({
      ok: true,
      command: { files: [{ kind: 'institutions', path: 'a.csv' }, { kind: 'licences', path: 'b.csv' }], dryRun: false, encoding: 'auto', department: null, today: TODAY },
    });
  });

  it('reads the importing department by its Chinese name or its code', () => {
    const byName = readImportCommand(['--kind', 'inspections', 'i.csv', '--department', '区教育局'], TODAY);
    const byCode = readImportCommand(['--kind', 'inspections', 'i.csv', '--department', 'edu'], TODAY);
    expect(byName).toMatchObject({ ok: true, command: { department: 'edu' } });
    expect(byCode).toMatchObject({ ok: true, command: { department: 'edu' } });
  });

  it('says what is wrong in the words of the command line', () => {
    expect(readImportCommand(['--kind', 'people', 'x.csv'], TODAY)).toEqual({ ok: false, message: '--kind must be one of institutions, licences, inspections, not "people"' });
    expect(readImportCommand(['--kind', 'institutions'], TODAY)).toMatchObject({ ok: false, message: expect.stringContaining('one --kind per file') });
    expect(readImportCommand(['--kind', 'institutions', 'a.csv', '--today', '25/03/2026'], TODAY)).toMatchObject({ ok: false, message: expect.stringContaining('--today') });
    expect(readImportCommand(['--kind', 'institutions', 'a.csv', '--department', '火星局'], TODAY)).toMatchObject({ ok: false, message: '--department: unknown department "火星局"' });
    expect(readImportCommand(['--frobnicate'], TODAY)).toMatchObject({ ok: false });
  });

  it('asks for help when told to', () => {
    expect(readImportCommand(['--help'], TODAY)).toEqual({ ok: true, command: 'help' });
  });
});
