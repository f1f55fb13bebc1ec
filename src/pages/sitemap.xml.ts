/** GET /sitemap.xml: the sitemap index (src/domain/registry/sitemap.ts). */
import type { APIRoute } from 'astro';
import { count } from 'drizzle-orm';
import { institutions } from '../../db/schema';
import { institutionSitemapCount, sitemapIndex } from '../domain/registry/sitemap';
import { cachePublic } from '../server/http/page-cache';

export const GET: APIRoute = async (context) => {
  cachePublic(context, ['registry']);
  const [row] = await context.locals.readDb.select({ n: count() }).from(institutions);
  const origin = context.url.origin;
  const files = [`${origin}/sitemaps/pages.xml`];
  for (let i = 1; i <= institutionSitemapCount(row!.n); i++) files.push(`${origin}/sitemaps/institutions-${i}.xml`);
  return new Response(sitemapIndex(files), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
