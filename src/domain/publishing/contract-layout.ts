/**
 * How a model contract's full text is laid out: article and clause numbers, the notice that the
 * official text prevails, and the sequence of blocks (title, headings, clauses …) that the plain
 * text download and the PDF (src/server/publishing/contract-pdf.ts) both render. The page
 * (src/pages/contracts/[code]/index.astro) renders the same data with the same numbers. Pure.
 */
import { KEY_CLAUSE_LABELS, type KeyClauseKind, type ModelContractText } from './contract-texts/types';

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (1–99, as contracts number articles). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`chineseNumeral: ${n}`);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : DIGITS[tens]}十${DIGITS[n % 10]}`;
}

/** The number of the article at `index` (0-based): 第一条. */
export const articleNumber = (index: number) => `第${chineseNumeral(index + 1)}条`;

/** The number of the clause at `index` (0-based) within its article: （一）. */
export const clauseNumber = (index: number) => `（${chineseNumeral(index + 1)}）`;

/** The anchor of the article at `index` on the page. */
export const articleId = (index: number) => `article-${index + 1}`;

/** What the text is and which text prevails, shown above every rendering of it. */
export function contractNotice(c: ModelContractText): string {
  return c.basis === 'official'
    ? `本文本由普陀区培训机构公示平台依照官方示范文本的条款结构整理，供阅读和参照；与正式发布的文本不一致的，以正式文本为准。正式文本：${c.source}`
    : c.source;
}

/** Where the downloads of a contract are served (the PDF is made at build time). */
export const contractTextHref = (code: string) => `/contracts/${encodeURIComponent(code)}.txt`;
export const contractPdfHref = (code: string) => `/contracts/${encodeURIComponent(code)}.pdf`;
export const contractPageHref = (code: string) => `/contracts/${encodeURIComponent(code)}`;

export type ContractBlock =
  | { kind: 'title'; text: string }
  | { kind: 'meta'; text: string }
  | { kind: 'notice'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'clause'; number: string; text: string; key?: { kind: KeyClauseKind; label: string } };

/** The contract as a sequence of blocks, in reading order. */
export function contractBlocks(c: ModelContractText): ContractBlock[] {
  const blocks: ContractBlock[] = [
    { kind: 'title', text: c.title },
    { kind: 'meta', text: `编号：${c.code}　制定：${c.issuer}　发布：${c.published}` },
    { kind: 'notice', text: contractNotice(c) },
    { kind: 'heading', text: '使用说明' },
    ...c.notes.map((text, i): ContractBlock => ({ kind: 'clause', number: `${chineseNumeral(i + 1)}、`, text })),
    { kind: 'heading', text: '合同当事人' },
  ];
  for (const p of c.parties) {
    blocks.push({ kind: 'paragraph', text: `${p.role}：` });
    for (const f of p.fields) blocks.push({ kind: 'paragraph', text: `${f}：____________` });
  }
  blocks.push({ kind: 'paragraph', text: c.recital });
  c.articles.forEach((a, i) => {
    blocks.push({ kind: 'heading', text: `${articleNumber(i)}　${a.heading}` });
    a.clauses.forEach((cl, j) => {
      blocks.push({ kind: 'clause', number: clauseNumber(j), text: cl.text, ...(cl.key ? { key: { kind: cl.key, label: KEY_CLAUSE_LABELS[cl.key] } } : {}) });
    });
  });
  blocks.push({ kind: 'heading', text: '签署' });
  for (const s of c.signatures) blocks.push({ kind: 'paragraph', text: s });
  return blocks;
}

/**
 * The plain text download: one block a paragraph, a blank line around headings, key clauses
 * marked with their label in brackets (【重点条款：退费】) so the mark survives without styling.
 * Lines are not wrapped (a phone wraps them to its width); LF line ends, no byte order mark.
 */
export function contractPlainText(c: ModelContractText): string {
  const lines: string[] = [];
  for (const b of contractBlocks(c)) {
    switch (b.kind) {
      case 'title':
        lines.push(`《${b.text}》`);
        break;
      case 'heading':
        lines.push('', b.text, '');
        break;
      case 'notice':
        lines.push('', `说明：${b.text}`);
        break;
      case 'clause':
        lines.push(`${b.key ? `【${b.key.label}】` : ''}${b.number}${b.text}`);
        break;
      default:
        lines.push(b.text);
    }
  }
  return `${lines.join('\n')}\n`;
}
