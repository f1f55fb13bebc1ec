/**
 * 资金监管 of demo institutions (plan, section 五(二)): prepaid money kept in a bank custody account
 * or covered by a risk deposit, sometimes with performance-bond insurance and a single-purpose
 * prepaid-card filing; a minority has no arrangement at all.
 */
import type { IsoDate } from '../../src/domain/shared/dates';
import type { CustodyKind } from '../../src/domain/shared/reference';
import type { fundSupervision } from '../schema';
import type { Rng } from './random';

type FundRow = typeof fundSupervision.$inferInsert;

/** Bank branches in or near Putuo that hold custody accounts. */
const BANKS = [
  '中国工商银行上海市普陀支行',
  '中国农业银行上海普陀支行',
  '中国银行上海市普陀支行',
  '中国建设银行上海普陀支行',
  '交通银行上海普陀支行',
  '上海银行普陀支行',
  '上海农村商业银行普陀支行',
  '招商银行上海长风支行',
  '上海浦东发展银行普陀支行',
  '中国邮政储蓄银行上海普陀区支行',
];

/** Insurers with the policy-number prefix used for their demo policies. */
const INSURERS = [
  { name: '中国人民财产保险股份有限公司上海市分公司', prefix: 'PYAL' },
  { name: '中国平安财产保险股份有限公司上海分公司', prefix: 'PAIC' },
  { name: '中国太平洋财产保险股份有限公司上海分公司', prefix: 'ASHH' },
  { name: '中国大地财产保险股份有限公司上海分公司', prefix: 'CDBX' },
  { name: '中华联合财产保险股份有限公司上海分公司', prefix: 'CICP' },
];

/** The arrangement of one institution; `serial` makes policy and filing numbers unique. */
export function fundSupervisionFor(rng: Rng, institutionId: number, serial: number, registeredOn: IsoDate, today: IsoDate): FundRow {
  const custodyKind: CustodyKind = rng.weighted([
    { weight: 62, value: 'bank_custody' as const },
    { weight: 28, value: 'risk_deposit' as const },
    { weight: 10, value: 'none' as const },
  ]);
  // A risk deposit also sits in a designated bank account, so both kinds name a bank.
  const custodianBank = custodyKind === 'none' ? null : rng.pick(BANKS);
  const insured = rng.chance(custodyKind === 'none' ? 0.1 : 0.3);
  const insurer = insured ? rng.pick(INSURERS) : null;
  // Policies and filings are renewed yearly: the current one dates from the last three years.
  const todayYear = Number(today.slice(0, 4));
  const year = rng.int(Math.min(todayYear, Math.max(Number(registeredOn.slice(0, 4)), todayYear - 2)), todayYear);
  const filed = rng.chance(custodyKind === 'none' ? 0.1 : 0.45);
  return {
    institutionId,
    custodyKind,
    custodianBank,
    bondInsurer: insurer?.name ?? null,
    bondPolicy: insurer ? `${insurer.prefix}${year}310107${String(serial).padStart(8, '0')}` : null,
    bondCoverYuan: insurer ? rng.int(5, 50) * 10_000 : null,
    prepaidCardFiling: filed ? `沪商预付备〔${year}〕普${String(serial).padStart(6, '0')}号` : null,
    thirdPartyAudit: custodyKind !== 'none' && rng.chance(0.4),
    asOf: rng.dateBetween(`${todayYear}-01-01` < registeredOn ? registeredOn : `${todayYear}-01-01`, today),
  };
}
