/**
 * The filters of /staff/messages, a plain GET form: state, channel, template and a date range
 * (days in Shanghai, both included). A value that does not parse is an error at its field, never a
 * guess. Also the page's address, who may use it, and the links other pages make to it. Pure.
 */
import { z } from 'zod';
import { addDays, type IsoDate } from '../shared/dates';
import { isCalendarDate } from '../shared/working-days';
import type { StaffRole } from '../staff/staff-roles';
import { MESSAGE_STATES, type MessageState } from './message-states';
import { EMAIL_TEMPLATES, SMS_TEMPLATES } from './message-templates';

export const MESSAGES_PATH = '/staff/messages';

/** Messages carry phone numbers and staff addresses: administrators only (anyone else gets 404). */
export function mayManageMessages(role: StaffRole): boolean {
  return role === 'admin';
}

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());
const day = optional(z.string().refine(isCalendarDate, '请按 YYYY-MM-DD 填写日期，例如 2026-03-01'));

export const messageFilterSchema = z
  .object({
    state: optional(z.enum(MESSAGE_STATES, { message: '请选择列出的状态' })),
    channel: optional(z.enum(['sms', 'email'], { message: '请选择短信或邮件' })),
    template: optional(z.enum([...SMS_TEMPLATES, ...EMAIL_TEMPLATES], { message: '请选择列出的模板' })),
    from: day,
    to: day,
    page: optional(z.coerce.number().int().min(1).max(10_000)).transform((v) => v ?? 1),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: '结束日期不能早于开始日期', path: ['to'] });

export type MessageFilter = z.infer<typeof messageFilterSchema>;

export const MESSAGE_FILTER_FIELDS = ['state', 'channel', 'template', 'from', 'to'] as const;

/** Parses the query string; errors name their field. */
export function parseMessageFilter(params: URLSearchParams): { ok: true; filter: MessageFilter } | { ok: false; errors: { field: string; message: string }[] } {
  const raw = Object.fromEntries([...MESSAGE_FILTER_FIELDS, 'page'].map((k) => [k, params.get(k) ?? undefined]));
  const r = messageFilterSchema.safeParse(raw);
  if (r.success) return { ok: true, filter: r.data };
  return { ok: false, errors: r.error.issues.map((i) => ({ field: String(i.path[0] ?? 'form'), message: i.message })) };
}

/** The start of a day in Shanghai (UTC+8 all year) as an instant. */
const shanghaiMidnight = (date: IsoDate) => new Date(`${date}T00:00:00+08:00`);

/** The filter's days as the instants the query compares creation times with: [from 00:00, the day after `to` 00:00). */
export function filterInstants(f: Pick<MessageFilter, 'from' | 'to'>): { from?: Date; to?: Date } {
  return {
    ...(f.from ? { from: shanghaiMidnight(f.from) } : {}),
    ...(f.to ? { to: shanghaiMidnight(addDays(f.to, 1)) } : {}),
  };
}

/** The query string of a filter (without the page, unless past the first), for links and redirects. */
export function filterQuery(f: Partial<Pick<MessageFilter, (typeof MESSAGE_FILTER_FIELDS)[number] | 'page'>>): string {
  const q = new URLSearchParams();
  for (const k of MESSAGE_FILTER_FIELDS) if (f[k]) q.set(k, String(f[k]));
  if (f.page && f.page > 1) q.set('page', String(f.page));
  return q.toString();
}

/** The list of messages of a state created in a period (oversight links to the dead ones). */
export function messagesHref(f: { state?: MessageState; from?: IsoDate; to?: IsoDate }): string {
  const q = filterQuery(f);
  return q ? `${MESSAGES_PATH}?${q}` : MESSAGES_PATH;
}
