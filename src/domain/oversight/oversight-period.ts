/**
 * The period of the oversight dashboard and its CSV (?from=YYYY-MM-DD&to=YYYY-MM-DD): days of
 * receipt, both included. Both are optional: by default the year so far (1 January to today).
 * A bad date is a message per field, never an error page.
 */
import { z } from 'zod';
import { formatDateZh, ISO_DATE, type IsoDate } from '../shared/dates';
import { blankToUndefined, fieldErrors, formValues, type FieldError } from '../shared/form-fields';
import type { OversightPeriod } from './oversight';
import { isCalendarDate } from '../shared/working-days';

export const PERIOD_FIELDS = ['from', 'to'] as const;

/** The portal opened long after the 2020 plan; nothing was received before this day. */
export const EARLIEST_PERIOD_DAY = '2020-01-01';

const day = (what: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .superRefine((s, ctx) => {
        if (!ISO_DATE.test(s)) ctx.addIssue({ code: 'custom', message: `${what}的格式应为“年-月-日”，例如 2026-03-01。` });
        else if (!isCalendarDate(s)) ctx.addIssue({ code: 'custom', message: `${what}“${s}”不存在，请检查月份和日子。` });
      })
      .optional(),
  );

/** The schema as of `today` (Shanghai date). */
export function oversightPeriodSchema(today: IsoDate) {
  return z
    .object({ from: day('开始日期'), to: day('结束日期') })
    .superRefine((p, ctx) => {
      if (p.to && p.to > today) ctx.addIssue({ code: 'custom', path: ['to'], message: `结束日期不能晚于今天（${formatDateZh(today)}）。` });
      if (p.from && p.from < EARLIEST_PERIOD_DAY) ctx.addIssue({ code: 'custom', path: ['from'], message: `开始日期不能早于${formatDateZh(EARLIEST_PERIOD_DAY)}。` });
      if (p.from && p.from > (p.to ?? today)) ctx.addIssue({ code: 'custom', path: ['from'], message: p.to ? '开始日期不能晚于结束日期。' : `开始日期不能晚于今天（${formatDateZh(today)}）。` });
    })
    .transform(({ from, to }): OversightPeriod => {
      const end = to ?? today;
      // Without a start: the 1st of January of the end's year (this year by default).
      return { from: from ?? `${end.slice(0, 4)}-01-01`, to: end };
    });
}

export type ParsedPeriod = { ok: true; period: OversightPeriod } | { ok: false; errors: FieldError[]; values: Record<string, string> };

/** Parses ?from=&to= (the first of repeated parameters counts). */
export function parseOversightPeriod(params: URLSearchParams, today: IsoDate): ParsedPeriod {
  const raw = formValues(params) as Record<string, string>;
  const result = oversightPeriodSchema(today).safeParse({ from: raw.from, to: raw.to });
  if (result.success) return { ok: true, period: result.data };
  const values = Object.fromEntries(PERIOD_FIELDS.filter((f) => typeof raw[f] === 'string').map((f) => [f, raw[f]!.slice(0, 40)]));
  return { ok: false, errors: fieldErrors(result.error.issues, PERIOD_FIELDS), values };
}

/** The query string of a period, for links and the CSV address. */
export const periodQuery = (p: OversightPeriod) => new URLSearchParams({ from: p.from, to: p.to }).toString();
