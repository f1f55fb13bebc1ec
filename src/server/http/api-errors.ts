/**
 * Errors in the language of the endpoint that gives them. A JSON route (/api/*, /open311/*, any
 * *.json) answers every refusal and every failure as JSON: Open311 in its own error array
 * (`[{ code, description }]`, GeoReport v2), the rest as `{ error, message, errors? }`. No stack, SQL
 * or parameter ever reaches a response; the log gets the error's kind, not the data it carried.
 */
import { json } from './json';

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

// Connection failures of postgres.js and of the operating system: the database is out of reach,
// which is a 503 (try again soon), not a fault of the request or of the portal's code.
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', '57P01', '57P02', '57P03']);

/** Whether `error` (or its cause) says the database could not be reached. */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNREACHABLE.has(code)) return true;
  }
  return false;
}

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

/** One log line for a failure: its kind and code, quoted values in its message blanked. */
export function failureLogLine(pathname: string, error: unknown): string {
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as { code?: unknown }).code;
  const message = e.message.replace(/"[^"]*"|'[^']*'|\$\d+/g, '…').slice(0, 300);
  return JSON.stringify({ level: 'error', event: 'request_failed', path: pathname, kind: e.name, code: typeof code === 'string' ? code : undefined, message });
}

/** The answer to a JSON route whose handler threw: 503 when the database is out of reach, else 500. */
export function apiFailure(pathname: string, error: unknown): Response {
  console.error(failureLogLine(pathname, error));
  if (isDatabaseUnreachable(error)) {
    return jsonRefusal(pathname, 503, 'unavailable', '服务暂时不可用，请稍后再试。', undefined, { 'Retry-After': '30' });
  }
  return jsonRefusal(pathname, 500, 'server_error', '服务器出错，请稍后再试。');
}
