/**
 * /api/staff/cases/<number>: one case for staff tools. GET answers the staff view of the case
 * (what the case page shows, with `can.actions`); POST takes an action, as JSON or a form body
 * with `type` and the action's fields, and answers its outcome: 200 done, 400 with one message
 * per field, 409 refused (nothing changed), 404 when the case does not exist or this person may
 * not see it (the same answer, so the API reveals no more than the pages). The middleware has
 * already answered 401 to anyone not signed in.
 */
import type { APIRoute } from 'astro';
import { formatTrackingNumber, parseTrackingNumber } from '../../../../domain/complaints/tracking';
import { json, notFound } from '../../../../server/http/json';
import { actOnCase } from '../../../../server/cases/case-actions';
import { loadCaseForStaff } from '../../../../server/cases/case-view';
import { outcomeStatus, readActionBody } from '../../../../server/cases/case-actions-http';

const NOT_FOUND = () => notFound('not_found', '没有找到这件投诉。');

/** The canonical number of the address, or null. */
function numberOf(param: string | undefined): string | null {
  const parsed = parseTrackingNumber((param ?? '').slice(0, 40));
  return parsed ? formatTrackingNumber(parsed.year, parsed.sequence) : null;
}

export const GET: APIRoute = async ({ params, locals }) => {
  const number = numberOf(params.number);
  if (!number || !locals.staff) return NOT_FOUND();
  const view = await loadCaseForStaff(locals.db, locals.staff, number, locals.today);
  return view ? json({ asOf: locals.today, case: view }) : NOT_FOUND();
};

export const POST: APIRoute = async ({ params, locals, request }) => {
  const number = numberOf(params.number);
  if (!number || !locals.staff) return NOT_FOUND();
  const body = await readActionBody(request);
  if (!body.ok) {
    const error = { 400: 'invalid_request', 413: 'too_large', 415: 'unsupported_media_type' }[body.problem.status];
    const { field, message } = body.problem;
    return json({ error, message, ...(field !== undefined ? { errors: [{ field, message }] } : {}) }, body.problem.status);
  }
  const outcome = await actOnCase(locals.db, locals.staff, number, body.values, locals.today);
  switch (outcome.kind) {
    case 'done':
      return json({ outcome: 'done', status: outcome.status, message: outcome.message }, outcomeStatus(outcome));
    case 'invalid':
      return json({ error: 'invalid_request', message: '请修改以下内容。', errors: outcome.errors }, outcomeStatus(outcome));
    case 'refused':
      return json({ error: 'refused', message: outcome.message }, outcomeStatus(outcome));
    case 'not_found':
      return NOT_FOUND();
  }
};
