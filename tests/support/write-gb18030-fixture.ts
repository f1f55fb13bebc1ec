/**
 * Writes tests/fixtures/import/institutions-gb18030.csv: institutions.csv as office software on a
 * Chinese system saves plain "CSV" (GB18030/GBK, CR LF line ends, no byte-order mark).
 *
 *   npx tsx tests/support/write-gb18030-fixture.ts
 *
 * tests/unit/import/import-decode.test.ts checks that the committed file still matches.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodeGb18030 } from './gb18030';
import { importFixturePath } from './import-fixtures';

export const UTF8_FIXTURE = importFixturePath('institutions.csv');
export const GB18030_FIXTURE = importFixturePath('institutions-gb18030.csv');

/** The GB18030 file's bytes, from the UTF-8 file. */
export function gb18030FixtureBytes(): Uint8Array {
  const text = readFileSync(UTF8_FIXTURE, 'utf8').replace(/\r?\n/g, '\r\n');
  return encodeGb18030(text);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(GB18030_FIXTURE, gb18030FixtureBytes());
  console.log(`wrote ${GB18030_FIXTURE}`);
}
