/**
 * Valid values by field name, for forms whose page leaves a field empty (a credit code to type, a
 * phone number): with every other field valid, the one spoilt field reaches the code that stores
 * or searches it instead of being stopped by a neighbour's error. A table, so a new form's fields
 * are added here as data.
 */

export interface ValidContext {
  /** A credit code of the demo data. */
  creditCode: string;
  /** A service code of the Open311 service list (a complaint category). */
  serviceCode: string;
  /** Today in Shanghai, YYYY-MM-DD. */
  today: string;
  /** The Open311 key registered for the run. */
  apiKey: string;
  /** A number unique to the request, for fields that must not repeat (keys, phones). */
  unique: number;
}

const DESCRIPTION = '机构收了一年学费后突然停课，要求退还剩余课时费被拒绝，多位家长遇到同样问题。';

/** A UUID made from a number, so a request keeps its key when replayed from its seed. */
export function uuidOf(n: number): string {
  const hex = (n >>> 0).toString(16).padStart(8, '0') + '0'.repeat(24);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const TABLE: Record<string, (c: ValidContext) => string> = {
  creditCode: (c) => c.creditCode,
  tenant: (c) => c.creditCode,
  'attribute[credit_code]': (c) => c.creditCode,
  description: () => DESCRIPTION,
  occurredOn: (c) => c.today,
  'attribute[occurred_on]': (c) => c.today,
  filerRole: () => 'parent',
  'attribute[filer_role]': () => 'parent',
  consentToContact: () => 'on',
  'attribute[consent_to_contact]': () => 'true',
  phone: (c) => `139${String(c.unique % 1e8).padStart(8, '0')}`,
  name: () => '测试',
  first_name: () => '试',
  last_name: () => '测',
  idempotencyKey: (c) => uuidOf(c.unique),
  'attribute[idempotency_key]': (c) => uuidOf(c.unique),
  service_code: (c) => c.serviceCode,
  api_key: (c) => c.apiKey,
  address: () => '上海市普陀区长寿路218号3楼',
  training: () => '少儿英语',
  username: () => 'culture-handler',
  password: () => 'not-the-password-2026',
  note: () => '已电话联系机构负责人，约定本周内上门核实。',
  text: () => '已电话联系机构负责人，约定本周内上门核实。',
  trackingNumber: () => 'PT-2026-000001',
  accessCode: () => 'ABCD-EFGH',
};

/** Whether the table knows a valid value for field `name` (a box it ticks, a code it types). */
export const hasValidValue = (name: string) => name in TABLE;

/** The valid value of field `name`, or the page's own when the table has none. */
export function validValue(name: string, pageValue: string, c: ValidContext): string {
  if (pageValue !== '' && name !== 'idempotencyKey') return pageValue;
  return TABLE[name]?.(c) ?? pageValue;
}

/** The Open311 POST has no page to read its fields from: these are what a hotline sends. */
export const OPEN311_POST_FIELDS = [
  'api_key', 'service_code', 'description', 'attribute[credit_code]', 'attribute[occurred_on]', 'attribute[filer_role]',
  'attribute[consent_to_contact]', 'attribute[idempotency_key]', 'phone', 'last_name', 'first_name',
];
