/**
 * Turns the bytes of an uploaded CSV file into text. Departments export from office software,
 * which writes either UTF-8 (its "CSV UTF-8" format, with a byte-order mark) or, on a Chinese
 * system, plain "CSV" in the system code page: GBK, read here as GB18030, its superset. So: a BOM
 * or valid UTF-8 means UTF-8; anything else is read as GB18030. Both decoders are strict: a byte
 * sequence that is not valid in the chosen encoding is reported, never replaced by "�".
 * Node 22's built-in TextDecoder knows GB18030 (full ICU).
 */
import { fileProblem, type ImportProblem } from './problems';

export const IMPORT_ENCODINGS = ['auto', 'utf8', 'gb18030'] as const;
/** What the caller asks for: detect, or force one encoding. */
export type EncodingChoice = (typeof IMPORT_ENCODINGS)[number];

/** The encoding a file was read with, as reported to the person importing it. */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'gb18030';
  /** The file started with a UTF-8 byte-order mark (removed from `text`). */
  bom: boolean;
}

export type DecodeResult = ({ ok: true } & DecodedText) | { ok: false; problem: ImportProblem };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function strictDecode(label: 'utf-8' | 'gb18030', bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Line (1-based) of the first sequence that breaks UTF-8, so the message can say where to look. */
function firstBadUtf8Line(bytes: Uint8Array): number {
  // The lenient decoder puts U+FFFD where the strict one fails; a file holding a real U+FFFD
  // earlier would point a little too early, which "near line N" allows.
  const lenient = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const bad = lenient.indexOf('\uFFFD');
  return lenient.slice(0, Math.max(0, bad)).split('\n').length;
}

/** The human name of an encoding in messages and CLI output. */
export function encodingName(d: Pick<DecodedText, 'encoding' | 'bom'>): string {
  if (d.encoding === 'gb18030') return 'GB18030（GBK）';
  return d.bom ? 'UTF-8（带 BOM）' : 'UTF-8';
}

/** Decodes the file as `choice` says; a problem names the encoding and, for UTF-8, the line. */
export function decodeCsvBytes(bytes: Uint8Array, choice: EncodingChoice = 'auto'): DecodeResult {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    // Office software's "Unicode text" export: tab-separated UTF-16, not a CSV file.
    return { ok: false, problem: fileProblem('文件是 UTF-16 编码（“Unicode 文本”）。请在表格软件中另存为“CSV UTF-8（逗号分隔）”后再导入。') };
  }
  const bom = startsWith(bytes, UTF8_BOM);
  if (choice !== 'gb18030') {
    const text = strictDecode('utf-8', bom ? bytes.subarray(3) : bytes);
    if (text !== null) return { ok: true, text, encoding: 'utf-8', bom };
    if (choice === 'utf8' || bom) {
      const line = firstBadUtf8Line(bytes);
      return { ok: false, problem: fileProblem(`文件不是有效的 UTF-8 编码（第 ${line} 行附近）。如果文件是从表格软件另存的普通“CSV”，请改用 GB18030 编码导入。`, line) };
    }
  }
  const text = strictDecode('gb18030', bytes);
  if (text === null) {
    return {
      ok: false,
      problem: fileProblem(
        choice === 'gb18030'
          ? '文件不是有效的 GB18030 编码。请确认文件编码，或改用 UTF-8 导入。'
          : '文件既不是有效的 UTF-8 编码，也不是有效的 GB18030（GBK）编码。请在表格软件中另存为“CSV UTF-8（逗号分隔）”后再导入。',
      ),
    };
  }
  return { ok: true, text, encoding: 'gb18030', bom: false };
}
