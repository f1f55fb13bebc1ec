/**
 * Errors in the language of the endpoint that gives them. A JSON route (/api/*, /open311/*, any
 * *.json) answers every refusal and every failure as JSON: Open311 in its own error array
 * (`[{ code, description }]`, GeoReport v2), the rest as `{ error, message, errors? }`. No stack, SQL
 * or parameter ever reaches a response; the log gets the error's kind, not the data it carried.
 */
import { isDatabaseUnreachable } from '../shared/database-errors';
import { json } from './json';
import { logRequestError } from './request-context';

/** Whether answers under this path are JSON. */
export function isJsonRoute(pathname: string): boolean {
  return pathname.startsWith('/api/') || pathname.startsWith('/open311/') || pathname.endsWith('.json');
}

const isOpen311 = (pathname: string) => pathname.startsWith('/open311/');

/** A refusal in the route's own JSON shape; `field` names the input at fault. */
export function jsonRefusal(pathname: string, status: number, error: string, message: string, field?: string, headers: Record<string, string> = {}): Response {
  if (isOpen311(pathname)) return json([{ code: status, description: field ? `${field}：${message}` : message }], status, headers);
  if (field === undefined) return json({ error, message }, status, headers);
  return json({ error, message: `请求中的“${field}”无法接受。`, errors: [{ field, message }] }, status, headers);
}

export { isDatabaseUnreachable } from '../shared/database-errors';

/** Retry-After of a 503 while the database is away: the portal is back within a second of it. */
export const RETRY_AFTER_SECONDS = 5;

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * The methods an endpoint module answers, from its exports (GET brings HEAD). Why: Astro answers a
 * method an endpoint does not export with an empty 404, which the error page would turn into HTML.
 */
export function allowedMethods(exports: Record<string, unknown>): string[] {
  if (typeof exports.ALL === 'function') return [...METHODS];
  const allowed: string[] = METHODS.filter((m) => typeof exports[m] === 'function');
  if (allowed.includes('GET') && !allowed.includes('HEAD')) allowed.splice(1, 0, 'HEAD');
  return allowed;
}

/** 405 for a method an API endpoint does not offer, with the Allow header RFC 9110 asks for. */
export function methodNotAllowed(pathname: string, method: string, allowed: readonly string[]): Response {
  const message = `此接口不支持 ${method.slice(0, 10)} 请求，请使用 ${allowed.filter((m) => m !== 'HEAD').join(' 或 ')}。`;
  return jsonRefusal(pathname, 405, 'method_not_allowed', message, undefined, { Allow: allowed.join(', ') });
}

/** The answer to a JSON route whose handler threw: 503 when the database is out of reach, else 500. */
export function apiFailure(pathname: string, error: unknown): Response {
  // One JSON line with the stack, the query's values scrubbed (src/server/shared/log.mjs).
  logRequestError(error);
  if (isDatabaseUnreachable(error)) {
    return jsonRefusal(pathname, 503, 'unavailable', '服务暂时不可用（数据库暂时无法访问），请几秒后再试。', undefined, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
  }
  return jsonRefusal(pathname, 500, 'server_error', '服务器出错，请稍后再试。');
}
