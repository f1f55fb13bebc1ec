/**
 * The registry search and filter parameters, shared by the HTML page (/institutions), the JSON API
 * (/api/institutions) and the suggestion endpoint. Messages are catalogue keys (src/i18n), so the
 * same rule speaks Chinese now and English later.
 */
import { z } from 'zod';
import { LICENCE_STATES } from './licence-state';
import { LISTS } from './list-status';
import { DELIVERY_MODES, OPERATING_STATUSES, STREET_CODES, TRAINING_FIELDS } from '../shared/reference';
import { MAX_QUERY_LENGTH } from './search';

export const PAGE_SIZE = 20;
export const MAX_PAGE = 500;
export const SORTS = ['relevance', 'name', 'newest'] as const;
export type Sort = (typeof SORTS)[number];
export const LIST_FILTERS = [...LISTS, 'none'] as const;
export const LICENCE_FILTERS = ['valid', 'expiring', 'expired', 'revoked', 'none'] as const satisfies readonly (
  | (typeof LICENCE_STATES)[number]
  | 'none'
)[];

/** An empty string from a GET form means "no filter", not an invalid value. */
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T, key: string) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(values, { error: key }).optional());

export const institutionQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(MAX_QUERY_LENGTH, { error: 'search.error.q_too_long' })
    .optional()
    .transform((v) => (v ? v : undefined)),
  field: optionalEnum(TRAINING_FIELDS, 'search.error.field'),
  street: optionalEnum(STREET_CODES, 'search.error.street'),
  status: optionalEnum(LIST_FILTERS, 'search.error.status'),
  licence: optionalEnum(LICENCE_FILTERS, 'search.error.licence'),
  delivery: optionalEnum(DELIVERY_MODES, 'search.error.delivery'),
  operating: optionalEnum(OPERATING_STATUSES, 'search.error.operating'),
  sort: optionalEnum(SORTS, 'search.error.sort'),
  page: z.preprocess(
    (v) => (v === '' || v === undefined ? 1 : v),
    z.coerce.number({ error: 'search.error.page' }).int({ error: 'search.error.page' }).min(1, { error: 'search.error.page' }).max(MAX_PAGE, { error: 'search.error.page' }),
  ),
});

export type InstitutionQuery = z.infer<typeof institutionQuerySchema>;

export const FILTER_KEYS = ['q', 'field', 'street', 'status', 'licence', 'delivery', 'operating', 'sort', 'page'] as const;

/** Reads the known keys of a query string (the first value of each); other keys are ignored. */
export function queryFromSearchParams(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const v = params.get(key);
    if (v !== null) out[key] = v;
  }
  return out;
}

export interface QueryProblem {
  field: string;
  messageKey: string;
}

export type ParsedQuery = { ok: true; query: InstitutionQuery } | { ok: false; problems: QueryProblem[] };

export function parseInstitutionQuery(params: URLSearchParams): ParsedQuery {
  const result = institutionQuerySchema.safeParse(queryFromSearchParams(params));
  if (result.success) return { ok: true, query: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((i) => ({ field: String(i.path[0] ?? 'q'), messageKey: i.message })),
  };
}
