/**
 * The frame every staff publishing page (/staff/publish/**) shares, so that a page's frontmatter
 * says only what is its own (its route key, its path, how to load its item, what its forms do):
 *
 * - who may use it: a handler of a department (and whatever `may` adds); anyone else gets the
 *   404 of a page that does not exist (src/server/staff/staff-guard.ts);
 * - a form post, post/redirect/get (publishing-http.ts): a done action redirects (303), an item
 *   that is not the department's is a 404, anything else shows the form again with its status;
 * - on a page about one item: the item of the actor's department or a 404, loaded after the post
 *   so the page shows what the post changed, then the one-time message left by a redirect.
 */
import type { AstroGlobal } from 'astro';
import { PUBLISH_PATH } from '../../domain/publishing/publishing-paths';
import { textOf, type PostedValues } from '../../domain/shared/posted-form';
import type { DepartmentCode } from '../../domain/shared/reference';
import type { StaffActor } from '../../domain/staff/staff-roles';
import type { Flash } from '../http/flash';
import { notFound, requireRole } from '../staff/staff-guard';
import { EMPTY_STATE, readFlash, type FormContext, type FormState, type PostResult } from './publishing-http';

/** What the frame needs of a page's `Astro`. */
export type PageContext = FormContext & Pick<AstroGlobal, 'redirect' | 'response'>;

/** A handler who belongs to a department (the only staff who publish). */
export type DepartmentHandler = StaffActor & { department: DepartmentCode };

const hasDepartment = (staff: StaffActor): staff is DepartmentHandler => Boolean(staff.department);

/** The handler using the page and the department they publish for. */
export interface Publisher {
  staff: DepartmentHandler;
  department: DepartmentCode;
}

/** A further condition on who may use a page; anyone it refuses gets the same 404. */
type May = (staff: StaffActor) => boolean;

/** The handler of a department (that `may` allows) who asks for a publishing page, or the 404 to return. */
export function requirePublisher(locals: App.Locals, may?: May): Publisher | Response {
  const staff = requireRole(locals, 'handler');
  if (staff instanceof Response) return staff;
  if (!hasDepartment(staff) || (may && !may(staff))) return notFound();
  return { staff, department: staff.department };
}

/**
 * What the page shows: `initial` on a GET; on a POST, what `post` came to (the form again, with
 * the response's status set), or the redirect or 404 to return instead.
 */
async function postedState(ctx: PageContext, initial: FormState, post: () => Promise<PostResult>): Promise<FormState | Response> {
  if (ctx.request.method !== 'POST') return initial;
  const result = await post();
  if (result.kind === 'redirect') return ctx.redirect(result.location, 303);
  if (result.kind === 'not_found') return notFound();
  ctx.response.status = result.status;
  return result.state;
}

/** The answer to a post whose `intent` the page does not know (a crafted or outdated form). */
export const UNKNOWN_INTENT: PostResult = { kind: 'render', status: 400, state: { ...EMPTY_STATE, errors: [{ message: '无法识别要进行的操作，请使用页面上的按钮。' }] } };

/** Where a done action leads: back to the overview when its form was posted from there (`return=overview`), else `path`. */
export const returnPath = (values: PostedValues, path: string): string => (textOf(values, 'return') === 'overview' ? PUBLISH_PATH : path);

export interface FormPageSpec {
  may?: May;
  /** What the form shows before anything is posted. */
  initial?: FormState;
  /** What a POST does: usually `handlePost` and `settle` with the page's service. */
  post: (publisher: Publisher) => Promise<PostResult>;
}

/** A page with a form that makes something new: the publisher and the form's state, or the response to return. */
export async function publishFormPage(ctx: PageContext, spec: FormPageSpec): Promise<Response | (Publisher & { state: FormState })> {
  const publisher = requirePublisher(ctx.locals, spec.may);
  if (publisher instanceof Response) return publisher;
  const state = await postedState(ctx, spec.initial ?? EMPTY_STATE, () => spec.post(publisher));
  if (state instanceof Response) return state;
  return { ...publisher, state };
}

/** The item's key from the route and the page's own path, beside the publisher. */
export type DetailAccess<K> = Publisher & { key: K; path: string };

export interface DetailPageSpec<K, T> {
  /** The item's key read from the route; null when malformed, which is a 404. */
  key: K | null;
  /** The page's own path, where its forms post and a done action usually returns. */
  path: (key: K) => string;
  may?: May;
  post: (access: DetailAccess<K>) => Promise<PostResult>;
  /** The item as the actor's department may see it; null or undefined when there is none (a 404). */
  load: (access: DetailAccess<K>) => Promise<T | null | undefined>;
}

export type DetailPage<K, T> = DetailAccess<K> & { item: T; state: FormState; flash: Flash | null };

/** A page about one item of the department: everything it shows, or the response to return. */
export async function publishDetailPage<K, T>(ctx: PageContext, spec: DetailPageSpec<K, T>): Promise<Response | DetailPage<K, T>> {
  const publisher = requirePublisher(ctx.locals, spec.may);
  if (publisher instanceof Response) return publisher;
  const key = spec.key;
  if (key === null) return notFound();
  const access: DetailAccess<K> = { ...publisher, key, path: spec.path(key) };
  const state = await postedState(ctx, EMPTY_STATE, () => spec.post(access));
  if (state instanceof Response) return state;
  const item = await spec.load(access);
  if (item === null || item === undefined) return notFound();
  const flash = await readFlash(ctx);
  return { ...access, item, state, flash };
}
