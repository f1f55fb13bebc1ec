/**
 * zod schemas of single cells of an import file: each takes the trimmed cell text ('' when the cell
 * or its whole column is missing) and yields the stored value, or says in Chinese what is wrong.
 * Enumerations accept the Chinese label a department's spreadsheet carries, the English key of the
 * JSON API, and a few spellings common in registers (存续 for 正常经营, 教育局 for 区教育局).
 */
import { z } from 'zod';
import { creditCodeSchema } from '../registry/credit-code';
import type { IsoDate } from '../shared/dates';
import { atMostCharacters } from '../shared/form-fields';
import { gatedString } from '../shared/input-text';

export const REQUIRED = '必填，不能为空。';

/** How two spellings of one value compare: NFKC, no spaces or quotes, lower case. */
export function spellingKey(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\s\u3000"'“”‘’「」《》]/g, '')
    .toLowerCase();
}

// Free text passes the input gate (NFC; control characters refused), as every form field does.
export const requiredText = (max: number) => gatedString.pipe(z.string().min(1, REQUIRED).refine(atMostCharacters(max), `不能超过 ${max} 个字符。`));

/** Empty means "none" (null). */
export const optionalText = (max: number) =>
  gatedString.pipe(
    z
      .string()
      .refine(atMostCharacters(max), `不能超过 ${max} 个字符。`)
      .transform((v) => (v === '' ? null : v)),
  );

export const creditCodeCell = z.string().min(1, REQUIRED).pipe(creditCodeSchema);

const DATE_FORMS = [
  // 2024-03-05, 2024-3-5, 2024/3/5 (what office software writes), 2024.3.5
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
];

/** A calendar date from the forms above, optionally with the midnight time some exports append. */
export function parseLooseDate(input: string): IsoDate | null {
  const text = input.normalize('NFKC').replace(/\s+0{1,2}:00(:00)?$/, '');
  for (const form of DATE_FORMS) {
    const m = form.exec(text);
    if (!m) continue;
    const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    const d = new Date(`${iso}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : null;
  }
  return null;
}

const DATE_MESSAGE = '不是有效的日期：请写成 2024-03-05 或 2024/3/5。';

export const requiredDate = z
  .string()
  .min(1, REQUIRED)
  .transform((v, ctx) => {
    const d = parseLooseDate(v);
    if (d === null) ctx.addIssue({ code: 'custom', message: DATE_MESSAGE });
    return d ?? z.NEVER;
  });

export const optionalDate = z.string().transform((v, ctx): IsoDate | null => {
  if (v === '') return null;
  const d = parseLooseDate(v);
  if (d === null) ctx.addIssue({ code: 'custom', message: DATE_MESSAGE });
  return d ?? z.NEVER;
});

/** Spellings of each value of an enumeration; the first one is the label named in messages. */
export type Spellings<T extends string> = Record<T, readonly [string, ...string[]]>;

function lookup<T extends string>(spellings: Spellings<T>): (value: string) => T | undefined {
  const map = new Map<string, T>();
  for (const [code, names] of Object.entries(spellings) as [T, readonly string[]][]) {
    for (const name of [code, ...names]) map.set(spellingKey(name), code);
  }
  return (value) => map.get(spellingKey(value));
}

function allowed<T extends string>(spellings: Spellings<T>): string {
  return (Object.values(spellings) as string[][]).map((names) => names[0]).join('、');
}

/** "未知的街镇“长寿路”：应为 …" and, when one label begins with what was written, a suggestion. */
function unknownMessage<T extends string>(what: string, value: string, spellings: Spellings<T>): string {
  const labels = (Object.values(spellings) as string[][]).map((names) => names[0]!);
  const near = labels.filter((l) => spellingKey(l).startsWith(spellingKey(value)));
  const hint = near.length === 1 ? `是否应为“${near[0]}”？` : '';
  return `未知的${what}“${value}”：应为 ${allowed(spellings)} 之一。${hint}`;
}

/** One value of an enumeration; `fallback` is used for an empty cell (else it is required). */
export function choice<T extends string>(what: string, spellings: Spellings<T>, fallback?: T) {
  const find = lookup(spellings);
  return z.string().transform((v, ctx): T => {
    if (v === '') {
      if (fallback !== undefined) return fallback;
      ctx.addIssue({ code: 'custom', message: REQUIRED });
      return z.NEVER;
    }
    const code = find(v);
    if (code === undefined) ctx.addIssue({ code: 'custom', message: unknownMessage(what, v, spellings) });
    return code ?? z.NEVER;
  });
}

/** Like {@link choice}, but an empty cell is null. */
export function optionalChoice<T extends string>(what: string, spellings: Spellings<T>) {
  const find = lookup(spellings);
  return z.string().transform((v, ctx): T | null => {
    if (v === '') return null;
    const code = find(v);
    if (code === undefined) ctx.addIssue({ code: 'custom', message: unknownMessage(what, v, spellings) });
    return code ?? z.NEVER;
  });
}

/** Separators people put between several values in one cell. */
const LIST_SEPARATOR = /[、，,；;／/|\n]/;

/** Splits a cell holding several values; blanks dropped. */
export function splitList(value: string): string[] {
  return value
    .split(LIST_SEPARATOR)
    .map((v) => v.trim())
    .filter(Boolean);
}

/** Several values of an enumeration, in the order written, each once. */
export function choices<T extends string>(what: string, spellings: Spellings<T>, required: boolean) {
  const find = lookup(spellings);
  return z.string().transform((v, ctx): T[] => {
    const parts = splitList(v);
    if (parts.length === 0) {
      if (required) ctx.addIssue({ code: 'custom', message: REQUIRED });
      return required ? z.NEVER : [];
    }
    const unknown = parts.filter((p) => find(p) === undefined);
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `未知的${what}${unknown.map((u) => `“${u}”`).join('、')}：应为 ${allowed(spellings)}（多个用“、”分隔）。`,
      });
      return z.NEVER;
    }
    return [...new Set(parts.map((p) => find(p)!))];
  });
}

/** Several free-text values (former names, inspectors), each at most `max` characters. */
export const textList = (max: number) =>
  z.string().transform((v, ctx) => {
    const parts = [...new Set(splitList(v))];
    const long = parts.find((p) => p.length > max);
    if (long) ctx.addIssue({ code: 'custom', message: `“${long}”超过 ${max} 个字符。` });
    return long ? z.NEVER : parts;
  });

/** 是 / 否 (also y/n, true/false, 1/0); an empty cell is `fallback`. */
export function yesNo(fallback: boolean) {
  const find = lookup({ yes: ['是', '公开', 'y', 'true', '1'], no: ['否', '不公开', 'n', 'false', '0'] });
  return z.string().transform((v, ctx) => {
    if (v === '') return fallback;
    const answer = find(v);
    if (answer === undefined) ctx.addIssue({ code: 'custom', message: `应为“是”或“否”，而不是“${v}”。` });
    return answer === undefined ? z.NEVER : answer === 'yes';
  });
}
