/**
 * GET  /open311/v2/requests.json  public list of complaints (public fields only), newest first.
 * POST /open311/v2/requests.json  a registered channel files a complaint (api_key required).
 */
import type { APIRoute } from 'astro';
import { publicRequests } from '../../../../db/queries/open311/open311';
import { parseOpen311Query } from '../../../domain/open311/open311-query';
import { json } from '../../../server/http/json';
import { postServiceRequest } from '../../../server/open311/open311-intake';
import { methodNotAllowed, requestJson } from '../../../server/open311/open311-shapes';
import { appSecret } from '../../../server/shared/secret';

export const GET: APIRoute = async ({ url, locals }) => {
  const parsed = parseOpen311Query(url.searchParams);
  if (!parsed.ok) return json(parsed.errors, 400);
  const { total, items } = await publicRequests(locals.db, parsed.value);
  // An Open311 answer is a bare array: the total travels in a header (our extension).
  return json(items.map(requestJson), 200, { 'X-Total-Count': String(total) });
};

export const POST: APIRoute = async ({ request, locals }) =>
  postServiceRequest(request, { db: locals.db, secret: await appSecret(locals.db), today: locals.today });

export const ALL: APIRoute = ({ request }) => methodNotAllowed(request, ['GET', 'POST']);
