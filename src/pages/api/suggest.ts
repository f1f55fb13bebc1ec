/** GET /api/suggest?q= : the few best matches for the search island. */
import type { APIRoute } from 'astro';
import { z } from 'zod';
import { suggestInstitutions } from '../../../db/queries/registry/institutions';
import { MAX_QUERY_LENGTH } from '../../domain/registry/search';
import { streetName } from '../../i18n/labels';
import { invalidQuery, json } from '../../server/http/json';

const schema = z.object({ q: z.string().trim().max(MAX_QUERY_LENGTH, { error: 'search.error.q_too_long' }).default('') });

export const GET: APIRoute = async ({ url, locals }) => {
  const parsed = schema.safeParse({ q: url.searchParams.get('q') ?? undefined });
  if (!parsed.success) return invalidQuery(parsed.error.issues.map((i) => ({ field: 'q', messageKey: i.message })));
  if (!parsed.data.q) return json({ suggestions: [] });
  const found = await suggestInstitutions(locals.readDb, parsed.data.q, locals.today);
  return json({ suggestions: found.map((s) => ({ ...s, street: streetName(s.street) })) }, 200, { 'Cache-Control': 'public, max-age=30' });
};
