/** GET /robots.txt: public pages may be indexed; staff, personal and per-visitor pages may not. */
import type { APIRoute } from 'astro';

export const GET: APIRoute = ({ url }) =>
  new Response(
    ['User-agent: *', 'Disallow: /staff', 'Disallow: /api/staff', 'Disallow: /complaints/track', 'Disallow: /complaints/receipt', 'Disallow: /verify/', `Sitemap: ${url.origin}/sitemap.xml`, ''].join('\n'),
    { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=86400' } },
  );
