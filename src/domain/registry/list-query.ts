/**
 * The search and filter parameters of the black and white lists page (/lists): a name, which list,
 * the deciding department, the year a placement took effect, and the page. Messages are catalogue
 * keys (src/i18n), as in institution-query.ts; the query itself is db/queries/registry/lists.ts.
 */
import { z } from 'zod';
import { LISTS } from './list-status';
import { DEPARTMENT_CODES } from '../shared/reference';
import { MAX_QUERY_LENGTH } from './search';

export const LIST_PAGE_SIZE = 20;
export const LIST_MAX_PAGE = 500;
/** Placements before the plan (2020) exist in imported records; no list is older than this. */
export const LIST_FIRST_YEAR = 2000;
export const LIST_LAST_YEAR = 2100;

/** An empty string from a GET form means "no filter", not an invalid value. */
const blankIsAbsent = (v: unknown) => (v === '' ? undefined : v);
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T, key: string) =>
  z.preprocess(blankIsAbsent, z.enum(values, { error: key }).optional());

export const listQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(MAX_QUERY_LENGTH, { error: 'lists.error.q_too_long' })
    .optional()
    .transform((v) => (v ? v : undefined)),
  list: optionalEnum(LISTS, 'lists.error.list'),
  department: optionalEnum(DEPARTMENT_CODES, 'lists.error.department'),
  year: z.preprocess(
    blankIsAbsent,
    z.coerce
      .number({ error: 'lists.error.year' })
      .int({ error: 'lists.error.year' })
      .min(LIST_FIRST_YEAR, { error: 'lists.error.year' })
      .max(LIST_LAST_YEAR, { error: 'lists.error.year' })
      .optional(),
  ),
  page: z.preprocess(
    (v) => (v === '' || v === undefined ? 1 : v),
    z.coerce
      .number({ error: 'lists.error.page' })
      .int({ error: 'lists.error.page' })
      .min(1, { error: 'lists.error.page' })
      .max(LIST_MAX_PAGE, { error: 'lists.error.page' }),
  ),
});

export type ListQuery = z.infer<typeof listQuerySchema>;

export const LIST_QUERY_KEYS = ['q', 'list', 'department', 'year', 'page'] as const;

export interface ListQueryProblem {
  field: (typeof LIST_QUERY_KEYS)[number];
  messageKey: string;
}

export type ParsedListQuery = { ok: true; query: ListQuery } | { ok: false; problems: ListQueryProblem[] };

/** Parses the known keys of a query string (the first value of each); other keys are ignored. */
export function parseListQuery(params: URLSearchParams): ParsedListQuery {
  const raw: Record<string, string> = {};
  for (const key of LIST_QUERY_KEYS) {
    const v = params.get(key);
    if (v !== null) raw[key] = v;
  }
  const result = listQuerySchema.safeParse(raw);
  if (result.success) return { ok: true, query: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((i) => ({ field: String(i.path[0] ?? 'q') as ListQueryProblem['field'], messageKey: i.message })),
  };
}
