/**
 * GET /api/staff/queue?view=todo|all|closed&page=N: the signed-in staff member's queue, as the
 * queue page shows it. A bad parameter is a 400 with one message per parameter.
 */
import type { APIRoute } from 'astro';
import { parseQueueQuery } from '../../../domain/cases/staff-queue-query';
import { json } from '../../../server/http/json';
import { listQueue, QUEUE_PAGE_SIZE } from '../../../server/cases/case-queue';

export const GET: APIRoute = async ({ url, locals }) => {
  const staff = locals.staff;
  if (!staff) return json({ error: 'unauthenticated', message: '请先登录工作人员专区。' }, 401);
  const query = parseQueueQuery(url.searchParams, staff.role);
  if (!query.ok) return json({ error: 'invalid_query', message: '请修改以下参数。', errors: query.errors }, 400);
  const { view, page } = query.value;
  const { rows, total } = await listQueue(locals.db, staff, locals.today, { view, page });
  return json({ asOf: locals.today, view, page, pageSize: QUEUE_PAGE_SIZE, total, pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)), items: rows });
};
