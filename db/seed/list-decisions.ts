/**
 * 黑白名单 decisions of demo institutions (plan, section 五(三)2: lists follow inspection results).
 * A blacklisting always cites the failed inspection it came from; a whitelisting follows a passed
 * one. Some decisions were later removed, so the history view has something to show.
 *
 * The article numbers cited as legal basis are demo placeholders, not checked against the texts.
 */
import { addDays, type IsoDate } from '../../src/domain/shared/dates';
import type { DepartmentCode } from '../../src/domain/shared/reference';
import type { listDecisions } from '../schema';
import type { InspectionRow } from './inspections';
import type { Rng } from './random';

/** A list_decisions row as inserted (its id comes from the sequence). */
export type ListDecisionRow = typeof listDecisions.$inferInsert;

const BLACK_REASONS = [
  '超出许可范围开展学科类培训，经责令整改拒不改正',
  '违规一次性预收超过3个月费用，且拒不退还学员费用',
  '擅自停止办学，未妥善处理学员退费',
  '在居民住宅内无证开展培训，经查处后继续办学',
  '发布虚假招生广告，误导学员及家长',
  '诱导学员办理培训消费贷款',
];
const BLACK_BASES = [
  '《上海市培训机构监督管理办法》第二十六条',
  '《中华人民共和国民办教育促进法》第六十二条',
  '《上海市单用途预付消费卡管理规定》第三十条',
  '《普陀区关于加强培训机构管理促进培训市场健康发展的实施方案》五（三）',
];
const WHITE_REASONS = [
  '年度检查合格，收费、师资、场所规范，一年内无有效投诉',
  '双随机抽查合格，预收费用全部纳入资金监管',
  '证照齐全、公开承诺履行良好，使用示范合同',
];
const WHITE_BASES = [
  '《普陀区关于加强培训机构管理促进培训市场健康发展的实施方案》五（三）',
  '《上海市培训机构监督管理办法》第十八条',
];

function after(rng: Rng, day: IsoDate, min: number, max: number, today: IsoDate): IsoDate {
  const d = addDays(day, rng.int(min, max));
  return d < today ? d : today;
}

/**
 * A blacklisting from a failed inspection; sometimes lifted after credit repair (信用修复). When the
 * institution was whitelisted before, that whitelisting is removed the day the blacklisting starts.
 */
export function blacklisting(rng: Rng, failed: InspectionRow, registeredOn: IsoDate, today: IsoDate): ListDecisionRow[] {
  const effectiveOn = after(rng, failed.inspectedOn, 7, 30, today);
  // 区市场监管局 holds the unified enforcement powers, so it often takes the decision itself.
  const department = rng.chance(0.5) ? 'market' : (failed.department as DepartmentCode);
  const rows: ListDecisionRow[] = [];
  const whiteFrom = addDays(failed.inspectedOn, -rng.int(200, 700));
  if (rng.chance(0.25) && whiteFrom > addDays(registeredOn, 60)) {
    rows.push({
      institutionId: failed.institutionId,
      list: 'white',
      reason: rng.pick(WHITE_REASONS),
      legalBasis: rng.pick(WHITE_BASES),
      department: failed.department,
      effectiveOn: whiteFrom,
      sourceInspectionId: null,
      removedOn: effectiveOn,
      removalReason: '检查不合格，移出白名单',
    });
  }
  const lifted = addDays(effectiveOn, rng.int(365, 540));
  const isLifted = lifted <= today && rng.chance(0.5);
  rows.push({
    institutionId: failed.institutionId,
    list: 'black',
    reason: rng.pick(BLACK_REASONS),
    legalBasis: rng.pick(BLACK_BASES),
    department,
    effectiveOn,
    sourceInspectionId: failed.id,
    removedOn: isLifted ? lifted : null,
    removalReason: isLifted ? '已完成整改并退还学员费用，经申请完成信用修复，移出黑名单' : null,
  });
  return rows;
}

/**
 * A whitelisting after a passed inspection, in a story (db/seed/story.ts): an institution that
 * stopped (`endOn`) was taken off the list that day, for `endReason`; none is listed on or after
 * it. Some operating ones were taken off after a substantiated complaint, and some of those were
 * whitelisted again after the next good inspection.
 */
export function storyWhitelisting(rng: Rng, passed: InspectionRow, endOn: IsoDate | null, endReason: string, today: IsoDate): ListDecisionRow[] {
  const base = {
    institutionId: passed.institutionId,
    list: 'white' as const,
    legalBasis: rng.pick(WHITE_BASES),
    department: passed.department,
  };
  const reason = rng.pick(WHITE_REASONS);
  const effectiveOn = after(rng, passed.inspectedOn, 5, 30, today);
  if (endOn && effectiveOn >= endOn) return [];
  if (endOn) return [{ ...base, reason, effectiveOn, sourceInspectionId: passed.id, removedOn: endOn, removalReason: endReason }];
  const removedOn = addDays(effectiveOn, rng.int(60, 400));
  if (removedOn > today || !rng.chance(0.12)) return [{ ...base, reason, effectiveOn, sourceInspectionId: passed.id }];
  const rows: ListDecisionRow[] = [
    { ...base, reason, effectiveOn, sourceInspectionId: passed.id, removedOn, removalReason: '有效投诉经查属实，暂停白名单资格' },
  ];
  const again = addDays(removedOn, rng.int(90, 240));
  if (again <= today && rng.chance(0.4)) rows.push({ ...base, reason: '整改到位，复查合格，重新列入白名单', effectiveOn: again, sourceInspectionId: null });
  return rows;
}
