/** GET /sitemaps/pages.xml and /sitemaps/institutions-<n>.xml (src/domain/registry/sitemap.ts). */
import type { APIRoute } from 'astro';
import { asc } from 'drizzle-orm';
import { institutions } from '../../../db/schema';
import { PUBLIC_PATHS, SITEMAP_PAGE_SIZE, urlset } from '../../domain/registry/sitemap';
import { CONTRACT_PAGE_PATHS } from '../../domain/publishing/contract-texts';
import { notFound } from '../../server/http/json';
import { cachePublic } from '../../server/http/page-cache';

const xml = (body: string) => new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });

export const GET: APIRoute = async (context) => {
  const origin = context.url.origin;
  const name = context.params.name ?? '';
  if (name === 'pages.xml') {
    cachePublic(context, ['registry']);
    return xml(urlset([...PUBLIC_PATHS, ...CONTRACT_PAGE_PATHS].map((p) => ({ loc: `${origin}${p}` }))));
  }
  const m = /^institutions-([1-9]\d{0,4})\.xml$/.exec(name);
  if (!m) return notFound('unknown_sitemap', '没有这个站点地图文件。');
  const page = Number(m[1]);
  const rows = await context.locals.readDb
    .select({ code: institutions.creditCode, asOf: institutions.asOf })
    .from(institutions)
    .orderBy(asc(institutions.id))
    .limit(SITEMAP_PAGE_SIZE)
    .offset((page - 1) * SITEMAP_PAGE_SIZE);
  if (rows.length === 0 && page > 1) return notFound('unknown_sitemap', '没有这个站点地图文件。');
  cachePublic(context, ['registry']);
  return xml(urlset(rows.map((r) => ({ loc: `${origin}/institutions/${r.code}`, lastmod: r.asOf }))));
};
