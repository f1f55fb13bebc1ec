/** Request pipeline: small named handlers joined with sequence(). */
import { defineMiddleware, sequence } from 'astro:middleware';
import { getDb } from '../db/client';
import { todayInShanghai } from './domain/dates';
import { isForbiddenCrossSitePost } from './server/origin-check';
import { securityHeaders } from './server/security-headers';

/** Gives every page the shared database and one "today" for the whole request. */
const requestContext = defineMiddleware(async (context, next) => {
  context.locals.db = (await getDb()).db;
  context.locals.today = todayInShanghai();
  return next();
});

/** Adds the security headers to every response, including errors. */
const withSecurityHeaders = defineMiddleware(async (context, next) => {
  const response = await next();
  securityHeaders(response.headers, context.url);
  return response;
});

/**
 * Refuses cross-site form posts (CSRF). This replaces Astro's security.checkOrigin, which is off in
 * astro.config.mjs because it cannot exempt the API-key endpoints (src/server/origin-check.ts).
 */
const refuseCrossSitePosts = defineMiddleware((context, next) => {
  if (isForbiddenCrossSitePost(context.request, context.url)) {
    return new Response(`Cross-site ${context.request.method} form submissions are forbidden`, { status: 403 });
  }
  return next();
});

export const onRequest = sequence(withSecurityHeaders, refuseCrossSitePosts, requestContext);
