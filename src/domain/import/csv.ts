/**
 * CSV text to rows of trimmed cells with the line each row starts on (the header is line 1), by
 * csv-parse (RFC 4180: quoted cells may hold commas, quotes and line breaks). Rows whose cells are
 * all blank are dropped: office software writes them after the data (",,,,").
 */
import { CsvError, parse } from 'csv-parse/sync';
import { fileProblem, type ImportProblem } from './problems';

export interface CsvRow {
  /** Line of the file the row starts on; the header is line 1. */
  line: number;
  cells: string[];
}

export type CsvResult = { ok: true; header: CsvRow; rows: CsvRow[] } | { ok: false; problem: ImportProblem };

/** Trims ASCII and ideographic spaces, which office cells often carry. */
export function trimCell(value: string): string {
  return value.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
  raw: string;
}

/** Parses the whole text; a syntax error (an unclosed quote, say) is one problem with its line. */
export function parseCsv(text: string): CsvResult {
  // One line ending everywhere, so line numbers count as an editor counts them (csv-parse counts
  // a CR LF inside a quoted cell twice).
  const input = text.replace(/\r\n?/g, '\n');
  let records: ParsedRecord[];
  try {
    // With `info` and `raw` each record comes as { record, info, raw }; the typings do not model that.
    records = parse(input, { info: true, raw: true, relax_column_count: true, skip_empty_lines: true }) as unknown as ParsedRecord[];
  } catch (e) {
    if (e instanceof CsvError) {
      // csv-parse names the line where it gave up; for a quote never closed that is the end of
      // the file, so the line where the quote opened is worked out here.
      const line = e.code === 'CSV_QUOTE_NOT_CLOSED' ? unclosedQuoteLine(input) : typeof e.lines === 'number' ? e.lines : null;
      return { ok: false, problem: fileProblem(`CSV 格式错误${line ? `（第 ${line} 行）` : ''}：${csvErrorReason(e.code)}`, line) };
    }
    throw e;
  }
  const rows: CsvRow[] = [];
  for (const r of records) {
    // info.lines is the line the record ends on; a quoted cell may span several lines.
    const inner = r.raw.endsWith('\n') ? r.raw.slice(0, -1) : r.raw;
    const line = r.info.lines - (inner.split('\n').length - 1);
    const cells = r.record.map(trimCell);
    if (cells.every((c) => c === '')) continue;
    rows.push({ line, cells });
  }
  const [header, ...data] = rows;
  if (!header) return { ok: false, problem: fileProblem('文件是空的：没有表头，也没有数据行。') };
  return { ok: true, header, rows: data };
}

/**
 * Line of the quote left open at the end of `text`. Quotes toggle: a doubled quote inside a
 * quoted cell toggles twice, and csv-parse refuses a quote inside an unquoted cell before this
 * matters.
 */
function unclosedQuoteLine(text: string): number {
  let line = 1;
  let openedOn = 1;
  let open = false;
  for (const ch of text) {
    if (ch === '\n') line++;
    else if (ch === '"') {
      open = !open;
      if (open) openedOn = line;
    }
  }
  return openedOn;
}

/** The reasons csv-parse gives, in words a department's clerk can act on. */
function csvErrorReason(code: string): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return '有一个引号没有闭合，从这一行起的内容都被当成了同一个单元格。';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return '引号后面紧跟了其他字符。单元格里的引号应写成两个连续的引号（""）。';
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return '引号闭合后还有其他字符。';
    default:
      return `无法解析（${code}）。`;
  }
}
