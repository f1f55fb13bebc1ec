import { describe, expect, it } from 'vitest';
import { MAX_PAGE, parseInstitutionQuery, queryFromSearchParams } from '../../../src/domain/registry/institution-query';
import { MAX_QUERY_LENGTH } from '../../../src/domain/registry/search';

const parse = (query: string) => parseInstitutionQuery(new URLSearchParams(query));

describe('parseInstitutionQuery', () => {
  it('reads an empty form as no filter, page 1', () => {
    expect(parse('q=&field=&street=&status=&licence=&delivery=&operating=&sort=&page=')).toEqual({ ok: true, query: { page: 1 } });
    expect(parse('')).toEqual({ ok: true, query: { page: 1 } });
  });

  it('keeps known values and trims the search text', () => {
    expect(parse('q=%20星光%20&field=arts&street=changshou&status=black&licence=expiring&sort=name&page=3')).toEqual({
      ok: true,
      query: { q: '星光', field: 'arts', street: 'changshou', status: 'black', licence: 'expiring', sort: 'name', page: 3 },
    });
  });

  it.each([
    { query: 'field=cooking', field: 'field', messageKey: 'search.error.field' },
    { query: 'street=pudong', field: 'street', messageKey: 'search.error.street' },
    { query: 'status=grey', field: 'status', messageKey: 'search.error.status' },
    { query: 'licence=not_yet_valid', field: 'licence', messageKey: 'search.error.licence' },
    { query: 'sort=random', field: 'sort', messageKey: 'search.error.sort' },
    { query: 'page=0', field: 'page', messageKey: 'search.error.page' },
    { query: 'page=2.5', field: 'page', messageKey: 'search.error.page' },
    { query: 'page=abc', field: 'page', messageKey: 'search.error.page' },
    { query: `page=${MAX_PAGE + 1}`, field: 'page', messageKey: 'search.error.page' },
    { query: `q=${'英'.repeat(MAX_QUERY_LENGTH + 1)}`, field: 'q', messageKey: 'search.error.q_too_long' },
  ])('refuses $query with $messageKey', ({ query, field, messageKey }) => {
    expect(parse(query)).toEqual({ ok: false, problems: [{ field, messageKey }] });
  });

  it('reports every bad field, not only the first', () => {
    const result = parse('field=x&sort=y');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.field).sort()).toEqual(['field', 'sort']);
  });
});

describe('queryFromSearchParams', () => {
  it('takes the first value of known keys and ignores the rest', () => {
    expect(queryFromSearchParams(new URLSearchParams('q=a&q=b&utm_source=x&page=2'))).toEqual({ q: 'a', page: '2' });
  });
});
