/**
 * The life of a complaint case in the dispatch queue (mechanism 4 of the plan): the dispatcher
 * routes it, the lead department accepts or returns it, assisting departments give their parts,
 * the lead replies and closes. A case returned twice goes to 区教育局 for coordination instead of
 * bouncing again. Pure: `decide` says whether an action is allowed for this actor on this case and
 * what the case becomes; db/queries/cases/cases.ts writes the outcome and its events in one transaction.
 *
 * A refusal is a message for the person who tried, and nothing changes.
 */
import { z } from 'zod';
import { COMPLAINT_STATUSES, RESULTS, type ComplaintResult } from '../complaints/complaint-timeline';
import { atMostCharacters } from '../shared/form-fields';
import { DEPARTMENT_CODES, DEPARTMENTS, type DepartmentCode } from '../shared/reference';
import { DISPATCHING_DEPARTMENTS, type StaffActor } from '../staff/staff-roles';

export const CASE_STATUSES = COMPLAINT_STATUSES;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses in which a case still needs work; the others are final. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['received', 'dispatched', 'coordinating', 'accepted', 'awaiting_info', 'answered'];
export const isOpen = (s: CaseStatus) => OPEN_STATUSES.includes(s);

/** Returns before a case goes to coordination (mechanism 4: 区教育局 coordinates disputed cases). */
export const RETURNS_BEFORE_COORDINATION = 2;

const text = (max: number, what: string) =>
  z
    .string({ error: `请填写${what}。` })
    .trim()
    .min(1, { error: `请填写${what}。` })
    .refine(atMostCharacters(max), { error: `${what}不能超过 ${max} 个字。` });
const department = z.enum(DEPARTMENT_CODES, { error: '请从列表中选择部门。' });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '请按“年-月-日”填写日期。' });

/** Every action a staff member (or the complainant, for info_received) can take on a case. */
export const caseActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('dispatch'),
    lead: department,
    assisting: z.array(department).max(8).default([]),
    /** Required when the route differs from the suggested one. */
    reason: z.string().trim().max(500).optional(),
  }),
  z.object({ type: z.literal('mark_duplicate'), of: z.string().trim().min(1, { error: '请填写重复的投诉编号。' }).max(20) }),
  z.object({ type: z.literal('request_info'), question: text(1000, '需要补充的内容') }),
  z.object({ type: z.literal('info_received'), text: text(4000, '补充的信息') }),
  z.object({ type: z.literal('accept') }),
  z.object({ type: z.literal('return'), reason: text(500, '退回理由'), suggest: department.optional() }),
  z.object({ type: z.literal('contribute'), text: text(4000, '协办意见') }),
  z.object({ type: z.literal('note'), text: text(4000, '调查记录') }),
  z.object({ type: z.literal('reply'), text: text(4000, '答复内容') }),
  z.object({
    type: z.literal('close'),
    result: z.enum(RESULTS, { error: '请选择办理结果。' }),
    inspectionId: z.coerce.number().int().positive().optional(),
    listDecisionId: z.coerce.number().int().positive().optional(),
  }),
  z.object({
    type: z.literal('whistle'),
    departments: z.array(department).min(1, { error: '请至少选择一个需要报到的部门。' }).max(10),
    reportBy: isoDate,
    note: text(1000, '吹哨事由'),
  }),
  z.object({ type: z.literal('report_in'), whistleId: z.coerce.number().int().positive(), finding: text(2000, '报到情况') }),
]);
export type CaseAction = z.output<typeof caseActionSchema>;
export type CaseActionType = CaseAction['type'];

/** What the rules need to know about a case; loaded by the server. */
export interface CaseFacts {
  status: CaseStatus;
  /** Set while awaiting_info: the status to go back to when the complainant answers. */
  pausedFrom: 'received' | 'accepted' | null;
  suggestedLead: DepartmentCode;
  suggestedAssisting: readonly DepartmentCode[];
  /** The current route, once dispatched. */
  lead: DepartmentCode | null;
  assisting: readonly DepartmentCode[];
  returns: number;
  street: string | null;
  /** Assisting departments whose part is missing and whose sub-deadline has not passed. */
  pendingContributions: readonly DepartmentCode[];
  /** Assisting departments that have already given their part. */
  contributed: readonly DepartmentCode[];
  /** Whistles on the case that are still waiting for reports, with the departments still due. */
  openWhistles: readonly { id: number; pending: readonly DepartmentCode[] }[];
  /** Only for the duplicate check: the status of the case named in mark_duplicate, if found. */
  duplicateTarget?: { status: CaseStatus; sameCase: boolean } | null;
}

/** Who acts: a staff member, or the complainant through the tracking page. */
export type CaseActor = { kind: 'staff'; staff: StaffActor } | { kind: 'complainant' };

export type Decision =
  | { ok: true; status: CaseStatus; /** Route the case to coordination instead of the dispatcher. */ toCoordination?: boolean }
  | { ok: false; message: string };

const STATUS_WORDS: Record<CaseStatus, string> = {
  received: '待派单',
  dispatched: '待签收',
  coordinating: '待协调',
  accepted: '办理中',
  awaiting_info: '等待投诉人补充信息',
  answered: '已答复',
  closed: '已办结',
  merged: '已合并',
};
const refuse = (message: string): Decision => ({ ok: false, message });
const inState = (facts: CaseFacts, allowed: readonly CaseStatus[], what: string): Decision | null =>
  allowed.includes(facts.status) ? null : refuse(`此案件当前状态为“${STATUS_WORDS[facts.status]}”，不能${what}。`);
const name = (d: DepartmentCode) => DEPARTMENTS[d].name;
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

const isDispatcher = (a: CaseActor) => a.kind === 'staff' && a.staff.role === 'dispatcher';
const isCoordinator = (a: CaseActor) => a.kind === 'staff' && a.staff.role === 'coordinator';
const deptOf = (a: CaseActor): DepartmentCode | null => (a.kind === 'staff' && (a.staff.role === 'handler' || a.staff.role === 'coordinator') ? a.staff.department : null);
const isLead = (a: CaseActor, f: CaseFacts) => a.kind === 'staff' && a.staff.role === 'handler' && f.lead !== null && a.staff.department === f.lead;

/** Whether the actor may take this action on this case now, and the status it leads to. */
export function decide(facts: CaseFacts, action: CaseAction, actor: CaseActor): Decision {
  const staffRole = actor.kind === 'staff' ? actor.staff.role : null;
  if (staffRole === 'supervisor') return refuse('督导账号只能查看，不能办理案件。');
  if (staffRole === 'admin') return refuse('管理员账号不能办理案件。');

  switch (action.type) {
    case 'dispatch': {
      const byDispatcher = isDispatcher(actor) && facts.status === 'received';
      const byCoordinator = isCoordinator(actor) && facts.status === 'coordinating';
      if (!byDispatcher && !byCoordinator) {
        if (!isDispatcher(actor) && !isCoordinator(actor)) return refuse('只有派单员（或协调中的案件由区教育局协调办）可以派单。');
        return inState(facts, isDispatcher(actor) ? ['received'] : ['coordinating'], '派单') ?? refuse('不能派单。');
      }
      if (action.assisting.includes(action.lead)) return refuse(`${name(action.lead)}已是牵头部门，不能同时作为协办部门。`);
      if ((DISPATCHING_DEPARTMENTS as readonly string[]).includes(action.lead)) return refuse(`${name(action.lead)}负责派单，不能作为承办部门。`);
      const changed = action.lead !== facts.suggestedLead || !sameSet(action.assisting, facts.suggestedAssisting);
      if (changed && !action.reason) return refuse('改派的部门与系统建议不同，请填写改派理由。');
      return { ok: true, status: 'dispatched' };
    }
    case 'mark_duplicate': {
      if (!isDispatcher(actor)) return refuse('只有派单员可以标记重复投诉。');
      const bad = inState(facts, ['received'], '标记为重复');
      if (bad) return bad;
      const t = facts.duplicateTarget;
      if (!t) return refuse(`没有找到编号为 ${action.of} 的投诉。`);
      if (t.sameCase) return refuse('不能把案件标记为它自己的重复。');
      if (!isOpen(t.status)) return refuse(`投诉 ${action.of} 已办结，只能与办理中的投诉合并。`);
      return { ok: true, status: 'merged' };
    }
    case 'request_info': {
      if (isDispatcher(actor)) return inState(facts, ['received'], '退回投诉人补充信息') ?? { ok: true, status: 'awaiting_info' };
      if (isLead(actor, facts)) return inState(facts, ['accepted'], '退回投诉人补充信息') ?? { ok: true, status: 'awaiting_info' };
      return refuse('只有派单员或牵头部门可以请投诉人补充信息。');
    }
    case 'info_received': {
      const bad = inState(facts, ['awaiting_info'], '登记补充信息');
      if (bad) return bad;
      const allowed = actor.kind === 'complainant' || isDispatcher(actor) || isLead(actor, facts);
      if (!allowed) return refuse('只有投诉人、派单员或牵头部门可以登记补充信息。');
      return { ok: true, status: facts.pausedFrom ?? 'received' };
    }
    case 'accept': {
      if (!isLead(actor, facts)) return refuse('只有被派单的牵头部门可以签收。');
      return inState(facts, ['dispatched'], '签收') ?? { ok: true, status: 'accepted' };
    }
    case 'return': {
      if (!isLead(actor, facts)) return refuse('只有牵头部门可以退回案件。');
      const bad = inState(facts, ['dispatched', 'accepted'], '退回');
      if (bad) return bad;
      if (action.suggest && action.suggest === facts.lead) return refuse('建议的承办部门不能是本部门。');
      const toCoordination = facts.returns + 1 >= RETURNS_BEFORE_COORDINATION;
      return { ok: true, status: toCoordination ? 'coordinating' : 'received', toCoordination };
    }
    case 'contribute': {
      const d = deptOf(actor);
      if (d === null || !facts.assisting.includes(d) || staffRole !== 'handler') return refuse('只有协办部门可以提交协办意见。');
      if (facts.contributed.includes(d)) return refuse('本部门已提交过协办意见。');
      return inState(facts, ['dispatched', 'accepted'], '提交协办意见') ?? { ok: true, status: facts.status };
    }
    case 'note': {
      if (!isLead(actor, facts)) return refuse('只有牵头部门可以记录调查情况。');
      return inState(facts, ['accepted'], '记录调查情况') ?? { ok: true, status: 'accepted' };
    }
    case 'reply': {
      if (!isLead(actor, facts)) return refuse('只有牵头部门可以答复投诉人。');
      const bad = inState(facts, ['accepted'], '答复');
      if (bad) return bad;
      if (facts.pendingContributions.length > 0) {
        return refuse(`协办部门尚未提交意见：${facts.pendingContributions.map(name).join('、')}。请在其协办期限届满或提交后再合并答复。`);
      }
      return { ok: true, status: 'answered' };
    }
    case 'close': {
      // A withdrawn complaint may be closed by the dispatcher before anyone accepted it.
      if (action.result === 'withdrawn' && isDispatcher(actor)) {
        return inState(facts, ['received', 'awaiting_info'], '以“撤回”办结') ?? { ok: true, status: 'closed' };
      }
      if (!isLead(actor, facts)) return refuse('只有牵头部门可以办结案件。');
      if (facts.status === 'dispatched') return refuse('案件尚未签收，不能办结。');
      return inState(facts, ['answered'], '办结（请先答复投诉人）') ?? { ok: true, status: 'closed' };
    }
    case 'whistle': {
      if (!(actor.kind === 'staff' && actor.staff.role === 'grid' && actor.staff.street !== null && actor.staff.street === facts.street)) {
        return refuse('只有案件所在街镇的网格员可以吹哨。');
      }
      return isOpen(facts.status) ? { ok: true, status: facts.status } : refuse('案件已办结，不能再吹哨。');
    }
    case 'report_in': {
      const d = deptOf(actor);
      const whistle = facts.openWhistles.find((w) => w.id === action.whistleId);
      if (!whistle) return refuse('这次吹哨不存在或已全部报到。');
      if (d === null || staffRole !== 'handler' || !whistle.pending.includes(d)) return refuse('本部门不在这次吹哨的报到名单中，或已经报到。');
      return { ok: true, status: facts.status };
    }
  }
}

/** The result names in the order a handler chooses them. */
export const CLOSE_RESULTS: readonly ComplaintResult[] = RESULTS;
