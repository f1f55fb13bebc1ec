/** JSON responses of the public API: one shape for data, one for errors. */
import { isMessageKey, t } from '../../i18n';
import type { QueryProblem } from '../../domain/registry/institution-query';

const HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };

export function json(data: unknown, status = 200, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), { status, headers: { ...HEADERS, ...extra } });
}

/** 400 with one message per field, in Chinese, from the catalogue. */
export function invalidQuery(problems: QueryProblem[]): Response {
  return json(
    {
      error: 'invalid_query',
      message: t('api.error.bad_request'),
      errors: problems.map((p) => ({ field: p.field, message: isMessageKey(p.messageKey) ? t(p.messageKey) : p.messageKey })),
    },
    400,
  );
}

export function notFound(error: string, message: string): Response {
  return json({ error, message }, 404);
}
