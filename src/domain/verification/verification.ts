/**
 * A landlord's check of a tenant (plan, section 六(二): owners of premises check a training
 * tenant's qualifications and training content before and during a lease). The verdict is a pure
 * function of the facts as they stood on the day (VerificationFacts, kept with the record) and of
 * what the landlord entered, so the same record can be judged again later against today's facts.
 *
 * The rules are a table (VERIFICATION_CHECKS): each row names a check, what it shows and how a
 * "could not check" counts; each check explains its outcome in a plain Chinese sentence.
 */
import {
  checkAddress,
  checkBlacklist,
  checkComplaints,
  checkExists,
  checkFund,
  checkLicence,
  checkTraining,
  checkWarnings,
} from './verification-checks';
import type { Check, CheckCode, CheckFinding, CheckOutcome, Verdict, VerificationFacts, VerificationInput, VerificationResult } from './verification-facts';

export * from './verification-facts';

/** Bumped when a rule changes meaning, so an old record says which rules judged it. */
export const VERIFICATION_RULES_VERSION = '2026-1';

export interface CheckRule {
  code: CheckCode;
  title: string;
  /**
   * How "could not check" counts towards the verdict: as a warning where the landlord must not rely
   * on a pass without it (the premises), or not at all where the input was optional and left out.
   */
  notPossible: 'warning' | 'ignored';
  run: (facts: VerificationFacts, input: VerificationInput) => CheckFinding;
}

/** The rules, in the order the record shows them. */
export const VERIFICATION_CHECKS: readonly CheckRule[] = [
  { code: 'exists', title: '机构存在且正常经营', notPossible: 'warning', run: checkExists },
  { code: 'licence', title: '办学许可或登记', notPossible: 'warning', run: checkLicence },
  { code: 'address', title: '场所地址', notPossible: 'warning', run: checkAddress },
  { code: 'training', title: '培训内容', notPossible: 'ignored', run: checkTraining },
  { code: 'blacklist', title: '黑白名单', notPossible: 'warning', run: checkBlacklist },
  { code: 'warnings', title: '风险提示', notPossible: 'warning', run: checkWarnings },
  { code: 'complaints', title: '经查属实的投诉', notPossible: 'warning', run: checkComplaints },
  { code: 'fund', title: '预收资金监管', notPossible: 'warning', run: checkFund },
];

export const CHECK_TITLES = Object.fromEntries(VERIFICATION_CHECKS.map((r) => [r.code, r.title])) as Record<CheckCode, string>;

/** Whether a check's outcome counts towards the verdict (a "could not check" counts as its rule says). */
function counts(c: Pick<Check, 'code' | 'outcome'>): boolean {
  return c.outcome !== 'not_possible' || VERIFICATION_CHECKS.find((r) => r.code === c.code)?.notPossible === 'warning';
}

/** The verdict: any failed check fails; any warning (or a check that could not be made and counts) warns. */
export function overallVerdict(checks: readonly Pick<Check, 'code' | 'outcome'>[]): Verdict {
  const effective = checks.filter(counts).map((c) => (c.outcome === 'not_possible' ? 'warning' : c.outcome));
  if (effective.includes('fail')) return 'fail';
  if (effective.includes('warning')) return 'warning';
  return 'pass';
}

/** Runs every check on the facts and the landlord's input. */
export function evaluateVerification(facts: VerificationFacts, input: VerificationInput): VerificationResult {
  const checks = VERIFICATION_CHECKS.map((rule) => ({ code: rule.code, title: rule.title, ...rule.run(facts, input) }));
  return { verdict: overallVerdict(checks), checks, rulesVersion: VERIFICATION_RULES_VERSION };
}

export const VERDICT_NAMES: Record<Verdict, string> = { pass: '通过', warning: '需要注意', fail: '不通过' };
export const OUTCOME_NAMES: Record<CheckOutcome, string> = { pass: '通过', warning: '注意', fail: '不通过', not_possible: '无法核对' };

/** One sentence for the top of the record. */
export function verdictSummary(result: Pick<VerificationResult, 'verdict' | 'checks'>): string {
  const titles = (keep: (c: Pick<Check, 'code' | 'outcome'>) => boolean) => result.checks.filter(keep).map((c) => c.title).join('、');
  switch (result.verdict) {
    case 'pass':
      return '各项核验均通过：该机构在核验之日具备在此场所开展所述培训的公开资质。';
    case 'warning':
      return `没有发现不通过的项目，但以下各项需要注意：${titles((c) => c.outcome === 'warning' || (c.outcome === 'not_possible' && counts(c)))}。签约前请逐项核实。`;
    case 'fail':
      return `以下各项不通过：${titles((c) => c.outcome === 'fail')}。在问题解决前，不宜将场所出租给该机构用于培训。`;
  }
}
