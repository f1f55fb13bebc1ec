/**
 * The staff forms with which departments publish: an inspection record and its follow-up, a list
 * proposal and its review, a risk warning draft, a double-random draw. One zod schema per form,
 * used for form posts and JSON alike; messages are Chinese sentences that say what to do, and the
 * *_FIELDS arrays give the order of the error summary.
 */
import { z } from 'zod';
import { creditCodeProblem, describeCreditCodeProblem, normaliseCreditCode } from '../registry/credit-code';
import { atMostCharacters, blankToUndefined, fieldErrors, type FieldError } from '../shared/form-fields';
import { INSPECTION_ITEMS, INSPECTION_KINDS, INSPECTION_RESULTS, STREET_CODES, TRAINING_FIELDS, WARNING_SEVERITIES } from '../shared/reference';
import { isCalendarDate } from '../shared/working-days';

/** A form value that may be sent once or several times (checkboxes), or as a JSON array. */
const many = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

const text = (max: number, what: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: `请填写${what}。` })
      .trim()
      .refine(atMostCharacters(max), { error: `${what}不能超过 ${max} 个字。` }),
  );
const optionalText = (max: number, what: string) =>
  z.preprocess(blankToUndefined, z.string().trim().refine(atMostCharacters(max), { error: `${what}不能超过 ${max} 个字。` }).optional());
const date = (what: string) =>
  z.preprocess(
    blankToUndefined,
    z.string({ error: `请填写${what}（年-月-日）。` }).refine(isCalendarDate, { error: `${what}不是有效的日期，请按“2026-03-15”的格式填写。` }),
  );
const optionalDate = (what: string) =>
  z.preprocess(blankToUndefined, z.string().refine(isCalendarDate, { error: `${what}不是有效的日期，请按“2026-03-15”的格式填写。` }).optional());

export const creditCodeField = z.preprocess(
  blankToUndefined,
  z.string({ error: '请填写机构的统一社会信用代码。' }).transform((s, ctx) => {
    const problem = creditCodeProblem(s);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: describeCreditCodeProblem(problem) });
      return z.NEVER;
    }
    return normaliseCreditCode(s);
  }),
);

export const INSPECTION_FIELDS = ['creditCode', 'reference', 'inspectedOn', 'kind', 'inspectors', 'checkedItems', 'findings', 'result', 'rectifyBy'] as const;
export const inspectionFormSchema = z
  .object({
    creditCode: creditCodeField,
    reference: optionalText(40, '检查编号'),
    inspectedOn: date('检查日期'),
    kind: z.enum(INSPECTION_KINDS, { error: '请选择检查类型。' }),
    /** Names separated by 、 , ； or spaces; at least two (two inspectors per inspection). */
    inspectors: z.preprocess(
      (v) => (typeof v === 'string' ? v.split(/[、,，;；\s]+/).map((s) => s.trim()).filter(Boolean) : many(v)),
      z.array(z.string().max(20)).min(2, { error: '请填写至少两名检查人员，用顿号分隔。' }).max(10),
    ),
    checkedItems: z.preprocess(many, z.array(z.enum(INSPECTION_ITEMS)).min(1, { error: '请至少选择一项检查内容。' })),
    findings: text(4000, '检查发现'),
    result: z.enum(INSPECTION_RESULTS, { error: '请选择检查结果。' }),
    rectifyBy: optionalDate('整改期限'),
  })
  .superRefine((v, ctx) => {
    if (v.result === 'rectify' && !v.rectifyBy) ctx.addIssue({ code: 'custom', path: ['rectifyBy'], message: '检查结果为“责令整改”时，请填写整改期限。' });
    if (v.rectifyBy && v.rectifyBy <= v.inspectedOn) ctx.addIssue({ code: 'custom', path: ['rectifyBy'], message: '整改期限应晚于检查日期。' });
  });
export type InspectionForm = z.output<typeof inspectionFormSchema>;

export const followUpFormSchema = z.object({ outcome: text(2000, '整改结果'), followedUpOn: date('复查日期') });

export const LIST_PROPOSAL_FIELDS = ['kind', 'creditCode', 'list', 'decisionId', 'reason', 'legalBasis', 'effectiveOn', 'sourceInspectionIds', 'sourceComplaints'] as const;
export const listProposalSchema = z
  .object({
    kind: z.enum(['add', 'remove'], { error: '请选择“列入”或“移出”。' }),
    creditCode: creditCodeField,
    list: z.enum(['white', 'black'], { error: '请选择白名单或黑名单。' }),
    /** For a removal: the decision removed. */
    decisionId: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
    reason: text(1000, '理由'),
    legalBasis: text(500, '依据'),
    effectiveOn: date('生效日期'),
    sourceInspectionIds: z.preprocess(
      (v) => (typeof v === 'string' ? v.split(/[、,，\s]+/).filter(Boolean) : many(v)),
      z.array(z.coerce.number({ error: '检查记录编号应为数字。' }).int().positive()).max(20),
    ),
    /** Tracking numbers of substantiated complaints behind the decision. */
    sourceComplaints: z.preprocess(
      (v) => (typeof v === 'string' ? v.split(/[、,，\s]+/).filter(Boolean) : many(v)),
      z.array(z.string().regex(/^PT-\d{4}-\d{6}$/i, { error: '投诉编号应形如 PT-2026-000123。' }).transform((s) => s.toUpperCase())).max(20),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'remove' && !v.decisionId) ctx.addIssue({ code: 'custom', path: ['decisionId'], message: '移出名单时，请选择要移出的名单决定。' });
  });
export type ListProposalForm = z.output<typeof listProposalSchema>;

export const reviewSchema = z.object({
  decision: z.enum(['approve', 'reject'], { error: '请选择“批准”或“退回”。' }),
  note: optionalText(1000, '审核意见'),
});

export const WARNING_FIELDS = ['title', 'severity', 'body', 'institutions'] as const;
export const warningDraftSchema = z.object({
  title: text(100, '标题'),
  severity: z.enum(WARNING_SEVERITIES, { error: '请选择警示级别。' }),
  body: text(8000, '正文'),
  /** Credit codes of the institutions concerned, one per line or separated by commas. */
  institutions: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(/[\s,，、;；]+/).filter(Boolean) : many(v)),
    z.array(creditCodeField).max(200),
  ),
});
export type WarningDraftForm = z.output<typeof warningDraftSchema>;

export const DRAW_FIELDS = ['size', 'plannedOn', 'fields', 'streets', 'listStatus', 'riskOnly'] as const;
export const drawFormSchema = z.object({
  size: z.coerce.number({ error: '请填写抽取数量。' }).int({ error: '抽取数量应为整数。' }).min(1, { error: '至少抽取 1 家。' }).max(500, { error: '一次最多抽取 500 家。' }),
  plannedOn: date('计划检查日期'),
  fields: z.preprocess(many, z.array(z.enum(TRAINING_FIELDS))),
  streets: z.preprocess(many, z.array(z.enum(STREET_CODES))),
  listStatus: z.preprocess(blankToUndefined, z.enum(['white', 'black', 'none']).optional()),
  riskOnly: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
});
export type DrawForm = z.output<typeof drawFormSchema>;

/** Parses with one message per field, in the form's order. */
export function parseForm<S extends z.ZodType>(schema: S, order: readonly string[], input: unknown): { ok: true; value: z.output<S> } | { ok: false; errors: FieldError[] } {
  const r = schema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: fieldErrors(r.error.issues, order) };
}
