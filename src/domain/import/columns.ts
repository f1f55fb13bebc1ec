/**
 * What each column of an import file is: its Chinese header (as a department's spreadsheet heads
 * it), other headers accepted, whether the column is required, and the words of the README table.
 * The English key (snake case of `prop`, as in the JSON API) is accepted as a header as well.
 */
import type { z } from 'zod';
import type { IsoDate } from '../shared/dates';
import type { DepartmentCode } from '../shared/reference';

export interface ColumnDoc<P extends string = string> {
  /** Property of the parsed record. */
  prop: P;
  header: string;
  /** Other headers seen in departments' files. */
  aliases?: readonly string[];
  /** A required column must be in the header and every row must fill it. */
  required: boolean;
  meaning: string;
  format: string;
  example: string;
}

/** What a row is checked against besides itself. */
export interface ImportContext {
  /** Dates after this day are refused; the default 信息日期. */
  today: IsoDate;
  /** The importing department (a handler's), or null (an administrator, the CLI without --department). */
  department: DepartmentCode | null;
}

/** One kind of file: its columns, the column that identifies a row, and the zod schema of a row. */
export interface KindDefinition<P extends string, R> {
  /** Name in messages: 机构, 办学许可证, 检查记录. */
  name: string;
  columns: readonly ColumnDoc<P>[];
  /** The column an import upserts by; a value twice in one file is an error. */
  key: P;
  /** Canonical form of the key cell, for finding duplicates even in rows with other problems. */
  keyOf(cell: string): string;
  rowSchema(ctx: ImportContext): z.ZodType<R, Record<P, string>>;
}

/** creditCode -> credit_code. */
export function englishKey(prop: string): string {
  return prop.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
