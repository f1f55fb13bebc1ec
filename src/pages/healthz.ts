/** GET /healthz: the process is alive (src/server/ops/readiness.ts). Never asks the database. */
import type { APIRoute } from 'astro';
import { json } from '../server/http/json';

export const GET: APIRoute = () => json({ status: 'alive' }, 200, { 'Cache-Control': 'no-store' });
