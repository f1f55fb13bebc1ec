import { describe, expect, it } from 'vitest';
import { LICENCE_STATES, type LicenceState } from '../../../src/domain/registry/licence-state';
import {
  FACT_TARGETS,
  MAX_FACTS,
  listStanding,
  profileVerdict,
  recentSubstantiated,
  type ListStanding,
  type Verdict,
  type VerdictRecords,
} from '../../../src/domain/registry/verdict';
import { OPERATING_STATUSES, type OperatingStatus } from '../../../src/domain/shared/reference';
import { isMessageKey } from '../../../src/i18n';
import { VERDICT_CASES, normal } from '../../fixtures/verdict-cases';

const TODAY = '2026-06-15';

describe('profileVerdict on the table of cases', () => {
  it.each(VERDICT_CASES)('$why → $verdict', ({ records, verdict, facts, advice }) => {
    const v = profileVerdict({ ...normal, ...records }, TODAY);
    expect(v.verdict).toBe(verdict);
    expect(v.facts.map((f) => f.messageKey.replace(/^verdict\.fact\./, ''))).toEqual(facts);
    expect(v.advice.map((a) => a.messageKey.replace(/^verdict\.advice\./, ''))).toEqual(advice);
  });

  it('every fact links to its section and every message exists in the catalogue', () => {
    for (const { records } of VERDICT_CASES) {
      const v = profileVerdict({ ...normal, ...records }, TODAY);
      for (const f of v.facts) {
        expect(f.target).toBe(FACT_TARGETS[f.kind]);
        expect(isMessageKey(f.messageKey), f.messageKey).toBe(true);
      }
      for (const a of v.advice) expect(isMessageKey(a.messageKey), a.messageKey).toBe(true);
      expect(isMessageKey(`verdict.${v.verdict}`)).toBe(true);
    }
  });

  it('the complaint link fills in the institution', () => {
    const v = profileVerdict({ ...normal, listStatus: 'black' }, TODAY);
    expect(v.advice.find((a) => a.messageKey === 'verdict.advice.paid')?.href).toBe(`/complaints/new?institution=${normal.creditCode}`);
  });
});

/** Every combination of the states that decide the verdict. */
function* everyCombination(): Generator<VerdictRecords> {
  for (const licenceState of [...LICENCE_STATES, 'none'] as (LicenceState | 'none')[])
    for (const licenceRequired of [true, false])
      for (const listStatus of ['white', 'black', 'none'] as const)
        for (const operatingStatus of OPERATING_STATUSES)
          for (const fund of [null, { custodyKind: 'bank_custody', bondInsurer: null }])
            for (const complaints of [[], [{ result: 'substantiated', closedOn: '2026-05-01' }]])
              for (const warnings of [[], [{ severity: 'caution' }], [{ severity: 'severe' }]])
                yield { ...normal, licenceState, licenceRequired, listStatus, operatingStatus, fund, complaints, warnings };
}

describe('contradictions are impossible (every combination)', () => {
  const all = [...everyCombination()];
  it.each([
    ['the verdict is the worst tone among the facts, and no fact is dropped that would change it', (r: VerdictRecords) => {
      const v = profileVerdict(r, TODAY);
      const worst: Verdict = v.facts.some((f) => f.tone === 'bad') ? 'stop' : v.facts.some((f) => f.tone === 'warn') ? 'caution' : 'go';
      expect(v.verdict).toBe(worst);
    }],
    ['3 to 5 facts', (r: VerdictRecords) => {
      const n = profileVerdict(r, TODAY).facts.length;
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(MAX_FACTS);
    }],
    ['suspended, closed, blacklisted or revoked is always "stop"', (r: VerdictRecords) => {
      if (r.operatingStatus !== 'operating' || r.listStatus === 'black' || r.licenceState === 'revoked') {
        expect(profileVerdict(r, TODAY).verdict).toBe('stop');
      }
    }],
    ['a whitelist is never a good fact beside a stop', (r: VerdictRecords) => {
      const v = profileVerdict(r, TODAY);
      const whiteGood = v.facts.some((f) => f.kind === 'list' && f.tone === 'good');
      if (r.operatingStatus !== 'operating') expect(whiteGood).toBe(false);
      if (whiteGood) expect(v.facts.some((f) => f.kind === 'operating' && f.tone === 'bad')).toBe(false);
    }],
    ['"go" only when nothing is wrong or uncertain', (r: VerdictRecords) => {
      if (profileVerdict(r, TODAY).verdict === 'go') {
        expect(r.operatingStatus).toBe('operating');
        expect(r.listStatus).not.toBe('black');
        expect(r.fund).not.toBeNull();
        expect(r.warnings).toEqual([]);
        expect(r.complaints).toEqual([]);
      }
    }],
  ])('%s', (_name, check) => {
    for (const r of all) check(r);
  });
});

describe('listStanding: a list tag never contradicts the operating status', () => {
  it.each<{ list: 'white' | 'black' | 'none'; operating: OperatingStatus; licence: LicenceState | 'none'; required: boolean; standing: ListStanding }>([
    { list: 'white', operating: 'operating', licence: 'valid', required: true, standing: 'white' },
    { list: 'white', operating: 'operating', licence: 'none', required: false, standing: 'white' },
    { list: 'white', operating: 'operating', licence: 'expiring', required: true, standing: 'white' },
    { list: 'white', operating: 'suspended', licence: 'valid', required: true, standing: 'white_not_applicable' },
    { list: 'white', operating: 'closed', licence: 'valid', required: false, standing: 'white_not_applicable' },
    { list: 'white', operating: 'operating', licence: 'revoked', required: false, standing: 'white_not_applicable' },
    { list: 'white', operating: 'operating', licence: 'expired', required: true, standing: 'white_not_applicable' },
    { list: 'white', operating: 'operating', licence: 'none', required: true, standing: 'white_not_applicable' },
    { list: 'black', operating: 'operating', licence: 'valid', required: true, standing: 'black' },
    { list: 'black', operating: 'closed', licence: 'revoked', required: true, standing: 'black' },
    { list: 'none', operating: 'suspended', licence: 'valid', required: true, standing: 'none' },
  ])('$list, $operating, licence $licence (required: $required) → $standing', ({ list, operating, licence, required, standing }) => {
    expect(listStanding(list, operating, licence, required)).toBe(standing);
  });
});

describe('recentSubstantiated', () => {
  it.each<{ why: string; complaints: VerdictRecords['complaints']; count: number }>([
    { why: 'none', complaints: [], count: 0 },
    { why: 'substantiated last month', complaints: [{ result: 'substantiated', closedOn: '2026-05-15' }], count: 1 },
    { why: 'partly substantiated', complaints: [{ result: 'partly_substantiated', closedOn: '2026-01-02' }], count: 1 },
    { why: 'not substantiated', complaints: [{ result: 'not_substantiated', closedOn: '2026-05-15' }], count: 0 },
    { why: 'closed 364 days ago', complaints: [{ result: 'substantiated', closedOn: '2025-06-16' }], count: 1 },
    { why: 'closed 365 days ago', complaints: [{ result: 'substantiated', closedOn: '2025-06-15' }], count: 0 },
    { why: 'withdrawn', complaints: [{ result: 'withdrawn', closedOn: '2026-05-15' }], count: 0 },
    { why: 'no closing day', complaints: [{ result: 'substantiated', closedOn: null }], count: 0 },
  ])('$why: $count', ({ complaints, count }) => {
    expect(recentSubstantiated(complaints, TODAY)).toBe(count);
  });
});
