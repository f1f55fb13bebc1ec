/**
 * 办学许可证 of demo institutions: numbers in the style the issuing bureau uses and 办学内容 matching
 * the field. Their dates come from the institution's story (db/seed/story.ts).
 */
import { normaliseLicenceNumber } from '../../src/domain/registry/search';
import type { IsoDate } from '../../src/domain/shared/dates';
import type { DepartmentCode, TrainingField } from '../../src/domain/shared/reference';
import { seedOffset } from './credit-codes';
import type { Rng } from './random';

/**
 * 区教育局 numbers look like 教民131010770000123号 and 区人社局 ones like 人社民31010770000123号:
 * the Putuo division code 310107, a 7 and a seven-digit serial. The serial comes from a counter
 * per authority, so numbers are unique however many are generated.
 */
export function licenceNumber(authority: DepartmentCode, serial: number): string {
  const s = String(serial).padStart(7, '0');
  return authority === 'hrss' ? `人社民3101077${s}号` : `教民13101077${s}号`;
}

/**
 * A serial unique per (institution index, licence slot): an affine bijection on 0..10^7-1, so
 * numbers look scattered rather than counting up, and stay unique for up to 5 million institutions.
 */
export function licenceSerial(index: number, slot: 0 | 1, seed: number): number {
  const n = BigInt(index * 2 + slot);
  return Number((n * 3_141_593n + BigInt(seedOffset(seed))) % 10_000_000n);
}

/** The normalised form stored for prefix search: the same rule as search queries get. */
export const licenceNumberNorm = normaliseLicenceNumber;

/** Vocational licences are issued by 区人社局; all others (文化教育 and the rest) by 区教育局. */
export function issuingAuthority(field: TrainingField): DepartmentCode {
  return field === 'vocational' ? 'hrss' : 'edu';
}

const SCOPES: Record<TrainingField, string[]> = {
  culture_edu: [
    '非学科类素质教育：阅读与写作、演讲与口才',
    '外语培训（英语听说、少儿英语）',
    '思维训练、阅读理解（非学科类）',
    '高中阶段文化补习（语文、数学、英语）',
    '成人外语培训（英语、日语、韩语）',
    '国学经典诵读、硬笔书法',
  ],
  vocational: [
    '育婴员（五级/初级工）职业技能培训',
    '保育员（四级/中级工）职业技能培训',
    '中式烹调师（五级/初级工）职业技能培训',
    '美容师、美发师（五级/初级工）职业技能培训',
    '电工（四级/中级工）职业技能培训',
    '企业人力资源管理师（三级）职业技能培训',
    '计算机程序设计员、网络与信息安全管理员培训',
    '家政服务员（五级/初级工）职业技能培训',
  ],
  arts: ['少儿美术、素描、国画', '钢琴、小提琴等器乐演奏', '中国舞、芭蕾舞、拉丁舞', '书法（软笔、硬笔）', '声乐、合唱'],
  sports: ['篮球、足球青少年训练', '游泳（初级、提高）', '跆拳道、武术', '击剑、羽毛球', '围棋、国际象棋'],
  sci_tech: ['少儿编程（图形化、Python）', '机器人搭建与编程', '人工智能启蒙、科学实验', '航模、无人机制作与操控', '信息学奥林匹克基础'],
  infant_care: ['婴幼儿早期发展指导、亲子活动', '0至3岁婴幼儿照护指导', '家庭育儿指导、感统训练'],
};

/** 办学内容 covering one or two of the institution's fields. */
export function licenceScope(rng: Rng, fields: readonly TrainingField[]): string {
  return fields.map((f) => rng.pick(SCOPES[f])).join('；');
}

/** The date columns of a licence row, with the revocation reason that goes with revokedOn. */
export interface LicenceDatesRow {
  issuedOn: IsoDate;
  expiresOn: IsoDate;
  revokedOn: IsoDate | null;
  revocationReason: string | null;
}
