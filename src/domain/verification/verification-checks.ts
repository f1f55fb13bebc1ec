/**
 * The checks of a landlord's verification (src/domain/verification/verification.ts holds the table that orders
 * them and turns their outcomes into a verdict). Each reads only the facts of the day and the
 * landlord's input, and says why in one or two plain Chinese sentences.
 */
import { compareAddresses } from './address';
import { daysBetween, formatDateZh } from '../shared/dates';
import { EXPIRING_WINDOW_DAYS, licenceInForce, licenceState } from '../registry/licence-state';
import { decisionInForce } from '../registry/list-status';
import { DEPARTMENTS, FIELDS, type DepartmentCode, type TrainingField } from '../shared/reference';
import { trainingKeywords } from './training-keywords';
import type { CheckFinding, LicenceFact, VerificationFacts, VerificationInput } from './verification-facts';

const fieldName = (f: string) => FIELDS[f as TrainingField]?.name ?? f;
const deptName = (d: string) => DEPARTMENTS[d as DepartmentCode]?.name ?? d;
const needsLicence = (f: string) => FIELDS[f as TrainingField]?.licenceRequired === true;
/** Text without spaces and punctuation, for "is the stated course written in the scope". */
const compact = (s: string) => s.normalize('NFKC').toUpperCase().replace(/[\s\p{P}\p{S}]/gu, '');
const NOT_FOUND: CheckFinding = { outcome: 'not_possible', message: '没有找到该机构，无法核对此项。' };

/** The institution's licences in force on the day, the one running longest first. */
function licencesInForce(facts: VerificationFacts): LicenceFact[] {
  return facts.licences
    .filter((l) => licenceInForce(licenceState(l, facts.asOf)))
    .sort((a, b) => (a.expiresOn < b.expiresOn ? 1 : -1));
}

function tenantName(input: VerificationInput): string {
  return input.tenant.kind === 'credit_code' ? `统一社会信用代码为 ${input.tenant.code} 的机构` : `许可证号为“${input.tenant.number}”的办学许可证`;
}

export function checkExists(facts: VerificationFacts, input: VerificationInput): CheckFinding {
  const i = facts.institution;
  if (!i) {
    return {
      outcome: 'fail',
      message: `本平台名录中没有${tenantName(input)}。可能是外区机构、尚未登记，或号码抄错了；未经登记或许可开展培训属于无证无照办学。`,
    };
  }
  if (i.operatingStatus === 'suspended') return { outcome: 'fail', message: `“${i.name}”目前处于停业状态，不能开展培训。` };
  if (i.operatingStatus === 'closed') return { outcome: 'fail', message: `“${i.name}”已注销或关闭，不能开展培训。` };
  return { outcome: 'pass', message: `“${i.name}”已在本平台名录中，经营状态为正常经营（信息截至${formatDateZh(i.asOf)}）。` };
}

export function checkLicence(facts: VerificationFacts, input: VerificationInput): CheckFinding {
  const i = facts.institution;
  if (!i) return NOT_FOUND;
  const licenced = i.fields.filter(needsLicence);
  if (licenced.length === 0) {
    const kinds = i.fields.map(fieldName).join('、');
    const how = i.entryPath === 'filing' ? '实行登记备案' : '依法登记即可';
    return { outcome: 'pass', message: `其培训类别（${kinds}）无需办学许可证，${how}；已在${deptName(i.registrationAuthority)}登记。` };
  }
  const need = `其培训类别“${licenced.map(fieldName).join('、')}”须取得${[...new Set(licenced.map((f) => deptName(FIELDS[f as TrainingField].lead)))].join('、')}的办学许可`;
  const [best] = licencesInForce(facts);
  if (!best) {
    const latest = [...facts.licences].sort((a, b) => (a.issuedOn < b.issuedOn ? 1 : -1))[0];
    if (!latest) return { outcome: 'fail', message: `未查到办学许可证。${need}，方可开展培训（实施方案第五部分）。` };
    const state = licenceState(latest, facts.asOf);
    const what =
      state === 'revoked' ? `已于${formatDateZh(latest.revokedOn)}被吊销${latest.revocationReason ? `（${latest.revocationReason}）` : ''}`
      : state === 'not_yet_valid' ? `自${formatDateZh(latest.issuedOn)}起才生效`
      : `已于${formatDateZh(latest.expiresOn)}到期，未查到延续后的许可证`;
    return { outcome: 'fail', message: `办学许可证（${latest.number}）${what}。${need}。` };
  }
  const held = `持有有效的办学许可证（${best.number}，有效期至${formatDateZh(best.expiresOn)}）`;
  if (input.leaseEnd && input.leaseEnd > best.expiresOn) {
    return {
      outcome: 'warning',
      message: `${held}，但租期到${formatDateZh(input.leaseEnd)}，超出许可证有效期。许可证于${formatDateZh(best.expiresOn)}到期，请在到期前核实机构已经延续许可。`,
    };
  }
  const left = daysBetween(facts.asOf, best.expiresOn);
  if (left <= EXPIRING_WINDOW_DAYS) {
    return { outcome: 'warning', message: `${held}，但许可证将在${left}天后（${formatDateZh(best.expiresOn)}）到期，请核实机构已申请延续。` };
  }
  return { outcome: 'pass', message: `${held}。${need}。` };
}

export function checkAddress(facts: VerificationFacts, input: VerificationInput): CheckFinding {
  const i = facts.institution;
  if (!i) return NOT_FOUND;
  const licenceFields = i.fields.some(needsLicence);
  const inForce = licencesInForce(facts);
  // A licensed school may train only at its licensed address (擅自变更办学地址 is grounds for revocation).
  const candidates =
    licenceFields && inForce.length > 0
      ? inForce.map((l) => ({ label: `办学许可证（${l.number}）上的办学地址`, address: l.address }))
      : [{ label: '登记地址', address: i.address }, ...inForce.map((l) => ({ label: `办学许可证（${l.number}）上的办学地址`, address: l.address }))];
  const rank = { match: 0, probably_same: 1, different: 2, unparseable: 3 } as const;
  const compared = candidates
    .map((c) => ({ ...c, result: compareAddresses(input.address, c.address) }))
    .sort((a, b) => rank[a.result.outcome] - rank[b.result.outcome]);
  const best = compared[0]!;
  const reasons = best.result.reasons.join('；');
  switch (best.result.outcome) {
    case 'match':
      return { outcome: 'pass', message: `与${best.label}“${best.address}”一致（${reasons}）。` };
    case 'probably_same':
      return { outcome: 'warning', message: `与${best.label}“${best.address}”可能是同一处，但${reasons}。请核对是否为同一处场所。` };
    case 'different':
      return {
        outcome: licenceFields ? 'fail' : 'warning',
        message: licenceFields
          ? `与${best.label}“${best.address}”不是同一处：${reasons}。须在许可的办学地址开展培训，变更地址须先经审批。`
          : `与${best.label}“${best.address}”不是同一处：${reasons}。机构在登记地址以外经营，须先办理变更登记。`,
      };
    case 'unparseable':
      return { outcome: 'not_possible', message: `${reasons}，因此无法比对地址；其他各项已照常核对。请按“路名+门牌号+室号”的格式重新填写，例如“金沙江路1000弄5号301室”。` };
  }
}

export function checkTraining(facts: VerificationFacts, input: VerificationInput): CheckFinding {
  const i = facts.institution;
  if (!i) return NOT_FOUND;
  const inForce = licencesInForce(facts);
  const scope = inForce.map((l) => l.scope).join('；');
  const kindsRegistered = `“${i.fields.map(fieldName).join('、')}”`;
  const registered = `登记的培训类别为${kindsRegistered}`;
  const scopeText = scope ? `办学内容为“${scope}”` : '';
  if (!input.training) {
    return { outcome: 'not_possible', message: `未填写拟开展的培训内容，此项未核对（不影响结论）。该机构${[scopeText, registered].filter(Boolean).join('，')}，请对照核对。` };
  }
  const stated = input.training;
  if (scope && compact(stated) && compact(scope).includes(compact(stated))) {
    return { outcome: 'pass', message: `“${stated}”在办学许可证的办学内容“${scope}”之内。` };
  }
  const hits = trainingKeywords(stated);
  if (hits.length === 0) {
    return { outcome: 'warning', message: `无法从“${stated}”判断属于哪个培训类别。该机构${[scopeText, registered].filter(Boolean).join('，')}，请自行对照，或咨询行业主管部门。` };
  }
  const upperScope = scope.normalize('NFKC').toUpperCase();
  const findings = hits.map((h): CheckFinding => {
    const kinds = h.fields.map(fieldName).join('或');
    if (upperScope.includes(h.word)) return { outcome: 'pass', message: `“${h.word}”见于办学内容“${scope}”` };
    const own = h.fields.filter((f) => i.fields.includes(f));
    const free = own.filter((f) => !needsLicence(f));
    if (free.length > 0) return { outcome: 'pass', message: `“${h.word}”属于该机构登记的“${free.map(fieldName).join('、')}”类，此类无需办学许可证` };
    if (own.length > 0) return { outcome: 'warning', message: `“${h.word}”属于“${kinds}”类，该机构登记有此类别，但办学许可证的办学内容中没有写到，请核实是否在核定的办学内容之内` };
    if (h.fields.every(needsLicence)) return { outcome: 'fail', message: `“${h.word}”属于“${kinds}”类培训，须取得办学许可，而该机构${registered}` };
    return { outcome: 'warning', message: `“${h.word}”属于“${kinds}”类，不在该机构登记的培训类别（${kindsRegistered}）之内，须先办理变更登记` };
  });
  const worst = (['fail', 'warning', 'pass'] as const).find((o) => findings.some((f) => f.outcome === o))!;
  return { outcome: worst, message: `${findings.map((f) => f.message).join('；')}。` };
}

export function checkBlacklist(facts: VerificationFacts): CheckFinding {
  if (!facts.institution) return NOT_FOUND;
  const inForce = facts.decisions.filter((d) => decisionInForce(d, facts.asOf));
  const black = inForce.find((d) => d.list === 'black');
  if (black) {
    return { outcome: 'fail', message: `已于${formatDateZh(black.effectiveOn)}被${deptName(black.department)}列入黑名单：${black.reason}。` };
  }
  const white = inForce.find((d) => d.list === 'white');
  if (white) return { outcome: 'pass', message: `未列入黑名单；自${formatDateZh(white.effectiveOn)}起列入白名单（${white.reason}）。` };
  return { outcome: 'pass', message: '未列入黑名单，也未列入白名单。' };
}

const SEVERITY: Record<string, string> = { info: '提示', caution: '警示', severe: '严重警示' };

export function checkWarnings(facts: VerificationFacts): CheckFinding {
  if (!facts.institution) return NOT_FOUND;
  if (facts.warnings.length === 0) return { outcome: 'pass', message: '没有涉及该机构的风险提示。' };
  const list = facts.warnings.map((w) => `“${w.title}”（${SEVERITY[w.severity] ?? w.severity}，${formatDateZh(w.publishedOn)}）`).join('；');
  return { outcome: 'warning', message: `有${facts.warnings.length}条涉及该机构的风险提示：${list}。签约前请阅读。` };
}

export function checkComplaints(facts: VerificationFacts): CheckFinding {
  if (!facts.institution) return NOT_FOUND;
  const n = facts.unresolvedSubstantiatedComplaints;
  if (n === 0) return { outcome: 'pass', message: '没有经查属实而尚未办结的投诉。' };
  return { outcome: 'warning', message: `有${n}件针对该机构的投诉经查属实（或部分属实），尚未办结。` };
}

export function checkFund(facts: VerificationFacts): CheckFinding {
  if (!facts.institution) return NOT_FOUND;
  const f = facts.fund;
  const risk = '机构预收学费而资金没有监管时，一旦关门，学员难以退费——这是实施方案要求场所业主留意并报告的风险。';
  if (!f) return { outcome: 'warning', message: `未查到资金监管信息（银行存管或风险保证金）。${risk}` };
  const asOf = `（信息截至${formatDateZh(f.asOf)}）`;
  if (f.custodyKind === 'bank_custody') return { outcome: 'pass', message: `预收资金由${f.custodianBank ?? '银行'}存管${asOf}。` };
  if (f.custodyKind === 'risk_deposit') return { outcome: 'pass', message: `已缴纳风险保证金${f.custodianBank ? `，存于${f.custodianBank}` : ''}${asOf}。` };
  if (f.bondInsurer) return { outcome: 'warning', message: `没有银行存管或风险保证金，仅有${f.bondInsurer}的履约保证保险${asOf}。${risk}` };
  return { outcome: 'warning', message: `没有银行存管或风险保证金${asOf}。${risk}` };
}
