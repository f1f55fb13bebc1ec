/** GET /api/institutions?q=&field=&street=&status=&licence=&delivery=&operating=&sort=&page= */
import type { APIRoute } from 'astro';
import { searchInstitutions } from '../../../../db/queries/registry/institutions';
import { parseInstitutionQuery } from '../../../domain/registry/institution-query';
import { summaryJson } from '../../../server/registry/api-shapes';
import { invalidQuery, json } from '../../../server/http/json';
import { cachePublic } from '../../../server/http/page-cache';

export const GET: APIRoute = async (context) => {
  const { url, locals } = context;
  const parsed = parseInstitutionQuery(url.searchParams);
  if (!parsed.ok) return invalidQuery(parsed.problems);
  const result = await searchInstitutions(locals.readDb, parsed.query, locals.today);
  cachePublic(context);
  return json({
    query: parsed.query,
    asOf: locals.today,
    total: result.total,
    /** true when a relevance search has more matches than `total` (it reads at most 1,000). */
    totalCapped: result.capped,
    page: result.page,
    pageSize: result.pageSize,
    pages: Math.max(1, Math.ceil(result.total / result.pageSize)),
    items: result.items.map(summaryJson),
  });
};
