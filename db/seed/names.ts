/**
 * Institution names as Putuo registers them: a place prefix, a brand word (字号), a field word
 * (行业表述) and an organisational suffix. For-profit ones are companies or 工作室 registered with
 * 区市场监管局; non-profit ones are 培训学校 / 培训中心 registered with 区民政局. All brands are
 * made up; none is meant to resemble a real institution.
 */
import type { LegalForm, StreetCode, TrainingField } from '../../src/domain/shared/reference';
import type { Rng } from './random';

/** First and second characters combined into two-character brands (over 2,000 combinations). */
const BRAND_FIRST = [...new Set('星乐智博启明育新金阳春晨慧优童知思尚嘉华青睿卓远弘瑞德文雅美彩天蓝书飞科创艺小开朗益恒泽卓舒安和常')];
const BRAND_SECOND = [...new Set('光动航才辰苗禾翼源杰悦果桥鹰帆林云海峰树苑阁园谷辉越程韵朗翔蕾芽宸澜川宇途溪石原维丰铭达励诚')];

/** Hand-picked brands, including a few with Latin letters, as people really name training shops. */
const BRAND_WORDS = [
  '星光', '乐动', '启航', '博雅', '智慧树', '小精灵', '卓越', '春芽', '蓝天', '彩虹桥', '童心', '思源',
  '领航', '向日葵', '小脚印', '金话筒', '七色光', '梦想家', '新起点', '好学', '书香门第', '墨香', '晨曦',
  '百灵鸟', '小天鹅', '跳跳虎', '飞鱼', '小海豚', '青苗', '育才', '明德', '致远', '未来星', '小达人',
  '阳光宝贝', '快乐芽', '苏河', '梦清园', '长风帆', '金沙', '真如', '半马苏河', '中环', '沪西',
];
const LATIN_BRANDS = ['ABC', 'iCode', 'Kidsland', 'STEAM', 'Q宝', 'E学', 'Hi英语', 'ACE', 'MiniMaker', 'GoGo', 'K12', 'Dr.Bear'];

/** Field words that go between brand and suffix ("星光" + "英语" + "培训学校"). */
const FIELD_WORDS: Record<TrainingField, string[]> = {
  culture_edu: ['英语', '外语', '语言', '阅读', '文化', '学习', '思维', '口才', '国学', '作文', '数学思维', '少儿英语'],
  vocational: ['职业技能', '职业培训', '会计', '电脑', '烹饪', '美容美发', '家政', '育婴', '外贸', '设计', '电工', '人力资源'],
  arts: ['艺术', '美术', '音乐', '舞蹈', '书画', '钢琴', '戏剧', '书法', '声乐', '少儿美术', '器乐'],
  sports: ['体育', '篮球', '足球', '游泳', '跆拳道', '击剑', '乒乓', '羽毛球', '武术', '围棋', '轮滑', '体适能'],
  sci_tech: ['编程', '机器人', '科技', '创客', '人工智能', '少儿编程', '航模', '科学探索', '信息学', '无人机'],
  infant_care: ['托育', '早教', '婴幼儿', '亲子', '育儿', '托育服务', '早期发展'],
};

/** What a company says it does (经营范围 in the name): "上海乐动" + "体育发展" + "有限公司". */
const COMPANY_TRADES: Record<TrainingField, string[]> = {
  culture_edu: ['教育科技', '教育信息咨询', '文化教育', '教育培训', '文化发展', '教育咨询', '培训', '文化传播'],
  vocational: ['职业技能培训', '企业管理咨询', '人才服务', '职业培训', '教育科技', '人力资源', '技能培训', '培训'],
  arts: ['文化艺术', '文化传播', '艺术培训', '艺术发展', '文化发展', '艺术', '文化艺术发展', '文化创意'],
  sports: ['体育发展', '体育文化', '体育科技', '健身服务', '体育俱乐部', '体育', '体育培训', '运动科技'],
  sci_tech: ['科技', '教育科技', '信息科技', '智能科技', '科技发展', '科技教育', '机器人科技', '网络科技'],
  infant_care: ['托育服务', '婴幼儿照护服务', '育儿服务', '早教咨询', '托育', '早期教育', '母婴服务', '儿童发展'],
};

/** Street names without 街道 / 镇, used as the local prefix of small shops ("长风少儿编程工作室"). */
const STREET_SHORT: Record<StreetCode, string> = {
  changshou: '长寿', caojiadu: '曹家渡', ganquan: '甘泉', shiquan: '石泉', yichuan: '宜川',
  zhenru: '真如', changfeng: '长风', wanli: '万里', changzheng: '长征', taopu: '桃浦',
};

/** A three-character brand, for when the two-character ones of a kind run out. */
export function longBrand(rng: Rng): string {
  return rng.pick(BRAND_FIRST) + rng.pick(BRAND_SECOND) + rng.pick(BRAND_SECOND);
}

/** A brand: mostly generated pairs, sometimes a hand-picked word, rarely one with Latin letters. */
export function brand(rng: Rng): string {
  const kind = rng.weighted([
    { weight: 62, value: 'pair' as const },
    { weight: 35, value: 'word' as const },
    { weight: 3, value: 'latin' as const },
  ]);
  if (kind === 'latin') return rng.pick(LATIN_BRANDS);
  if (kind === 'word') return rng.pick(BRAND_WORDS);
  return rng.pick(BRAND_FIRST) + rng.pick(BRAND_SECOND);
}

export interface NameContext {
  fields: readonly TrainingField[];
  legalForm: LegalForm;
  street: StreetCode;
}

/** A name for an institution of this kind; `brandWord` is reused when a former name is derived. */
export function institutionName(rng: Rng, ctx: NameContext, brandWord: string = brand(rng)): string {
  const field = rng.pick(ctx.fields);
  const word = rng.pick(FIELD_WORDS[field]);
  if (ctx.legalForm === 'non_profit') {
    // 民办非企业单位: "上海市普陀区" + brand + field word + 培训学校 / 培训中心 / 进修学校.
    const prefix = rng.weighted([
      { weight: 70, value: '上海市普陀区' },
      { weight: 25, value: '普陀区' },
      { weight: 5, value: '上海' },
    ]);
    const suffix = rng.weighted([
      { weight: 60, value: '培训学校' },
      { weight: 20, value: '培训中心' },
      { weight: 12, value: '进修学校' },
      { weight: 8, value: '学校' },
    ]);
    return `${prefix}${brandWord}${word}${suffix}`;
  }
  const shape = rng.weighted([
    { weight: 60, value: 'company' as const },
    { weight: 12, value: 'branch' as const },
    { weight: 18, value: 'studio' as const },
    { weight: 10, value: 'centre' as const },
  ]);
  const trade = rng.pick(COMPANY_TRADES[field]);
  switch (shape) {
    case 'company':
      return `上海${brandWord}${trade}有限公司`;
    case 'branch':
      // A city-wide company's Putuo branch registers its own code in Putuo.
      return `上海${brandWord}${trade}有限公司${rng.pick(['普陀分公司', '普陀第一分公司', `${STREET_SHORT[ctx.street]}分公司`])}`;
    case 'studio':
      return `${rng.pick([STREET_SHORT[ctx.street], '普陀区', '上海'])}${brandWord}${word}工作室`;
    case 'centre':
      return `上海${brandWord}${word}培训中心有限公司`;
  }
}

/**
 * A former name (曾用名): most renamings keep the brand and change the trade or organisational form
 * (e.g. a tutoring company that became a 培训学校 after 2021); some changed the brand as well.
 */
export function formerName(rng: Rng, ctx: NameContext, currentBrand: string): string {
  const keepBrand = rng.chance(0.7);
  const oldForm: LegalForm = rng.chance(0.3) ? (ctx.legalForm === 'for_profit' ? 'non_profit' : 'for_profit') : ctx.legalForm;
  return institutionName(rng, { ...ctx, legalForm: oldForm }, keepBrand ? currentBrand : brand(rng));
}
