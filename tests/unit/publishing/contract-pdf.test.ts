/**
 * The model contract PDF (src/server/publishing/contract-pdf.ts): A4 pages, numbered, with the
 * Chinese text extractable (so the CJK font is embedded with a ToUnicode map, not drawn as
 * shapes), the font subset so the file stays small. Text is read back with pdfjs-dist.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { contractText } from '../../../src/domain/publishing/contract-texts';
import { renderContractPdf } from '../../../src/server/publishing/contract-pdf';

/** Each page's text, items joined without spaces (CJK lines wrap into separate items). */
async function pagesText(pdf: Buffer): Promise<{ texts: string[]; sizes: number[][] }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const texts: string[] = [];
  const sizes: number[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    texts.push(content.items.map((i) => ('str' in i ? i.str : '')).join('').replace(/\s+/g, ''));
    sizes.push(page.view.slice(2).map(Math.round));
  }
  await doc.destroy();
  return { texts, sizes };
}

describe('the contract PDF', () => {
  it('holds the Chinese clauses, on numbered A4 pages, in a small file', async () => {
    const gf = contractText('GF-2021-2604')!;
    const pdf = await renderContractPdf(gf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Two subset weights of Noto Sans SC: tens of KB, not the 10 MB of each font file.
    expect(pdf.byteLength).toBeLessThan(300 * 1024);

    const { texts, sizes } = await pagesText(pdf);
    expect(texts.length).toBeGreaterThan(1);
    for (const s of sizes) expect(s).toEqual([595, 842]);
    const all = texts.join('');
    expect(all).toContain('中小学生校外培训服务合同（示范文本）');
    expect(all).toContain('第五条退费');
    expect(all).toContain('【重点条款：预收费上限】');
    expect(all).toContain('且一次收取的费用不得超过5000元');
    expect(all).toContain('以正式文本为准');
    texts.forEach((t, i) => expect(t).toContain(`第${i + 1}页共${texts.length}页`));
  });
});
