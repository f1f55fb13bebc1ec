// @ts-check
/**
 * The front server's part of the input gate (src/domain/shared/input-text.ts): a path holding a
 * control character, raw or percent-encoded (%00–%1F, %7F, C1 as %C2%80–%C2%9F), names nothing the
 * portal has. Why here and not in the middleware: Astro's router cannot match such a path (its
 * patterns stop at a line feed), so no middleware runs and an API client would get the HTML 404
 * page; the front server answers a JSON route's 404 itself, in the route's own shape. Pages are
 * left to Astro, whose 404 page is the right answer for them. Plain JavaScript, as front.mjs is.
 */

const ENCODED_CONTROL = /%(?:[01][0-9a-f]|7f|c2%[89][0-9a-f])/i;
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The 404 answer for a JSON route whose path holds a control character, or null for any other
 * request (including every page).
 * @param {string} url the request target, path and query
 * @returns {{ status: number, headers: Record<string, string>, body: string } | null}
 */
export function controlInJsonPath(url) {
  const path = url.split('?')[0] ?? '';
  if (!ENCODED_CONTROL.test(path) && !RAW_CONTROL.test(path)) return null;
  const json = path.startsWith('/api/') || path.startsWith('/open311/') || /\.json$/i.test(path);
  if (!json) return null;
  const message = '地址中含有不可见的控制字符，没有这样的接口或数据。';
  const body = path.startsWith('/open311/') ? JSON.stringify([{ code: 404, description: message }]) : JSON.stringify({ error: 'not_found', message });
  return { status: 404, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body };
}
