/**
 * Which training field a stated course belongs to, by the words people use for it. Data first, so
 * a landlord's "少儿英语口语" is explained as "英语 → 文化教育" and nothing is hidden in a model.
 * A word may belong to more than one field (书法 is taught as 硬笔书法 in 文化教育 and as an art).
 * To improve a match, add the word here and a case to tests/fixtures/verification-cases.ts.
 */
import type { TrainingField } from '../shared/reference';

export const FIELD_KEYWORDS: Readonly<Record<TrainingField, readonly string[]>> = {
  culture_edu: [
    '语文', '数学', '英语', '外语', '日语', '韩语', '法语', '德语', '西班牙语', '俄语', '物理', '化学', '生物', '历史', '地理',
    '政治', '作文', '写作', '阅读', '演讲', '口才', '国学', '诵读', '书法', '思维训练', '奥数', '补习', '补课', '学科',
    '文化课', '中考', '高考', '雅思', '托福', '拼音', '识字', '珠心算', '心算',
  ],
  vocational: [
    '育婴员', '保育员', '烹调', '烹饪', '厨师', '面点', '美容', '美发', '化妆', '美甲', '电工', '焊工', '人力资源', '会计',
    '家政', '养老护理', '护理员', '茶艺', '咖啡师', '调酒', '网络与信息安全', '程序设计员', '职业技能', '技能等级', '等级证书',
    '初级工', '中级工', '高级工', '母婴护理', '月嫂', '保安员', '叉车', '电商运营', '直播',
  ],
  arts: [
    '美术', '绘画', '画画', '素描', '国画', '油画', '水彩', '漫画', '书法', '钢琴', '小提琴', '大提琴', '吉他', '古筝', '二胡',
    '琵琶', '架子鼓', '器乐', '乐器', '声乐', '唱歌', '合唱', '舞蹈', '中国舞', '芭蕾', '拉丁', '街舞', '爵士舞', '戏剧',
    '表演', '播音', '主持', '摄影', '陶艺', '手工',
  ],
  sports: [
    '篮球', '足球', '排球', '游泳', '跆拳道', '武术', '散打', '空手道', '击剑', '羽毛球', '乒乓球', '网球', '体操', '围棋',
    '象棋', '国际象棋', '体适能', '体能', '轮滑', '滑板', '攀岩', '瑜伽', '健身', '跳绳', '田径', '冰球', '滑冰', '马术',
  ],
  sci_tech: [
    '编程', 'PYTHON', 'SCRATCH', 'C++', '机器人', '人工智能', 'AI', '科学实验', '科学', '航模', '无人机', '信息学', '创客',
    '3D打印', '电子制作', '天文',
  ],
  infant_care: ['早教', '婴幼儿', '亲子', '托育', '托班', '感统', '育儿', '0至3岁', '0-3岁'],
};

export interface KeywordHit {
  word: string;
  fields: TrainingField[];
}

/**
 * The keywords found in a text, longest first and without overlaps ("国际象棋" hides "象棋"),
 * each with the fields it signals. Latin letters are compared in upper case.
 */
export function trainingKeywords(text: string): KeywordHit[] {
  const haystack = text.normalize('NFKC').toUpperCase();
  const byWord = new Map<string, TrainingField[]>();
  for (const [field, words] of Object.entries(FIELD_KEYWORDS) as [TrainingField, readonly string[]][]) {
    for (const word of words) byWord.set(word, [...(byWord.get(word) ?? []), field]);
  }
  const words = [...byWord.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const taken: boolean[] = Array.from({ length: haystack.length }, () => false);
  const hits: KeywordHit[] = [];
  for (const word of words) {
    let from = 0;
    for (;;) {
      const at = haystack.indexOf(word, from);
      if (at < 0) break;
      from = at + 1;
      const span = Array.from({ length: word.length }, (_, k) => at + k);
      if (span.some((k) => taken[k])) continue;
      for (const k of span) taken[k] = true;
      if (!hits.some((h) => h.word === word)) hits.push({ word, fields: byWord.get(word)! });
    }
  }
  return hits;
}
