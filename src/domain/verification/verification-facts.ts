/**
 * What a landlord's check reads and gives: the landlord's input, the facts of the day as the
 * database held them (kept with the record so it can be judged again), and the result's shape.
 * The rules that turn one into the other are in verification.ts and verification-checks.ts.
 */
import type { IsoDate } from '../shared/dates';
import type { ListKind } from '../registry/list-status';

/** How the landlord named the tenant. */
export type TenantRef = { kind: 'credit_code'; code: string } | { kind: 'licence_number'; number: string };

export interface VerificationInput {
  tenant: TenantRef;
  /** The premises, as the landlord wrote it. */
  address: string;
  leaseStart: IsoDate | null;
  leaseEnd: IsoDate | null;
  /** The training the tenant says it will run there. */
  training: string | null;
}

export interface InstitutionFacts {
  creditCode: string;
  name: string;
  fields: string[];
  legalForm: string;
  entryPath: string;
  registrationAuthority: string;
  address: string;
  operatingStatus: string;
  registeredOn: IsoDate;
  asOf: IsoDate;
}

export interface LicenceFact {
  number: string;
  issuingAuthority: string;
  issuedOn: IsoDate;
  expiresOn: IsoDate;
  revokedOn: IsoDate | null;
  revocationReason: string | null;
  scope: string;
  address: string;
}

export interface ListDecisionFact {
  list: ListKind;
  reason: string;
  department: string;
  effectiveOn: IsoDate;
  removedOn: IsoDate | null;
}

export interface WarningFact {
  id: number;
  title: string;
  severity: string;
  publishedOn: IsoDate;
}

export interface FundFact {
  custodyKind: string;
  custodianBank: string | null;
  bondInsurer: string | null;
  bondCoverYuan: number | null;
  prepaidCardFiling: string | null;
  asOf: IsoDate;
}

/** Everything the verdict depends on, as it stood on `asOf`: stored with the record, as JSON. */
export interface VerificationFacts {
  asOf: IsoDate;
  /** Null when no institution answers to the code or licence number. */
  institution: InstitutionFacts | null;
  licences: LicenceFact[];
  decisions: ListDecisionFact[];
  /** Risk warnings naming the institution that were in force on `asOf`. */
  warnings: WarningFact[];
  /** Complaints found substantiated (or partly) whose case is not closed yet. */
  unresolvedSubstantiatedComplaints: number;
  fund: FundFact | null;
}

export const CHECK_OUTCOMES = ['pass', 'warning', 'fail', 'not_possible'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];
export const VERDICTS = ['pass', 'warning', 'fail'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const CHECK_CODES = ['exists', 'licence', 'address', 'training', 'blacklist', 'warnings', 'complaints', 'fund'] as const;
export type CheckCode = (typeof CHECK_CODES)[number];

/** What a check function returns: its outcome and the sentence that says why. */
export interface CheckFinding {
  outcome: CheckOutcome;
  message: string;
}

export interface Check extends CheckFinding {
  code: CheckCode;
  title: string;
}

export interface VerificationResult {
  verdict: Verdict;
  checks: Check[];
  rulesVersion: string;
}
