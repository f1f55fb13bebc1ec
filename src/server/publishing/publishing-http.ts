/**
 * The staff publishing pages (/staff/publish/**) over HTTP: reading a form post within a size
 * limit and turning a publishing service's outcome (src/server/publishing/common.ts) into what the
 * page does. The rules are in the services, never here.
 *
 * Post/redirect/get (STYLE.md habit 2): a done action redirects with a one-time message; an
 * invalid one shows the form again with the person's values and the errors twice (400); a refused
 * one shows the refusal (409), nothing changed; an item of another department is a 404 like any
 * page that does not exist.
 */
import type { AstroCookies } from 'astro';
import type { Db } from '../../../db/client';
import { FORM_LEVEL } from '../../domain/shared/form-fields';
import { creditCodeField } from '../../domain/publishing/publishing-forms';
import { setFlash, takeFlash, type Flash } from '../http/flash';
import { readFormWithLists } from '../http/body';
import { institutionByCode, type Outcome } from './common';
import { appSecret } from '../shared/secret';
import { isHttpsRequest } from '../staff/staff-session';

/** An 8000-character warning is about 72 KB url-encoded; nothing these forms send is larger. */
const BODY_LIMIT = 128 * 1024;

export interface FormContext {
  request: Request;
  cookies: AstroCookies;
  locals: App.Locals;
}

/** What a page shows after a post that did not succeed. */
export interface FormState {
  /** Which of the page's forms was posted (its `intent`), to open it again with its values. */
  intent: string;
  values: Record<string, string | string[]>;
  /** For the error summary: `field` is the id of the control to fix, when there is one. */
  errors: { field?: string; message: string }[];
  /** Messages at the fields, by control id. */
  atField: Record<string, string>;
  /** The summary's heading when it is a refusal rather than something to correct. */
  title?: string;
}

export type PostResult = { kind: 'redirect'; location: string } | { kind: 'not_found' } | { kind: 'render'; status: 400 | 409 | 413 | 415; state: FormState };

export const EMPTY_STATE: FormState = { intent: '', values: {}, errors: [], atField: {} };

export const REFUSED_TITLE = '未能办理，没有任何改变：';

/** Reads a form post; checkbox groups named in `lists` come back as arrays. */
export async function readPublishForm(request: Request, lists: readonly string[] = []): Promise<{ ok: true; values: Record<string, string | string[]> } | { ok: false; result: PostResult }> {
  const body = await readFormWithLists(request, BODY_LIMIT, lists);
  if (body.kind === 'ok') return { ok: true, values: body.values };
  if (body.kind === 'bad_text') {
    // The form again, cleaned, the refused text's field marked (its control's id is its name).
    const intent = typeof body.values.intent === 'string' ? body.values.intent : '';
    const state = { intent, values: body.values, errors: [{ field: body.field, message: body.message }], atField: { [body.field]: body.message } };
    return { ok: false, result: { kind: 'render', status: 400, state } };
  }
  const [status, message] =
    body.kind === 'too_large' ? ([413, '提交的内容过长，请缩短后再提交。'] as const) : body.kind === 'unsupported' ? ([415, '请通过页面上的表单提交。'] as const) : ([400, '无法读取提交的表单。'] as const);
  return { ok: false, result: { kind: 'render', status, state: { ...EMPTY_STATE, errors: [{ message }] } } };
}

/** Reads the form post and hands its values to `run`, or answers that it could not be read. */
export async function handlePost(request: Request, lists: readonly string[], run: (values: Record<string, string | string[]>) => Promise<PostResult>): Promise<PostResult> {
  const body = await readPublishForm(request, lists);
  return body.ok ? run(body.values) : body.result;
}

/** Sets the one-time message for the page the redirect leads to. */
export async function flash(ctx: FormContext, message: string): Promise<void> {
  setFlash(ctx.cookies, await appSecret(ctx.locals.db), isHttpsRequest(ctx.request), { kind: 'success', message });
}

/** The one-time message waiting for this page (shown on a GET only, after a redirect). */
export async function readFlash(ctx: FormContext): Promise<Flash | null> {
  if (ctx.request.method !== 'GET') return null;
  return takeFlash(ctx.cookies, await appSecret(ctx.locals.db), isHttpsRequest(ctx.request));
}

/**
 * What the page does with a service's outcome. `fields` are the names of the posted form's
 * controls (each control's id is its name); an error about anything else is listed unlinked.
 */
export async function settle<T>(
  ctx: FormContext,
  outcome: Outcome<T>,
  posted: { intent: string; values: Record<string, string | string[]>; fields: readonly string[] },
  onDone: (value: T) => string,
): Promise<PostResult> {
  switch (outcome.kind) {
    case 'done':
      await flash(ctx, outcome.message);
      return { kind: 'redirect', location: onDone(outcome.value) };
    case 'not_found':
      return { kind: 'not_found' };
    case 'refused':
      return { kind: 'render', status: 409, state: { intent: posted.intent, values: posted.values, errors: [{ message: outcome.message }], atField: {}, title: REFUSED_TITLE } };
    case 'invalid': {
      const errors = outcome.errors.map((e) => ({ field: e.field !== FORM_LEVEL && posted.fields.includes(e.field) ? e.field : undefined, message: e.message }));
      const atField = Object.fromEntries(errors.filter((e) => e.field).map((e) => [e.field!, e.message]));
      return { kind: 'render', status: 400, state: { intent: posted.intent, values: posted.values, errors, atField } };
    }
  }
}

/** A route parameter that is an id: a positive integer, or null. */
export const idParam = (raw: string | undefined): number | null => (/^[1-9]\d{0,8}$/.test(raw ?? '') ? Number(raw) : null);

export type ChosenInstitution = NonNullable<Awaited<ReturnType<typeof institutionByCode>>>;

/**
 * The institution a form is about, from `?code=` or the posted credit code: none asked for yet,
 * a code that is malformed or unknown (with the message for the field), or the institution.
 */
export async function chooseInstitution(db: Db, raw: string | null | undefined): Promise<{ value?: string; error?: string; institution?: ChosenInstitution }> {
  if (raw === null || raw === undefined || raw.trim() === '') return {};
  const value = raw.slice(0, 40);
  const parsed = creditCodeField.safeParse(value);
  if (!parsed.success) return { value, error: parsed.error.issues[0]!.message };
  const institution = await institutionByCode(db, parsed.data);
  if (!institution) return { value, error: `本平台没有收录代码为 ${parsed.data} 的机构。` };
  return { value: parsed.data, institution };
}
