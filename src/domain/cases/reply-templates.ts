/**
 * Reply templates per complaint category. Data only: a
 * handler picks one on the case page and completes the placeholders in 【】 before sending; the
 * reply then appears on the public timeline, so a template never names a staff member or the
 * complainant. Two placeholders are filled in by the page when it knows them (fillReplyTemplate):
 * 【机构名称】 and 【受理编号】; every other one is for the handler.
 */
import { z } from 'zod';
import { COMPLAINT_CATEGORIES, type ComplaintCategory } from '../complaints/complaint-categories';

export interface ReplyTemplate {
  /** Stable id, used in `?template=<id>` on the case page. */
  id: string;
  category: ComplaintCategory;
  /** What the handler sees in the list. */
  title: string;
  text: string;
}

/** Openings and closings shared by every template, so all replies read alike. */
const OPEN = '您好！您反映的关于【机构名称】的问题（受理编号【受理编号】），我部门已于【调查日期】进行了调查核实。';
const CLOSE = '感谢您对培训市场监管工作的支持。如对办理结果有异议，可通过原渠道再次反映。';
const body = (...lines: string[]) => [OPEN, ...lines, CLOSE].join('\n');

const tpl = (id: string, category: ComplaintCategory, title: string, ...lines: string[]): ReplyTemplate => ({
  id,
  category,
  title,
  text: body(...lines),
});

export const REPLY_TEMPLATES: readonly ReplyTemplate[] = [
  tpl('unlicensed-found', 'unlicensed', '无证办学属实，已责令停止',
    '经查，该机构未取得【办学许可证／营业执照】即开展培训活动，情况属实。',
    '我部门已责令其立即停止招生和培训，并依法【处理措施】。已报名学员的退费事宜，已要求机构于【退费期限】前办理完毕。'),
  tpl('unlicensed-licensed', 'unlicensed', '经查证照齐全', '经查，该机构持有有效的【证照名称】（编号【证照编号】），培训内容与许可范围一致，未发现无证无照办学情况。'),
  tpl('fees-refund', 'fees_refund', '收费退费：已督促退费',
    '经查，机构与您签订的合同约定【合同约定内容】。我部门已约谈机构负责人，督促其按合同和示范合同的退费规则，于【退费期限】前退还【退费金额】元。'),
  tpl('fees-refund-mediation', 'fees_refund', '收费退费：调解未成', '经组织调解，双方对【争议事项】未能达成一致。您可向人民法院起诉或申请仲裁，我部门将继续关注该机构收费行为。'),
  tpl('advertising', 'advertising', '虚假宣传：责令改正', '经查，该机构宣传材料中含有“【宣传用语】”等内容，违反广告法相关规定。我部门已责令其撤除相关宣传，并依法【处理措施】。'),
  tpl('food-safety', 'food_safety', '食品安全：现场检查', '经现场检查，该机构【食品经营许可情况】，发现【问题】。我部门已责令其整改，并将于【复查日期】复查。'),
  tpl('prepaid-card', 'prepaid_card', '预付资金：纳入监管', '经查，该机构预收费用【金额】元，资金【存管／保证金情况】。我部门已会同相关部门要求其【处理措施】，并将其纳入单用途预付卡重点监管名单。'),
  tpl('consumer-loan', 'consumer_loan', '消费贷款：已约谈', '经查，该机构存在【诱导／强制】学员办理消费贷款的情况。我部门已约谈机构负责人并责令整改；涉及的贷款问题，您可联系【金融机构】协商处理。'),
  tpl('staff-qualification', 'staff_qualification', '从业人员资质核查', '经核查，该机构【人数】名授课人员中，【人数】名未持有相应资格证书。我部门已责令其于【整改期限】前完成整改，整改前相关人员不得授课。'),
  tpl('training-content', 'training_content', '培训内容核查', '经查，该机构开展的【培训项目】与登记内容【一致／不一致】。我部门已【处理措施】。'),
  tpl('foreign-staff', 'foreign_staff', '外籍人员聘用核查', '经查，该机构聘用的外籍人员【工作许可及签证情况】。我部门已会同区科委依法【处理措施】。'),
  tpl('fire-safety', 'fire_safety', '消防隐患：责令整改', '经现场检查，发现【隐患内容】。我支队已依法下发责令改正通知书，要求于【整改期限】前整改完毕，并将到场复查。'),
  tpl('building-works', 'building_works', '建筑或消防工程', '经现场核查，该机构【改建／搭建情况】。我部门已责令其【处理措施】，并将跟踪整改情况。'),
  tpl('residential-use', 'residential_use', '住宅改变使用性质', '经现场核查，【地址】存在利用住宅开展培训的情况。我局已责令其于【期限】前停止使用并恢复原状，逾期将依法处理。'),
  tpl('premises-use', 'premises_use', '培训用房使用', '经核查，该机构所用房屋【房屋用途情况】。我局已【处理措施】。'),
  tpl('security', 'security', '安全防范检查', '经检查，该机构【人防／技防／物防】存在【问题】。我局已责令其立即整改，并加强接送时段的安全管理。'),
  tpl('network-security', 'network_security', '个人信息与网络安全', '经查，【平台或机构】存在【问题】。我部门已会同公安机关【处理措施】。如您的个人信息已被滥用，可向公安机关报案。'),
  tpl('harmful-materials', 'harmful_materials', '有害或盗版材料', '经查，该机构使用的【教材或课程名称】含有【问题内容】。我局已责令其停止使用并收缴相关材料，依法【处理措施】。'),
  tpl('hygiene-epidemic', 'hygiene_epidemic', '卫生与传染病防控', '经现场检查，该机构【卫生状况】。我委已指导其落实消毒、晨检和因病缺课追踪等措施，并将于【复查日期】复查。'),
  tpl('labour', 'labour', '劳动保障：欠薪或合同', '经查，该机构【欠薪人数和金额／劳动合同情况】。我局已责令其于【期限】前支付拖欠工资、补签劳动合同，逾期将依法处理。'),
  tpl('tax-invoice', 'tax_invoice', '发票问题', '经查，该机构【开票情况】。我局已责令其依法开具发票，并对【违法行为】依法处理。'),
  tpl('nonprofit-compliance', 'nonprofit_compliance', '非营利机构监管', '经查，该机构【分红或超范围活动情况】。我局已依据《民办非企业单位登记管理暂行条例》【处理措施】。'),
  tpl('crime', 'crime', '涉嫌犯罪：已立案或移送', '您反映的情况涉嫌【罪名】，我局已于【日期】【立案侦查／移送相关部门】。请您保留好缴费凭证、合同等证据，配合后续调查。'),
  tpl('other-coordinated', 'other', '协调办理', '本案涉及【相关部门】的职责，经区教育局组织会商，由【牵头部门】牵头办理。经查，【调查结论】，已【处理措施】。'),
  tpl('general-not-substantiated', 'other', '经查不属实', '经查，未发现您所反映的【问题】。我部门将继续将该机构纳入日常监管。'),
];

/** The template ids, for validating `?template=`. */
export const replyTemplateIdSchema = z.enum(REPLY_TEMPLATES.map((t) => t.id) as [string, ...string[]]);

/** The templates offered for a case: its own category's first, then the general ones of 'other'. */
export function templatesFor(category: string): ReplyTemplate[] {
  const own = REPLY_TEMPLATES.filter((t) => t.category === category);
  const general = category === 'other' ? [] : REPLY_TEMPLATES.filter((t) => t.category === 'other');
  return [...own, ...general];
}

export function templateById(id: string): ReplyTemplate | undefined {
  return REPLY_TEMPLATES.find((t) => t.id === id);
}

/** Fills the placeholders the page knows; the others stay for the handler to complete. */
export function fillReplyTemplate(template: ReplyTemplate, known: { institution?: string | null; trackingNumber: string }): string {
  let text = template.text.replaceAll('【受理编号】', known.trackingNumber);
  if (known.institution) text = text.replaceAll('【机构名称】', known.institution);
  return text;
}

/** Placeholders still left in a reply, e.g. ['【调查日期】']: shown to the handler as a reminder. */
export function openPlaceholders(text: string): string[] {
  return [...new Set(text.match(/【[^】]{1,20}】/g) ?? [])];
}

/** Every category has at least one template (checked by the unit test too). */
export const categoriesWithoutTemplate = (): ComplaintCategory[] =>
  COMPLAINT_CATEGORIES.filter((c) => !REPLY_TEMPLATES.some((t) => t.category === c));
