/**
 * "As it was" beside "as it is now" on a verification record: the few states a landlord watches
 * (operating, licence, lists, warnings, fund money, verdict), each derived from a facts snapshot
 * by the same domain functions as everywhere else, and whether it has changed since.
 */
import { overallLicenceState, type LicenceState } from '../registry/licence-state';
import { listStatus, type ListStatus } from '../registry/list-status';
import type { CheckCode, CheckOutcome, VerificationFacts, VerificationResult, Verdict } from './verification';

export interface StatusSnapshot {
  operatingStatus: string;
  licenceState: LicenceState | 'none';
  listStatus: ListStatus;
  warnings: number;
  /** bank_custody / risk_deposit / none, or 'missing' when nothing is on file. */
  fund: string;
  verdict: Verdict;
}

export const SNAPSHOT_ROWS = ['operatingStatus', 'licenceState', 'listStatus', 'warnings', 'fund', 'verdict'] as const;
export type SnapshotRow = (typeof SNAPSHOT_ROWS)[number];

/** The watched states of a snapshot, or null when it found no institution. */
export function statusSnapshot(facts: VerificationFacts, result: Pick<VerificationResult, 'verdict'>): StatusSnapshot | null {
  if (!facts.institution) return null;
  return {
    operatingStatus: facts.institution.operatingStatus,
    licenceState: overallLicenceState(facts.licences, facts.asOf),
    listStatus: listStatus(facts.decisions, facts.asOf),
    warnings: facts.warnings.length,
    fund: facts.fund?.custodyKind ?? 'missing',
    verdict: result.verdict,
  };
}

export interface StatusChange {
  row: SnapshotRow;
  then: StatusSnapshot[SnapshotRow] | null;
  now: StatusSnapshot[SnapshotRow] | null;
  changed: boolean;
}

/** One row per watched state, then and now; a side that found no institution reads null. */
export function statusChanges(then: StatusSnapshot | null, now: StatusSnapshot | null): StatusChange[] {
  return SNAPSHOT_ROWS.map((row) => {
    const a = then?.[row] ?? null;
    const b = now?.[row] ?? null;
    return { row, then: a, now: b, changed: a !== b };
  });
}

/** Checks whose outcome is different today, with today's finding. */
export function changedChecks(then: VerificationResult, now: VerificationResult): Map<CheckCode, { outcome: CheckOutcome; message: string }> {
  const out = new Map<CheckCode, { outcome: CheckOutcome; message: string }>();
  for (const c of now.checks) {
    const before = then.checks.find((x) => x.code === c.code);
    if (!before || before.outcome !== c.outcome) out.set(c.code, { outcome: c.outcome, message: c.message });
  }
  return out;
}
