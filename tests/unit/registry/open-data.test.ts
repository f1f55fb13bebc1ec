import { describe, expect, it } from 'vitest';
import { csvCells, DATASETS, spreadsheetSafe } from '../../../src/domain/registry/open-data';
import { institutionSitemapCount, sitemapIndex, urlset } from '../../../src/domain/registry/sitemap';

describe('open data cells', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+86 21 1234', `'+86 21 1234`],
    ['-1', `'-1`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['普陀区长寿路 1 号', '普陀区长寿路 1 号'],
  ])('keeps spreadsheet formulas out of a cell: %s', (input, out) => {
    expect(spreadsheetSafe(input)).toBe(out);
  });

  it('names coded values and joins lists with 、 in column order', () => {
    const cells = csvCells(
      DATASETS['list-decisions'],
      { creditCode: 'X', institutionName: '某机构', list: 'black', reason: '=cmd', legalBasis: 'b', department: 'edu', effectiveOn: '2026-01-01', removedOn: null, removalReason: null },
      (kind, code) => `${kind}:${code}`,
    );
    expect(cells).toEqual(['X', '某机构', 'list:black', `'=cmd`, 'b', 'department:edu', '2026-01-01', '', '']);
  });
});

describe('sitemap', () => {
  it('escapes addresses and splits profiles into files under the 50,000 limit', () => {
    expect(urlset([{ loc: 'https://x/a?b=1&c=2', lastmod: '2026-11-28' }])).toContain('<loc>https://x/a?b=1&amp;c=2</loc><lastmod>2026-11-28</lastmod>');
    expect(sitemapIndex(['https://x/s1.xml'])).toContain('<sitemap><loc>https://x/s1.xml</loc></sitemap>');
    expect([0, 1, 40_000, 40_001, 100_000].map(institutionSitemapCount)).toEqual([1, 1, 1, 2, 3]);
  });
});
