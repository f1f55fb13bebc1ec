/**
 * Reading a staff case form (or a JSON body) into a CaseAction: the one edge where the raw values
 * of the case pages cross caseActionSchema (STYLE.md habit 1). Browsers send every field as a
 * string and a multi-select (`assisting`, `departments`) as repeated fields, so those become
 * arrays here; a problem becomes one Chinese message per field, in the order of the forms.
 */
import { z } from 'zod';
import { caseActionSchema, type CaseAction, type CaseActionType } from './case-machine';
import { blankToUndefined, fieldErrors, type FieldError } from '../shared/form-fields';

/** Every field of the case forms, top to bottom; FieldError.field is one of these or 'form'. */
export const CASE_FORM_FIELDS = [
  'type',
  'lead',
  'assisting',
  'reason',
  'of',
  'question',
  'text',
  'suggest',
  'result',
  'inspectionId',
  'listDecisionId',
  'departments',
  'reportBy',
  'note',
  'whistleId',
  'finding',
] as const;

/** The action names, read from the schema so the two never disagree. */
export const CASE_ACTION_TYPES: readonly CaseActionType[] = caseActionSchema.options.map((o) => o.shape.type.value);

/** Fields that may carry several values (a multi-select or repeated checkboxes). */
const LIST_FIELDS = new Set(['assisting', 'departments']);
/** Optional fields where an empty input means "not given". */
const OPTIONAL_FIELDS = ['reason', 'suggest', 'inspectionId', 'listDecisionId'] as const;

/** FormData / URLSearchParams keep repeated fields; a plain object passes through. */
function plain(input: unknown): Record<string, unknown> | null {
  if (input instanceof FormData || input instanceof URLSearchParams) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of input.entries()) {
      if (typeof value !== 'string') continue;
      if (LIST_FIELDS.has(key)) out[key] = [...((out[key] as string[] | undefined) ?? []), value];
      else if (!(key in out)) out[key] = value;
    }
    return out;
  }
  return input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : null;
}

/** One value or several, blanks dropped: '' → [], 'market' → ['market']. */
function asList(value: unknown): unknown {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.filter((v) => !(typeof v === 'string' && v.trim() === ''));
}

function normalise(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  // Both lists are always read; the schema drops the one the action does not have.
  for (const key of LIST_FIELDS) out[key] = asList(out[key]);
  for (const key of OPTIONAL_FIELDS) out[key] = blankToUndefined(out[key]);
  return out;
}

/** Messages for issues the shared schema leaves to zod's defaults (numbers, the action type). */
function fallbackMessage(issue: { code: string; path?: PropertyKey[] }): string | undefined {
  const field = issue.path?.[0];
  if (field === 'inspectionId') return '检查记录编号应为正整数。';
  if (field === 'listDecisionId') return '名单决定编号应为正整数。';
  if (field === 'whistleId') return '请选择要报到的吹哨事项。';
  return undefined;
}

export type ParsedCaseAction = { ok: true; value: CaseAction } | { ok: false; errors: FieldError[] };

/** Parses a submitted case form (FormData, URLSearchParams or a plain object). */
export function parseCaseAction(input: unknown): ParsedCaseAction {
  const values = plain(input);
  if (!values) return { ok: false, errors: [{ field: 'form', message: '提交的内容不是案件办理表单。' }] };
  if (!(CASE_ACTION_TYPES as readonly unknown[]).includes(values.type)) return { ok: false, errors: [{ field: 'type', message: '请选择要办理的操作。' }] };
  const result = caseActionSchema.safeParse(normalise(values), { error: (issue) => fallbackMessage(issue) });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: caseFormErrors(result.error) };
}

export function caseFormErrors(error: z.ZodError): FieldError[] {
  return fieldErrors(error.issues, CASE_FORM_FIELDS);
}

/** The staff page of a case. */
export const casePath = (trackingNumber: string) => `/staff/cases/${trackingNumber}`;

/**
 * The id of a field's control on the case page. Several forms share field names (`text`), so each
 * id starts with its form's type, and the report-in forms (one per whistle) with the whistle too.
 */
export function actionFieldId(type: string, field: string, whistleId?: string | number): string {
  return type === 'report_in' && whistleId !== undefined ? `report_in-${whistleId}-${field}` : `${type}-${field}`;
}
