/**
 * The Open311 GeoReport v2 "POST requests" call, mapped onto the complaint form so that both go
 * through the one schema of complaint-form.ts. Standard parameters keep their Open311 meaning
 * (service_code = category, address_string, description, phone, first_name / last_name); what
 * Open311 has no name for travels as attribute[...] (the service definition lists them).
 */
import { COMPLAINT_FORM_FIELDS, type ComplaintFormField } from './complaint-form';
import { FORM_LEVEL, blankToUndefined, formValues, type FieldError } from './form-fields';

/** The Open311 parameter that carries each form field (used to name it in error messages). */
export const OPEN311_PARAMETER: Record<ComplaintFormField, string> = {
  creditCode: 'attribute[credit_code]',
  notListed: 'attribute[credit_code]',
  institutionName: 'attribute[institution_name]',
  institutionAddress: 'address_string',
  street: 'attribute[street]',
  category: 'service_code',
  description: 'description',
  occurredOn: 'attribute[occurred_on]',
  moneyYuan: 'attribute[money_yuan]',
  peopleAffected: 'attribute[people_affected]',
  filerRole: 'attribute[filer_role]',
  name: 'first_name',
  phone: 'phone',
  consentToContact: 'attribute[consent_to_contact]',
  idempotencyKey: 'attribute[idempotency_key]',
};

/**
 * The complaint-form input for an Open311 request. Without a credit code the institution counts
 * as not listed, described by attribute[institution_name], address_string and attribute[street].
 * A Chinese name is written surname first: last_name + first_name.
 */
export function open311ToComplaintInput(source: FormData | URLSearchParams | Record<string, unknown>): Record<string, unknown> {
  const params = formValues(source);
  const input: Record<string, unknown> = {};
  for (const field of COMPLAINT_FORM_FIELDS) {
    if (field === 'notListed' || field === 'name') continue;
    input[field] = params[OPEN311_PARAMETER[field]];
  }
  input.notListed = blankToUndefined(params['attribute[credit_code]']) === undefined ? 'on' : '';
  const name = [params.last_name, params.first_name].filter((p): p is string => typeof p === 'string').map((p) => p.trim()).join('');
  input.name = name;
  return input;
}

/** Open311 error bodies: one { code: 400, description } per field, naming the Open311 parameter. */
export function open311Errors(errors: readonly FieldError[]): { code: 400; description: string }[] {
  return errors.map(({ field, message }) => {
    const parameter = field === FORM_LEVEL ? null : OPEN311_PARAMETER[field as ComplaintFormField];
    return { code: 400, description: parameter ? `${parameter}：${message}` : message };
  });
}
