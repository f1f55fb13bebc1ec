/**
 * The full text of a model contract (示范合同), as structured data: who the parties are, the
 * articles (第一条 …) and their clauses. One shape feeds the page (/contracts/<code>), the plain
 * text download and the PDF made at build time, so the three never differ. Pure data.
 */

/**
 * The clauses a family should read first (issue 16: refunds, the prepaid cap of 3 months / 60
 * lessons / 5,000 yuan, fund supervision). Each is shown with a written label, never by colour alone.
 */
export type KeyClauseKind = 'refund' | 'prepaid_cap' | 'fund_supervision';

export const KEY_CLAUSE_LABELS: Record<KeyClauseKind, string> = {
  refund: '重点条款：退费',
  prepaid_cap: '重点条款：预收费上限',
  fund_supervision: '重点条款：资金监管',
};

/** One numbered paragraph of an article, e.g. "（二）……". */
export interface Clause {
  text: string;
  key?: KeyClauseKind;
}

/** One article; its number (第一条, 第二条 …) follows from its place, see articleNumber. */
export interface Article {
  heading: string;
  clauses: Clause[];
}

/** A party and the blanks the contract asks it to fill in. */
export interface Party {
  role: string;
  fields: string[];
}

export interface ModelContractText {
  code: string;
  title: string;
  /** Who issued the model contract. */
  issuer: string;
  /** When it was published, in words (e.g. 2021年10月). */
  published: string;
  /**
   * 'official': arranged from a published model contract, whose official text prevails;
   * 'demo': a demonstration text written for the portal's demo data in the spirit of the model contracts.
   */
  basis: 'official' | 'demo';
  /** Where the official text is found, or why there is none. */
  source: string;
  /** 使用说明: how to use the text. */
  notes: string[];
  parties: Party[];
  /** The sentence before the articles: the laws it rests on and the parties' agreement. */
  recital: string;
  articles: Article[];
  /** The signature block, one line each. */
  signatures: string[];
}
