/**
 * The banners of a profile (issue 16, item 1): what happened, since when, who decided it and what
 * a family should do. One per serious fact: blacklisted, licence revoked / expired / missing,
 * suspended, closed. Derived from the same records as the verdict (verdict.ts).
 */
import type { IsoDate } from '../shared/dates';
import type { OperatingStatus } from '../shared/reference';
import { licenceState, overallLicenceState } from './licence-state';
import { decisionInForce, type ListDecisionDates } from './list-status';

export type BannerKind = 'black' | 'licence_revoked' | 'licence_expired' | 'licence_missing' | 'suspended' | 'closed';

export interface Banner {
  kind: BannerKind;
  /** The day it took effect; null when the records hold none (an operating status has no date). */
  since: IsoDate | null;
  /** The department code of who decided or recorded it; null when nobody did (a missing licence). */
  decidedBy: string | null;
  reason: string | null;
  basis: string | null;
}

export interface BannerRecords {
  decisions: readonly (ListDecisionDates & { department: string; reason: string; legalBasis: string })[];
  licences: readonly { issuedOn: IsoDate; expiresOn: IsoDate; revokedOn: IsoDate | null; issuingAuthority: string; revocationReason: string | null }[];
  licenceRequired: boolean;
  operatingStatus: OperatingStatus;
  /** 登记机关: it records the operating status. */
  registrationAuthority: string;
}

const latestBy = <T>(items: readonly T[], day: (x: T) => IsoDate): T | undefined =>
  [...items].sort((a, b) => (day(a) < day(b) ? 1 : day(a) > day(b) ? -1 : 0))[0];

/** The banners in the order a parent must read them: blacklist, licence, operating status. */
export function profileBanners(r: BannerRecords, today: IsoDate): Banner[] {
  const out: Banner[] = [];
  const black = latestBy(r.decisions.filter((d) => d.list === 'black' && decisionInForce(d, today)), (d) => d.effectiveOn);
  if (black) out.push({ kind: 'black', since: black.effectiveOn, decidedBy: black.department, reason: black.reason, basis: black.legalBasis });

  const state = overallLicenceState([...r.licences], today);
  if (state === 'revoked') {
    const l = latestBy(r.licences.filter((x) => licenceState(x, today) === 'revoked'), (x) => x.revokedOn!)!;
    out.push({ kind: 'licence_revoked', since: l.revokedOn, decidedBy: l.issuingAuthority, reason: l.revocationReason, basis: null });
  } else if (state === 'expired') {
    const l = latestBy(r.licences, (x) => x.expiresOn)!;
    out.push({ kind: 'licence_expired', since: l.expiresOn, decidedBy: l.issuingAuthority, reason: null, basis: null });
  } else if (r.licenceRequired && (state === 'none' || state === 'not_yet_valid')) {
    out.push({ kind: 'licence_missing', since: null, decidedBy: null, reason: null, basis: null });
  }

  if (r.operatingStatus !== 'operating') {
    out.push({ kind: r.operatingStatus, since: null, decidedBy: r.registrationAuthority, reason: null, basis: null });
  }
  return out;
}
