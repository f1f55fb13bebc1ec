/**
 * The supervisor's oversight figures (plan section 四: 区政府教育督导室
 * 督政考核 whether each department and street handles its cases on time). Pure: db/queries/oversight/oversight.ts
 * loads one row of facts per case received in the period, and everything here is counted from them,
 * so a figure can always be traced back to cases.
 *
 * Who a case counts for:
 * - a department: the case's current lead (the department that must answer). A case with no lead
 *   (waiting for dispatch, in coordination, sent back before dispatch, merged or withdrawn before
 *   anyone led it) counts under NO_LEAD_NAME, so departments + NO_LEAD_NAME = the district.
 *   Exception: "returned" counts, per department, the cases THAT department returned (from the
 *   timeline); the current lead of a returned case is by definition another department.
 * - a street: the case's street (the institution's, or the one reported); cases without one count
 *   under NO_STREET_NAME, so streets + NO_STREET_NAME = the district.
 */
import { deadlineFlag } from '../cases/case-deadlines';
import { onTimeRate, shareOf } from '../complaints/complaint-rates';
import { OPEN_STATUSES } from '../cases/case-machine';
import type { ComplaintStatus } from '../complaints/complaint-timeline';
import { daysBetween, type IsoDate } from '../shared/dates';
import { DEPARTMENT_CODES, DEPARTMENTS, STREET_CODES, STREETS, type DepartmentCode, type StreetCode } from '../shared/reference';
import { workingDaysBetween } from '../shared/working-days';

/** What the figures read of one case (a complaints row, answered_at as a Shanghai date). */
export interface OversightCase {
  status: ComplaintStatus;
  lead: string | null;
  street: string | null;
  receivedOn: IsoDate;
  dueOn: IsoDate;
  answeredOn: IsoDate | null;
  answeredOnTime: boolean | null;
  returns: number;
  /** Departments that returned the case at some time (events of kind 'returned'). */
  returnedBy: readonly string[];
}

/** Days of receipt, both ends included. */
export interface OversightPeriod {
  from: IsoDate;
  to: IsoDate;
}

export interface GroupStats {
  received: number;
  /** Answered (a reply was given), whether on time or late; the case may since be closed. */
  answered: number;
  answeredOnTime: number;
  /** Cases whose answer was due by now: answered ones, and open ones overdue today. */
  due: number;
  /** answeredOnTime / due, from 0 to 1; null with nothing due yet. */
  onTimeShare: number | null;
  /** Overdue today (deadlineFlag): open, not paused for the complainant, past the due day. */
  overdue: number;
  /** Median of the working days from receipt to answer; null with nothing answered. */
  medianWorkingDays: number | null;
  returned: number;
  /** Not yet closed (OPEN_STATUSES: answered but not closed counts as open). */
  open: number;
}

export interface OversightRow extends GroupStats {
  /** A department or street code; null for NO_LEAD_NAME / NO_STREET_NAME. */
  code: string | null;
  name: string;
}

export interface Oversight {
  period: OversightPeriod;
  today: IsoDate;
  total: GroupStats;
  /** Departments with any case in the period (as lead, or having returned one), most cases first; the no-lead row last. */
  departments: OversightRow[];
  /** All ten streets and towns in their usual order, then NO_STREET_NAME when it has cases. */
  streets: OversightRow[];
}

export const NO_LEAD_NAME = '待派单（尚无承办部门）';
export const NO_STREET_NAME = '未注明街镇';

/** The middle value; the mean of the two middle values for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Working days from receipt to answer (0 when answered on the day of receipt). */
export const daysToAnswer = (c: Pick<OversightCase, 'receivedOn' | 'answeredOn'>): number | null =>
  c.answeredOn === null ? null : Math.max(0, workingDaysBetween(c.receivedOn, c.answeredOn));

/** The figures of one group of cases; `returned` is given when it is not "returned at all". */
export function groupStats(cases: readonly OversightCase[], today: IsoDate, returned = cases.filter((c) => c.returns > 0).length): GroupStats {
  const answered = cases.filter((c) => c.answeredOn !== null);
  // The public statistics use the same definition (src/domain/complaints/complaint-rates.ts).
  const onTime = onTimeRate(cases, today);
  return {
    received: cases.length,
    answered: answered.length,
    answeredOnTime: onTime.part,
    due: onTime.whole,
    onTimeShare: shareOf(onTime),
    overdue: cases.filter((c) => deadlineFlag(c.status, c.dueOn, today) === 'overdue').length,
    medianWorkingDays: median(answered.map((c) => daysToAnswer(c)!)),
    returned,
    open: cases.filter((c) => OPEN_STATUSES.includes(c.status)).length,
  };
}

const inPeriod = (p: OversightPeriod) => (c: OversightCase) => c.receivedOn >= p.from && c.receivedOn <= p.to;

function groupBy(cases: readonly OversightCase[], key: (c: OversightCase) => string | null): Map<string | null, OversightCase[]> {
  const groups = new Map<string | null, OversightCase[]>();
  for (const c of cases) {
    const k = key(c);
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  return groups;
}

const departmentRank = (code: string) => {
  const i = (DEPARTMENT_CODES as readonly string[]).indexOf(code);
  return i === -1 ? DEPARTMENT_CODES.length : i;
};

/** The figures of the period, per department, per street and for the district, as of `today`. */
export function oversight(rows: readonly OversightCase[], period: OversightPeriod, today: IsoDate): Oversight {
  const cases = rows.filter(inPeriod(period));
  const byLead = groupBy(cases, (c) => c.lead);
  const byStreet = groupBy(cases, (c) => c.street);

  const departmentCodes = new Set<string>();
  for (const c of cases) {
    if (c.lead) departmentCodes.add(c.lead);
    for (const d of c.returnedBy) departmentCodes.add(d);
  }
  const departments: OversightRow[] = [...departmentCodes]
    .map((code) => {
      const returned = cases.filter((c) => c.returnedBy.includes(code)).length;
      return { code, name: DEPARTMENTS[code as DepartmentCode]?.name ?? code, ...groupStats(byLead.get(code) ?? [], today, returned) };
    })
    .sort((a, b) => b.received - a.received || departmentRank(a.code) - departmentRank(b.code));
  const noLead = byLead.get(null);
  if (noLead) departments.push({ code: null, name: NO_LEAD_NAME, ...groupStats(noLead, today) });

  const streets: OversightRow[] = STREET_CODES.map((code) => ({ code, name: STREETS[code], ...groupStats(byStreet.get(code) ?? [], today) }));
  // A street code the reference list does not know (should not happen) keeps its code as name.
  for (const [code, group] of byStreet) {
    if (code !== null && !(STREET_CODES as readonly string[]).includes(code)) streets.push({ code, name: STREETS[code as StreetCode] ?? code, ...groupStats(group, today) });
  }
  const noStreet = byStreet.get(null);
  if (noStreet) streets.push({ code: null, name: NO_STREET_NAME, ...groupStats(noStreet, today) });

  return { period, today, total: groupStats(cases, today), departments, streets };
}

/** The figures that add up: departments (with the no-lead row) and streets each sum to the district. */
export const ADDITIVE: readonly (keyof GroupStats)[] = ['received', 'answered', 'answeredOnTime', 'due', 'overdue', 'open'];

/** "83%", or "—" when nothing was due. */
export function formatShare(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

/** "3", "2.5", or "—" when nothing was answered. */
export function formatDays(days: number | null): string {
  return days === null ? '—' : String(Math.round(days * 10) / 10);
}

/** A case overdue today, with how many calendar days past its due day. */
export type Overdue<T> = T & { daysLate: number };

/** The candidates (open, past the due day) that deadlineFlag calls overdue today, in the given order. */
export function overdueNow<T extends { status: ComplaintStatus; dueOn: IsoDate }>(candidates: readonly T[], today: IsoDate): Overdue<T>[] {
  return candidates.filter((c) => deadlineFlag(c.status, c.dueOn, today) === 'overdue').map((c) => ({ ...c, daysLate: daysBetween(c.dueOn, today) }));
}
