/**
 * 示范合同 (plan, section 六(一): institutions use the model contract and follow it on charging and
 * refunds). GF-2021-2604 is the national model contract for out-of-school training of primary and
 * secondary pupils (教育部、市场监管总局, 2021). The other codes are demo placeholders (SH-DEMO-…),
 * standing for the vocational, non-academic and infant-care contracts a district would point to.
 *
 * A row holds what /contracts lists (title, refund rule, fund supervision, key points, which staff
 * may edit); the full text of each contract is src/domain/publishing/contract-texts, published as
 * public/contracts/<code>.txt by {@link contractFileText} (see src/cli/write-contracts.ts) and as
 * a PDF made at build time.
 */
import { contractPlainText } from '../../src/domain/publishing/contract-layout';
import { contractText } from '../../src/domain/publishing/contract-texts';
import type { TrainingField } from '../../src/domain/shared/reference';
import type { modelContracts } from '../schema';

/** A model_contracts row. */
export type ModelContractRow = typeof modelContracts.$inferInsert;

/** The model contracts of the demo, one per group of fields. */
export const MODEL_CONTRACTS: ModelContractRow[] = [
  {
    code: 'GF-2021-2604',
    title: '中小学生校外培训服务合同（示范文本）',
    fields: ['culture_edu'] satisfies TrainingField[],
    refundWindow: '培训开始前申请退费的，退还全部费用；培训开始后申请退费的，退还未消费课时对应的费用，具体期限以合同约定为准',
    feeSupervision: '培训费用应通过培训机构的预收费监管账户收取，一次性收取费用的时间跨度不得超过3个月',
    keyClauses: [
      '合同应写明培训项目、培训内容、课时数和上课时间。',
      '培训机构不得一次性收取或变相收取时间跨度超过3个月的费用。',
      '培训费用应进入预收费监管账户，不得以现金或个人账户收取。',
      '学员未消费的课时费用可以申请退还，合同应写明退费方式和期限。',
      '培训机构不得诱导学员办理消费贷款支付培训费用。',
      '授课人员应具备相应资格，培训机构应公示其资格信息。',
    ],
    fileName: 'GF-2021-2604.txt',
    // Published by 教育部 and 市场监管总局 on 13 October 2021, after the 双减 opinions.
    issuedOn: '2021-10-13',
  },
  {
    code: 'SH-DEMO-2020-01',
    title: '职业技能培训服务合同（示范文本）',
    fields: ['vocational'] satisfies TrainingField[],
    refundWindow: '开班前申请退费的全额退还；开班后按未参加培训课时比例退还，办理期限不超过15个工作日',
    feeSupervision: '培训费用由银行托管或缴纳风险保证金，政府补贴类培训按规定结算',
    keyClauses: [
      '合同应写明培训职业（工种）、等级、课时和考核方式。',
      '培训机构不得承诺“包过”“包就业”。',
      '实训场地和设备应符合安全要求。',
      '学员中途退学的，按未参加课时比例退还费用。',
      '培训结束后应出具培训证明，考核合格的按规定申领证书。',
    ],
    fileName: 'SH-DEMO-2020-01.txt',
    issuedOn: '2020-06-01',
  },
  {
    code: 'SH-DEMO-2020-02',
    title: '文化艺术、体育、科技类校外培训服务合同（示范文本）',
    fields: ['arts', 'sports', 'sci_tech'] satisfies TrainingField[],
    refundWindow: '首次课后7日内可无理由退费；其后按剩余课时比例退还，不收取违约金',
    feeSupervision: '预收费用纳入资金监管，单次收费不超过3个月、60课时或5000元',
    keyClauses: [
      '合同应写明培训项目、班额、课时和教练员（教师）资质。',
      '一次性收费不得超过3个月、60课时或5000元。',
      '体育类培训应告知运动风险并配备必要的安全保护措施。',
      '因培训机构原因停课或迁址的，学员可解除合同并获退全部未消费费用。',
      '双方发生争议的，可向区市场监管局或行业主管部门申请调解。',
    ],
    fileName: 'SH-DEMO-2020-02.txt',
    issuedOn: '2020-06-01',
  },
  {
    code: 'SH-DEMO-2020-03',
    title: '托育服务合同（示范文本）',
    fields: ['infant_care'] satisfies TrainingField[],
    refundWindow: '入托前申请退费的全额退还；入托后按月结算，退还未使用月份的保育费',
    feeSupervision: '保育费按月收取，预收不超过3个月，押金（如有）应单独列明并在终止服务时退还',
    keyClauses: [
      '合同应写明婴幼儿年龄段、托育形式（全日托、半日托、计时托）和收费标准。',
      '托育机构应配备持证保育人员和卫生保健人员。',
      '托育机构应执行晨午检、膳食营养和传染病防控制度。',
      '婴幼儿因病缺勤的，伙食费按实际出勤天数结算。',
      '家长可随时了解婴幼儿在园情况，托育机构应保护婴幼儿个人信息。',
    ],
    fileName: 'SH-DEMO-2020-03.txt',
    issuedOn: '2020-06-01',
  },
];

/** The full text published as public/contracts/<code>.txt (UTF-8, no byte order mark). */
export function contractFileText(c: ModelContractRow): string {
  const text = contractText(c.code);
  if (!text) throw new Error(`no full text for model contract ${c.code} in src/domain/publishing/contract-texts`);
  return contractPlainText(text);
}
