/**
 * The Open311 service catalogue: one service per complaint category (services.json) and the
 * service definition listing the attributes a post may carry (services/<code>.json). The
 * attributes are the complaint-form fields that Open311 has no standard parameter for; their codes
 * are those of OPEN311_PARAMETER (src/domain/open311/open311-request.ts), so the catalogue and the parser
 * cannot drift apart.
 */
import { CATEGORY_KEYWORDS } from '../../domain/complaints/category-keywords';
import { CATEGORIES, COMPLAINT_CATEGORIES, type ComplaintCategory } from '../../domain/complaints/complaint-categories';
import { COMPLAINT_LIMITS, FILER_ROLES, FILER_ROLE_NAMES } from '../../domain/complaints/complaint-form';
import { STREETS, STREET_CODES } from '../../domain/shared/reference';

/**
 * Groups for clients that cluster services (Open311 "group"). A portal choice for the hotline's
 * menus, not a rule of the plan: who handles a case is decided by routing, not by its group.
 */
const GROUP: Record<ComplaintCategory, string> = {
  unlicensed: '办学资质',
  staff_qualification: '办学资质',
  foreign_staff: '办学资质',
  nonprofit_compliance: '办学资质',
  fees_refund: '收费与预收资金',
  prepaid_card: '收费与预收资金',
  consumer_loan: '收费与预收资金',
  tax_invoice: '收费与预收资金',
  advertising: '宣传与培训内容',
  training_content: '宣传与培训内容',
  harmful_materials: '宣传与培训内容',
  fire_safety: '场所与消防',
  building_works: '场所与消防',
  residential_use: '场所与消防',
  premises_use: '场所与消防',
  security: '安全与卫生',
  food_safety: '安全与卫生',
  hygiene_epidemic: '安全与卫生',
  network_security: '安全与卫生',
  labour: '劳动、违法犯罪与其他',
  crime: '劳动、违法犯罪与其他',
  other: '劳动、违法犯罪与其他',
};

/** The strongest words residents use for a category (the suggestion's own table), or null. */
function keywords(code: ComplaintCategory): string | null {
  if (code === 'other') return null;
  const words = Object.entries(CATEGORY_KEYWORDS[code])
    .filter(([, weight]) => weight >= 4)
    .sort(([, a], [, b]) => b - a)
    .slice(0, 8)
    .map(([word]) => word);
  return words.length > 0 ? words.join(',') : null;
}

export function serviceJson(code: ComplaintCategory) {
  const c = CATEGORIES[code];
  return {
    service_code: c.code,
    service_name: c.name,
    description: c.description,
    // Every service has a definition: the attributes of serviceDefinitionJson.
    metadata: true,
    type: 'realtime' as const,
    keywords: keywords(code),
    group: GROUP[code],
  };
}

export const servicesJson = () => COMPLAINT_CATEGORIES.map(serviceJson);

type Datatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

const attribute = (
  order: number,
  code: string,
  datatype: Datatype,
  required: boolean,
  description: string,
  datatypeDescription: string | null,
  values?: { key: string; name: string }[],
) => ({ variable: true, code, datatype, required, datatype_description: datatypeDescription, order, description, ...(values ? { values } : {}) });

const L = COMPLAINT_LIMITS;

/** The same attributes for every service: all categories share one complaint form. */
const ATTRIBUTES = [
  attribute(1, 'credit_code', 'string', false, '被投诉机构的统一社会信用代码。查不到代码时留空，并填写 institution_name、address_string 和 street。', '18位统一社会信用代码，例如 91310107MA1G0ABC1Y'),
  attribute(2, 'institution_name', 'string', false, '机构名称（没有 credit_code 时必填），招牌或收据上的名称都可以。', `最多${L.institutionName}个字`),
  attribute(3, 'street', 'singlevaluelist', false, '机构所在的街道或镇（没有 credit_code 时必填）。', null,
    STREET_CODES.map((key) => ({ key, name: STREETS[key] }))),
  attribute(4, 'occurred_on', 'datetime', true, '问题发生的日期；记不清可以填大概的日期。', '日期 YYYY-MM-DD，或 ISO 8601 日期时间（按上海时间取日期）'),
  attribute(5, 'money_yuan', 'number', false, '涉及金额，单位为元。', `0到${L.moneyYuan}之间的整数`),
  attribute(6, 'people_affected', 'number', false, '受影响的人数。', `1到${L.peopleAffected}之间的整数`),
  attribute(7, 'filer_role', 'singlevaluelist', true, '投诉人的身份。', null, FILER_ROLES.map((key) => ({ key, name: FILER_ROLE_NAMES[key] }))),
  attribute(8, 'consent_to_contact', 'singlevaluelist', false, '处理部门能否联系投诉人了解情况；不填视为不同意。', null, [
    { key: 'true', name: '同意' },
    { key: 'false', name: '不同意' },
  ]),
  attribute(9, 'idempotency_key', 'string', false, '本次提交的唯一编号。重试时发送同一编号，投诉只登记一次；也可以用 Idempotency-Key 请求头发送。不发送时每次提交都登记为新投诉。', 'UUID，例如 0b6f1c52-3a5e-4d8b-b1c2-7d9e8f0a1b2c'),
];

export function serviceDefinitionJson(code: ComplaintCategory) {
  return { service_code: code, attributes: ATTRIBUTES };
}
