/**
 * Security headers for every response. The Content-Security-Policy allows scripts only from this
 * origin plus the hashes Astro emits for its island loader (security.csp in astro.config.mjs adds a
 * meta policy with those hashes); this header adds what a meta tag cannot express.
 */
export function securityHeaders(headers: Headers, url: URL): void {
  headers.set('X-Content-Type-Options', 'nosniff');
  // No referrer leaves the portal: a tracking link or a search query is nobody else's business.
  // Not 'no-referrer': under it browsers send "Origin: null" with same-origin form posts, which
  // Astro's origin check (security.checkOrigin) must then refuse as cross-site.
  headers.set('Referrer-Policy', 'same-origin');
  headers.set('X-Frame-Options', 'DENY');
  headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  if (!headers.has('Content-Security-Policy')) {
    headers.set('Content-Security-Policy', "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'");
  }
  if (url.protocol === 'https:') headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}
