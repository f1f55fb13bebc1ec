/**
 * Which department may inspect, or decide on the lists for, which institution (the duties
 * are section 四 of the plan, summarised in DOMAIN.md). Pure; the publishing service asks these
 * before anything is written, and a department outside its remit is refused with the reason.
 *
 * Inspections: the sector lead of one of the institution's fields (with its co-lead: 托育 is 教育局
 * with 卫生健康委); the registration authority (区市场监管局 for for-profit, 区民政局 for
 * non-profit institutions); and the bodies whose duties reach every training premises (fees and
 * advertising, labour law, fire, security, hygiene, premises use, building works, tax, prepaid
 * cards, consumer loans, network security, harmful materials), each on the items of its duty.
 * The bodies that dispatch or oversee (网格中心, 信访办, 督导室) and the streets (who patrol and blow
 * the whistle, but do not inspect) inspect nothing.
 *
 * Lists: a black or white list decision is taken by the institution's sector lead (行业主管部门)
 * or its registration authority, the bodies that answer for it as a whole.
 */
import { FIELDS, REGISTRATION_AUTHORITY, type DepartmentCode, type InspectionItem, type LegalForm, type TrainingField } from '../shared/reference';

export interface RemitInstitution {
  fields: readonly TrainingField[];
  legalForm: LegalForm;
}

const ALL_ITEMS: readonly InspectionItem[] = ['premises_safety', 'programmes', 'staff_qualifications', 'promised_service'];

/** Bodies whose duty covers every training institution, and the inspection items it covers. */
export const CROSS_CUTTING: Partial<Record<DepartmentCode, readonly InspectionItem[]>> = {
  market: ['promised_service', 'programmes'],
  hrss: ['staff_qualifications'],
  fire: ['premises_safety'],
  police: ['premises_safety', 'staff_qualifications'],
  health: ['premises_safety'],
  housing: ['premises_safety'],
  construction: ['premises_safety'],
  urban: ['premises_safety'],
  tax: ['promised_service'],
  commerce: ['promised_service'],
  finance: ['promised_service'],
  cyber: ['programmes'],
  culture: ['programmes'],
};

/** Bodies that never inspect: they dispatch, oversee or patrol. */
export const NON_INSPECTING: readonly DepartmentCode[] = ['grid', 'petition', 'inspectorate', 'streets'];

/** The sector leads (with co-leads) of the institution's fields. */
export function sectorLeads(i: RemitInstitution): DepartmentCode[] {
  return [...new Set(i.fields.flatMap((f) => [FIELDS[f].lead, ...FIELDS[f].coLead]))];
}

/** The inspection items this department may record for this institution; empty means none. */
export function inspectableItems(department: DepartmentCode, i: RemitInstitution): readonly InspectionItem[] {
  if (NON_INSPECTING.includes(department)) return [];
  if (sectorLeads(i).includes(department) || REGISTRATION_AUTHORITY[i.legalForm] === department) return ALL_ITEMS;
  return CROSS_CUTTING[department] ?? [];
}

export type RemitCheck = { ok: true } | { ok: false; message: string };

/** Whether the department may record an inspection of these items at this institution. */
export function mayInspect(department: DepartmentCode, i: RemitInstitution, items: readonly InspectionItem[]): RemitCheck {
  const allowed = inspectableItems(department, i);
  if (allowed.length === 0) return { ok: false, message: '该机构不在本部门的检查职责范围内。' };
  const outside = items.filter((x) => !allowed.includes(x));
  if (outside.length > 0) return { ok: false, message: `本部门对该机构的检查职责不包括：${outside.map((x) => ITEM_NAMES[x]).join('、')}。` };
  return { ok: true };
}

/** Whether the department may propose or approve a list decision about this institution. */
export function mayDecideList(department: DepartmentCode, i: RemitInstitution): RemitCheck {
  if (sectorLeads(i).includes(department) || REGISTRATION_AUTHORITY[i.legalForm] === department) return { ok: true };
  return { ok: false, message: '黑白名单由机构的行业主管部门或登记机关决定，本部门不能就该机构提出名单决定。' };
}

/**
 * The institutions on whose lists the department decides, as the fields it leads (or co-leads) and
 * the legal forms it registers: the same rule as mayDecideList, in a form a query can filter by.
 */
export function listRemitOf(department: DepartmentCode): { fields: TrainingField[]; legalForms: LegalForm[] } {
  const fields = (Object.keys(FIELDS) as TrainingField[]).filter((f) => FIELDS[f].lead === department || FIELDS[f].coLead.includes(department));
  const legalForms = (Object.keys(REGISTRATION_AUTHORITY) as LegalForm[]).filter((l) => REGISTRATION_AUTHORITY[l] === department);
  return { fields, legalForms };
}

const ITEM_NAMES: Record<InspectionItem, string> = {
  premises_safety: '场所安全',
  programmes: '培训项目内容',
  staff_qualifications: '人员资质',
  promised_service: '承诺的服务质量',
};
