/**
 * 公开承诺 of demo institutions: fees, how they charge, the prepaid cap they keep, refunds, the
 * latest class end time and a statement about staff. Most keep the Shanghai cap (no single charge
 * over 3 months, 60 class hours or 5,000 yuan); a few do not, so the portal has something to flag.
 */
import { addDays, type IsoDate } from '../../src/domain/shared/dates';
import type { TrainingField } from '../../src/domain/shared/reference';
import type { promises } from '../schema';
import type { Rng } from './random';

type PromiseRow = typeof promises.$inferInsert;

/** Typical price per class hour in yuan, by field (small-group lessons). */
const HOURLY_PRICE: Record<TrainingField, [number, number]> = {
  culture_edu: [120, 260],
  vocational: [40, 120],
  arts: [100, 240],
  sports: [90, 220],
  sci_tech: [130, 280],
  infant_care: [150, 300],
};

const CHARGING_METHODS = [
  '按课时收费，每次收取不超过60课时费用',
  '按月收费，每次收取不超过3个月费用',
  '按学期收费，每期不超过3个月',
  '按次收费，课后结算',
  '按课程包收费，通过银行专用账户收取',
];

const REFUND_POLICIES = [
  '开课前申请退费的全额退还；开课后按未上课时比例退还，7个工作日内办结，不收取手续费。',
  '学员因故退学的，按剩余课时费用全额退还；教材费按未使用部分退还。',
  '未消费课时随时可退，按实际收费单价结算，15日内退回原支付账户。',
  '试听不满意无条件全额退款；正式课程按剩余课时比例退还，不扣违约金。',
  '因机构原因停课、迁址的，全额退还未消费费用并承担相应违约责任。',
];

const STAFF_STATEMENTS: Record<TrainingField, string> = {
  culture_edu: '授课教师均具有相应教师资格证书，教师姓名、照片和资格证号在教学场所公示。',
  vocational: '授课教师均持有相应职业资格或职业技能等级证书，实训指导教师具备相应工作经历。',
  arts: '授课教师均具有艺术类专业背景或相应专业技能证书，聘用合同在册可查。',
  sports: '教练员均持有体育行业职业技能证书或社会体育指导员证书，游泳等项目配备持证救生员。',
  sci_tech: '授课教师均具有理工科专业背景，外籍人员均持有有效工作许可。',
  infant_care: '保育人员均持有保育员或育婴员证书并经健康体检合格，配备专（兼）职卫生保健人员。',
};

/** Builds the published promise of an institution, made between its registration and today. */
export function promiseFor(
  rng: Rng,
  institutionId: number,
  fields: readonly TrainingField[],
  registeredOn: IsoDate,
  today: IsoDate,
): PromiseRow {
  const field = fields[0]!;
  const [lo, hi] = HOURLY_PRICE[field];
  const price = rng.int(lo / 10, hi / 10) * 10;
  const oneToOne = Math.round((price * rng.int(18, 26)) / 100) * 10;
  const materials = rng.int(5, 30) * 10;
  const fees = rng.chance(0.6)
    ? `小班课（${rng.int(4, 8)}至${rng.int(10, 15)}人）每课时${price}元；一对一每课时${oneToOne}元；教材费每期${materials}元，自愿购买。`
    : `${rng.pick(['常规课程', '基础课程', '提高课程'])}每课时${price}元，${rng.pick(['每期12课时', '每期16课时', '每期20课时', '每期24课时'])}；不另收报名费。`;
  // About 4% keep a cap beyond the rule (months, hours or yuan), for the portal to flag.
  const violates = rng.chance(0.04);
  const prepaidCapMonths = violates && rng.chance(0.5) ? rng.pick([6, 12]) : rng.int(1, 3);
  const prepaidCapHours = violates && rng.chance(0.5) ? rng.pick([96, 120, 144]) : rng.pick([20, 24, 30, 40, 48, 60]);
  const prepaidCapYuan = violates ? rng.pick([8000, 12000, 20000]) : Math.min(5000, rng.int(10, 50) * 100);
  // 国办发〔2018〕80号: classes for school pupils end by 20:30; adult vocational classes may run later.
  const classEndTime =
    field === 'vocational' ? rng.pick(['20:30', '21:00', '21:30']) : rng.chance(0.02) ? '21:00' : rng.pick(['18:00', '19:30', '20:00', '20:30']);
  const from = addDays(registeredOn, 10) < today ? addDays(registeredOn, 10) : today;
  return {
    institutionId,
    fees,
    chargingMethod: rng.pick(CHARGING_METHODS),
    prepaidCapMonths,
    prepaidCapHours,
    prepaidCapYuan,
    refundPolicy: rng.pick(REFUND_POLICIES),
    classEndTime,
    staffStatement: STAFF_STATEMENTS[field],
    madeOn: rng.dateBetween(from, today),
  };
}
