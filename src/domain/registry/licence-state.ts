/**
 * A licence's state is derived from its dates and a revocation decision, never stored:
 * revoked > expired > expiring (within 90 days) > valid; not yet in force counts as not valid.
 */
import { addDays, type IsoDate } from '../shared/dates';

export const LICENCE_STATES = ['valid', 'expiring', 'expired', 'revoked', 'not_yet_valid'] as const;
export type LicenceState = (typeof LICENCE_STATES)[number];

/** Days before expiry when a licence is flagged as expiring. */
export const EXPIRING_WINDOW_DAYS = 90;

export interface LicenceDates {
  issuedOn: IsoDate;
  expiresOn: IsoDate;
  revokedOn: IsoDate | null;
}

export function licenceState(licence: LicenceDates, today: IsoDate): LicenceState {
  if (licence.revokedOn && licence.revokedOn <= today) return 'revoked';
  if (licence.expiresOn < today) return 'expired';
  if (licence.issuedOn > today) return 'not_yet_valid';
  if (licence.expiresOn <= addDays(today, EXPIRING_WINDOW_DAYS)) return 'expiring';
  return 'valid';
}

/** Whether a licence in this state allows the institution to operate today. */
export function licenceInForce(state: LicenceState): boolean {
  return state === 'valid' || state === 'expiring';
}

/**
 * The state that best describes an institution with several licences: one in force wins; otherwise
 * a revocation is the more serious fact for a parent, then expiry. The database filter in
 * db/queries/registry/derived-sql.ts applies the same order.
 */
export function overallLicenceState(licences: LicenceDates[], today: IsoDate): LicenceState | 'none' {
  if (licences.length === 0) return 'none';
  const states = licences.map((l) => licenceState(l, today));
  for (const s of ['valid', 'expiring', 'revoked', 'expired'] as const) if (states.includes(s)) return s;
  return 'not_yet_valid';
}
