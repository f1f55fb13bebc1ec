/**
 * The Open311 GeoReport v2 "POST requests" call, mapped onto the complaint form so that both go
 * through the one schema of complaint-form.ts. Standard parameters keep their Open311 meaning
 * (service_code = category, address_string, description, phone, first_name / last_name); what
 * Open311 has no name for travels as attribute[...] (the service definition lists them).
 */
import { z } from 'zod';
import { COMPLAINT_FORM_FIELDS, type ComplaintFormField } from '../complaints/complaint-form';
import { todayInShanghai } from '../shared/dates';
import { FORM_LEVEL, blankToUndefined, formValues, type FieldError } from '../shared/form-fields';

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
  input.occurredOn = occurredOnDate(input.occurredOn);
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

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/i;

/**
 * attribute[occurred_on] is declared a "datetime" (Open311 has no date type) but the form wants a
 * day: a date-time becomes its day in Shanghai (its own day when it has no offset). Anything else
 * passes unchanged, for the form schema to judge.
 */
export function occurredOnDate(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const match = DATE_TIME.exec(value.trim());
  if (!match) return value;
  if (!match[4]) return match[1];
  const at = new Date(value.trim());
  return Number.isNaN(at.getTime()) ? value : todayInShanghai(at);
}

export type IdempotencyKeyResult = { ok: true; key: string; generated: boolean } | { ok: false; error: { code: 400; description: string } };

/**
 * The idempotency key of an Open311 post: attribute[idempotency_key] or the Idempotency-Key header
 * (both a UUID; when both are sent they must agree). Without either a fresh key is made, so the
 * post is filed, but a retry of it will be filed again: clients wanting exactly-once send one.
 */
export function idempotencyKeyFrom(attribute: unknown, header: string | null, fresh: () => string): IdempotencyKeyResult {
  const fromBody = typeof attribute === 'string' && attribute.trim() !== '' ? attribute.trim().toLowerCase() : undefined;
  const fromHeader = header !== null && header.trim() !== '' ? header.trim().toLowerCase() : undefined;
  const example = '例如 0b6f1c52-3a5e-4d8b-b1c2-7d9e8f0a1b2c';
  if (fromHeader !== undefined && !z.uuid().safeParse(fromHeader).success) {
    return { ok: false, error: { code: 400, description: `Idempotency-Key：请求头应为 UUID，${example}。` } };
  }
  if (fromBody !== undefined && !z.uuid().safeParse(fromBody).success) {
    return { ok: false, error: { code: 400, description: `attribute[idempotency_key]：应为 UUID，${example}。` } };
  }
  if (fromBody !== undefined && fromHeader !== undefined && fromBody !== fromHeader) {
    return { ok: false, error: { code: 400, description: 'Idempotency-Key：请求头与 attribute[idempotency_key] 不一致；只发送其中一个即可。' } };
  }
  const key = fromHeader ?? fromBody;
  return key === undefined ? { ok: true, key: fresh(), generated: true } : { ok: true, key, generated: false };
}
