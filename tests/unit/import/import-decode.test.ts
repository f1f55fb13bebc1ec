/**
 * Reading the bytes of an import file: UTF-8 with or without a byte-order mark, GB18030 as office
 * software on a Chinese system writes plain "CSV", and the files that are neither.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, encodingName } from '../../../src/domain/import/decode';
import { validateImport } from '../../../src/domain/import';
import { IMPORT_TODAY } from '../../fixtures/import-cases';
import { encodeGb18030 } from '../../support/gb18030';
import { GB18030_FIXTURE, UTF8_FIXTURE, gb18030FixtureBytes } from '../../support/write-gb18030-fixture';

const TEXT = '机构名称,所属街镇\n普陀星光培训,长寿路街道\n';
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeCsvBytes', () => {
  it('reads UTF-8 without a byte-order mark', () => {
    expect(decodeCsvBytes(utf8(TEXT))).toEqual({ ok: true, text: TEXT, encoding: 'utf-8', bom: false });
  });

  it('reads UTF-8 with a byte-order mark and drops the mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(TEXT)]);
    expect(decodeCsvBytes(bytes)).toEqual({ ok: true, text: TEXT, encoding: 'utf-8', bom: true });
  });

  it('reads GB18030 bytes when they are not UTF-8', () => {
    const bytes = encodeGb18030(TEXT);
    // 普 is C6 D5 in GBK: the encoder is checked against a known pair, not only against the decoder.
    expect([...encodeGb18030('普')]).toEqual([0xc6, 0xd5]);
    expect(decodeCsvBytes(bytes)).toEqual({ ok: true, text: TEXT, encoding: 'gb18030', bom: false });
  });

  it('names the encoding used', () => {
    expect(encodingName({ encoding: 'utf-8', bom: false })).toBe('UTF-8');
    expect(encodingName({ encoding: 'utf-8', bom: true })).toBe('UTF-8（带 BOM）');
    expect(encodingName({ encoding: 'gb18030', bom: false })).toBe('GB18030（GBK）');
  });

  it('forced UTF-8 refuses GB18030 bytes and says near which line', () => {
    const result = decodeCsvBytes(encodeGb18030('a,b\n1,2\n普陀,3\n'), 'utf8');
    expect(result).toMatchObject({ ok: false, problem: { line: 3, reason: expect.stringContaining('不是有效的 UTF-8') } });
  });

  it('forced GB18030 reads GB18030 even when it happens to be ASCII', () => {
    expect(decodeCsvBytes(utf8('a,b\n'), 'gb18030')).toMatchObject({ ok: true, encoding: 'gb18030' });
  });

  it('refuses bytes that are neither UTF-8 nor GB18030', () => {
    const result = decodeCsvBytes(new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0xff, 0xff]));
    expect(result).toMatchObject({ ok: false, problem: { line: null, reason: expect.stringContaining('既不是有效的 UTF-8') } });
  });

  it('refuses a UTF-8 file with a byte-order mark and a broken sequence instead of guessing GB18030', () => {
    const result = decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x0a, 0xc6, 0xd5]));
    expect(result).toMatchObject({ ok: false, problem: { line: 2 } });
  });
});

describe('the GB18030 example file', () => {
  it('is institutions.csv encoded as office software saves it (npx tsx tests/support/write-gb18030-fixture.ts)', () => {
    expect(new Uint8Array(readFileSync(GB18030_FIXTURE))).toEqual(gb18030FixtureBytes());
  });

  it('gives the same records as the UTF-8 file', () => {
    const fromUtf8 = validateImport('institutions', readFileSync(UTF8_FIXTURE), { today: IMPORT_TODAY });
    const fromGb = validateImport('institutions', readFileSync(GB18030_FIXTURE), { today: IMPORT_TODAY });
    expect(fromUtf8).toMatchObject({ ok: true, encoding: 'utf-8' });
    expect(fromGb).toMatchObject({ ok: true, encoding: 'gb18030' });
    if (!fromUtf8.ok || !fromGb.ok) return;
    expect(fromGb.records).toEqual(fromUtf8.records);
  });
});
