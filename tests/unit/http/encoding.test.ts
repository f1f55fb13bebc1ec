// Which content encoding a client gets (src/server/http/encoding.mjs), from its Accept-Encoding.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressedBodies, preferredEncoding } from '../../../src/server/http/encoding.mjs';

describe('preferredEncoding', () => {
  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['BR', 'br'],
    ['*', 'br'],
    ['*;q=0, gzip;q=0.5', 'gzip'],
    ['identity', 'identity'],
    ['gzip;q=0, br;q=0', 'identity'],
    ['', 'identity'],
    [undefined, 'identity'],
    ['deflate', 'identity'],
    ['gzip;q=nonsense', 'identity'],
  ])('%j → %s', (header, expected) => {
    expect(preferredEncoding(header)).toBe(expected);
  });
});

describe('compressedBodies', () => {
  it('leaves a small body alone and compresses a page both ways, losslessly', async () => {
    expect(await compressedBodies(Buffer.from('<p>short</p>'))).toBeNull();
    const page = Buffer.from(`<!doctype html><html lang="zh-CN"><body>${'<p>普陀区培训机构公示与投诉平台</p>'.repeat(200)}</body></html>`);
    const out = (await compressedBodies(page))!;
    expect(brotliDecompressSync(out.br).equals(page)).toBe(true);
    expect(gunzipSync(out.gzip).equals(page)).toBe(true);
    expect(out.br.length).toBeLessThan(page.length / 10);
  });
});
