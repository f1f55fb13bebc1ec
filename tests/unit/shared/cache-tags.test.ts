/**
 * Cache tags come from one vocabulary (src/domain/shared/cache-tags.ts). tsc holds the .ts callers
 * of cachePublic() and announceChange() to it; it does not read .astro pages, so this test reads
 * every call in src/ and db/ and checks the tags written there: a misspelt tag would leave a page
 * stale after a change, since the change would purge a word the page never carried.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { institutionTag, SUBJECT_TAGS } from '../../../src/domain/shared/cache-tags';
import { astroCode, sourceFiles } from '../../architecture/import-graph';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

interface Call {
  file: string;
  fn: 'cachePublic' | 'announceChange';
  tags: string[];
}

/** Every call written in `code` (not the definitions), with the quoted words on its line: tags are written inline. */
function tagCalls(file: string, code: string): Call[] {
  const out: Call[] = [];
  for (const m of code.matchAll(/(?<!function )\b(cachePublic|announceChange)\(([^\n]*)/g)) {
    out.push({ file, fn: m[1] as Call['fn'], tags: [...m[2]!.matchAll(/'([^']*)'/g)].map((q) => q[1]!) });
  }
  return out;
}

const known = (tag: string) => (SUBJECT_TAGS as readonly string[]).includes(tag) || /^institution:\S+$/.test(tag);

describe('cache tags', () => {
  it('names one institution by its code', () => {
    expect(institutionTag('91310107MA1G000001')).toBe('institution:91310107MA1G000001');
  });

  it('finds the calls and their tags', () => {
    expect(tagCalls('x.astro', "cachePublic(Astro, ['registry', institutionTag(code)]);\nawait announceChange(tx, ['draws']);")).toEqual([
      { file: 'x.astro', fn: 'cachePublic', tags: ['registry'] },
      { file: 'x.astro', fn: 'announceChange', tags: ['draws'] },
    ]);
  });

  const calls = sourceFiles(ROOT, ['src', 'db'])
    .filter((f) => !f.endsWith('.mjs'))
    .flatMap((f) => {
      const text = readFileSync(`${ROOT}/${f}`, 'utf8');
      return tagCalls(f, f.endsWith('.astro') ? astroCode(text) : text);
    });

  it('every page and every change names only tags of the vocabulary, .astro pages included', () => {
    expect(calls.filter((c) => c.file.endsWith('.astro') && c.fn === 'cachePublic').length).toBeGreaterThan(5);
    expect(calls.filter((c) => c.fn === 'announceChange').length).toBeGreaterThan(5);
    expect(calls.flatMap((c) => c.tags.filter((t) => !known(t)).map((t) => `${c.file}: ${c.fn} '${t}'`))).toEqual([]);
  });

  it('every subject a change announces is carried by some page', () => {
    const carried = new Set(calls.filter((c) => c.fn === 'cachePublic').flatMap((c) => c.tags));
    const announced = new Set(calls.filter((c) => c.fn === 'announceChange').flatMap((c) => c.tags));
    expect([...announced].filter((t) => !carried.has(t))).toEqual([]);
  });
});
