/** GET /readyz: whether this process should get traffic (src/server/ops/readiness.ts); 503 when not. */
import type { APIRoute } from 'astro';
import { json } from '../server/http/json';
import { ensureMessageRuntime } from '../server/messages/message-runtime';
import { readiness } from '../server/ops/readiness';

export const GET: APIRoute = async ({ locals }) => {
  const r = await readiness(locals.db, async () => (await ensureMessageRuntime()) !== null);
  return json({ status: r.ready ? 'ready' : 'not_ready', checks: r.checks }, r.ready ? 200 : 503, { 'Cache-Control': 'no-store' });
};
