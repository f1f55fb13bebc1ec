import { describe, expect, it } from 'vitest';
import { parseListQuery } from '../../../src/domain/registry/list-query';
import { isMessageKey } from '../../../src/i18n';
import { INVALID_LIST_QUERIES } from '../../fixtures/list-query-cases';

const parse = (query: string) => parseListQuery(new URLSearchParams(query));

describe('parseListQuery', () => {
  it('reads an empty form as no filter, page 1', () => {
    expect(parse('q=&list=&department=&year=&page=')).toEqual({ ok: true, query: { page: 1 } });
    expect(parse('')).toEqual({ ok: true, query: { page: 1 } });
  });

  it('keeps known values, trims the name and reads the year and page as numbers', () => {
    expect(parse('q=%20星光%20&list=black&department=edu&year=2025&page=3')).toEqual({
      ok: true,
      query: { q: '星光', list: 'black', department: 'edu', year: 2025, page: 3 },
    });
  });

  it('ignores parameters it does not know, and reads the first of repeated ones', () => {
    expect(parse('list=white&list=black&utm_source=wechat')).toEqual({ ok: true, query: { list: 'white', page: 1 } });
  });

  it('reads a search of spaces as no search', () => {
    expect(parse('q=%20%20%20')).toEqual({ ok: true, query: { page: 1 } });
  });

  it.each(INVALID_LIST_QUERIES)('refuses $param=$value with $messageKey', ({ param, value, field, messageKey }) => {
    expect(parse(new URLSearchParams({ [param]: value }).toString())).toEqual({ ok: false, problems: [{ field, messageKey }] });
  });

  it('names every message in the catalogue', () => {
    for (const { messageKey } of INVALID_LIST_QUERIES) expect(isMessageKey(messageKey), messageKey).toBe(true);
  });

  it('reports every bad field, not only the first', () => {
    const result = parse('list=x&year=y&department=z');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.field).sort()).toEqual(['department', 'list', 'year']);
  });
});
