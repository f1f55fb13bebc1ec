// @ts-check
/**
 * Headers the app sets for the front server (src/server/http/page-store.mjs), which removes them
 * before anything is sent.
 */

/** The page cache's lifetimes and tags, as a CDN would get them (src/server/http/cache-provider.ts). */
export const CACHE_HEADERS = ['cdn-cache-control', 'cache-tag'];

/**
 * Set by the error page when the database is out of reach (src/pages/500.astro): Astro sends its
 * 500 page with status 500 whatever the page sets, and a 503 with Retry-After is what tells
 * browsers, proxies and monitoring that this passes. The front server sends it as a 503.
 */
export const UNAVAILABLE_MARKER = 'x-portal-unavailable';
