/**
 * What grid staff of a street find on patrol (plan, section 四 各街镇: "上报无证无照、安全隐患和经营
 * 异常"; it is filed through the same intake as the public's, marked as a patrol report with the
 * street as filer). The three kinds of finding are mapped onto the complaint categories, so a
 * patrol report is routed, given a deadline and queued like any complaint.
 *
 * The form reuses the complaint form's parts (institution, description, date, people affected,
 * idempotency key). What it does not have: the filer's role, phone and consent. The filer is the
 * signed-in grid staff account and its street, given by the server, never by the form; no member
 * of the public is involved, so there is no contact and no receipt SMS.
 */
import { z } from 'zod';
import type { ComplaintCategory } from './complaint-categories';
import { descriptionSchema, idempotencyKeySchema, institutionSchema, occurredOnSchema, peopleAffectedSchema, regroupInstitution } from './complaint-form';
import type { IsoDate } from '../shared/dates';
import { blankToUndefined, fieldErrors, type FieldError } from '../shared/form-fields';
import type { StreetCode } from '../shared/reference';

/** The three kinds of patrol finding and the complaint categories each may be filed as. */
export const PATROL_FINDINGS = [
  { kind: 'unlicensed', name: '无证无照经营', categories: ['unlicensed', 'residential_use'] },
  { kind: 'safety', name: '安全隐患', categories: ['fire_safety', 'security', 'building_works', 'food_safety', 'hygiene_epidemic'] },
  { kind: 'abnormal', name: '经营异常', categories: ['prepaid_card', 'crime', 'other'] },
] as const satisfies readonly { kind: string; name: string; categories: readonly ComplaintCategory[] }[];

export const PATROL_CATEGORIES = PATROL_FINDINGS.flatMap((f) => f.categories) as [ComplaintCategory, ...ComplaintCategory[]];

/** complaints.filer_role of a patrol report: the street files it (FILER_ROLE_NAMES names it). */
export { PATROL_FILER_ROLE } from './complaint-form';

/** The form's fields, top to bottom: the order of the error summary. */
export const PATROL_FORM_FIELDS = [
  'category', 'creditCode', 'notListed', 'institutionName', 'institutionAddress', 'description', 'occurredOn', 'peopleAffected', 'idempotencyKey',
] as const;

/** Who files: the grid staff account, for its own street. */
export interface PatrolFiler {
  staffId: number;
  street: StreetCode;
}

const category = z.preprocess(
  blankToUndefined,
  z.enum(PATROL_CATEGORIES, {
    error: (iss) => (iss.input === undefined ? '请选择发现的问题；拿不准时选“其他或情况复杂”。' : '所选的问题不在巡查上报的类别中，请从列表中选择。'),
  }),
);

/**
 * The patrol form as of `today`, for `filer`. A not-listed institution gets the filer's street:
 * grid staff report what they find in their own area.
 */
export function patrolReportSchema(today: IsoDate, filer: PatrolFiler) {
  return z.preprocess(
    (input) => regroupInstitution({ ...(input as Record<string, unknown>), street: filer.street }),
    z
      .object({
        institution: institutionSchema,
        category,
        description: descriptionSchema,
        occurredOn: occurredOnSchema(today, { required: '请填写发现问题的日期。', name: '发现日期' }),
        peopleAffected: peopleAffectedSchema,
        idempotencyKey: idempotencyKeySchema,
      })
      .transform((r) => ({ ...r, filer })),
  );
}

export type PatrolReport = z.output<ReturnType<typeof patrolReportSchema>>;

export type ParsedPatrolReport = { ok: true; value: PatrolReport } | { ok: false; errors: FieldError[] };

export function parsePatrolReport(input: Record<string, unknown>, today: IsoDate, filer: PatrolFiler): ParsedPatrolReport {
  const result = patrolReportSchema(today, filer).safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: fieldErrors(result.error.issues, PATROL_FORM_FIELDS) };
}

/** Whether an intake form is a patrol report (the public form has no filer). */
export const isPatrolReport = (form: object): form is PatrolReport => 'filer' in form;
