import { describe, expect, it } from 'vitest';
import {
  EXPIRING_WINDOW_DAYS,
  licenceInForce,
  licenceState,
  overallLicenceState,
  type LicenceDates,
  type LicenceState,
} from '../../../src/domain/registry/licence-state';

// Every case is read on this day. 90 days later is 2026-09-13 (June 15 + 15 + 31 + 31 + 13).
const TODAY = '2026-06-15';

const licence = (issuedOn: string, expiresOn: string, revokedOn: string | null = null): LicenceDates => ({
  issuedOn,
  expiresOn,
  revokedOn,
});

describe('licenceState', () => {
  it('flags licences within a 90-day window', () => {
    expect(EXPIRING_WINDOW_DAYS).toBe(90);
  });

  it.each<{ why: string; dates: LicenceDates; state: LicenceState; inForce: boolean }>([
    { why: 'years left', dates: licence('2024-01-01', '2028-12-31'), state: 'valid', inForce: true },
    { why: 'issued today', dates: licence(TODAY, '2029-06-14'), state: 'valid', inForce: true },
    { why: 'expires in exactly 90 days', dates: licence('2024-01-01', '2026-09-13'), state: 'expiring', inForce: true },
    { why: 'expires in 91 days', dates: licence('2024-01-01', '2026-09-14'), state: 'valid', inForce: true },
    { why: 'expires tomorrow', dates: licence('2024-01-01', '2026-06-16'), state: 'expiring', inForce: true },
    { why: 'expires today, still in force', dates: licence('2024-01-01', TODAY), state: 'expiring', inForce: true },
    { why: 'expired yesterday', dates: licence('2024-01-01', '2026-06-14'), state: 'expired', inForce: false },
    { why: 'expired years ago', dates: licence('2018-01-01', '2021-01-01'), state: 'expired', inForce: false },
    { why: 'revoked last month', dates: licence('2024-01-01', '2028-12-31', '2026-05-10'), state: 'revoked', inForce: false },
    { why: 'revoked today', dates: licence('2024-01-01', '2028-12-31', TODAY), state: 'revoked', inForce: false },
    { why: 'revocation takes effect tomorrow', dates: licence('2024-01-01', '2028-12-31', '2026-06-16'), state: 'valid', inForce: true },
    { why: 'revocation in the future, expiring', dates: licence('2024-01-01', '2026-07-01', '2026-06-20'), state: 'expiring', inForce: true },
    { why: 'revoked and since expired', dates: licence('2020-01-01', '2023-01-01', '2022-03-01'), state: 'revoked', inForce: false },
    { why: 'issued tomorrow', dates: licence('2026-06-16', '2029-06-15'), state: 'not_yet_valid', inForce: false },
    { why: 'issued next month, short term', dates: licence('2026-07-01', '2026-08-01'), state: 'not_yet_valid', inForce: false },
  ])('$why: $state', ({ dates, state, inForce }) => {
    expect(licenceState(dates, TODAY)).toBe(state);
    expect(licenceInForce(licenceState(dates, TODAY))).toBe(inForce);
  });

  it('moves from valid to expiring to expired as the days pass', () => {
    const l = licence('2024-01-01', '2026-12-31');
    expect(licenceState(l, '2026-10-01')).toBe('valid'); // 91 days before
    expect(licenceState(l, '2026-10-02')).toBe('expiring'); // 90 days before
    expect(licenceState(l, '2026-12-31')).toBe('expiring');
    expect(licenceState(l, '2027-01-01')).toBe('expired');
  });
});

describe('overallLicenceState', () => {
  const valid = licence('2024-01-01', '2028-12-31');
  const expiring = licence('2023-07-01', '2026-07-31');
  const expired = licence('2020-01-01', '2023-01-01');
  const revoked = licence('2024-01-01', '2028-12-31', '2026-01-05');
  const notYet = licence('2026-09-01', '2029-08-31');

  it.each<{ why: string; licences: LicenceDates[]; state: LicenceState | 'none' }>([
    { why: 'no licence', licences: [], state: 'none' },
    { why: 'one valid', licences: [valid], state: 'valid' },
    { why: 'renewed after an expired one', licences: [expired, valid], state: 'valid' },
    { why: 'valid beats expiring', licences: [expiring, valid], state: 'valid' },
    { why: 'expiring beats expired', licences: [expired, expiring], state: 'expiring' },
    { why: 'a licence in force beats a revoked one', licences: [revoked, expiring], state: 'expiring' },
    { why: 'revoked is more serious than expired', licences: [expired, revoked], state: 'revoked' },
    { why: 'revoked outranks one not yet valid', licences: [notYet, revoked], state: 'revoked' },
    { why: 'expired outranks one not yet valid', licences: [notYet, expired], state: 'expired' },
    { why: 'only not yet valid', licences: [notYet], state: 'not_yet_valid' },
  ])('$why: $state', ({ licences, state }) => {
    expect(overallLicenceState(licences, TODAY)).toBe(state);
    expect(overallLicenceState([...licences].reverse(), TODAY)).toBe(state);
  });
});
