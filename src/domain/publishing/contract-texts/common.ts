/**
 * Articles and blanks that every model contract of the portal shares in substance: the parties'
 * blanks, dispute resolution, final provisions and the signature block. Pure data.
 */
import type { Article, Party } from './types';

/** The training institution's blanks (甲方), as the national model lists them. */
export const INSTITUTION_PARTY: Party = {
  role: '甲方（提供培训方）',
  fields: [
    '机构名称（与办学许可证、营业执照或民办非企业单位登记证书一致）',
    '办学地址',
    '审批机关',
    '登记注册机关',
    '办学许可证编号及有效期',
    '统一社会信用代码',
    '联系人及联系电话',
  ],
};

/** The dispute article: talks first, then the departments' mediation, then arbitration or court. */
export function disputeArticle(mediators: string): Article {
  return {
    heading: '争议处理',
    clauses: [
      { text: '本合同履行过程中发生争议的，双方应当本着平等、诚信的原则协商解决。' },
      { text: `协商不成的，乙方可以向${mediators}投诉或者申请调解，也可以拨打12345市民服务热线反映。` },
      { text: '调解不成或者不愿调解的，双方可以选择以下第____种方式解决：1. 提交____仲裁委员会仲裁；2. 依法向人民法院提起诉讼。' },
    ],
  };
}

/** Final provisions: signing, copies, supplements. */
export const FINAL_ARTICLE: Article = {
  heading: '其他',
  clauses: [
    { text: '本合同自双方签字（盖章）之日起生效，至培训服务履行完毕、费用结清之日终止。' },
    { text: '本合同一式两份，双方各执一份，具有同等法律效力。以电子方式订立的，甲方应当向乙方提供可下载、可保存的合同文本。' },
    { text: '双方可以另行签订补充协议。补充协议与本合同具有同等效力，但不得减轻或者免除甲方依法应当承担的责任，不得加重乙方的责任或者排除乙方的主要权利。' },
    { text: '甲方公示的收费项目、收费标准、退费办法和招生简章作为本合同的附件，与本合同具有同等效力。' },
  ],
};

export const SIGNATURES: string[] = [
  '甲方（盖章）：____________　法定代表人或委托代理人（签字）：____________',
  '乙方（签字）：____________　联系电话：____________',
  '签订日期：______年____月____日　签订地点：____________',
];
