/**
 * The one reader of request bodies: every form post, JSON body and upload of the portal goes
 * through readLimited. Why: the server itself accepts bodies up to 1 GB, and reading a body whole
 * before judging it lets one post fill the memory; here a declared Content-Length past the limit
 * is refused unread, and reading stops as soon as the bytes pass it. Each reader says what went
 * wrong rather than throwing, and the caller picks the answer (413, 415 or 400, in its own shape).
 */
import { formValues } from '../../domain/shared/form-fields';

/** Why a body was not read. `unsupported` carries the media type that was sent. */
export type BodyRefusal = { kind: 'too_large' } | { kind: 'unsupported'; contentType: string } | { kind: 'malformed' };

export type FormBody = { kind: 'ok'; values: Record<string, string> } | BodyRefusal;
export type FormBodyWithLists = { kind: 'ok'; values: Record<string, string | string[]> } | BodyRefusal;
export type FormDataBody = { kind: 'ok'; form: FormData } | BodyRefusal;
export type JsonBody = { kind: 'ok'; value: unknown } | BodyRefusal;

const URLENCODED = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';
const JSON_TYPE = 'application/json';

/** The media type of the body, in lower case, without its parameters ('' when none is given). */
export function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * The body's bytes, or null when it is longer than `limit`: at once when Content-Length says so,
 * else as soon as the bytes read pass it (the rest is never pulled from the client).
 */
export async function readLimited(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** Parses form bytes with the platform's parser; a multipart boundary is in the original header. */
function parseForm(bytes: Uint8Array<ArrayBuffer>, request: Request): Promise<FormData | null> {
  const header = request.headers.get('content-type') ?? '';
  return new Response(bytes, { headers: { 'content-type': header } }).formData().catch(() => null);
}

/**
 * A form with its files (uploads: a model contract, a spreadsheet to import), url-encoded or
 * multipart. Any other media type, an empty one included, is `unsupported`; the size is judged
 * first, as for every form.
 */
export async function readFormData(request: Request, limit: number): Promise<FormDataBody> {
  const type = mediaType(request);
  const bytes = await readLimited(request, limit);
  if (bytes === null) return { kind: 'too_large' };
  if (type !== URLENCODED && type !== MULTIPART) return { kind: 'unsupported', contentType: type };
  const form = await parseForm(bytes, request);
  return form ? { kind: 'ok', form } : { kind: 'malformed' };
}

type Entries = { kind: 'ok'; entries: [string, string][] } | BodyRefusal;

/**
 * Every text entry of a form, in order, repeated names included; files are dropped. No content
 * type and an empty body read as an empty form.
 */
async function readEntries(request: Request, limit: number): Promise<Entries> {
  const type = mediaType(request);
  const bytes = await readLimited(request, limit);
  if (bytes === null) return { kind: 'too_large' };
  if (type === '' && bytes.byteLength === 0) return { kind: 'ok', entries: [] };
  if (type === URLENCODED) return { kind: 'ok', entries: [...new URLSearchParams(new TextDecoder().decode(bytes))] };
  if (type === MULTIPART) {
    const form = await parseForm(bytes, request);
    if (!form) return { kind: 'malformed' };
    return { kind: 'ok', entries: [...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string') };
  }
  return { kind: 'unsupported', contentType: type };
}

/**
 * The first value of each text field. No content type and an empty body read as an empty form,
 * so the caller can answer "api_key is missing" rather than "wrong content type".
 */
export async function readFormBody(request: Request, limit: number): Promise<FormBody> {
  const body = await readEntries(request, limit);
  if (body.kind !== 'ok') return body;
  return { kind: 'ok', values: formValues(new URLSearchParams(body.entries)) as Record<string, string> };
}

/**
 * Like readFormBody, but the fields named in `lists` (checkbox groups) keep every value, as an
 * array, empty when no box was ticked.
 */
export async function readFormWithLists(request: Request, limit: number, lists: readonly string[]): Promise<FormBodyWithLists> {
  const body = await readEntries(request, limit);
  if (body.kind !== 'ok') return body;
  const values: Record<string, string | string[]> = formValues(new URLSearchParams(body.entries)) as Record<string, string>;
  for (const name of lists) values[name] = body.entries.filter(([k]) => k === name).map(([, v]) => v);
  return { kind: 'ok', values };
}

/**
 * A JSON body (Content-Type application/json, UTF-8). The type is judged before anything is read.
 * No body, bytes that are not UTF-8 or not JSON, and a connection lost mid-body are `malformed`.
 */
export async function readJsonBody(request: Request, limit: number): Promise<JsonBody> {
  const type = mediaType(request);
  if (type !== JSON_TYPE) return { kind: 'unsupported', contentType: type };
  try {
    const bytes = await readLimited(request, limit);
    if (bytes === null) return { kind: 'too_large' };
    return { kind: 'ok', value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return { kind: 'malformed' };
  }
}
