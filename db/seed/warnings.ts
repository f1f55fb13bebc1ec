/**
 * 风险提示 of the demo (plan, section 六: warnings are published so residents can take care). The
 * texts are written for the demo after the kinds of warning Shanghai districts publish; some name
 * institutions, picked from the generated data by the problem the warning is about.
 */
import { addDays, type IsoDate } from '../../src/domain/shared/dates';
import type { WarningSeverity } from '../../src/domain/shared/reference';
import type { riskWarnings, warningInstitutions } from '../schema';

/** Kinds of institution a warning may name; the generator collects a few of each. */
export const WARNING_POOLS = ['blacklisted', 'overCap', 'unlicensed', 'lapsedLicence', 'lateClasses'] as const;
export type WarningPool = (typeof WARNING_POOLS)[number];

interface WarningText {
  title: string;
  body: string;
  severity: WarningSeverity;
  /** Published this many days before `today`. */
  daysAgo: number;
  /** Withdrawn this many days after publication (a seasonal notice that has run its course). */
  withdrawnAfter?: number;
  /** Institutions it names, and how many at most. */
  names?: { pool: WarningPool; max: number };
}

const WARNINGS: WarningText[] = [
  {
    title: '警惕培训机构超期、超额预收费用',
    body: '近期有培训机构以“多报多优惠”“限时折扣”为名，诱导家长一次性缴纳一年甚至更长时间的培训费用。按照本市规定，培训机构不得一次性收取时间跨度超过3个月或者60课时的费用，且单次收费金额不得超过5000元。缴费前请在本平台查看机构的公开承诺和资金监管情况，保留收费凭证，发现超期预收可向“12345”市民服务热线反映。',
    severity: 'severe',
    daysAgo: 6,
    names: { pool: 'overCap', max: 4 },
  },
  {
    title: '关于部分培训机构停业“卷款跑路”风险的提示',
    body: '个别培训机构在大量预收学费后突然停业、失联，学员费用难以追回。请选择已纳入资金监管（银行托管或风险保证金）的机构，尽量按课时或按月缴费，不要一次性大额预付。若机构出现频繁更换校区、拖欠教师工资、停课不通知等异常情况，请及时向属地街镇或区市场监管局反映；涉嫌诈骗的，请向公安机关报案。',
    severity: 'severe',
    daysAgo: 21,
    names: { pool: 'blacklisted', max: 5 },
  },
  {
    title: '警惕在居民住宅内无证开展学科类培训',
    body: '近期巡查发现，个别人员在居民住宅内以“家教”“托管”“自习室”等名义违规开展学科类培训，场所无独立安全出口，消防条件不达标，也没有办学许可。家长可在本平台按名称、统一社会信用代码或许可证号查询机构资质；发现住宅内违规办学的，可向所在街镇或区城管执法局反映。',
    severity: 'caution',
    daysAgo: 40,
    names: { pool: 'unlicensed', max: 5 },
  },
  {
    title: '谨防“培训贷”：不要被诱导办理消费贷款支付学费',
    body: '有机构以“零首付”“分期免息”为噱头，诱导学员或家长办理消费贷款支付培训费。一旦机构停业，贷款仍需偿还。培训机构不得强制或诱导学员办理消费贷款，请仔细阅读合同条款，拒绝以贷款方式一次性支付大额学费。相关问题可向区金融办反映。',
    severity: 'severe',
    daysAgo: 63,
  },
  {
    title: '暑期托管班、夏令营报名提示',
    body: '暑期将至，请家长选择证照齐全、场地安全的机构报名托管班和夏令营，查看机构消防、食品安全和人员资质情况，签订书面合同并明确退费办法，警惕以“名校”“官方”名义开展的营销活动。',
    severity: 'info',
    daysAgo: 95,
    withdrawnAfter: 80,
  },
  {
    title: '签订培训合同请使用示范文本',
    body: '报名培训时，请要求机构使用《中小学生校外培训服务合同（示范文本）》等示范合同，合同应写明培训内容、课时、收费标准、退费办法和违约责任。本平台“示范合同”栏目提供各类示范合同的要点摘要，可供签约前对照。',
    severity: 'info',
    daysAgo: 120,
  },
  {
    title: '部分机构办学许可证已过期或即将到期',
    body: '办学许可证有有效期，过期未延续的机构不得继续招生办学。报名前请在本平台核对机构许可证状态：“有效”可正常办学；“即将到期”请关注机构是否办理延续；“已过期”或“已吊销”的机构不得收取新的培训费用。',
    severity: 'caution',
    daysAgo: 150,
    names: { pool: 'lapsedLicence', max: 5 },
  },
  {
    title: '警惕“包过”“保分”等虚假宣传',
    body: '个别机构在招生宣传中使用“包过”“保分”“名师一对一”“升学保证”等不实用语，甚至冒用学校、考试机构名义。培训机构广告应真实合法，家长应理性看待宣传承诺，保存宣传材料，发现虚假宣传可向区市场监管局反映。',
    severity: 'caution',
    daysAgo: 190,
  },
  {
    title: '单用途预付卡消费风险提示',
    body: '购买培训类单用途预付卡（课程卡、次卡、储值卡）前，请查看机构是否已办理预付卡备案及资金存管，不要贪图优惠大额充值，妥善保管卡片和收费凭证。发生纠纷可向区商务委或区市场监管局反映。',
    severity: 'caution',
    daysAgo: 225,
  },
  {
    title: '选择体育培训机构，请核实教练员资质和场地安全',
    body: '游泳、跆拳道、轮滑等体育培训项目存在一定运动风险。报名前请核实教练员的职业资格证书，了解场地是否配备救生员和急救设施，确认机构已购买相关保险。',
    severity: 'info',
    daysAgo: 270,
  },
  {
    title: '晚间上课时间提示',
    body: '面向中小学生的线下培训结束时间不得晚于20:30，线上培训不得晚于21:00。本平台公示了机构承诺的最晚下课时间，发现机构超时上课可向区教育局反映。',
    severity: 'info',
    daysAgo: 310,
    names: { pool: 'lateClasses', max: 3 },
  },
  {
    title: '警惕冒用“官方”“名校”名义招生',
    body: '有人冒用教育部门、公办学校或知名院校名义招揽学员，收取高额“内部名额费”“保录费”。教育部门和学校不会委托培训机构代为招生或收取此类费用，请勿轻信，发现线索请向公安机关报案。',
    severity: 'severe',
    daysAgo: 350,
  },
];

/** A risk_warnings row with its id assigned (links refer to it). */
export type WarningRow = typeof riskWarnings.$inferInsert & { id: number };
/** A warning_institutions row. */
export type WarningLinkRow = typeof warningInstitutions.$inferInsert;

/** The twelve warnings with ids from `firstId`, and their links to institutions from `pools`. */
export function buildWarnings(
  today: IsoDate,
  firstId: number,
  pools: Record<WarningPool, number[]>,
): { warnings: WarningRow[]; links: WarningLinkRow[] } {
  const warnings: WarningRow[] = [];
  const links: WarningLinkRow[] = [];
  WARNINGS.forEach((w, i) => {
    const id = firstId + i;
    const publishedOn = addDays(today, -w.daysAgo);
    const withdrawnOn = w.withdrawnAfter !== undefined ? addDays(publishedOn, w.withdrawnAfter) : null;
    // Fixed instant derived from the date keeps the data deterministic (no clock reads).
    warnings.push({ id, title: w.title, body: w.body, severity: w.severity, publishedOn, withdrawnOn, updatedAt: new Date(`${withdrawnOn ?? publishedOn}T09:00:00+08:00`) });
    if (w.names) for (const institutionId of pools[w.names.pool].slice(0, w.names.max)) links.push({ warningId: id, institutionId });
  });
  return { warnings, links };
}

/**
 * The day the warning naming institutions of `pool` is published: an institution it names must
 * show the problem by then, and its profile's "as of" day is not before it.
 */
export function poolWarningPublishedOn(pool: WarningPool, today: IsoDate): IsoDate {
  const w = WARNINGS.find((x) => x.names?.pool === pool);
  return addDays(today, -(w?.daysAgo ?? 0));
}
