/**
 * The address of a staff queue: `?view=todo|all|closed&page=N`. The HTML queue never fails on a
 * bad value (a mistyped or stale link lands on the default view); the JSON API says what is wrong.
 */
import { z } from 'zod';
import { fieldErrors, formValues, type FieldError } from '../shared/form-fields';
import type { StaffRole } from '../staff/staff-roles';

export const QUEUE_VIEWS = ['todo', 'all', 'closed'] as const;
export type QueueViewName = (typeof QUEUE_VIEWS)[number];

export const QUEUE_VIEW_NAMES: Record<QueueViewName, string> = { todo: '待办', all: '全部', closed: '已办结' };

/** Pages past this are refused by the API and clamped by the page (nobody pages that far). */
export const MAX_QUEUE_PAGE = 1000;

/** The supervisor reads everything and acts on nothing, so "to do" means nothing to them. */
export const defaultQueueView = (role: StaffRole): QueueViewName => (role === 'supervisor' ? 'all' : 'todo');

const strict = z.object({
  view: z.enum(QUEUE_VIEWS, { error: '“view”应为 todo、all 或 closed。' }).optional(),
  page: z.coerce
    .number({ error: '页码应为整数。' })
    .int({ error: '页码应为整数。' })
    .min(1, { error: '页码应从 1 开始。' })
    .max(MAX_QUEUE_PAGE, { error: `页码不能超过 ${MAX_QUEUE_PAGE}。` })
    .optional(),
});

export interface QueueQuery {
  view: QueueViewName;
  page: number;
}

/** For the API: a bad value is an error per parameter. */
export function parseQueueQuery(params: URLSearchParams, role: StaffRole): { ok: true; value: QueueQuery } | { ok: false; errors: FieldError[] } {
  const values = Object.fromEntries(Object.entries(formValues(params)).filter(([, v]) => v !== ''));
  const result = strict.safeParse(values);
  if (!result.success) return { ok: false, errors: fieldErrors(result.error.issues, ['view', 'page']) };
  return { ok: true, value: { view: result.data.view ?? defaultQueueView(role), page: result.data.page ?? 1 } };
}

/** For the page: each bad value falls back to its default, silently. */
export function lenientQueueQuery(params: URLSearchParams, role: StaffRole): QueueQuery {
  const view = strict.shape.view.safeParse(params.get('view') || undefined);
  const page = strict.shape.page.safeParse(params.get('page') || undefined);
  return {
    view: (view.success && view.data) || defaultQueueView(role),
    page: (page.success && page.data) || 1,
  };
}
