/**
 * From stored case records to what the rules need: the facts `decide` reads
 * (case-machine.ts), the facts `canSeeCase` reads (staff-roles.ts), the pauses that move a
 * deadline, and the actions an actor could take now. Pure: the server loads the rows and asks.
 */
import { decide, type CaseAction, type CaseActionType, type CaseActor, type CaseFacts, type CaseStatus } from './case-machine';
import type { IsoDate } from '../shared/dates';
import type { DepartmentCode } from '../shared/reference';
import type { CaseAccessFacts } from './case-access';
import type { Pause } from '../shared/working-days';

/** The parts of a complaints row the rules read. */
export interface CaseRecord {
  status: string;
  pausedFrom: string | null;
  routeLead: string;
  routeAssisting: readonly string[];
  lead: string | null;
  assisting: readonly string[];
  returns: number;
  coordination: boolean;
  street: string | null;
}

/** A case_contributions row: one assisting department's part. */
export interface ContributionRecord {
  department: string;
  dueOn: IsoDate;
  text: string | null;
}

/** A whistle with the departments named by it and whether each has reported in. */
export interface WhistleRecord {
  id: number;
  reports: readonly { department: string; reportedAt: Date | null }[];
}

/**
 * The facts of `decide`. Only the current assisting departments count: a part given before the
 * case was returned and routed elsewhere belongs to a department no longer on it. A part is
 * pending while it is missing and its sub-deadline (dueOn) has not passed; after that the lead
 * may reply without it.
 */
export function caseFacts(c: CaseRecord, contributions: readonly ContributionRecord[], whistles: readonly WhistleRecord[], today: IsoDate): CaseFacts {
  const current = contributions.filter((p) => c.assisting.includes(p.department));
  return {
    status: c.status as CaseStatus,
    pausedFrom: c.pausedFrom === 'received' || c.pausedFrom === 'accepted' ? c.pausedFrom : null,
    suggestedLead: c.routeLead as DepartmentCode,
    suggestedAssisting: c.routeAssisting as DepartmentCode[],
    lead: c.lead as DepartmentCode | null,
    assisting: c.assisting as DepartmentCode[],
    returns: c.returns,
    street: c.street,
    pendingContributions: current.filter((p) => p.text === null && p.dueOn >= today).map((p) => p.department as DepartmentCode),
    contributed: current.filter((p) => p.text !== null).map((p) => p.department as DepartmentCode),
    openWhistles: whistles
      .map((w) => ({ id: w.id, pending: w.reports.filter((r) => r.reportedAt === null).map((r) => r.department as DepartmentCode) }))
      .filter((w) => w.pending.length > 0),
  };
}

/** The facts of `canSeeCase` / `canSeeContact`. */
export function accessFacts(c: CaseRecord, whistleDepartments: readonly string[]): CaseAccessFacts {
  return {
    departments: [...(c.lead ? [c.lead] : []), ...c.assisting],
    whistleDepartments,
    coordination: c.coordination,
    street: c.street,
  };
}

/** A stored event of the timeline, as far as pauses are concerned. */
export interface PauseEvent {
  kind: string;
  data: Record<string, unknown>;
}

/**
 * The times a case waited for the complainant, rebuilt from the timeline: each 'info_received'
 * event records the day the case was sent back (pausedOn) and the day the answer came (resumedOn).
 */
export function pausesFromEvents(events: readonly PauseEvent[]): Pause[] {
  return events
    .filter((e) => e.kind === 'info_received' && typeof e.data.pausedOn === 'string' && typeof e.data.resumedOn === 'string')
    .map((e) => ({ from: e.data.pausedOn as IsoDate, to: e.data.resumedOn as IsoDate }));
}

/**
 * Sample actions for asking `decide` whether an action type is possible at all: filled so that
 * only who acts and the case's state decide (a reason is given, the suggested route is taken).
 */
function probes(facts: CaseFacts, today: IsoDate): CaseAction[] {
  const words = '—';
  return [
    { type: 'dispatch', lead: facts.suggestedLead, assisting: [...facts.suggestedAssisting], reason: words },
    { type: 'mark_duplicate', of: words },
    { type: 'request_info', question: words },
    { type: 'info_received', text: words },
    { type: 'accept' },
    { type: 'return', reason: words },
    { type: 'contribute', text: words },
    { type: 'note', text: words },
    { type: 'reply', text: words },
    { type: 'close', result: 'substantiated' },
    { type: 'close', result: 'withdrawn' },
    { type: 'whistle', departments: ['edu'], reportBy: today, note: words },
    ...facts.openWhistles.map((w): CaseAction => ({ type: 'report_in', whistleId: w.id, finding: words })),
  ];
}

/** The action types `decide` would allow this actor on this case now (each once, in form order). */
export function allowedActions(facts: CaseFacts, actor: CaseActor, today: IsoDate): CaseActionType[] {
  // A duplicate target is asked for only to see whether marking is possible at all.
  const withTarget: CaseFacts = { ...facts, duplicateTarget: { status: 'received', sameCase: false } };
  const allowed = new Set<CaseActionType>();
  for (const action of probes(facts, today)) if (decide(withTarget, action, actor).ok) allowed.add(action.type);
  return [...allowed];
}
