/** GET /open311/v2/services.json: one Open311 service per complaint category. */
import type { APIRoute } from 'astro';
import { json } from '../../../server/http/json';
import { servicesJson } from '../../../server/open311/open311-services';
import { methodNotAllowed } from '../../../server/open311/open311-shapes';

export const GET: APIRoute = () => json(servicesJson());

export const ALL: APIRoute = ({ request }) => methodNotAllowed(request, ['GET']);
