/**
 * Staff actions on a case over HTTP, for the case page (form posts) and the JSON API: reading the
 * body within a size limit, handing it to the case service, and what each outcome means for the
 * answer. The rules themselves are in src/domain/cases/ (case-machine.ts) and the transaction in case-actions.ts, never here.
 *
 * Post/redirect/get (STYLE.md habit 2): a done action redirects back to the case with a one-time
 * message; an invalid one is shown again with the person's values and errors (400); a refused one
 * with the refusal (409), nothing changed; a case the actor may not see is a 404 like any other.
 */
import type { AstroCookies } from 'astro';
import type { CaseActionType } from '../../domain/cases/case-machine';
import { actionFieldId, CASE_ACTION_TYPES, casePath } from '../../domain/cases/case-form';
import type { FieldError } from '../../domain/shared/form-fields';
import type { StaffActor } from '../../domain/staff/staff-roles';
import { actOnCase, type ActOutcome } from './case-actions';
import { loadCaseForStaff } from './case-view';
import { readFormWithLists, readJsonBody } from '../http/body';
import { appSecret } from '../shared/secret';
import { setFlash } from '../http/flash';
import { isHttpsRequest } from '../staff/staff-session';

/** A 4000-character text is about 36 KB url-encoded; nothing a case form sends is larger. */
export const ACTION_BODY_LIMIT = 64 * 1024;
/** Checkbox groups: one entry per ticked box. */
export const ACTION_LIST_FIELDS = ['assisting', 'departments'] as const;

export const isActionType = (v: unknown): v is CaseActionType => (CASE_ACTION_TYPES as readonly unknown[]).includes(v);

/** Why a body was not taken; `field` and `values` when the input gate refused one field's text. */
export type BodyProblem = { status: 400 | 413 | 415; message: string; field?: string; values?: Record<string, string | string[]> };

const TOO_LARGE: BodyProblem = { status: 413, message: '提交的内容过长（超过 64KB），请缩短后再提交。' };

/** A form post's values (checkbox groups as arrays), or why it cannot be read. */
export async function readActionForm(request: Request): Promise<{ ok: true; values: Record<string, string | string[]> } | { ok: false; problem: BodyProblem }> {
  const body = await readFormWithLists(request, ACTION_BODY_LIMIT, ACTION_LIST_FIELDS);
  if (body.kind === 'ok') return { ok: true, values: body.values };
  if (body.kind === 'too_large') return { ok: false, problem: TOO_LARGE };
  if (body.kind === 'unsupported') return { ok: false, problem: { status: 415, message: '请以表单或 JSON 提交。' } };
  if (body.kind === 'bad_text') return { ok: false, problem: { status: 400, message: body.message, field: body.field, values: body.values } };
  return { ok: false, problem: { status: 400, message: '无法读取提交的表单。' } };
}

/** The API accepts JSON or a form body. */
export async function readActionBody(request: Request): Promise<{ ok: true; values: unknown } | { ok: false; problem: BodyProblem }> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (!type.startsWith('application/json')) return readActionForm(request);
  const body = await readJsonBody(request, ACTION_BODY_LIMIT);
  if (body.kind === 'ok') return { ok: true, values: body.value };
  if (body.kind === 'too_large') return { ok: false, problem: TOO_LARGE };
  if (body.kind === 'bad_text') return { ok: false, problem: { status: 400, message: body.message, field: body.field } };
  return { ok: false, problem: { status: 400, message: '请求体不是有效的 JSON。' } };
}

export interface PageContext {
  request: Request;
  url: URL;
  cookies: AstroCookies;
  locals: App.Locals;
}

/** A form posted again with its values and the messages at its fields, for the case page. */
export interface PostedForm {
  type: CaseActionType;
  values: Record<string, string | string[]>;
  atField: Record<string, string>;
}

/** What the case page does after a post. */
export type CasePostResult =
  | { kind: 'redirect'; location: string }
  | { kind: 'not_found' }
  | {
      kind: 'render';
      status: 400 | 409 | 413 | 415;
      /** The form that was posted, to open it again with its values; null when unknown. */
      type: CaseActionType | null;
      values: Record<string, string | string[]>;
      /** For the error summary: `field` is the id of the control on the page. */
      errors: { field?: string; message: string }[];
      /** Field messages by control id, for the messages at the fields. */
      atField: Record<string, string>;
      /** The summary's heading when it is not a list of things to correct (a refusal). */
      title?: string;
    };

/** Errors from the service, as links to the posted form's controls. */
function onPage(type: CaseActionType, values: Record<string, string | string[]>, errors: FieldError[]) {
  const whistle = typeof values.whistleId === 'string' ? values.whistleId : undefined;
  const linked = errors.map((e) => ({ field: e.field === 'form' || e.field === 'type' ? undefined : actionFieldId(type, e.field, whistle), message: e.message }));
  return { errors: linked, atField: Object.fromEntries(linked.filter((e) => e.field).map((e) => [e.field!, e.message])) };
}

/** Handles a form post to /staff/cases/<number>. */
export async function handleCasePost(ctx: PageContext, actor: StaffActor, trackingNumber: string): Promise<CasePostResult> {
  const body = await readActionForm(ctx.request);
  if (!body.ok) {
    const { problem } = body;
    // A refused text: the form again, cleaned, with the message at its field.
    const posted = problem.values;
    if (posted && problem.field && isActionType(posted.type)) {
      return { kind: 'render', status: 400, type: posted.type, values: posted, ...onPage(posted.type, posted, [{ field: problem.field, message: problem.message }]) };
    }
    return { kind: 'render', status: problem.status, type: null, values: {}, errors: [{ message: problem.message }], atField: {} };
  }
  const values = body.values;
  const type = isActionType(values.type) ? values.type : null;
  const outcome: ActOutcome = await actOnCase(ctx.locals.db, actor, trackingNumber, values, ctx.locals.today);
  switch (outcome.kind) {
    case 'done': {
      setFlash(ctx.cookies, await appSecret(ctx.locals.db), isHttpsRequest(ctx.request), { kind: 'success', message: outcome.message });
      // A department that returned a case no longer sees it: back to its queue, not to a 404.
      const stillVisible = (await loadCaseForStaff(ctx.locals.db, actor, trackingNumber, ctx.locals.today)) !== null;
      return { kind: 'redirect', location: stillVisible ? casePath(trackingNumber) : '/staff' };
    }
    case 'not_found':
      return { kind: 'not_found' };
    case 'refused':
      return { kind: 'render', status: 409, type, values, errors: [{ message: outcome.message }], atField: {}, title: '未能办理，案件没有变化：' };
    case 'invalid':
      if (!type) return { kind: 'render', status: 400, type: null, values, errors: outcome.errors.map((e) => ({ message: e.message })), atField: {} };
      return { kind: 'render', status: 400, type, values, ...onPage(type, values, outcome.errors) };
  }
}

/** The JSON answer for an outcome of the API. */
export function outcomeStatus(outcome: ActOutcome): number {
  return { done: 200, not_found: 404, refused: 409, invalid: 400 }[outcome.kind];
}
