/**
 * Links that open the complaint form partly filled in: a profile's '投诉' (?institution=<code>),
 * a landlord's record (?filer=landlord), and an empty search's '举报无证办学'
 * (?unlisted=1&name=<typed>&category=unlicensed), which ticks 机构不在名录中 and keeps the name the
 * person searched for. A prefill is a convenience, never an error: a parameter that does not parse
 * is left out and the rest still fill the form, which is validated as usual when sent.
 */
import { z } from 'zod';
import { normaliseCreditCode } from '../registry/credit-code';
import { checkboxValue } from '../shared/form-fields';
import { COMPLAINT_CATEGORIES } from './complaint-categories';
import { COMPLAINT_LIMITS, FILER_ROLES } from './complaint-form';

/** A parameter that fails its schema reads as absent. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const complaintPrefillSchema = z.object({
  /** A credit code as a profile links it; normalised, not checked (the form explains a bad one). */
  institution: lenient(z.string().max(64).transform(normaliseCreditCode)),
  filer: lenient(z.enum(FILER_ROLES)),
  /** Ticks 机构不在名录中: '1', 'on', 'true' or 'yes'. */
  unlisted: z.string().optional().transform(checkboxValue),
  /** The institution's name as the person typed it (for an unlisted institution). */
  name: lenient(
    z
      .string()
      .transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim())
      .refine((s) => s.length > 0 && [...s].length <= COMPLAINT_LIMITS.institutionName),
  ),
  category: lenient(z.enum(COMPLAINT_CATEGORIES)),
});

export type ComplaintPrefill = z.output<typeof complaintPrefillSchema>;

/** The query parameters a prefill reads; any other is ignored. */
export const PREFILL_PARAMS = ['institution', 'filer', 'unlisted', 'name', 'category'] as const;

/** Reads a prefill from a query string (the first value of each parameter). */
export function parseComplaintPrefill(params: URLSearchParams): ComplaintPrefill {
  const raw: Record<string, string> = {};
  for (const key of PREFILL_PARAMS) {
    const v = params.get(key);
    if (v !== null) raw[key] = v;
  }
  return complaintPrefillSchema.parse(raw);
}

/** The form's field values a prefill sets (names as in COMPLAINT_FORM_FIELDS). */
export function prefillValues(p: ComplaintPrefill): Record<string, string> {
  const values: Record<string, string> = {};
  if (p.institution) values.creditCode = p.institution;
  if (p.filer) values.filerRole = p.filer;
  if (p.unlisted) values.notListed = 'on';
  if (p.name) values.institutionName = p.name;
  if (p.category) values.category = p.category;
  return values;
}

/** The address of the form for reporting an institution missing from the registry by `name`. */
export function unlistedComplaintHref(name: string, filer?: (typeof FILER_ROLES)[number]): string {
  const params = new URLSearchParams({ unlisted: '1' });
  const kept = [...name.replace(/\s+/g, ' ').trim()].slice(0, COMPLAINT_LIMITS.institutionName).join('');
  if (kept) params.set('name', kept);
  params.set('category', 'unlicensed');
  if (filer) params.set('filer', filer);
  return `/complaints/new?${params.toString()}`;
}
