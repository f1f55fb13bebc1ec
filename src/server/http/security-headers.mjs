// @ts-check
/**
 * Security headers for every response: pages and APIs through the middleware, static files
 * (/_astro/*, /favicon.svg, /contracts/*.txt) through the front server (front.mjs), which is
 * plain JavaScript run by node; hence this module is too.
 *
 * The Content-Security-Policy allows scripts only from this origin plus the hashes Astro emits for
 * its island loader (security.csp in astro.config.mjs adds a meta policy with those hashes); this
 * header adds what a meta tag cannot express.
 */

/** What a response without a policy of its own gets. */
export const BASE_CSP = "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

/** Text types read as UTF-8 only when they say so: a non-browser client would guess otherwise. */
const TEXT_TYPE = /^(?:text\/[\w.+-]+|application\/(?:json|javascript|xml|atom\+xml|rss\+xml|geo\+json|[\w.+-]+\+json|[\w.+-]+\+xml)|image\/svg\+xml)\s*(?:;|$)/i;

/**
 * The Content-Type with `charset=utf-8` added to a text type that names no charset; anything
 * else (binary types, a type with its own charset) unchanged.
 * @param {string | null | undefined} contentType
 * @returns {string | null | undefined}
 */
export function withUtf8Charset(contentType) {
  if (!contentType || !TEXT_TYPE.test(contentType) || /;\s*charset=/i.test(contentType)) return contentType;
  return `${contentType.replace(/;\s*$/, '')}; charset=utf-8`;
}

/**
 * The headers every response carries, as name and value; HSTS only over HTTPS.
 * @param {boolean} https
 * @returns {[string, string][]}
 */
export function securityHeaderList(https) {
  /** @type {[string, string][]} */
  const list = [
    ['X-Content-Type-Options', 'nosniff'],
    // No referrer leaves the portal: a tracking link or a search query is nobody else's business.
    // Not 'no-referrer': under it browsers send "Origin: null" with same-origin form posts, which
    // the origin check (origin-check.ts) must then refuse as cross-site.
    ['Referrer-Policy', 'same-origin'],
    ['X-Frame-Options', 'DENY'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ];
  if (https) list.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']);
  return list;
}

/**
 * Adds the security headers to a response of the app, keeps a Content-Security-Policy the page
 * set itself, and names UTF-8 on its text type.
 * @param {Headers} headers
 * @param {URL} url
 */
export function securityHeaders(headers, url) {
  for (const [name, value] of securityHeaderList(url.protocol === 'https:')) headers.set(name, value);
  if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', BASE_CSP);
  const type = withUtf8Charset(headers.get('Content-Type'));
  if (type) headers.set('Content-Type', type);
}
