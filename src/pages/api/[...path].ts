/**
 * Everything else under /api/: an API client gets a JSON 404 naming the endpoints that exist,
 * not the HTML page a browser gets (src/pages/open311/v2/[...path].ts does the same for Open311).
 */
import type { APIRoute } from 'astro';
import { jsonRefusal } from '../../server/http/api-errors';

const ENDPOINTS = 'GET /api/institutions、GET /api/institutions/<统一社会信用代码>、GET /api/suggest、POST /api/verifications';

export const ALL: APIRoute = ({ url }) => jsonRefusal(url.pathname, 404, 'not_found', `没有这个接口。公开的接口：${ENDPOINTS}（见 README 的 JSON API 一节）。`);
