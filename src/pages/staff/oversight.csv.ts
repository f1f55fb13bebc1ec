/**
 * GET /staff/oversight.csv?from=&to=: the oversight figures of the period as CSV, one row per
 * department and per street and one for the district (src/server/oversight/oversight.ts). Supervisors
 * only; everyone else gets the site's 404. A bad period is a 400 with the messages, never a 500.
 */
import type { APIRoute } from 'astro';
import { parseOversightPeriod } from '../../domain/oversight/oversight-period';
import { oversightCsvResponse } from '../../server/oversight/oversight';
import { requireRole } from '../../server/staff/staff-guard';

export const GET: APIRoute = async ({ locals, url }) => {
  const staff = requireRole(locals, 'supervisor');
  if (staff instanceof Response) return staff;
  const parsed = parseOversightPeriod(url.searchParams, locals.today);
  if (!parsed.ok) {
    return new Response(`${parsed.errors.map((e) => e.message).join('\n')}\n`, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  return oversightCsvResponse(locals.db, staff, parsed.period, locals.today);
};
