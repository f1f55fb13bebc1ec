/** Request pipeline: small named handlers joined with sequence(). */
import { defineMiddleware, sequence } from 'astro:middleware';
import { getDb } from '../db/client';
import { todayInShanghai } from './domain/dates';
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

export const onRequest = sequence(withSecurityHeaders, requestContext);
