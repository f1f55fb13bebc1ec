/**
 * Everything else under /open311/v2/, so that an Open311 client always gets an Open311 error in
 * JSON rather than the HTML 404 page. The XML format of the standard is not offered.
 */
import type { APIRoute } from 'astro';
import { open311Error } from '../../../server/open311/open311-shapes';

const ENDPOINTS = 'services.json、services/<service_code>.json、requests.json、requests/<service_request_id>.json';

export const ALL: APIRoute = ({ params }) => {
  const path = String(params.path ?? '');
  if (/\.xml$/i.test(path)) return open311Error(400, `本平台的 Open311 接口只提供 JSON 格式：请把地址中的 .xml 换成 .json。`);
  return open311Error(404, `没有这个 Open311 接口。可用的接口：${ENDPOINTS}。`);
};
