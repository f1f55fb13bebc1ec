/**
 * The one reader of request bodies: every form post, JSON body and upload of the portal goes
 * through readLimited. Why: the server itself accepts bodies up to 1 GB, and reading a body whole
 * before judging it lets one post fill the memory; here a declared Content-Length past the limit
 * is refused unread, and reading stops as soon as the bytes pass it. Each reader says what went
 * wrong rather than throwing, and the caller picks the answer (413, 415 or 400, in its own shape).
 * Every text read here passes the input gate: brought to NFC, and refused (`bad_text`) when it
 * holds a control character or a lone surrogate, so no handler can forget the check.
 */
import { formValues } from '../../domain/shared/form-fields';
import { forgivingText, gateEntries, gateValue, textFault, textFaultMessage } from '../../domain/shared/input-text';

/**
 * Why a body was not read. `unsupported` carries the media type that was sent; `bad_text` names
 * the field whose text the input gate refused (src/domain/shared/input-text.ts), with the sentence
 * to show next to it.
 */
export type BodyRefusal =
  | { kind: 'too_large' }
  | { kind: 'unsupported'; contentType: string }
  | { kind: 'malformed' }
  | BadText;

/**
 * A text the gate refused. A form's refusal carries its values with the forbidden characters
 * removed, so the page can show the form again, the field marked, nothing the person typed lost.
 */
export type BadText<V = undefined> = { kind: 'bad_text'; field: string; message: string; values?: V };

type NotText = Exclude<BodyRefusal, BadText>;

export type FormBody = { kind: 'ok'; values: Record<string, string> } | NotText | Required<BadText<Record<string, string>>>;
export type FormBodyWithLists = { kind: 'ok'; values: Record<string, string | string[]> } | NotText | Required<BadText<Record<string, string | string[]>>>;
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
  if (!form) return { kind: 'malformed' };
  const gated = new FormData();
  for (const [name, value] of form.entries()) {
    const text = typeof value === 'string' ? value : value.name;
    const fault = textFault(name) ?? textFault(text);
    if (fault) return { kind: 'bad_text', field: name, message: textFaultMessage(fault) };
    if (typeof value === 'string') gated.append(name.normalize('NFC'), value.normalize('NFC'));
    else gated.append(name.normalize('NFC'), value, value.name.normalize('NFC'));
  }
  return { kind: 'ok', form: gated };
}

type Entries = { kind: 'ok'; entries: [string, string][] } | NotText;
type GatedEntries = Entries | { kind: 'bad_entries'; refusal: BadText; entries: [string, string][] };

/**
 * Every text entry of a form, in order, repeated names included; files are dropped. No content
 * type and an empty body read as an empty form.
 */
async function readEntries(request: Request, limit: number): Promise<GatedEntries> {
  const entries = await readRawEntries(request, limit);
  if (entries.kind !== 'ok') return entries;
  const gated = gateEntries(entries.entries);
  if (gated.ok) return { kind: 'ok', entries: gated.value };
  const cleaned = entries.entries.map(([k, v]): [string, string] => [forgivingText(k), forgivingText(v)]);
  return { kind: 'bad_entries', refusal: { kind: 'bad_text', ...gated.refusal }, entries: cleaned };
}

async function readRawEntries(request: Request, limit: number): Promise<Entries> {
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

const firstValues = (entries: [string, string][]) => formValues(new URLSearchParams(entries)) as Record<string, string>;

function withLists(entries: [string, string][], lists: readonly string[]): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = firstValues(entries);
  for (const name of lists) values[name] = entries.filter(([k]) => k === name).map(([, v]) => v);
  return values;
}

/**
 * The first value of each text field. No content type and an empty body read as an empty form,
 * so the caller can answer "api_key is missing" rather than "wrong content type".
 */
export async function readFormBody(request: Request, limit: number): Promise<FormBody> {
  const body = await readEntries(request, limit);
  if (body.kind === 'bad_entries') return { ...body.refusal, values: firstValues(body.entries) };
  if (body.kind !== 'ok') return body;
  return { kind: 'ok', values: firstValues(body.entries) };
}

/**
 * Like readFormBody, but the fields named in `lists` (checkbox groups) keep every value, as an
 * array, empty when no box was ticked.
 */
export async function readFormWithLists(request: Request, limit: number, lists: readonly string[]): Promise<FormBodyWithLists> {
  const body = await readEntries(request, limit);
  if (body.kind === 'bad_entries') return { ...body.refusal, values: withLists(body.entries, lists) };
  if (body.kind !== 'ok') return body;
  return { kind: 'ok', values: withLists(body.entries, lists) };
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
    const gated = gateValue(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)));
    return gated.ok ? { kind: 'ok', value: gated.value } : { kind: 'bad_text', ...gated.refusal };
  } catch {
    return { kind: 'malformed' };
  }
}
