/**
 * Public pages are the same for everyone, so each server process keeps rendered copies for a
 * minute (Astro route caching; the copies are kept by the front server src/server/http/front.mjs, or by
 * Astro's memory cache without it: src/server/http/cache-provider.ts) and serves a stale copy for up to
 * ten minutes while it renders a fresh one. Tags name what a page shows, so a change can purge
 * exactly the pages it affects (cache.invalidate({ tags }), or purgeCache() of front.mjs). Never
 * call this on a response that carries personal data or a cookie.
 */
import type { AstroGlobal, APIContext } from 'astro';
import type { CacheTag } from '../../domain/shared/cache-tags';

export const PUBLIC_MAX_AGE = 60;
export const PUBLIC_SWR = 600;

/**
 * Tags (src/domain/shared/cache-tags.ts): 'registry' for anything showing institutions, plus the
 * page's own subjects and institutionTag(code) for one institution's pages.
 */
export function cachePublic(ctx: Pick<AstroGlobal | APIContext, 'cache'>, tags: readonly CacheTag[] = ['registry']): void {
  ctx.cache.set({ maxAge: PUBLIC_MAX_AGE, swr: PUBLIC_SWR, tags: [...tags] });
}
