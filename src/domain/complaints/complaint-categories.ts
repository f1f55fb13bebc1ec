/**
 * The 22 complaint categories a resident can choose from (DOMAIN.md, "Complaint categories and
 * default routing", derived from section 四 of the plan). Each has the plain Chinese name of
 * DOMAIN.md, a one-line description in words a parent or neighbour uses, and the number of working
 * days within which the responsible department should answer the complainant.
 *
 * The answer deadlines are PORTAL DEFAULTS, not numbers from the plan: the plan only asks
 * departments to investigate "及时" (promptly, section 五(四)). We chose 5 working days for most
 * matters, 3 where children may be in danger now (fire, security, food, infectious disease, crime)
 * and 10 where several departments must first agree who acts ("other": 区教育局 coordinates).
 * Change them here; a case keeps the deadline it was given when it was received.
 */

export const COMPLAINT_CATEGORIES = [
  'unlicensed',
  'fees_refund',
  'advertising',
  'food_safety',
  'prepaid_card',
  'consumer_loan',
  'staff_qualification',
  'training_content',
  'foreign_staff',
  'fire_safety',
  'building_works',
  'residential_use',
  'premises_use',
  'security',
  'network_security',
  'harmful_materials',
  'hygiene_epidemic',
  'labour',
  'tax_invoice',
  'nonprofit_compliance',
  'crime',
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export interface CategoryInfo {
  code: ComplaintCategory;
  /** The name shown in the category list (DOMAIN.md). */
  name: string;
  /** One line a resident understands, shown under the name. */
  description: string;
  /** Working days to answer the complainant: a portal default, see the file comment. */
  answerWorkingDays: number;
}

/** Answer deadlines in working days (portal defaults, not from the plan). */
export const ANSWER_DAYS = { urgent: 3, normal: 5, coordinated: 10 } as const;

const c = (code: ComplaintCategory, name: string, description: string, answerWorkingDays: number): CategoryInfo => ({
  code,
  name,
  description,
  answerWorkingDays,
});
const { urgent, normal, coordinated } = ANSWER_DAYS;

export const CATEGORIES: Record<ComplaintCategory, CategoryInfo> = {
  unlicensed: c('unlicensed', '无证无照办学', '机构没有办学许可证或营业执照，却在招生、上课。', normal),
  fees_refund: c('fees_refund', '收费、退费纠纷', '乱收费、多收费，或者不按约定退还学费。', normal),
  advertising: c('advertising', '虚假宣传、违法广告', '广告或招生宣传夸大其词、弄虚作假，例如“保证提分”“包过”。', normal),
  food_safety: c('food_safety', '食品安全', '机构提供的饭菜、点心不干净、过期，或者孩子吃后不适。', urgent),
  prepaid_card: c('prepaid_card', '单用途预付卡、预收资金风险', '预交了课时费或办了充值卡，机构关门、跑路或拒绝继续上课。', normal),
  consumer_loan: c('consumer_loan', '强制或诱导办理消费贷款', '机构劝说或强迫家长办分期、贷款来交学费。', normal),
  staff_qualification: c('staff_qualification', '从业人员资质', '老师或教练没有应有的资格证书，或者身份可疑。', normal),
  training_content: c('training_content', '培训内容', '教的内容不合适、超纲超前，或者与宣传、登记的项目不符。', normal),
  foreign_staff: c('foreign_staff', '外籍人员聘用', '外籍老师没有合法的工作许可或签证。', normal),
  fire_safety: c('fire_safety', '消防安全隐患', '安全出口被堵、灭火器缺失或过期、电线乱拉等火灾隐患。', urgent),
  building_works: c('building_works', '场地建筑或消防工程安全', '机构擅自拆墙、搭建、改建，或者消防工程不合格。', normal),
  residential_use: c('residential_use', '住宅改变使用性质办学', '在居民住宅里开办培训班，把住房当教室用。', normal),
  premises_use: c('premises_use', '培训用房使用', '用仓库、地下室等不适合的房屋上课，或者房屋用途与登记不符。', normal),
  security: c('security', '安全防范（人防、技防、实体防护）', '没有保安、监控或门禁，陌生人可以随意进出，接送混乱。', urgent),
  network_security: c('network_security', '网络信息安全、个人信息泄露', '家长和孩子的个人信息被泄露、出卖，或者网课平台不安全。', normal),
  harmful_materials: c('harmful_materials', '淫秽色情低俗内容、盗版或非法出版物', '教材或网课里有色情、低俗内容，或者使用盗版、非法出版的书。', normal),
  hygiene_epidemic: c('hygiene_epidemic', '卫生保健、传染病防控', '环境不卫生、不消毒，或者出现传染病却照常上课。', urgent),
  labour: c('labour', '劳动保障（欠薪、劳动合同）', '机构拖欠老师和员工工资，或者不签劳动合同、不交社保。', normal),
  tax_invoice: c('tax_invoice', '纳税、发票', '交费后机构不开发票，或者要求另外加钱才开。', normal),
  nonprofit_compliance: c('nonprofit_compliance', '非营利性机构登记与监管', '登记为非营利性的机构却在分红、变相营利，或者不按登记内容活动。', normal),
  crime: c('crime', '涉嫌犯罪（诈骗、卷款跑路等）', '涉嫌诈骗、卷款潜逃、伤害孩子等违法犯罪行为。', urgent),
  other: c('other', '其他或情况复杂', '不属于以上类别，或者涉及多个方面、说不清归谁管。', coordinated),
};

export function isComplaintCategory(value: unknown): value is ComplaintCategory {
  return typeof value === 'string' && (COMPLAINT_CATEGORIES as readonly string[]).includes(value);
}
