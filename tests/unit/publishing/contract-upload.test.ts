/**
 * Model contract uploads: a file is accepted only when its extension and its first bytes
 * agree on PDF, DOCX or ODT, and it is at most 5 MB; the key-clause form's messages.
 */
import { describe, expect, it } from 'vitest';
import { checkContractFile, cleanFileName, contractClausesSchema, contractHref, MAX_CONTRACT_BYTES, sniffContractFormat } from '../../../src/domain/publishing/contract-upload';

/** A ZIP local file header (30 bytes) for `name`, followed by `content` stored as is. */
function zipEntry(name: string, content = ''): Buffer {
  const header = Buffer.alloc(30);
  header.write('PK\x03\x04', 0, 'latin1');
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, Buffer.from(name, 'latin1'), Buffer.from(content, 'latin1')]);
}

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const DOCX = Buffer.concat([zipEntry('[Content_Types].xml', '<Types/>'), zipEntry('word/document.xml', '<w:document/>')]);
const ODT = Buffer.concat([zipEntry('mimetype', 'application/vnd.oasis.opendocument.text'), zipEntry('content.xml', '<office:document-content/>')]);
const OTHER_ZIP = zipEntry('readme.txt', 'hello');
const HTML = Buffer.from('<!doctype html><script>alert(1)</script>');

describe('what the bytes say a file is', () => {
  it.each([
    ['PDF', PDF, 'pdf'],
    ['DOCX', DOCX, 'docx'],
    ['ODT', ODT, 'odt'],
    ['another ZIP', OTHER_ZIP, null],
    ['HTML', HTML, null],
    ['nothing', Buffer.alloc(0), null],
  ] as const)('%s: %s', (_name, bytes, format) => {
    expect(sniffContractFormat(bytes)).toBe(format);
  });
});

describe('which uploads are accepted', () => {
  it.each([
    ['合同.pdf', PDF, { ok: true, format: 'pdf', mediaType: 'application/pdf', fileName: '合同.pdf' }],
    ['合同.DOCX', DOCX, { ok: true, format: 'docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', fileName: '合同.DOCX' }],
    ['C:\\Users\\a\\合同.odt', ODT, { ok: true, format: 'odt', mediaType: 'application/vnd.oasis.opendocument.text', fileName: '合同.odt' }],
    ['合同.pdf', HTML, { ok: false, message: '文件内容不是 PDF 格式，请上传真正的 PDF 文件，不要只修改文件名。' }],
    ['合同.docx', ODT, { ok: false, message: '文件内容不是 DOCX 格式，请上传真正的 DOCX 文件，不要只修改文件名。' }],
    ['合同.html', HTML, { ok: false, message: '只能上传 PDF、DOCX 或 ODT 文件（文件名以 .pdf、.docx 或 .odt 结尾）。' }],
    ['合同', PDF, { ok: false, message: '只能上传 PDF、DOCX 或 ODT 文件（文件名以 .pdf、.docx 或 .odt 结尾）。' }],
    ['空.pdf', Buffer.alloc(0), { ok: false, message: '请选择要上传的合同文件（文件不能为空）。' }],
  ] as const)('%s', (name, bytes, expected) => {
    expect(checkContractFile(name, bytes)).toEqual(expected);
  });

  it('refuses a file over 5 MB, and takes one of exactly 5 MB', () => {
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_CONTRACT_BYTES - PDF.length)]);
    expect(checkContractFile('a.pdf', big).ok).toBe(true);
    expect(checkContractFile('a.pdf', Buffer.concat([big, Buffer.alloc(1)]))).toEqual({ ok: false, message: '文件不能超过 5 MB。' });
  });

  it('keeps file names short and free of quotes and control characters', () => {
    expect(cleanFileName('a"b\u0007c.pdf')).toBe('abc.pdf');
    expect(cleanFileName(`${'长'.repeat(200)}.pdf`)).toBe(`${'长'.repeat(116)}.pdf`);
  });
});

describe('the key clauses form and the download link', () => {
  it('reads the clauses one per line and explains what is missing', () => {
    expect(contractClausesSchema.parse({ refundWindow: '开课前全额退', feeSupervision: '银行存管', keyClauses: ' 一 \r\n\r\n二\n' })).toEqual({ refundWindow: '开课前全额退', feeSupervision: '银行存管', keyClauses: ['一', '二'] });
    const r = contractClausesSchema.safeParse({ refundWindow: ' ', feeSupervision: '银行存管', keyClauses: '\n' });
    expect(r.success ? [] : r.error.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['refundWindow', '请填写退费规则。'],
      ['keyClauses', '请填写合同要点，每行一条。'],
    ]);
  });

  it('links the uploaded file when there is one, else the bundled file', () => {
    expect(contractHref({ code: 'GF-2021-2604', fileName: 'GF-2021-2604.txt', upload: null })).toBe('/contracts/GF-2021-2604.txt');
    expect(contractHref({ code: 'GF-2021-2604', fileName: 'GF-2021-2604.txt', upload: {} })).toBe('/contracts/GF-2021-2604/download');
  });
});
