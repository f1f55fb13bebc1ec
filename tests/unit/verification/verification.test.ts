import { describe, expect, it } from 'vitest';
import {
  CHECK_CODES,
  evaluateVerification,
  overallVerdict,
  VERIFICATION_CHECKS,
  verdictSummary,
  type VerificationInput,
} from '../../../src/domain/verification/verification';
import { changedChecks, statusChanges, statusSnapshot } from '../../../src/domain/verification/verification-changes';
import { trainingKeywords } from '../../../src/domain/verification/training-keywords';
import { PASSING_FACTS, PASSING_INPUT, VERDICT_CASES } from '../../fixtures/verification-cases';

describe('verdict rules', () => {
  it.each(VERDICT_CASES)('$why → $verdict', ({ facts, input, outcomes, verdict, says }) => {
    const f = facts ? facts(structuredClone(PASSING_FACTS)) : PASSING_FACTS;
    const i: VerificationInput = { ...PASSING_INPUT, ...input };
    const result = evaluateVerification(f, i);
    const got = Object.fromEntries(result.checks.map((c) => [c.code, c.outcome]));
    expect(got).toMatchObject(outcomes);
    expect(result.verdict).toBe(verdict);
    for (const [code, words] of Object.entries(says ?? {})) {
      expect(result.checks.find((c) => c.code === code)!.message).toContain(words);
    }
  });

  it('runs every check, in the table order, each with a sentence', () => {
    for (const { facts, input } of VERDICT_CASES) {
      const result = evaluateVerification(facts ? facts(structuredClone(PASSING_FACTS)) : PASSING_FACTS, { ...PASSING_INPUT, ...input });
      expect(result.checks.map((c) => c.code)).toEqual([...CHECK_CODES]);
      for (const c of result.checks) expect(c.message).toMatch(/。$/);
    }
    expect(VERIFICATION_CHECKS.map((r) => r.code)).toEqual([...CHECK_CODES]);
  });

  it.each([
    [[], 'pass'],
    [[{ code: 'fund', outcome: 'warning' }], 'warning'],
    [[{ code: 'fund', outcome: 'warning' }, { code: 'exists', outcome: 'fail' }], 'fail'],
    [[{ code: 'address', outcome: 'not_possible' }], 'warning'],
    [[{ code: 'training', outcome: 'not_possible' }], 'pass'],
  ] as const)('overall verdict of %j is %s', (checks, verdict) => {
    expect(overallVerdict(checks)).toBe(verdict);
  });

  it('summarises the verdict by naming the checks that decided it', () => {
    const result = evaluateVerification({ ...PASSING_FACTS, fund: null }, PASSING_INPUT);
    expect(verdictSummary(result)).toContain('预收资金监管');
    const failed = evaluateVerification({ ...PASSING_FACTS, licences: [] }, PASSING_INPUT);
    expect(verdictSummary(failed)).toContain('办学许可或登记');
  });
});

describe('training keywords', () => {
  it('prefers the longer word and reports each once', () => {
    expect(trainingKeywords('国际象棋和象棋').map((h) => h.word)).toEqual(['国际象棋', '象棋']);
    expect(trainingKeywords('少儿编程 python').map((h) => h.word).sort()).toEqual(['PYTHON', '编程']);
    expect(trainingKeywords('书法')[0]!.fields).toEqual(['culture_edu', 'arts']);
  });
});

describe('then and now', () => {
  it('marks what changed since the record', () => {
    const then = evaluateVerification(PASSING_FACTS, PASSING_INPUT);
    const laterFacts = {
      ...PASSING_FACTS,
      asOf: '2026-09-01',
      decisions: [{ list: 'black' as const, reason: '卷款停业', department: 'edu', effectiveOn: '2026-08-20', removedOn: null }],
    };
    const now = evaluateVerification(laterFacts, PASSING_INPUT);
    const rows = statusChanges(statusSnapshot(PASSING_FACTS, then), statusSnapshot(laterFacts, now));
    expect(rows.filter((r) => r.changed).map((r) => r.row)).toEqual(['listStatus', 'verdict']);
    expect([...changedChecks(then, now).keys()]).toEqual(['blacklist']);
  });

  it('reads a side that found no institution as absent', () => {
    const empty = { ...PASSING_FACTS, institution: null };
    expect(statusSnapshot(empty, { verdict: 'fail' })).toBeNull();
    expect(statusChanges(null, null).every((r) => !r.changed && r.then === null)).toBe(true);
  });
});
