/**
 * Reads a form post (application/x-www-form-urlencoded or multipart/form-data) with a size limit,
 * for machine clients. The server itself accepts bodies up to 1 GB; a form that describes one
 * complaint needs a few kilobytes, so reading stops, and the post is refused, past `limit` bytes.
 */
import { formValues } from '../../domain/shared/form-fields';

export type FormBody =
  | { kind: 'ok'; values: Record<string, string> }
  | { kind: 'too_large' }
  | { kind: 'unsupported'; contentType: string }
  | { kind: 'malformed' };

const URLENCODED = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';

/** The body's bytes, or null as soon as it is longer than `limit` (declared or actual). */
export async function readLimited(request: Request, limit: number): Promise<Buffer | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return Buffer.alloc(0);
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
  return Buffer.concat(chunks);
}

type Entries = { kind: 'ok'; entries: [string, string][] } | Exclude<FormBody, { kind: 'ok' }>;

/** Every text entry of the body, in order, repeated names included. */
async function readEntries(request: Request, limit: number): Promise<Entries> {
  const header = request.headers.get('content-type') ?? '';
  // Compared in lower case; the multipart boundary keeps its case.
  const contentType = header.toLowerCase();
  const bytes = await readLimited(request, limit);
  if (bytes === null) return { kind: 'too_large' };
  if (contentType === '' && bytes.byteLength === 0) return { kind: 'ok', entries: [] };
  if (contentType.startsWith(URLENCODED)) {
    return { kind: 'ok', entries: [...new URLSearchParams(new TextDecoder().decode(bytes))] };
  }
  if (contentType.startsWith(MULTIPART)) {
    try {
      const form = await new Response(new Uint8Array(bytes), { headers: { 'content-type': header } }).formData();
      return { kind: 'ok', entries: [...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string') };
    } catch {
      return { kind: 'malformed' };
    }
  }
  return { kind: 'unsupported', contentType: contentType.split(';')[0]!.trim() };
}

/**
 * A multipart form with its files (form uploads such as a model contract), or why it cannot be
 * read. Reading stops past `limit` bytes, declared or actual.
 */
export async function readMultipartForm(request: Request, limit: number): Promise<{ kind: 'ok'; form: FormData } | { kind: 'too_large' } | { kind: 'malformed' }> {
  const header = request.headers.get('content-type') ?? '';
  if (!header.toLowerCase().startsWith(MULTIPART)) return { kind: 'malformed' };
  const bytes = await readLimited(request, limit);
  if (bytes === null) return { kind: 'too_large' };
  try {
    return { kind: 'ok', form: await new Response(new Uint8Array(bytes), { headers: { 'content-type': header } }).formData() };
  } catch {
    return { kind: 'malformed' };
  }
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
export async function readFormWithLists(
  request: Request,
  limit: number,
  lists: readonly string[],
): Promise<{ kind: 'ok'; values: Record<string, string | string[]> } | Exclude<FormBody, { kind: 'ok' }>> {
  const body = await readEntries(request, limit);
  if (body.kind !== 'ok') return body;
  const values: Record<string, string | string[]> = formValues(new URLSearchParams(body.entries)) as Record<string, string>;
  for (const name of lists) values[name] = body.entries.filter(([k]) => k === name).map(([, v]) => v);
  return { kind: 'ok', values };
}
