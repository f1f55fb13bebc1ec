/**
 * Astro route-cache provider of the portal (astro.config.mjs `cache.provider`). Pages declare what
 * may be cached with cachePublic() (page-cache.ts); this decides who keeps the copies:
 *
 * - Under the front server (src/server/http/front.mjs, `npm run serve`), that server does: this provider
 *   stores nothing and has no onRequest, so Astro leaves the CDN-Cache-Control and Cache-Tag headers
 *   on the response for the front server to read (and remove), as it would for a CDN.
 * - Otherwise (node dist/server/entry.mjs, tests that start the entry directly) it is Astro's own
 *   memory cache, configured as before.
 *
 * `cache.invalidate({ tags })` in the app reaches whichever keeps the copies.
 */
import type { CacheProvider, CacheProviderFactory } from 'astro';
import memoryProvider from 'astro/cache/memory';

/** Set by src/server/http/front.mjs before it loads the app. */
const FRONT_CACHE = Symbol.for('putuo-training-portal.front-cache');

interface FrontCache {
  purge(options: { tags?: string | string[]; path?: string }): number;
}

const factory: CacheProviderFactory = (config) => {
  const front = (globalThis as Record<symbol, FrontCache | undefined>)[FRONT_CACHE];
  if (!front) return memoryProvider(config);
  const provider: CacheProvider = {
    name: 'front',
    async invalidate(options) {
      front.purge(options);
    },
  };
  return provider;
};

export default factory;
