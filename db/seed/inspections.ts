/**
 * Inspections of demo institutions (plan, section 五(三)): regular, 双随机 and special checks by the
 * field's lead department over the four items the plan names, with findings written the way the
 * published results read, a deadline and an outcome when rectification was ordered.
 */
import { addDays, type IsoDate } from '../../src/domain/shared/dates';
import {
  FIELDS,
  INSPECTION_ITEMS,
  type InspectionItem,
  type InspectionKind,
  type InspectionResult,
  type TrainingField,
} from '../../src/domain/shared/reference';
import type { inspections } from '../schema';
import type { DrawnVisit } from './draws';
import type { Rng } from './random';

/** An inspections row with its id assigned (list decisions refer to it). */
export type InspectionRow = typeof inspections.$inferInsert & { id: number };

const PASS_NOTES: Record<InspectionItem, string[]> = {
  premises_safety: ['消防通道畅通，安全出口和应急照明完好', '灭火器配置齐全且在有效期内，监控设施运行正常'],
  programmes: ['培训内容与许可（登记）范围一致', '课程表、教材与备案内容一致'],
  staff_qualifications: ['在岗授课人员资格证书与公示信息一致', '从业人员均签订聘用合同并完成背景核查'],
  promised_service: ['收费标准和退费办法在醒目位置公示', '未发现超期预收费用，收费进入监管账户'],
};

const RECTIFY_NOTES: Record<InspectionItem, string[]> = {
  premises_safety: ['疏散通道堆放杂物，部分灭火器压力不足', '应急照明灯损坏，安全出口指示不清'],
  programmes: ['个别课程名称与备案内容不一致', '课程表未按规定公示'],
  staff_qualifications: ['2名授课人员资格证书未在场所公示', '1名新入职人员未完成资格信息备案'],
  promised_service: ['收费公示未及时更新', '个别学员一次性预收费用超过3个月'],
};

const FAIL_NOTES: Record<InspectionItem, string[]> = {
  premises_safety: ['培训场所设于居民住宅内，无独立安全出口', '消防设施严重缺失，存在重大安全隐患'],
  programmes: ['超出许可范围开展学科类培训', '使用未经审核的境外教材'],
  staff_qualifications: ['多名授课人员无相应资格证书', '聘用人员未进行背景核查'],
  promised_service: ['大额预收费用未进入监管账户', '拒不履行退费承诺，引发集中投诉'],
};

const OUTCOMES_DONE = ['已按期完成整改，复查合格。', '已完成整改并提交整改报告，经复查合格。'];
const OUTCOMES_LATE = ['逾期未完成整改，已移送区市场监管局依法处理。', '整改不到位，已约谈举办者并再次责令整改。'];

function findings(rng: Rng, items: readonly InspectionItem[], result: InspectionResult): string {
  // One item carries the problem; the others are reported as in order.
  const bad = result === 'pass' ? null : rng.pick(items);
  const notes = items.map((item) =>
    item === bad ? rng.pick(result === 'fail' ? FAIL_NOTES[item] : RECTIFY_NOTES[item]) : rng.pick(PASS_NOTES[item]),
  );
  if (result === 'pass') return `经检查，${notes.join('；')}，未发现问题。`;
  const problem = notes[items.indexOf(bad!)]!;
  const rest = notes.filter((n) => n !== problem);
  const tail = result === 'fail' ? '检查不合格，责令立即停止违规行为。' : '责令限期整改。';
  return `检查发现：${problem}。${rest.length ? `其余事项：${rest.join('；')}。` : ''}${tail}`;
}

/** What {@link storyInspections} needs to know about one institution (db/seed/story.ts). */
export interface StoryInspectionPlan {
  institutionId: number;
  fields: readonly TrainingField[];
  /** Earliest possible inspection day (some weeks after founding). */
  from: IsoDate;
  /** Last possible inspection day: before the institution stopped, and a week before today. */
  to: IsoDate;
  today: IsoDate;
  /** Double-random visits the draws (db/seed/draws.ts) owe the institution. */
  visits: readonly DrawnVisit[];
  /** Result the most recent inspection must have (a list decision or a sanction follows it); null: any. */
  latest: InspectionResult | null;
  /** Whether an inspection on this day may find the content "与许可范围一致" (a licence in force, or none needed). */
  permitNoteOn: (day: IsoDate) => boolean;
  nextId: () => number;
}

/** The programmes note that names the licence, which only fits when a licence is in force. */
const PERMIT_NOTE = PASS_NOTES.programmes[0]!;

/**
 * The inspections of one story, oldest first: regular and special ones by the field's lead
 * department while the institution operated, and the double-random ones its draws owe it, on or
 * after the draw's planned day. None on or after the day it was suspended or closed.
 */
export function storyInspections(rng: Rng, plan: StoryInspectionPlan): InspectionRow[] {
  const { today, from, to } = plan;
  const earliest = from > addDays(today, -3 * 365) ? from : addDays(today, -3 * 365);
  type Visit = { day: IsoDate; kind: InspectionKind; department: string; items: InspectionItem[]; inspectors: string[]; drawId: number | null };
  const visits: Visit[] = [];
  if (earliest <= to) {
    let n = rng.weighted([
      { weight: 35, value: 0 },
      { weight: 35, value: 1 },
      { weight: 18, value: 2 },
      { weight: 9, value: 3 },
      { weight: 3, value: 4 },
    ]);
    if (plan.latest && n === 0 && plan.visits.length === 0) n = 1;
    for (let k = 0; k < n; k++) {
      const kind: InspectionKind = rng.chance(0.77) ? 'regular' : 'special';
      visits.push({ day: rng.dateBetween(earliest, to), kind, department: FIELDS[rng.pick(plan.fields)].lead, items: rng.some(INSPECTION_ITEMS, kind === 'special' ? 1 : 2, 4), inspectors: [], drawId: null });
    }
  }
  for (const v of plan.visits) {
    const last = addDays(v.plannedOn, 45) < to ? addDays(v.plannedOn, 45) : to;
    visits.push({ day: rng.dateBetween(v.plannedOn, last), kind: 'double_random', department: v.department, items: v.checkedItems, inspectors: v.inspectors, drawId: v.drawId });
  }
  visits.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return visits.map((v, i) => {
    const result: InspectionResult =
      i === visits.length - 1 && plan.latest
        ? plan.latest
        : rng.weighted([
            { weight: 80, value: 'pass' as const },
            { weight: 15, value: 'rectify' as const },
            { weight: 5, value: 'fail' as const },
          ]);
    let text = findings(rng, v.items, result);
    if (!plan.permitNoteOn(v.day)) text = text.replace(PERMIT_NOTE, PASS_NOTES.programmes[1]!);
    const rectifyBy = result === 'rectify' ? addDays(v.day, rng.pick([15, 30])) : null;
    const rectificationOutcome = rectifyBy && rectifyBy < today ? (rng.chance(0.85) ? rng.pick(OUTCOMES_DONE) : rng.pick(OUTCOMES_LATE)) : null;
    // Results are published within days; a few recent ones are still waiting for the second person.
    const publishedOn = addDays(v.day, rng.int(2, 12));
    const published = (publishedOn <= today && rng.chance(0.92)) || v.day < addDays(today, -90);
    return {
      id: plan.nextId(),
      institutionId: plan.institutionId,
      inspectedOn: v.day,
      kind: v.kind,
      department: v.department,
      checkedItems: v.items,
      findings: text,
      result,
      rectifyBy,
      rectificationOutcome,
      published,
      publishedOn: published ? publishedOn : null,
      inspectors: v.inspectors,
      drawId: v.drawId,
      submittedAt: published ? null : new Date(`${addDays(v.day, 1)}T09:00:00+08:00`),
    };
  });
}
