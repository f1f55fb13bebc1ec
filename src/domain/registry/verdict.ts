/**
 * The answer at the top of a profile (issue 16, item 1): 可以放心了解 / 请谨慎 / 不要缴费, with the
 * facts that decide it and what a family should do. Computed from the records only (habit 9):
 * licence state, list status, operating status, fund supervision, substantiated complaints of the
 * last year and open risk warnings.
 *
 * Every fact has a tone; the verdict is the worst tone among them (bad → stop, warn → caution,
 * otherwise go), so the box can never say "go" beside a fact that says otherwise.
 */
import type { IsoDate } from '../shared/dates';
import { addDays } from '../shared/dates';
import type { OperatingStatus } from '../shared/reference';
import { licenceInForce, type LicenceState } from './licence-state';
import type { ListStatus } from './list-status';
import { PREPAID_CAP } from './prepaid-cap';

export const VERDICTS = ['go', 'caution', 'stop'] as const;
export type Verdict = (typeof VERDICTS)[number];
export type Tone = 'good' | 'warn' | 'bad' | 'plain';
export type FactKind = 'licence' | 'list' | 'operating' | 'fund' | 'complaints' | 'warnings';

/** The section of the profile each fact links to (the id of its heading). */
export const FACT_TARGETS: Record<FactKind, string> = {
  licence: 'licences',
  list: 'lists',
  operating: 'basic',
  fund: 'fund',
  complaints: 'complain',
  warnings: 'warnings',
};

/** How far back a substantiated complaint counts as recent. */
export const RECENT_COMPLAINT_DAYS = 365;
/** At most this many facts in the box: the worst first. */
export const MAX_FACTS = 5;

export interface FundRecord {
  custodyKind: string;
  bondInsurer: string | null;
}

export interface VerdictRecords {
  creditCode: string;
  licenceState: LicenceState | 'none';
  licenceRequired: boolean;
  listStatus: ListStatus;
  operatingStatus: OperatingStatus;
  fund: FundRecord | null;
  /** Closed complaints about the institution: their result and the day they were closed. */
  complaints: readonly { result: string | null; closedOn: IsoDate | null }[];
  /** Risk warnings naming the institution that are published and not withdrawn today. */
  warnings: readonly { severity: string }[];
}

/** A message key of src/i18n with its parameters; the page translates it. */
export interface VerdictFact {
  kind: FactKind;
  tone: Tone;
  messageKey: string;
  params: Record<string, number>;
  target: string;
}

export interface VerdictAdvice {
  messageKey: string;
  params: Record<string, number>;
  href: string | null;
}

export interface ProfileVerdict {
  verdict: Verdict;
  facts: VerdictFact[];
  advice: VerdictAdvice[];
}

/** Prepaid money is protected by bank custody, a risk deposit or performance-bond insurance. */
export function fundSupervised(fund: FundRecord | null): boolean {
  return fund !== null && (fund.custodyKind !== 'none' || fund.bondInsurer !== null);
}

/**
 * The licence forbids operating: revoked, or a field that needs one and none is in force.
 * A lapsed licence in a field that needs none is only a warning.
 */
export function licenceBlocks(state: LicenceState | 'none', required: boolean): boolean {
  if (state === 'revoked') return true;
  return required && !licenceInForce(state as LicenceState);
}

/**
 * What the list status means today. A whitelist decision stays in the records while the
 * institution is suspended, closed or without the licence it needs, but it must not read as
 * "all is well" then: it becomes 'white_not_applicable'.
 */
export type ListStanding = 'black' | 'white' | 'white_not_applicable' | 'none';
export function listStanding(list: ListStatus, operating: OperatingStatus, licence: LicenceState | 'none', licenceRequired: boolean): ListStanding {
  if (list !== 'white') return list;
  return operating === 'operating' && !licenceBlocks(licence, licenceRequired) ? 'white' : 'white_not_applicable';
}

const SUBSTANTIATED = ['substantiated', 'partly_substantiated'];

/** Complaints found substantiated (in whole or in part) and closed within the last year. */
export function recentSubstantiated(complaints: VerdictRecords['complaints'], today: IsoDate): number {
  const since = addDays(today, -RECENT_COMPLAINT_DAYS);
  return complaints.filter((c) => SUBSTANTIATED.includes(c.result ?? '') && c.closedOn !== null && c.closedOn > since && c.closedOn <= today).length;
}

function fact(kind: FactKind, tone: Tone, key: string, params: Record<string, number> = {}): VerdictFact {
  return { kind, tone, messageKey: `verdict.fact.${kind}.${key}`, params, target: FACT_TARGETS[kind] };
}

function licenceFact(state: LicenceState | 'none', required: boolean): VerdictFact {
  if (state === 'none') return required ? fact('licence', 'bad', 'missing') : fact('licence', 'good', 'not_required');
  if (state === 'valid') return fact('licence', 'good', 'valid');
  if (state === 'expiring') return fact('licence', 'warn', 'expiring');
  if (state === 'revoked') return fact('licence', 'bad', 'revoked');
  // expired or not yet valid: fatal only where the field needs a licence.
  return fact('licence', required ? 'bad' : 'warn', state);
}

const TONE_RANK: Record<Tone, number> = { bad: 0, warn: 1, good: 2, plain: 3 };

/** The verdict, its facts (worst first, at most MAX_FACTS) and the advice for a family. */
export function profileVerdict(r: VerdictRecords, today: IsoDate): ProfileVerdict {
  const standing = listStanding(r.listStatus, r.operatingStatus, r.licenceState, r.licenceRequired);
  const complaints = recentSubstantiated(r.complaints, today);
  const severe = r.warnings.filter((w) => w.severity === 'severe').length;
  const facts: VerdictFact[] = [
    r.operatingStatus === 'operating' ? fact('operating', 'good', 'operating') : fact('operating', 'bad', r.operatingStatus),
    licenceFact(r.licenceState, r.licenceRequired),
    standing === 'black' ? fact('list', 'bad', 'black')
    : standing === 'white' ? fact('list', 'good', 'white')
    : standing === 'white_not_applicable' ? fact('list', 'plain', 'white_not_applicable')
    : fact('list', 'plain', 'none'),
    fundSupervised(r.fund) ? fact('fund', 'good', 'supervised') : fact('fund', 'warn', 'none'),
  ];
  if (complaints > 0) facts.push(fact('complaints', 'warn', 'substantiated', { count: complaints, days: RECENT_COMPLAINT_DAYS }));
  if (r.warnings.length > 0) {
    facts.push(severe > 0 ? fact('warnings', 'bad', 'severe', { count: r.warnings.length }) : fact('warnings', 'warn', 'open', { count: r.warnings.length }));
  }
  // A stable sort keeps the order above within a tone.
  const ordered = facts.map((f, i) => ({ f, i })).sort((a, b) => TONE_RANK[a.f.tone] - TONE_RANK[b.f.tone] || a.i - b.i).map(({ f }) => f);
  const verdict: Verdict = ordered.some((f) => f.tone === 'bad') ? 'stop' : ordered.some((f) => f.tone === 'warn') ? 'caution' : 'go';
  return { verdict, facts: ordered.slice(0, MAX_FACTS), advice: adviceFor(verdict, r.creditCode) };
}

/** The complaint form with the institution filled in. */
export const complaintHref = (creditCode: string) => `/complaints/new?institution=${encodeURIComponent(creditCode)}`;

function adviceFor(verdict: Verdict, creditCode: string): VerdictAdvice[] {
  const paid: VerdictAdvice = { messageKey: 'verdict.advice.paid', params: {}, href: complaintHref(creditCode) };
  const check: VerdictAdvice = { messageKey: 'verdict.advice.check', params: {}, href: '#complain' };
  // The summary above the advice already says not to enrol or pay (verdict.summary.stop).
  if (verdict === 'stop') return [paid, check];
  if (verdict === 'caution') {
    return [{ messageKey: 'verdict.advice.caution', params: { ...PREPAID_CAP }, href: '#contracts' }, paid, check];
  }
  return [{ messageKey: 'verdict.advice.go', params: { ...PREPAID_CAP }, href: '#contracts' }, { messageKey: 'verdict.advice.problem', params: {}, href: complaintHref(creditCode) }];
}
