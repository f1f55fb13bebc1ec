/**
 * sitemap.xml (sitemaps.org protocol 0.9): an index naming one file of public pages and as many
 * files of institution profiles as needed, each under the protocol's 50,000-address limit.
 */
export const SITEMAP_PAGE_SIZE = 40_000;

/** The public pages that are not profiles. */
export const PUBLIC_PATHS = ['/', '/institutions', '/lists', '/warnings', '/contracts', '/about', '/complaints/new', '/complaints/track', '/complaints/stats', '/draws', '/verify', '/open-data'] as const;

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

export interface SitemapUrl {
  loc: string;
  lastmod?: string;
}

export function urlset(urls: readonly SitemapUrl[]): string {
  const body = urls.map((u) => `<url><loc>${escapeXml(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`;
}

export function sitemapIndex(locs: readonly string[]): string {
  const body = locs.map((l) => `<sitemap><loc>${escapeXml(l)}</loc></sitemap>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</sitemapindex>\n`;
}

/** How many institution files an index needs for `count` institutions (at least one). */
export const institutionSitemapCount = (count: number) => Math.max(1, Math.ceil(count / SITEMAP_PAGE_SIZE));
