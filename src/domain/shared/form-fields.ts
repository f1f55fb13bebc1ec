/**
 * The plumbing every HTML form of the portal shares: reading FormData as plain strings, what an
 * empty field and a checkbox mean, and turning zod issues into one message per field in the order
 * the fields appear on the form (STYLE.md habits 1 and 3: the error summary lists them top to
 * bottom, each linking to its field).
 */
import type { z } from 'zod';

export interface FieldError {
  /** The form field's name, which is also the id of its control (the summary links to #field). */
  field: string;
  message: string;
}

/** Field name for issues that belong to no field, such as a body that is not a form at all. */
export const FORM_LEVEL = 'form';

/**
 * The first value of each field as a string. Files are ignored: no form of the portal takes
 * uploads through this path. Plain objects pass through unchanged (JSON bodies, tests).
 */
export function formValues(source: FormData | URLSearchParams | Record<string, unknown>): Record<string, unknown> {
  if (source instanceof FormData) {
    const out: Record<string, string> = {};
    for (const [key, value] of source.entries()) if (typeof value === 'string' && !(key in out)) out[key] = value;
    return out;
  }
  if (source instanceof URLSearchParams) {
    const out: Record<string, string> = {};
    for (const [key, value] of source) if (!(key in out)) out[key] = value;
    return out;
  }
  return source;
}

/** An optional field left empty (or only spaces) is missing, not invalid. */
export function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

/**
 * A checkbox: browsers send "on" when it is ticked and nothing when it is not. JSON callers may
 * send true/false or "true"/"false".
 */
export function checkboxValue(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  return typeof value === 'string' && ['on', 'true', '1', 'yes'].includes(value.trim().toLowerCase());
}

/** Characters as a person counts them (code points, so an emoji is one), with CRLF as one. */
export function countCharacters(text: string): number {
  return [...text.replace(/\r\n/g, '\n')].length;
}

/**
 * A zod check of a text's length as a person counts it (`.max()` counts UTF-16 units, so an emoji
 * or a rare character outside the BMP would count twice): `.refine(atMostCharacters(200), …)`.
 */
export const atMostCharacters = (max: number) => (text: string) => countCharacters(text) <= max;

/**
 * One message per field (the first one zod reports), ordered as `order` lists the fields; issues
 * on paths outside `order` are reported under FORM_LEVEL, last. The field of an issue is the last
 * segment of its path that names a field, so nested schemas can keep the form's flat names.
 */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], order: readonly string[]): FieldError[] {
  const byField = new Map<string, string>();
  for (const issue of issues) {
    const named = [...issue.path].reverse().find((p) => typeof p === 'string' && order.includes(p));
    const field = typeof named === 'string' ? named : FORM_LEVEL;
    if (!byField.has(field)) byField.set(field, issue.message);
  }
  const rank = (field: string) => (field === FORM_LEVEL ? order.length : order.indexOf(field));
  return [...byField.entries()].sort(([a], [b]) => rank(a) - rank(b)).map(([field, message]) => ({ field, message }));
}
