// @ts-check
/**
 * Security headers for every response: pages and APIs through the middleware, static files
 * (/_astro/*, /favicon.svg, /contracts/*.txt) through the front server (front.mjs), which is
 * plain JavaScript run by node; hence this module is too (astro.config.mjs imports it as well).
 *
 * Content-Security-Policy, two kinds:
 * - A page (HTML rendered by Astro) gets PAGE_DIRECTIVES plus `script-src 'self'` and
 *   `style-src 'self'` with the SHA-256 hash of every inline script and style the page carries
 *   (Astro's island loader, its `astro-island{display:contents}` rule, small inlined stylesheets).
 *   Astro computes those hashes at build time (security.csp in astro.config.mjs) and sends the
 *   policy as a response header of every on-demand page; this module only adds
 *   `upgrade-insecure-requests` behind HTTPS (withHttpsUpgrade).
 * - Everything else (JSON, feeds, downloads, redirects, plain-text refusals, static files) gets
 *   BASE_CSP: nothing may load or run, so a file opened as a document (an SVG, a CSV that a
 *   browser sniffs as HTML) cannot run script. The front server adds it to static files and to
 *   any answer of the app that would otherwise leave without a policy.
 */

/**
 * The directives of every page besides script-src and style-src, which Astro writes with its hashes
 * (security.csp.directives in astro.config.mjs). No 'unsafe-inline' anywhere: a `style=` attribute
 * or an inline event handler in a page is refused by the browser (and fails the browser tests).
 * The captcha (altcha-lib's solveChallenge) hashes on the main thread with Web Crypto: no worker,
 * no WebAssembly, so worker-src falls back to default-src and no 'wasm-unsafe-eval' is needed.
 */
export const PAGE_DIRECTIVES = /** @type {const} */ ([
  "default-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
]);

/** What a response without a policy of its own gets: not a page, so nothing to load or run. */
export const BASE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The policy with `upgrade-insecure-requests` added when the portal is reached over HTTPS: an
 * http:// address left in a page then loads over HTTPS instead of being blocked as mixed content.
 * Over plain HTTP (a local run) the directive would send the browser to an HTTPS port nobody
 * listens on, so it is left out. A policy that has it already is unchanged.
 * @param {string} policy
 * @param {boolean} https
 * @returns {string}
 */
export function withHttpsUpgrade(policy, https) {
  if (!https || /(?:^|;)\s*upgrade-insecure-requests\s*(?:;|$)/i.test(policy)) return policy;
  return `${policy.trim().replace(/;\s*$/, '')}; upgrade-insecure-requests`;
}

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
 * What an HTML page gets under `astro dev`, where Astro neither computes hashes nor sends its
 * policy (Vite injects inline scripts and styles of its own): the directives that need no hash.
 * The strict page policy is a property of the build, checked by the browser tests.
 */
export const DEV_PAGE_CSP = "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

/**
 * Adds the security headers to a response of the app, keeps a Content-Security-Policy the page
 * set itself (Astro's, with the page's hashes), and names UTF-8 on its text type.
 * HTTPS means the request came over it (`url`, which Astro builds from X-Forwarded-Proto for the
 * allowed domains) or the public address is an https:// one (`site`, PUBLIC_SITE_URL at build time).
 * `errorPageFollows` (see errorPageFollows()): Astro answers this response with its error page and
 * keeps this response's headers over the page's own, so no policy is set here: the error page
 * brings Astro's, with its hashes (a base policy here would block its styles and scripts).
 * @param {Headers} headers
 * @param {URL} url
 * @param {{ site?: string, dev?: boolean, errorPageFollows?: boolean }} [options]
 */
export function securityHeaders(headers, url, options = {}) {
  const https = url.protocol === 'https:' || Boolean(options.site?.startsWith('https:'));
  for (const [name, value] of securityHeaderList(https)) headers.set(name, value);
  const policy = headers.get('Content-Security-Policy');
  const devPage = options.dev && /^text\/html\b/i.test(headers.get('Content-Type') ?? '');
  if (policy) headers.set('Content-Security-Policy', withHttpsUpgrade(policy, https));
  else if (!options.errorPageFollows) headers.set('Content-Security-Policy', devPage ? DEV_PAGE_CSP : BASE_CSP);
  const type = withUtf8Charset(headers.get('Content-Type'));
  if (type) headers.set('Content-Type', type);
}

/**
 * Whether Astro will answer this response with the site's error page (src/pages/404.astro,
 * 500.astro): a 404 or 500 without a body, as a page returns for "not found" or "not for your
 * role" (staff-guard.ts notFound()). Astro's own rule (REROUTABLE_STATUS_CODES, body null).
 * @param {Response} response
 * @returns {boolean}
 */
export function errorPageFollows(response) {
  return response.body === null && (response.status === 404 || response.status === 500);
}
