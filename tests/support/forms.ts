/**
 * Forms as the tests send them: the values a parser takes (as an object or as the FormData a
 * browser posts) and a browser's same-origin form post as a Request, for handlers called directly.
 */

/** The content type of a form a browser posts without a file. */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** Where the portal stands in tests that call a handler directly (nothing listens there). */
export const ORIGIN = 'http://127.0.0.1:4321';

/** `base` with `change` applied: a string replaces a value, undefined removes the field. */
export function applyChange(base: Readonly<Record<string, string>>, change: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = { ...base };
  for (const [k, v] of Object.entries(change)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** The values as a browser's FormData, in order; a list is a field sent once per value (a checkbox group). */
export function toFormData(values: Readonly<Record<string, string | readonly string[]>>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) for (const one of typeof v === 'string' ? [v] : v) data.append(k, one);
  return data;
}

/**
 * A browser's form post of `form` to `url` (a path on ORIGIN, or a whole address), url-encoded and
 * with the Origin header a browser sends, so the same-origin check lets it through; `headers` add
 * to or replace those.
 */
export function formPost(url: string | URL, form: Record<string, string> | string, headers: Record<string, string> = {}): Request {
  const target = new URL(url, ORIGIN);
  return new Request(target, {
    method: 'POST',
    body: typeof form === 'string' ? form : new URLSearchParams(form).toString(),
    headers: { 'content-type': FORM_CONTENT_TYPE, origin: target.origin, ...headers },
  });
}
