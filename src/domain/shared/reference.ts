/**
 * Reference data of the 2020 Putuo plan (seed text, sections 四 and 五): the six training fields,
 * the 21 responsible bodies and the ten streets and towns. Pure data, no I/O; the database copy of
 * departments and streets is seeded from here so both always agree.
 */

export const TRAINING_FIELDS = ['culture_edu', 'vocational', 'arts', 'sports', 'sci_tech', 'infant_care'] as const;
export type TrainingField = (typeof TRAINING_FIELDS)[number];

export const DEPARTMENT_CODES = [
  'edu', 'market', 'hrss', 'civil', 'culture', 'sports', 'sci', 'health', 'cyber', 'police', 'finance',
  'commerce', 'housing', 'fire', 'tax', 'construction', 'urban', 'petition', 'grid', 'streets', 'inspectorate',
] as const;
export type DepartmentCode = (typeof DEPARTMENT_CODES)[number];

export interface FieldInfo {
  code: TrainingField;
  name: string;
  /** 行业主管部门: staff qualifications, content and risk (section 四). */
  lead: DepartmentCode;
  /** Departments that share the lead (托育: 教育局 with 卫生健康委). */
  coLead: DepartmentCode[];
  /** 文化教育 and 职业技能 need an administrative licence before operating (section 五(一)). */
  licenceRequired: boolean;
}

export const FIELDS: Record<TrainingField, FieldInfo> = {
  culture_edu: { code: 'culture_edu', name: '文化教育', lead: 'edu', coLead: [], licenceRequired: true },
  vocational: { code: 'vocational', name: '职业技能', lead: 'hrss', coLead: [], licenceRequired: true },
  arts: { code: 'arts', name: '文化艺术辅导', lead: 'culture', coLead: [], licenceRequired: false },
  sports: { code: 'sports', name: '体育指导', lead: 'sports', coLead: [], licenceRequired: false },
  sci_tech: { code: 'sci_tech', name: '科技创新', lead: 'sci', coLead: [], licenceRequired: false },
  infant_care: { code: 'infant_care', name: '托育（婴幼儿早期发展指导）', lead: 'edu', coLead: ['health'], licenceRequired: false },
};

export interface DepartmentInfo {
  code: DepartmentCode;
  name: string;
  /** The duties that matter to the portal, summarised from section 四. */
  duties: string;
}

export const DEPARTMENTS: Record<DepartmentCode, DepartmentInfo> = {
  edu: { code: 'edu', name: '区教育局', duties: '总体牵头协调培训市场综合治理；文化教育类培训机构准入、风险研判、人员资质和培训内容监管；会同区卫生健康委管理托育及婴幼儿早期发展指导；协调性质不明、跨领域或情况复杂的投诉' },
  market: { code: 'market', name: '区市场监管局', duties: '牵头培训市场综合执法；营利性培训机构登记；无需许可的营利性机构监管；收费、食品安全、广告宣传、反垄断和反不正当竞争监管' },
  hrss: { code: 'hrss', name: '区人社局', duties: '牵头管理职业技能培训机构，负责其风险研判、人员资质和培训内容监管；监督培训机构遵守劳动保障法律法规' },
  civil: { code: 'civil', name: '区民政局', duties: '非营利性培训机构的登记和监督管理' },
  culture: { code: 'culture', name: '区文旅局', duties: '文化艺术辅导类机构的人员资质和培训内容监管；IPTV、互联网电视信息安全（配合公安）；淫秽色情低俗内容、侵权盗版和非法出版物' },
  sports: { code: 'sports', name: '区体育局', duties: '体育指导类机构的人员资质和培训内容监管' },
  sci: { code: 'sci', name: '区科委', duties: '科技创新类机构的人员资质和培训内容监管；外籍人员工作许可' },
  health: { code: 'health', name: '区卫生健康委', duties: '协同区教育局管理托育；卫生保健、疾病防控、公共卫生和传染病防控' },
  cyber: { code: 'cyber', name: '区委网信办', duties: '会同公安部门监管培训机构网络信息安全' },
  police: { code: 'police', name: '区公安分局', duties: '外籍人员出入境；实体防护、技防、人防安全；网络信息安全（会同网信办）；IPTV（会同文旅局）；追究涉嫌犯罪行为的刑事责任' },
  finance: { code: 'finance', name: '区金融办', duties: '培训机构强制或诱导学员办理消费贷款的监督管理' },
  commerce: { code: 'commerce', name: '区商务委', duties: '会同行业主管部门管理单用途预付消费卡经营活动' },
  housing: { code: 'housing', name: '区房管局', duties: '用于培训活动的房屋使用行为监管' },
  fire: { code: 'fire', name: '区消防救援支队', duties: '培训场所日常消防监督' },
  tax: { code: 'tax', name: '区税务局', duties: '纳税情况、发票领购和使用监管' },
  construction: { code: 'construction', name: '区建管委', duties: '培训场地建筑工程（新建、改建、扩建）和消防工程安全监管' },
  urban: { code: 'urban', name: '区城管执法局', duties: '查处改变住宅物业使用性质开展培训的行为' },
  petition: { code: 'petition', name: '区信访办', duties: '受理来访、来信和网上信访，按职责分派至部门和街镇并督促按期处理；协调跨部门、跨街镇信访件' },
  grid: { code: 'grid', name: '区网格中心', duties: '受理“12345”市民服务热线等渠道反映的案件；巡查发现并上报问题线索，按职能派遣并通报牵头部门' },
  streets: { code: 'streets', name: '各街镇', duties: '属地巡查；上报无证无照、安全隐患和经营异常；参与综合整治；社会维稳和善后' },
  inspectorate: { code: 'inspectorate', name: '区政府教育督导室', duties: '对区政府相关部门及街镇履行培训市场监管职责进行督政、考核' },
};

export const STREET_CODES = [
  'changshou', 'caojiadu', 'ganquan', 'shiquan', 'yichuan', 'zhenru', 'changfeng', 'wanli', 'changzheng', 'taopu',
] as const;
export type StreetCode = (typeof STREET_CODES)[number];

export const STREETS: Record<StreetCode, string> = {
  changshou: '长寿路街道',
  caojiadu: '曹家渡街道',
  ganquan: '甘泉路街道',
  shiquan: '石泉路街道',
  yichuan: '宜川路街道',
  zhenru: '真如镇街道',
  changfeng: '长风新村街道',
  wanli: '万里街道',
  changzheng: '长征镇',
  taopu: '桃浦镇',
};

/** 营利性 institutions register with 区市场监管局, 非营利性 ones with 区民政局 (DOMAIN.md). */
export const LEGAL_FORMS = ['for_profit', 'non_profit'] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];
export const REGISTRATION_AUTHORITY: Record<LegalForm, DepartmentCode> = { for_profit: 'market', non_profit: 'civil' };

/** 行政许可 / 登记备案 / 登记 (section 五(一)). */
export const ENTRY_PATHS = ['licence', 'filing', 'registration'] as const;
export type EntryPath = (typeof ENTRY_PATHS)[number];

export const OPERATING_STATUSES = ['operating', 'suspended', 'closed'] as const;
export type OperatingStatus = (typeof OPERATING_STATUSES)[number];

export const DELIVERY_MODES = ['offline', 'online', 'both'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export const INSPECTION_KINDS = ['regular', 'double_random', 'special'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export const INSPECTION_ITEMS = ['premises_safety', 'programmes', 'staff_qualifications', 'promised_service'] as const;
export type InspectionItem = (typeof INSPECTION_ITEMS)[number];
export const INSPECTION_RESULTS = ['pass', 'rectify', 'fail'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

export const CUSTODY_KINDS = ['bank_custody', 'risk_deposit', 'none'] as const;
export type CustodyKind = (typeof CUSTODY_KINDS)[number];

export const WARNING_SEVERITIES = ['info', 'caution', 'severe'] as const;
export type WarningSeverity = (typeof WARNING_SEVERITIES)[number];

/** Lead department of an institution: the lead of its first field, or 区教育局 when it spans fields. */
export function supervisingDepartment(fields: readonly TrainingField[]): DepartmentCode {
  const leads = new Set(fields.map((f) => FIELDS[f].lead));
  // Mechanism 4: cross-sector or unclear institutions are coordinated by 区教育局.
  if (leads.size !== 1) return 'edu';
  return [...leads][0]!;
}

/** Entry path that the plan prescribes for a set of fields (section 五(一)). */
export function entryPathFor(fields: readonly TrainingField[]): EntryPath {
  if (fields.some((f) => FIELDS[f].licenceRequired)) return 'licence';
  if (fields.includes('infant_care')) return 'filing';
  return 'registration';
}
