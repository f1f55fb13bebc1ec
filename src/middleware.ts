/** Request pipeline: small named handlers joined with sequence(). */
import { defineMiddleware, sequence } from 'astro:middleware';
import { getDb } from '../db/client';
import { todayInShanghai } from './domain/shared/dates';
import { isForbiddenCrossSitePost } from './server/http/origin-check';
import { json } from './server/http/json';
import { ensureMessageRuntime } from './server/messages/message-runtime';
import { ensureCacheListener } from './server/http/cache-invalidation';
import { cachedDatasetFacts } from './server/registry/dataset';
import { errorPageFollows, securityHeaders } from './server/http/security-headers.mjs';
import { gateUrl } from './domain/shared/input-text';
import { allowedMethods, apiFailure, isJsonRoute, jsonRefusal, methodNotAllowed } from './server/http/api-errors';

// The endpoint modules of the JSON routes, by route pattern, to name the methods each allows when
// it is asked with another (loaded only then: they are in the bundle anyway).
const ENDPOINT_MODULES = Object.fromEntries(
  Object.entries(import.meta.glob<Record<string, unknown>>(['./pages/api/**/*.ts', './pages/open311/**/*.ts'])).map(([file, load]) => [
    file.replace(/^\.\/pages/, '').replace(/\.ts$/, '').replace(/\/index$/, ''),
    load,
  ]),
);
import { signInLocation } from './domain/staff/staff-sign-in';
import { observeRequest } from './server/http/request-context';
import { registerDatabaseSamplers } from './server/shared/database-samplers';
import { isOpenStaffPath, staffAreaOf, unauthenticatedJson } from './server/staff/staff-guard';
import { loadStaff } from './server/staff/staff-session';
import { onShutdown } from './server/shared/shutdown';

/**
 * Outermost: every line logged during the request carries its id and route pattern, the route
 * pattern goes back to the front server for the request line, and an error that escapes a page is
 * logged without its query's values (src/server/http/request-context.ts).
 */
const observe = defineMiddleware((context, next) => observeRequest(context.request, context.routePattern, next));

/** Gives every page the shared database and one "today" for the whole request. */
const requestContext = defineMiddleware(async (context, next) => {
  const handle = await getDb();
  context.locals.db = handle.db;
  // Public registry reads that may lag go to the replica when there is one (db/replica.ts).
  context.locals.readDb = handle.readDb;
  context.locals.today = todayInShanghai();
  // Asked for by the page shell only when a page renders, so JSON and redirects never count rows.
  const readDb = context.locals.readDb;
  context.locals.datasetFacts = () => cachedDatasetFacts(readDb);
  // The job queue (delivery workers, schedules such as the escalation sweep), started once per
  // process; not awaited, so no request waits for it. The front server asks for a page as soon as
  // it listens, so this runs at start (src/server/messages/message-runtime.ts).
  void ensureMessageRuntime();
  // Closed last when the process drains (src/server/http/drain.mjs), after the job queue.
  onShutdown('database', () => handle.close());
  // What /metrics reads from the database when it is asked (src/server/shared/database-samplers.ts).
  registerDatabaseSamplers();
  // Published changes purge this process's cached pages (db/queries/shared/change-notices.ts). Awaited before anything can be
  // cached; after the first request it is a resolved promise.
  await ensureCacheListener(context.cache);
  return next();
});

/** Adds the security headers to every response, including errors. */
const withSecurityHeaders = defineMiddleware(async (context, next) => {
  const response = await next();
  securityHeaders(response.headers, context.url, { site: context.site?.origin, dev: import.meta.env.DEV, errorPageFollows: errorPageFollows(response) });
  return response;
});

/**
 * The input gate for the address (src/domain/shared/input-text.ts; bodies pass it in
 * src/server/http/body.ts). An API answers 400 (or 404 for a path) in its own JSON shape, naming
 * the field; a page forgives, as a search box should: it is rendered for the address with the
 * forbidden characters removed, and a path that holds one is not found.
 */
const inputGate = defineMiddleware((context, next) => {
  const gate = gateUrl(context.url.pathname, context.url.searchParams);
  if (gate.ok) return next();
  const path = context.url.pathname;
  if (isJsonRoute(path)) {
    return gate.where === 'path'
      ? jsonRefusal(path, 404, 'not_found', gate.message)
      : jsonRefusal(path, 400, 'invalid_text', gate.message, gate.field);
  }
  if (gate.where === 'path') return context.rewrite('/404');
  const cleaned = new URL(context.url);
  cleaned.search = gate.cleanedSearch;
  return next(new Request(cleaned, context.request));
});

/**
 * The API's promise: every answer of a JSON route is JSON, a failure too (Open311's error array on
 * /open311). A thrown error is logged here and answered 500 (503 when the database is out of
 * reach) without a word of its internals; pages keep the calm error page (src/pages/500.astro).
 */
const jsonFailures = defineMiddleware(async (context, next) => {
  const path = context.url.pathname;
  if (!isJsonRoute(path)) return next();
  let response: Response;
  try {
    response = await next();
  } catch (error) {
    return apiFailure(path, error);
  }
  // An empty 404 is Astro's answer to a method the endpoint does not export.
  if (response.status === 404 && response.body === null) {
    const load = ENDPOINT_MODULES[context.routePattern];
    if (load) return methodNotAllowed(path, context.request.method, allowedMethods(await load()));
    return jsonRefusal(path, 404, 'not_found', '没有这个接口。');
  }
  return response;
});

/**
 * Refuses cross-site form posts (CSRF). This replaces Astro's security.checkOrigin, which is off in
 * astro.config.mjs because it cannot exempt the API-key endpoints (src/server/http/origin-check.ts).
 */
const refuseCrossSitePosts = defineMiddleware((context, next) => {
  if (isForbiddenCrossSitePost(context.request, context.url)) {
    // An API answers in its own language (JSON); a page gets a plain sentence.
    if (context.url.pathname.startsWith('/api/')) return json({ error: 'cross_site', message: '只接受来自本平台页面的请求。' }, 403);
    return new Response(`Cross-site ${context.request.method} form submissions are forbidden`, { status: 403 });
  }
  return next();
});

/**
 * The staff area (/staff, /api/staff): signs the request in from its session cookie into
 * locals.staff; nobody signed in is sent to the sign-in page (pages, coming back afterwards) or
 * answered 401 (API). Nothing of it may be stored by a browser or proxy.
 */
const staffArea = defineMiddleware(async (context, next) => {
  const area = staffAreaOf(context.url.pathname);
  if (!area) return next();
  context.locals.staff = await loadStaff(context.locals.db, context.cookies, context.request);
  let response: Response;
  if (context.locals.staff || isOpenStaffPath(context.url.pathname)) response = await next();
  else if (area === 'api') response = unauthenticatedJson();
  else response = context.redirect(signInLocation(`${context.url.pathname}${context.url.search}`), 303);
  try {
    response.headers.set('Cache-Control', 'no-store');
  } catch {
    // Headers of a Response.redirect() are immutable: copy it.
    response = new Response(response.body, response);
    response.headers.set('Cache-Control', 'no-store');
  }
  return response;
});

export const onRequest = sequence(observe, withSecurityHeaders, jsonFailures, inputGate, refuseCrossSitePosts, requestContext, staffArea);
