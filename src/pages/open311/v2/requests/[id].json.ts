/** GET /open311/v2/requests/<service_request_id>.json: an array holding that one request. */
import type { APIRoute } from 'astro';
import { publicRequest } from '../../../../../db/queries/open311/open311';
import { formatTrackingNumber, parseTrackingNumber } from '../../../../domain/complaints/tracking';
import { json } from '../../../../server/http/json';
import { methodNotAllowed, open311Error, requestJson } from '../../../../server/open311/open311-shapes';

export const GET: APIRoute = async ({ params, locals }) => {
  const id = String(params.id ?? '');
  const parsed = parseTrackingNumber(id.slice(0, 40));
  const row = parsed ? await publicRequest(locals.db, formatTrackingNumber(parsed.year, parsed.sequence)) : null;
  if (!row) return open311Error(404, `service_request_id：没有编号为“${id.slice(0, 40)}”的投诉。`);
  return json([requestJson(row)]);
};

export const ALL: APIRoute = ({ request }) => methodNotAllowed(request, ['GET']);
