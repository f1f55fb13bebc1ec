/**
 * CSRF protection for form posts: the rule of Astro's security.checkOrigin (a POST, PUT, PATCH or
 * DELETE that is a form, or has no content type, must carry an Origin header equal to the site's
 * origin), with one exception Astro cannot express: the Open311 API, which machine clients such
 * as the 12345 hotline call without an Origin header. No cookie or session is read there: its one
 * writing call is authenticated by the api_key in the request, which a forged cross-site post does
 * not have; its other routes only read.
 */
const FORM_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * Path prefixes that never act on cookies: exempt from the origin check. The digest's one-click
 * unsubscribe link is posted by mail clients from their own servers (RFC 8058); the token in its
 * path is its only authority (src/server/messages/unsubscribe-token.ts).
 */
export const COOKIELESS_API_PREFIXES: readonly string[] = ['/open311/', '/email/unsubscribe/'];

export function isCookielessApiPath(pathname: string): boolean {
  return COOKIELESS_API_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

/**
 * The staff area acts on a session cookie: there every state-changing request must come from the
 * portal's own pages, whatever its content type. Elsewhere a JSON body cannot be sent cross-site
 * without a CORS preflight the portal never grants, but the staff area does not rely on that (nor
 * on SameSite=Lax alone).
 */
export function isStaffPath(pathname: string): boolean {
  return /^\/(?:api\/)?staff(?:\/|$)/.test(pathname);
}

/** True for a cross-site (or origin-less) form post outside the cookieless API, or any such write to the staff area. */
export function isForbiddenCrossSitePost(request: Request, url: URL): boolean {
  if (SAFE_METHODS.includes(request.method.toUpperCase())) return false;
  if (isCookielessApiPath(url.pathname)) return false;
  if (request.headers.get('origin') === url.origin) return false;
  if (isStaffPath(url.pathname)) return true;
  const contentType = request.headers.get('content-type');
  if (contentType === null) return true;
  const lower = contentType.toLowerCase();
  return FORM_CONTENT_TYPES.some((t) => lower.includes(t));
}
