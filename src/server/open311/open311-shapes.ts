/**
 * Open311 GeoReport v2 JSON: errors, and the public view of a complaint (request.json of the
 * official schemas). Field names are the standard's; values are Chinese for people to read.
 *
 * Privacy (plan, section 五(七)): `description` is NOT the complainant's text, which may name
 * people or give a phone number, but a sentence built from the registry's name of the institution
 * and the category; a not-listed institution is "未在名录中的机构" located only by its street.
 */
import type { PublicRequestRow } from '../../../db/queries/open311/open311';
import { CATEGORIES, isComplaintCategory } from '../../domain/complaints/complaint-categories';
import { RESULT_NAMES, type ComplaintResult, type ComplaintStatus } from '../../domain/complaints/complaint-timeline';
import { formatDateZh } from '../../domain/shared/dates';
import { departmentName, streetName } from '../../i18n/labels';
import { json } from '../http/json';

export interface Open311Error {
  code: number;
  description: string;
}

/** An Open311 error answer: an array of { code, description } with the HTTP status as code. */
export function open311Error(status: number, description: string, headers: Record<string, string> = {}): Response {
  return json([{ code: status, description }] satisfies Open311Error[], status, headers);
}

/** 405 for a method an Open311 route does not offer (Astro would answer an HTML 404). */
export function methodNotAllowed(request: Request, allowed: readonly string[]): Response {
  return open311Error(405, `此接口不支持 ${request.method.slice(0, 10)} 请求，请使用 ${allowed.join(' 或 ')}。`, { Allow: allowed.join(', ') });
}

/** Status notes for the public: third person (the tracking page speaks to the complainant). */
const STATUS_NOTES: Record<ComplaintStatus, string> = {
  received: '已受理，等待派单。',
  dispatched: '已派至责任部门，等待签收。',
  coordinating: '区教育局协调中。',
  accepted: '责任部门办理中。',
  awaiting_info: '等待投诉人补充信息。',
  answered: '责任部门已答复，等待办结。',
  closed: '已办结。',
  merged: '已与同一事项的投诉合并办理。',
};

function statusNotes(r: PublicRequestRow): string {
  if (r.status === 'closed' && r.result && r.result in RESULT_NAMES) return `已办结，办理结果：${RESULT_NAMES[r.result as ComplaintResult]}。`;
  return STATUS_NOTES[r.status as ComplaintStatus] ?? '办理中。';
}

/** What is expected to happen: who leads and by when the complainant should have an answer. */
export function serviceNotice(r: Pick<PublicRequestRow, 'routeLead' | 'dueOn'>): string {
  return `由${departmentName(r.routeLead)}牵头办理，答复期限为${formatDateZh(r.dueOn)}。`;
}

/** ISO 8601 in Shanghai time (+08:00, which has no daylight saving), to the second. */
export function shanghaiDateTime(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

/** The day's end of office hours in Shanghai: answers are due by 18:00 on the due day. */
const dueDateTime = (dueOn: string) => `${dueOn}T18:00:00+08:00`;

export function publicDescription(r: Pick<PublicRequestRow, 'institutionName' | 'category'>): string {
  const category = isComplaintCategory(r.category) ? CATEGORIES[r.category].name : '其他';
  return `关于${r.institutionName ?? '未在名录中的机构'}的${category}投诉`;
}

export function requestJson(r: PublicRequestRow) {
  return {
    service_request_id: r.trackingNumber,
    status: r.status === 'closed' ? ('closed' as const) : ('open' as const),
    status_notes: statusNotes(r),
    service_name: isComplaintCategory(r.category) ? CATEGORIES[r.category].name : null,
    service_code: r.category,
    description: publicDescription(r),
    agency_responsible: departmentName(r.routeLead),
    service_notice: serviceNotice(r),
    requested_datetime: shanghaiDateTime(r.receivedAt),
    updated_datetime: shanghaiDateTime(r.updatedAt),
    expected_datetime: dueDateTime(r.dueOn),
    address: r.institutionName !== null ? r.institutionAddress : r.street ? streetName(r.street) : null,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}

/** The answer to a successful post, with `access_code` (not in the standard; see the README). */
export function postedJson(trackingNumber: string, accessCode: string, notice: string) {
  return [{ service_request_id: trackingNumber, service_notice: notice, account_id: null, access_code: accessCode }];
}
