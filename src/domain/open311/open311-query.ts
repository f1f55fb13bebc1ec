/**
 * The filters of the Open311 GeoReport v2 "GET requests" call, read once with zod: the standard
 * service_request_id, service_code, start_date, end_date and status, plus page and page_size (our
 * extension; Open311 leaves paging to each server). Every problem becomes one Open311 error,
 * { code: 400, description }, naming the parameter. Unknown parameters (jurisdiction_id, api_key)
 * are ignored: the portal serves one jurisdiction and reading is public.
 */
import { z } from 'zod';
import { COMPLAINT_CATEGORIES, type ComplaintCategory } from '../complaints/complaint-categories';
import { addDays } from '../shared/dates';
import { blankToUndefined, fieldErrors, formValues } from '../shared/form-fields';
import { formatTrackingNumber, parseTrackingNumber } from '../complaints/tracking';
import { isCalendarDate } from '../shared/working-days';

export const OPEN311_PAGE_SIZE = { default: 50, max: 100 } as const;
/** Deeper pages are refused: past this a client should narrow the dates instead. */
export const OPEN311_MAX_PAGE = 10_000;
/** At most this many ids in one service_request_id list. */
export const OPEN311_MAX_IDS = 100;

export const OPEN311_QUERY_PARAMETERS = ['service_request_id', 'service_code', 'start_date', 'end_date', 'status', 'page', 'page_size'] as const;

export interface Open311Query {
  ids?: string[];
  category?: ComplaintCategory;
  /** Received at or after this instant. */
  receivedFrom?: Date;
  /** Received before this instant (exclusive; see readInstant). */
  receivedBefore?: Date;
  status?: 'open' | 'closed';
  page: number;
  pageSize: number;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HAS_OFFSET = /(Z|[+-]\d{2}:\d{2})$/i;
const isoDateTime = z.iso.datetime({ offset: true, local: true });

/**
 * An ISO 8601 date or date-time as an instant. A date-time without an offset, and a bare date, are
 * Shanghai time (+08:00, no daylight saving). `end` reads a bare date as the whole day and a
 * date-time as the whole millisecond, so the answer is the exclusive upper bound.
 */
function readInstant(parameter: string, end: boolean) {
  const message = `${parameter}：应为 ISO 8601 日期时间，例如 2026-06-01T00:00:00+08:00 或 2026-06-01。`;
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .transform((s, ctx) => {
        if (DATE_ONLY.test(s)) {
          if (!isCalendarDate(s)) {
            ctx.addIssue({ code: 'custom', message: `${parameter}：日期“${s}”不存在。` });
            return z.NEVER;
          }
          return new Date(`${end ? addDays(s, 1) : s}T00:00:00+08:00`);
        }
        if (!isoDateTime.safeParse(s).success || !isCalendarDate(s.slice(0, 10))) {
          ctx.addIssue({ code: 'custom', message });
          return z.NEVER;
        }
        const at = new Date(HAS_OFFSET.test(s) ? s : `${s}+08:00`);
        return end ? new Date(at.getTime() + 1) : at;
      })
      .optional(),
  );
}

/** Digits only: "1e3", "2.0" and "-1" are refused rather than guessed at. */
const wholeNumber = (parameter: string, min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .refine((s) => /^\d{1,9}$/.test(s) && Number(s) >= min && Number(s) <= max, { error: `${parameter}：应为${min}到${max}之间的整数。` })
      .transform(Number)
      .optional(),
  );

const querySchema = z
  .object({
    service_request_id: z.preprocess(
      blankToUndefined,
      z
        .string()
        .transform((s, ctx) => {
          const parts = s.split(',').map((p) => p.trim()).filter(Boolean);
          if (parts.length > OPEN311_MAX_IDS) {
            ctx.addIssue({ code: 'custom', message: `service_request_id：一次最多查询${OPEN311_MAX_IDS}个编号，您给了${parts.length}个。` });
            return z.NEVER;
          }
          const ids: string[] = [];
          for (const part of parts) {
            const parsed = parseTrackingNumber(part);
            if (!parsed) {
              ctx.addIssue({ code: 'custom', message: `service_request_id：“${part.slice(0, 40)}”不是受理编号；编号形如 PT-2026-000123，多个编号用英文逗号分隔。` });
              return z.NEVER;
            }
            ids.push(formatTrackingNumber(parsed.year, parsed.sequence));
          }
          return [...new Set(ids)];
        })
        .optional(),
    ),
    service_code: z.preprocess(
      blankToUndefined,
      z.enum(COMPLAINT_CATEGORIES, { error: 'service_code：没有这个服务类型；可用的代码见 services.json。' }).optional(),
    ),
    start_date: readInstant('start_date', false),
    end_date: readInstant('end_date', true),
    status: z.preprocess(
      (v) => (typeof v === 'string' ? blankToUndefined(v.trim().toLowerCase()) : v),
      z.enum(['open', 'closed'], { error: 'status：应为 open 或 closed。' }).optional(),
    ),
    page: wholeNumber('page', 1, OPEN311_MAX_PAGE),
    page_size: wholeNumber('page_size', 1, OPEN311_PAGE_SIZE.max),
  })
  .superRefine((q, ctx) => {
    if (q.start_date && q.end_date && q.start_date >= q.end_date) {
      ctx.addIssue({ code: 'custom', path: ['end_date'], message: 'end_date：不能早于 start_date。' });
    }
  });

export type ParsedOpen311Query = { ok: true; value: Open311Query } | { ok: false; errors: { code: 400; description: string }[] };

/** Reads the query string of GET requests.json; the first value of a repeated parameter counts. */
export function parseOpen311Query(params: URLSearchParams): ParsedOpen311Query {
  const result = querySchema.safeParse(formValues(params));
  if (!result.success) {
    return { ok: false, errors: fieldErrors(result.error.issues, OPEN311_QUERY_PARAMETERS).map(({ message }) => ({ code: 400, description: message })) };
  }
  const q = result.data;
  return {
    ok: true,
    value: {
      ids: q.service_request_id,
      category: q.service_code,
      receivedFrom: q.start_date,
      receivedBefore: q.end_date,
      status: q.status,
      page: q.page ?? 1,
      pageSize: q.page_size ?? OPEN311_PAGE_SIZE.default,
    },
  };
}
