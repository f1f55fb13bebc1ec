/** Chinese labels of the enumerations in src/domain, for display. */
import { OFFICIAL_TERMS } from '../domain/shared/official-terms';
import { DEPARTMENTS, FIELDS, STREETS, type DepartmentCode, type StreetCode, type TrainingField } from '../domain/shared/reference';

/** The Chinese interface shows the official terms unchanged. */
export const LABELS = OFFICIAL_TERMS;

type LabelGroup = keyof typeof LABELS;

/** The label of a value, or the value itself when unknown (never an empty cell). */
export function label(group: LabelGroup, value: string | null | undefined): string {
  if (!value) return '—';
  return (LABELS[group] as Record<string, string>)[value] ?? value;
}

export const fieldName = (code: string) => FIELDS[code as TrainingField]?.name ?? code;
export const streetName = (code: string) => STREETS[code as StreetCode] ?? code;
export const departmentName = (code: string) => DEPARTMENTS[code as DepartmentCode]?.name ?? code;
