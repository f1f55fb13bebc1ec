/**
 * Open311 complaint posts for the load tests (tests/integration/complaints/durability.db.test.ts and the
 * `complaints` part of `npm run bench`): one valid `POST /open311/v2/requests.json` body per
 * idempotency key, always the same body for the same key and index, so a retry is a true retry (a
 * changed body would be answered 409). Every fourth post is about an institution not in the
 * registry; the others name one of `creditCodes` in turn.
 */
import { COMPLAINT_CATEGORIES } from '../../src/domain/complaints/complaint-categories';
import { addDays, todayInShanghai } from '../../src/domain/shared/dates';
import { FILER_ROLES } from '../../src/domain/complaints/complaint-form';
import { STREET_CODES } from '../../src/domain/shared/reference';

export const OPEN311_PATH = '/open311/v2/requests.json';

export interface PostSpec {
  apiKey: string;
  /** Credit codes of institutions in the database under test. */
  creditCodes: readonly string[];
  /** The day the complaints say the problem happened (default: a week before today in Shanghai). */
  occurredOn?: string;
}

/** The form-urlencoded body of post number `i` with idempotency key `key`. */
export function complaintBody(spec: PostSpec, i: number, key: string): string {
  const notListed = i % 4 === 3 || spec.creditCodes.length === 0;
  const params: Record<string, string> = {
    api_key: spec.apiKey,
    service_code: COMPLAINT_CATEGORIES[i % COMPLAINT_CATEGORIES.length]!,
    description: `负载测试投诉第${i}号：机构收取预付课时费后突然停课，多次联系无人答复，请有关部门核查处理。`,
    'attribute[occurred_on]': spec.occurredOn ?? addDays(todayInShanghai(), -7),
    'attribute[filer_role]': FILER_ROLES[i % FILER_ROLES.length]!,
    'attribute[consent_to_contact]': i % 2 === 0 ? 'true' : 'false',
    'attribute[idempotency_key]': key,
    phone: `139${String(i % 100_000_000).padStart(8, '0')}`,
    last_name: '测',
    first_name: `试${i % 100}`,
  };
  if (i % 3 === 0) params['attribute[money_yuan]'] = String(1000 + (i % 50) * 100);
  if (notListed) {
    params['attribute[institution_name]'] = `未登记的测试培训点${i}`;
    params.address_string = `上海市普陀区测试路${(i % 900) + 1}号`;
    params['attribute[street]'] = STREET_CODES[i % STREET_CODES.length]!;
  } else {
    params['attribute[credit_code]'] = spec.creditCodes[i % spec.creditCodes.length]!;
  }
  return new URLSearchParams(params).toString();
}

/** An answer of POST requests.json: the tracking number it acknowledged, if any. */
export function acknowledgedNumber(status: number, body: string): string | null {
  if (status !== 200 && status !== 201) return null;
  try {
    const parsed = JSON.parse(body) as { service_request_id?: unknown }[];
    const id = Array.isArray(parsed) ? parsed[0]?.service_request_id : undefined;
    return typeof id === 'string' && id !== '' ? id : null;
  } catch {
    return null;
  }
}
