/**
 * The internal timeline of a case in words, for staff (every change is an event: who,
 * when, what, before and after). Pure: names for event kinds, a line of detail from an event's
 * data, and each changed field as "before → after". Unknown kinds and fields are shown with their
 * raw names rather than dropped, so nothing recorded is hidden from the people who handle it.
 */
import { RESULT_NAMES, STATUS_NAMES, type ComplaintResult, type ComplaintStatus } from '../complaints/complaint-timeline';
import { formatDateTimeZh, formatDateZh, ISO_DATE } from '../shared/dates';
import { DEPARTMENTS, type DepartmentCode } from '../shared/reference';

export const EVENT_NAMES: Record<string, string> = {
  received: '受理',
  dispatched: '派单',
  merged: '标记为重复投诉',
  duplicate_added: '并入一件重复投诉',
  info_requested: '请投诉人补充信息',
  info_received: '收到补充信息',
  accepted: '签收',
  returned: '退回',
  coordination: '转区教育局协调',
  contribute: '提交协办意见',
  note: '调查记录',
  reply: '答复投诉人',
  closed: '办结',
  whistle: '街镇吹哨',
  report_in: '部门报到',
  escalated: '超期上报',
};

const FIELD_NAMES: Record<string, string> = {
  status: '状态',
  lead: '牵头部门',
  assisting: '协办部门',
  returns: '退回次数',
  coordination: '区教育局协调',
  pausedFrom: '暂停前状态',
  pausedOn: '暂停日期',
  dueOn: '答复期限',
  answeredAt: '答复时间',
  answeredOnTime: '按期答复',
  result: '办理结果',
  closedAt: '办结时间',
  linkedInspectionId: '关联检查记录',
  linkedListDecisionId: '关联名单决定',
  duplicateOf: '并入的案件（内部编号）',
  escalatedAt: '超期上报时间',
};

const dept = (code: unknown) => (typeof code === 'string' ? (DEPARTMENTS[code as DepartmentCode]?.name ?? code) : '');
const depts = (codes: unknown) => (Array.isArray(codes) && codes.length > 0 ? codes.map(dept).join('、') : '无');
const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** One value of a changed field, in words. */
export function formatFieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (field === 'status' || field === 'pausedFrom') return STATUS_NAMES[value as ComplaintStatus] ?? String(value);
  if (field === 'result') return RESULT_NAMES[value as ComplaintResult] ?? String(value);
  if (field === 'lead') return dept(value);
  if (field === 'assisting') return depts(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return formatDateTimeZh(value);
  if (typeof value === 'string' && ISO_DATE.test(value)) return formatDateZh(value);
  // Instants are stored in the event's JSON as ISO strings.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTimeZh(new Date(value));
  if (Array.isArray(value)) return value.join('、') || '无';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

/** Each field the event changed, as it was and as it became; unchanged fields are left out. */
export function describeChanges(before: Record<string, unknown> | null, after: Record<string, unknown> | null): FieldChange[] {
  if (!after) return [];
  return Object.keys(after)
    .map((field) => ({
      field,
      label: FIELD_NAMES[field] ?? field,
      before: formatFieldValue(field, before?.[field]),
      after: formatFieldValue(field, after[field]),
    }))
    .filter((c) => c.before !== c.after);
}

/** Lines of detail from an event's data; the event's note (text written by a person) is shown apart. */
export function describeEventData(kind: string, data: Record<string, unknown>): string[] {
  const lines: (string | null)[] = [];
  switch (kind) {
    case 'dispatched': {
      lines.push(`牵头：${dept(data.lead)}；协办：${depts(data.assisting)}`);
      const s = data.suggested as { lead?: unknown; assisting?: unknown } | undefined;
      if (s) lines.push(`与系统建议不同（建议牵头：${dept(s.lead)}；协办：${depts(s.assisting)}）`);
      if (str(data.reason)) lines.push(`改派理由：${data.reason}`);
      break;
    }
    case 'returned':
      lines.push(`退回部门：${dept(data.department)}`);
      if (str(data.reason)) lines.push(`退回理由：${data.reason}`);
      if (str(data.suggest)) lines.push(`建议承办：${dept(data.suggest)}`);
      break;
    case 'merged':
      if (str(data.into)) lines.push(`并入投诉 ${data.into}`);
      break;
    case 'duplicate_added':
      lines.push(`重复投诉 ${String(data.duplicate ?? '')}${typeof data.peopleAffected === 'number' ? `（涉及 ${data.peopleAffected} 人）` : ''}`);
      break;
    case 'accepted':
    case 'reply':
    case 'contribute':
    case 'report_in':
      if (data.department) lines.push(dept(data.department));
      break;
    case 'whistle':
      lines.push(`须报到部门：${depts(data.departments)}；报到期限：${formatFieldValue('reportBy', data.reportBy)}`);
      break;
    case 'info_received':
      if (str(data.resumedOn)) lines.push(`恢复计时：${formatFieldValue('resumedOn', data.resumedOn)}`);
      break;
    case 'escalated':
      lines.push(`责任部门：${depts(data.departments)}；已通知 ${Array.isArray(data.notified) ? data.notified.length : 0} 人`);
      break;
    case 'closed':
      if (typeof data.result === 'string') lines.push(`办理结果：${formatFieldValue('result', data.result)}`);
      if (str(data.with)) lines.push(`随投诉 ${data.with} 一并办结`);
      break;
  }
  return lines.filter((l): l is string => l !== null);
}
