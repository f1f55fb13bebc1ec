/**
 * The default routing of complaints as DATA: one rule per category, taken from DOMAIN.md's table
 * ("Complaint categories and default routing", derived from sections 四 and 五(四) of the plan).
 *
 * Tables are versioned. A case stores the version it was routed with, so when a rule changes we add
 * a new version (amendRoutingTable) and bump CURRENT_ROUTING_VERSION; past routes are never
 * rewritten. Published tables are frozen. src/domain/complaints/routing.ts interprets a table.
 */
import type { ComplaintCategory } from './complaint-categories';
import type { IsoDate } from '../shared/dates';
import type { DepartmentCode } from '../shared/reference';

/**
 * A department slot that depends on the institution:
 * - 'field_lead': the lead of the institution's training field, with its co-lead (托育: 区教育局 with
 *   区卫生健康委); 区教育局 coordinates when the field is unknown or the fields have different leads;
 * - 'registration_authority': 区民政局 for a non-profit, 区市场监管局 otherwise (also when the legal
 *   form is unknown: an unregistered business that takes fees is treated as for-profit).
 */
export type DepartmentSlot = DepartmentCode | 'field_lead' | 'registration_authority';

/**
 * Who leads:
 * - a department, a 'field_lead' or a 'registration_authority' slot as above;
 * - 'licensing_authority': the lead of a field that needs a licence (文化教育 → 区教育局, 职业技能 →
 *   区人社局); when no field needs one, the registration authority; when the field is unknown,
 *   区教育局 coordinates;
 * - 'edu_coordinates': 区教育局 coordinates a joint assessment (mechanism 4).
 */
export type LeadSlot = DepartmentSlot | 'licensing_authority' | 'edu_coordinates';

export interface RoutingRule {
  lead: LeadSlot;
  assisting: DepartmentSlot[];
  /** Added to `assisting` when the complaint says prepaid money is involved. */
  assistingIfPrepaid?: DepartmentCode[];
  /** Why, citing the plan; shown to the dispatcher and recorded with the route. */
  reasons: string[];
  reasonIfPrepaid?: string;
}

/** Sentences the interpreter adds when it resolves a slot (kept here so they are versioned too). */
export interface RoutingNotes {
  coordination: string;
  unknownFieldAssisting: string;
  licensed: string;
  unregisteredForProfit: string;
  unregisteredNonProfit: string;
  inform: string;
}

export interface RoutingTable {
  version: string;
  adoptedOn: IsoDate;
  source: string;
  rules: Record<ComplaintCategory, RoutingRule>;
  notes: RoutingNotes;
}

const rule = (lead: LeadSlot, assisting: DepartmentSlot[], ...reasons: string[]): RoutingRule => ({ lead, assisting, reasons });

const FIELD_DUTIES = '（第四部分（一）3、4，（三）2，（五）1，（六）1，（七）1，（八）1）';

/** The first table: the plan as issued on 2020-04-03. */
const TABLE_2020_04_03: RoutingTable = {
  version: '2020-04-03.1',
  adoptedOn: '2020-04-03',
  source: '上海市普陀区关于加强培训机构管理促进培训市场健康发展的实施方案（2020年4月3日印发）第四部分、第五部分（四）',
  rules: {
    unlicensed: rule('licensing_authority', ['police', 'registration_authority'], '查处无证无照办学，会同区公安分局、区民政局或者区市场监管局（第四部分（一）2、（三）1）'),
    fees_refund: rule('market', ['field_lead'], '区市场监管局负责规范收费（第四部分（二）4）', '行业主管部门督促机构规范收费和退费（第五部分（二））'),
    advertising: rule('market', [], '区市场监管局负责广告宣传和反不正当竞争监管（第四部分（二）4）'),
    food_safety: rule('market', [], '区市场监管局负责食品安全监管（第四部分（二）4）'),
    prepaid_card: rule(
      'commerce',
      ['market', 'field_lead'],
      '区商务委协同行业主管部门及行政执法部门管理单用途预付消费卡（第四部分（十二））',
      '区市场监管局牵头培训市场综合执法（第四部分（二）1）',
    ),
    consumer_loan: rule('finance', [], '区金融办负责强制诱导学员办理消费贷款的监管（第四部分（十一））'),
    staff_qualification: rule('field_lead', [], `行业主管部门负责本类别机构的人员资质监管${FIELD_DUTIES}`),
    training_content: rule('field_lead', [], `行业主管部门负责本类别机构的培训内容监管${FIELD_DUTIES}`),
    foreign_staff: rule('police', ['sci'], '区公安分局负责聘用外籍人员涉及出入境的监管（第四部分（十）1）', '区科委负责外籍人员工作许可（第四部分（七）3）'),
    fire_safety: rule('fire', [], '区消防救援支队负责培训场所日常消防监督（第四部分（十四））'),
    building_works: rule('construction', [], '区建管委负责培训场地建筑工程和消防工程的安全监管（第四部分（十六））'),
    residential_use: rule('urban', [], '区城管执法局查处改变住宅物业使用性质开展培训的行为（第四部分（十七））'),
    premises_use: rule('housing', [], '区房管局负责用于培训活动的房屋使用行为监管（第四部分（十三））'),
    security: rule('police', [], '区公安分局负责实体防护、技防、人防安全监管（第四部分（十）2）'),
    network_security: rule('cyber', ['police'], '区委网信办会同公安部门监管网络信息安全（第四部分（九）、（十）3）'),
    harmful_materials: rule('culture', [], '区文旅局依法处理淫秽色情低俗信息、侵权盗版和非法出版（第四部分（五）4）'),
    hygiene_epidemic: rule('health', [], '区卫生健康委负责卫生保健、疾病防控和传染病防控（第四部分（八）2、3）'),
    labour: rule('hrss', [], '区人社局监督培训机构遵守劳动保障法律法规（第四部分（三）3）'),
    tax_invoice: rule('tax', [], '区税务局负责纳税情况和发票领购使用的监管（第四部分（十五））'),
    nonprofit_compliance: rule('civil', [], '区民政局负责非营利性培训机构的登记和监管（第四部分（四））'),
    crime: {
      ...rule('police', [], '区公安分局对涉嫌犯罪的经营行为依法追究刑事责任（第四部分（十）5）'),
      assistingIfPrepaid: ['commerce'],
      reasonIfPrepaid: '涉及预收资金，区商务委协同处置（第四部分（十二））',
    },
    other: rule('edu_coordinates', [], '不属于以上类别或情况复杂的，由区教育局协调相关部门共同研判处置（第五部分（四））'),
  },
  notes: {
    coordination: '机构属性不明、跨行业经营或情况复杂的，由区教育局协调相关部门共同研判处置（第五部分（四））',
    unknownFieldAssisting: '机构类别不明，由负责总体牵头协调的区教育局代行业主管部门协助（第四部分（一）1）',
    licensed: '文化教育类、职业技能类机构须经许可方可办学，由许可部门牵头查处（第四部分（一）2、（三）1）',
    unregisteredForProfit: '无需许可的营利性机构由区市场监管局登记和监管；登记性质不明的按营利性处理（第四部分（二）2、3）',
    unregisteredNonProfit: '非营利性机构由区民政局登记和监管（第四部分（四））',
    inform: '派遣时通报机构所属类别的行业主管部门（第四部分（十九）2）',
  },
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * A new table that changes some rules of an existing one. Use it for every change of rule: add the
 * result to ROUTING_TABLES under its own version and point CURRENT_ROUTING_VERSION at it.
 */
export function amendRoutingTable(
  base: RoutingTable,
  change: { version: string; adoptedOn: IsoDate; source: string; rules?: Partial<Record<ComplaintCategory, RoutingRule>>; notes?: Partial<RoutingNotes> },
): RoutingTable {
  if (change.version === base.version) throw new Error(`a new routing table needs a new version, not ${base.version}`);
  return deepFreeze({
    version: change.version,
    adoptedOn: change.adoptedOn,
    source: change.source,
    rules: { ...base.rules, ...change.rules },
    notes: { ...base.notes, ...change.notes },
  });
}

/** Every table ever published, by version. Never edit a published table: add a version. */
export const ROUTING_TABLES: Readonly<Record<string, RoutingTable>> = deepFreeze({
  [TABLE_2020_04_03.version]: TABLE_2020_04_03,
});

export const CURRENT_ROUTING_VERSION = '2020-04-03.1';
