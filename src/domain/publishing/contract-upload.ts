/**
 * Model contract files (示范合同, section 六(一) of the plan) uploaded by staff: which
 * files are accepted, and the form that edits a contract's key clauses. Pure.
 *
 * A file is accepted only when its name's extension and its first bytes agree on one of three
 * document formats, so a renamed executable or HTML page is refused whatever the browser claims
 * its type is (the Content-Type of an upload is the sender's word, and is ignored):
 *   .pdf   starts with "%PDF-"
 *   .docx  a ZIP ("PK\x03\x04") holding word/document.xml (Office Open XML, ISO/IEC 29500)
 *   .odt   a ZIP whose first entry is "mimetype", stored, reading
 *          application/vnd.oasis.opendocument.text (OpenDocument 1.2, part 3, section 3.3)
 */
import { z } from 'zod';
import { blankToUndefined } from '../shared/form-fields';

/** 5 MB: a model contract of a few dozen pages, scanned, fits. */
export const MAX_CONTRACT_BYTES = 5 * 1024 * 1024;

export const CONTRACT_FORMATS = {
  pdf: { mediaType: 'application/pdf', name: 'PDF' },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', name: 'Word（DOCX）' },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', name: 'OpenDocument 文本（ODT）' },
} as const;
export type ContractFormat = keyof typeof CONTRACT_FORMATS;

const ascii = (bytes: Uint8Array, from: number, length: number) => String.fromCharCode(...bytes.subarray(from, from + length));
const isZip = (b: Uint8Array) => b.length > 30 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** Entry names in a ZIP's local headers are stored uncompressed, so a byte search finds them. */
function zipHasEntry(bytes: Uint8Array, name: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(name, 'latin1'));
}

/** The format the bytes say they are, or null. */
export function sniffContractFormat(bytes: Uint8Array): ContractFormat | null {
  if (ascii(bytes, 0, 5) === '%PDF-') return 'pdf';
  if (!isZip(bytes)) return null;
  // ODF: the first entry is named "mimetype" (8 bytes at offset 30) and its stored content follows.
  const odtType = CONTRACT_FORMATS.odt.mediaType;
  if (ascii(bytes, 30, 8) === 'mimetype' && ascii(bytes, 38, odtType.length) === odtType) return 'odt';
  if (zipHasEntry(bytes, 'word/document.xml') && zipHasEntry(bytes, '[Content_Types].xml')) return 'docx';
  return null;
}

export type ContractFileCheck = { ok: true; format: ContractFormat; mediaType: string; fileName: string } | { ok: false; message: string };

/** A file name fit to store and to send back in Content-Disposition: no folders, at most 120 characters. */
export function cleanFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (base.length <= 120) return base;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot) : '';
  return base.slice(0, 120 - ext.length) + ext;
}

/** Accepts a PDF, DOCX or ODT of at most MAX_CONTRACT_BYTES whose extension matches its content. */
export function checkContractFile(name: string, bytes: Uint8Array): ContractFileCheck {
  const fileName = cleanFileName(name);
  if (bytes.byteLength === 0) return { ok: false, message: '请选择要上传的合同文件（文件不能为空）。' };
  if (bytes.byteLength > MAX_CONTRACT_BYTES) return { ok: false, message: `文件不能超过 ${MAX_CONTRACT_BYTES / 1024 / 1024} MB。` };
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (!(ext in CONTRACT_FORMATS)) return { ok: false, message: '只能上传 PDF、DOCX 或 ODT 文件（文件名以 .pdf、.docx 或 .odt 结尾）。' };
  const format = sniffContractFormat(bytes);
  if (format !== ext) {
    const name = ext.toUpperCase();
    return { ok: false, message: `文件内容不是 ${name} 格式，请上传真正的 ${name} 文件，不要只修改文件名。` };
  }
  return { ok: true, format, mediaType: CONTRACT_FORMATS[format].mediaType, fileName };
}

/**
 * Where a contract's file is downloaded: the uploaded one (streamed from the database by
 * src/pages/contracts/[code]/download.ts) when there is one, else the file bundled in public/contracts.
 */
export const contractHref = (c: { code: string; fileName: string; upload: unknown }) =>
  c.upload ? `/contracts/${encodeURIComponent(c.code)}/download` : `/contracts/${encodeURIComponent(c.fileName)}`;

export const CONTRACT_CLAUSE_FIELDS = ['refundWindow', 'feeSupervision', 'keyClauses'] as const;

/** The key clauses as shown on /contracts: two summary lines and the clauses, one per line. */
export const contractClausesSchema = z.object({
  refundWindow: z.preprocess(blankToUndefined, z.string({ error: '请填写退费规则。' }).trim().max(300, { error: '退费规则不能超过 300 个字。' })),
  feeSupervision: z.preprocess(blankToUndefined, z.string({ error: '请填写资金监管要求。' }).trim().max(300, { error: '资金监管要求不能超过 300 个字。' })),
  keyClauses: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(/\r?\n/).map((s) => s.trim()).filter(Boolean) : v),
    z
      .array(z.string().max(300, { error: '每条要点不能超过 300 个字。' }), { error: '请填写合同要点，每行一条。' })
      .min(1, { error: '请填写合同要点，每行一条。' })
      .max(20, { error: '合同要点最多 20 条。' }),
  ),
});
export type ContractClauses = z.output<typeof contractClausesSchema>;
