/**
 * A model contract as an A4 PDF (pdfkit), made at build time by contract-pdfs-integration.ts.
 * Chinese needs a font with its glyphs embedded: Noto Sans SC (SIL Open Font License) from the
 * npm package @expo-google-fonts/noto-sans-sc, never a font of the build machine, so every clone
 * makes the same file. pdfkit embeds only the glyphs a document uses (a subset), so a PDF of a
 * few pages stays near 100 KB although each font file is 10 MB.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { contractBlocks, type ContractBlock } from '../../domain/publishing/contract-layout';
import type { ModelContractText } from '../../domain/publishing/contract-texts/types';

const require = createRequire(import.meta.url);
const FONT_PACKAGE = '@expo-google-fonts/noto-sans-sc';

let fonts: { regular: Buffer; bold: Buffer } | undefined;
/** The two weights, read once per process. */
function loadFonts() {
  fonts ??= {
    regular: readFileSync(require.resolve(`${FONT_PACKAGE}/400Regular/NotoSansSC_400Regular.ttf`)),
    bold: readFileSync(require.resolve(`${FONT_PACKAGE}/700Bold/NotoSansSC_700Bold.ttf`)),
  };
  return fonts;
}

/** A4 in points, with margins of 20 mm at the sides and 22 mm top and bottom (page number inside). */
const MARGINS = { top: 62, bottom: 62, left: 57, right: 57 };
const INK = '#1a1a1a';
const MUTED = '#555555';
const KEY_RULE = '#8a4b00';

/** Renders the contract; resolves with the PDF's bytes. */
export function renderContractPdf(c: ModelContractText): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: c.title, Subject: `${c.code} 示范合同全文`, Author: c.issuer, Creator: '普陀区培训机构公示平台', CreationDate: new Date(0) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.registerFont('body', regular);
  doc.registerFont('bold', bold);
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  for (const b of contractBlocks(c)) drawBlock(doc, b, width);
  numberPages(doc, c);
  doc.end();
  return done;
}

function drawBlock(doc: PDFKit.PDFDocument, b: ContractBlock, width: number) {
  const x = MARGINS.left;
  switch (b.kind) {
    case 'title':
      doc.font('bold').fontSize(17).fillColor(INK).text(b.text, x, doc.y, { width, align: 'center' });
      doc.moveDown(0.4);
      return;
    case 'meta':
      doc.font('body').fontSize(9.5).fillColor(MUTED).text(b.text, x, doc.y, { width, align: 'center' });
      doc.moveDown(0.8);
      return;
    case 'notice':
      doc.font('body').fontSize(9).fillColor(MUTED).text(`说明：${b.text}`, x, doc.y, { width, lineGap: 2 });
      doc.moveDown(0.6);
      return;
    case 'heading':
      // Keep a heading with the first lines of its article: start a new page when little room is left.
      if (doc.y > doc.page.height - MARGINS.bottom - 60) doc.addPage();
      doc.moveDown(0.5);
      doc.font('bold').fontSize(12.5).fillColor(INK).text(b.text, x, doc.y, { width });
      doc.moveDown(0.3);
      return;
    case 'paragraph':
      doc.font('body').fontSize(10.5).fillColor(INK).text(b.text, x, doc.y, { width, lineGap: 3, paragraphGap: 3 });
      return;
    case 'clause': {
      if (!b.key) {
        doc.font('body').fontSize(10.5).fillColor(INK).text(`${b.number}${b.text}`, x, doc.y, { width, lineGap: 3, paragraphGap: 3 });
        return;
      }
      // A key clause: its label in bold words (not colour alone) and a rule in the left margin.
      const indent = 8;
      const page = doc.bufferedPageRange().count;
      const top = doc.y;
      doc.font('bold').fontSize(10.5).fillColor(INK).text(`【${b.key.label}】`, x + indent, top, { width: width - indent, lineGap: 3, continued: true });
      doc.font('body').text(`${b.number}${b.text}`, { lineGap: 3, paragraphGap: 3 });
      if (doc.bufferedPageRange().count === page) {
        doc.save().lineWidth(2.5).strokeColor(KEY_RULE).moveTo(x + 1, top + 1).lineTo(x + 1, doc.y - 4).stroke().restore();
      }
      return;
    }
  }
}

/** "第 n 页 共 m 页" at the foot of every page, inside the bottom margin. */
function numberPages(doc: PDFKit.PDFDocument, c: ModelContractText) {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('body').fontSize(8.5).fillColor(MUTED);
    const y = doc.page.height - bottom + 20;
    doc.text(`${c.code}　${c.title}`, MARGINS.left, y, { width: doc.page.width - MARGINS.left - MARGINS.right, align: 'left', lineBreak: false });
    doc.text(`第 ${i + 1} 页 共 ${count} 页`, MARGINS.left, y, { width: doc.page.width - MARGINS.left - MARGINS.right, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
