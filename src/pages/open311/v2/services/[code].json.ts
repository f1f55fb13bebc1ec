/** GET /open311/v2/services/<service_code>.json: the attributes a post of that service may carry. */
import type { APIRoute } from 'astro';
import { isComplaintCategory } from '../../../../domain/complaints/complaint-categories';
import { json } from '../../../../server/http/json';
import { serviceDefinitionJson } from '../../../../server/open311/open311-services';
import { methodNotAllowed, open311Error } from '../../../../server/open311/open311-shapes';

export const GET: APIRoute = ({ params }) => {
  const code = String(params.code ?? '');
  if (!isComplaintCategory(code)) return open311Error(404, `service_code：没有代码为“${code.slice(0, 40)}”的服务类型；可用的代码见 services.json。`);
  return json(serviceDefinitionJson(code));
};

export const ALL: APIRoute = ({ request }) => methodNotAllowed(request, ['GET']);
