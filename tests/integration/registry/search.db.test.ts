/**
 * Registry search as a user sees it: what a query finds, in which order, how filters narrow it and
 * how pages add up, on the small registry of tests/fixtures/search-cases.ts. Queries go through
 * institutionQuerySchema first, as they do from the search form.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { searchInstitutions, suggestInstitutions } from '../../../db/queries/registry/institutions';
import { rows } from '../../../db/queries/shared/rows';
import { institutionQuerySchema } from '../../../src/domain/registry/institution-query';
import { searchColumns } from '../../../src/domain/registry/search';
import { TODAY } from '../../fixtures/institutions';
import { FILTER_CASES, RANKING_CASES, SEARCH_CASES, SEARCH_INSTITUTIONS } from '../../fixtures/search-cases';
import { forEachDriver } from '../../support/db-harness';
import { insertInstitutions } from '../../support/insert-fixtures';

const sorted = (keys: readonly string[]) => [...keys].sort();

forEachDriver('registry search', (t) => {
  const keyOf = new Map<number, string>();

  beforeAll(async () => {
    const inserted = await insertInstitutions(t.db, SEARCH_INSTITUTIONS);
    for (const [key, { id }] of inserted) keyOf.set(id, key);
  });

  /** Searches as the form does and names the institutions found by their fixture keys. */
  async function search(input: Record<string, string | number>, pageSize = 50) {
    const query = institutionQuerySchema.parse(input);
    const result = await searchInstitutions(t.db, query, TODAY, pageSize);
    return { ...result, keys: result.items.map((i) => keyOf.get(i.id) ?? `unknown id ${i.id}`) };
  }

  it('indexes exactly the keys searchColumns() computes (ptp_search_keys in SQL)', async () => {
    const keysOf = async (name: string, formerNames: readonly string[]) => {
      const c = searchColumns(name, formerNames);
      const [row] = await rows<{ keys: string[] }>(t.db, sql`select ptp_search_keys(${c.searchText}, ${c.pinyin}, ${c.initials}) as keys`);
      return { sql: [...row!.keys].sort(), js: c.keys };
    };
    const names: [string, string[]][] = [
      ...SEARCH_INSTITUTIONS.map((i): [string, string[]] => [i.name, [...(i.formerNames ?? [])]]),
      ['ＡＢＣ·英语 2号', ['老 名字', '  ']],
      ['绿洲𠀀字', []],
      ['（）', []],
    ];
    for (const [name, formerNames] of names) {
      const { sql: inDb, js } = await keysOf(name, formerNames);
      expect(inDb, name).toEqual(js);
    }
  });

  describe('finds names, pinyin, codes and licence numbers', () => {
    it.each(SEARCH_CASES)('$why: "$q"', async ({ q, expected }) => {
      const result = await search({ q });
      expect(sorted(result.keys)).toEqual(sorted(expected));
      expect(result.total).toBe(expected.length);
    });

    it('lists everything when the query holds only spaces and punctuation', async () => {
      const result = await search({ q: ' ，。 ' });
      expect(result.total).toBe(SEARCH_INSTITUTIONS.length);
    });
  });

  describe('ranks', () => {
    it.each(RANKING_CASES)('$why: "$q"', async ({ q, ordered }) => {
      expect((await search({ q })).keys).toEqual(ordered);
    });

    it('suggests the best matches first', async () => {
      const suggestions = await suggestInstitutions(t.db, '星光英语', TODAY, 2);
      expect(suggestions.map((s) => s.name)).toEqual(['星光英语', '星光英语培训学校']);
      expect(suggestions[1]).toMatchObject({ creditCode: '52310107MJ4A00011H', street: 'changshou', listStatus: 'white' });
    });
  });

  describe('filters combine with a query', () => {
    it.each(FILTER_CASES)('$why: $query', async ({ query, expected }) => {
      const result = await search(query);
      expect(sorted(result.keys)).toEqual(sorted(expected));
      expect(result.total).toBe(expected.length);
    });

    it('shows the derived states the filters select on', async () => {
      const states = (await search({ q: '英语' })).items.map((i) => [keyOf.get(i.id), i.licenceState, i.listStatus]);
      expect(states).toEqual(
        expect.arrayContaining([
          ['starlight', 'valid', 'white'],
          ['xgyy', 'expiring', 'none'],
          ['xgyyjx', 'expired', 'none'],
          ['dawn', 'revoked', 'black'],
          ['abc', 'valid', 'none'],
        ]),
      );
    });
  });

  describe('pages', () => {
    it('splits the results into pages that add up to the whole list', async () => {
      const all = await search({ q: '英语' });
      const pages = await Promise.all([1, 2, 3].map((page) => search({ q: '英语', page }, 2)));
      expect(pages.map((p) => p.keys.length)).toEqual([2, 2, 1]);
      expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
      expect(pages.flatMap((p) => p.keys)).toEqual(all.keys);
    });

    it('returns no items past the last page, but the right total', async () => {
      const past = await search({ q: '英语', page: 4 }, 2);
      expect(past).toMatchObject({ items: [], total: 5, page: 4, pageSize: 2 });
      const filtered = await search({ q: '英语', status: 'none', page: 9 }, 2);
      expect(filtered).toMatchObject({ items: [], total: 3 });
    });

    it('counts nothing when nothing matches, on any page', async () => {
      expect(await search({ q: '钢琴', page: 1 })).toMatchObject({ items: [], total: 0 });
      expect(await search({ q: '钢琴', page: 3 })).toMatchObject({ items: [], total: 0 });
    });
  });
});
