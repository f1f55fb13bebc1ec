/**
 * What the public tracking page shows of a complaint's event log: a redacted view. Only events
 * marked public are passed in; here they become dated lines naming departments (public bodies)
 * but never staff, contact details or internal notes.
 */
import { DEPARTMENTS, type DepartmentCode } from '../shared/reference';

/** The case statuses; the rules that move a case between them are in case-machine.ts. */
export const COMPLAINT_STATUSES = ['received', 'dispatched', 'coordinating', 'accepted', 'awaiting_info', 'answered', 'closed', 'merged'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const STATUS_NAMES: Record<ComplaintStatus, string> = {
  received: '已受理，等待派单',
  dispatched: '已派单，等待部门签收',
  coordinating: '区教育局协调中',
  accepted: '部门办理中',
  awaiting_info: '等待您补充信息',
  answered: '部门已答复',
  closed: '已办结',
  merged: '已与同一事项的投诉合并办理',
};

export const RESULTS = ['substantiated', 'partly_substantiated', 'not_substantiated', 'not_our_duty', 'withdrawn'] as const;
export type ComplaintResult = (typeof RESULTS)[number];
export const RESULT_NAMES: Record<ComplaintResult, string> = {
  substantiated: '属实',
  partly_substantiated: '部分属实',
  not_substantiated: '不属实',
  not_our_duty: '不属于本部门职责',
  withdrawn: '投诉人撤回',
};

export interface PublicEvent {
  kind: string;
  at: Date;
  note: string | null;
  data: Record<string, unknown>;
}

export interface TimelineEntry {
  at: Date;
  title: string;
  detail: string | null;
}

const dept = (code: unknown): string => DEPARTMENTS[code as DepartmentCode]?.name ?? '相关部门';
const depts = (codes: unknown): string => (Array.isArray(codes) ? codes.map(dept).join('、') : '');

/** One line per public event, oldest first; unknown kinds are shown generically, never dropped. */
export function publicTimeline(events: readonly PublicEvent[]): TimelineEntry[] {
  return events.map((e) => {
    const d = e.data;
    switch (e.kind) {
      case 'received':
        return { at: e.at, title: '投诉已受理', detail: '热线派单人员将按职责把投诉派给负责的部门。' };
      case 'dispatched':
        return { at: e.at, title: `已派至${dept(d.lead)}办理`, detail: depts(d.assisting) ? `协办部门：${depts(d.assisting)}` : null };
      case 'accepted':
        return { at: e.at, title: `${dept(d.department)}已签收`, detail: null };
      case 'info_requested':
        return { at: e.at, title: '需要您补充信息', detail: e.note };
      case 'info_received':
        return { at: e.at, title: '已收到您补充的信息', detail: null };
      case 'returned':
        // Which department returned it and why is internal; the public sees that it is re-routed.
        return { at: e.at, title: '重新派单中', detail: '承办部门认为本案需由其他部门办理，正在重新确定承办部门。' };
      case 'coordination':
        return { at: e.at, title: '转区教育局协调', detail: '本案涉及多个部门职责，由区教育局协调确定承办部门。' };
      case 'merged':
        return { at: e.at, title: '与同一事项的投诉合并办理', detail: '办理结果将在此一并告知。' };
      case 'reply':
        return { at: e.at, title: `${dept(d.department)}答复`, detail: e.note };
      case 'closed':
        return {
          at: e.at,
          title: '已办结',
          detail: typeof d.result === 'string' && d.result in RESULT_NAMES ? `办理结果：${RESULT_NAMES[d.result as ComplaintResult]}` : null,
        };
      default:
        return { at: e.at, title: '办理进展', detail: e.note };
    }
  });
}

