/**
 * The input gate: what every text that enters the portal (query string, path, form field, JSON
 * string, CSV cell) must be before anything else reads it. Why one gate: PostgreSQL refuses U+0000
 * in text, so a NUL byte that reached a query answered 500; other control characters and lone
 * surrogates are invisible in a page and in a record, and can hide one name inside another. A person
 * never types them; they come from copy-paste accidents, broken clients and attackers.
 *
 * The rules: text is Unicode NFC (so "é" typed two ways is one string to search and to compare);
 * C0 and C1 control characters other than tab, line feed and carriage return are refused, as are
 * DEL and lone surrogates (UTF-16 halves that encode no character). A search box forgives instead:
 * it strips them (forgivingText). Pure: the edges (src/server/http/body.ts, src/middleware.ts,
 * the CSV reader) call it.
 */
import { z } from 'zod';

/** What is wrong with a text: a control character (with its code point) or a lone surrogate. */
export type TextFault = { kind: 'control'; codePoint: number } | { kind: 'surrogate' };

// C0 except \t \n \r, DEL, C1. Kept as a character class so one scan finds the first.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROL_ALL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE_ALL = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The first fault of `text`, or null when it may enter. */
export function textFault(text: string): TextFault | null {
  const control = FORBIDDEN_CONTROL.exec(text);
  if (control) return { kind: 'control', codePoint: control[0].charCodeAt(0) };
  if (!text.isWellFormed()) return { kind: 'surrogate' };
  return null;
}

// eslint-disable-next-line no-control-regex
const ANY_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/** The first fault of a path segment: any control character (tab and line breaks included) or a lone surrogate. */
function pathFault(segment: string): TextFault | null {
  const control = ANY_CONTROL.exec(segment);
  if (control) return { kind: 'control', codePoint: control[0].charCodeAt(0) };
  return segment.isWellFormed() ? null : { kind: 'surrogate' };
}

/** The text in Unicode NFC. A text with lone surrogates is returned as it is (it is refused anyway). */
export function normalizeText(text: string): string {
  return text.isWellFormed() ? text.normalize('NFC') : text;
}

/** For search boxes: the forbidden characters removed (a NUL becomes nothing), then NFC. */
export function forgivingText(text: string): string {
  return text.replace(FORBIDDEN_CONTROL_ALL, '').replace(LONE_SURROGATE_ALL, '').normalize('NFC');
}

/** "U+0000": how a code point is named in a message. */
function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The sentence a person sees next to the field. */
export function textFaultMessage(fault: TextFault): string {
  return fault.kind === 'control'
    ? `此处含有不可见的控制字符（${codePointName(fault.codePoint)}），常见于从其他软件复制的文字，无法保存。请核对这一栏后重新提交。`
    : '此处含有无法识别的字符（不成对的 UTF-16 代理项），无法保存。请核对这一栏后重新提交。';
}

/** The sentence for an address whose path holds a forbidden character: no page has such a name. */
export function pathFaultMessage(fault: TextFault): string {
  return fault.kind === 'control'
    ? `地址中含有不可见的控制字符（${codePointName(fault.codePoint)}），没有这样的页面或数据。`
    : '地址中含有无法识别的字符，没有这样的页面或数据。';
}

/** Where in a value the first fault was found: a form field's name, or a JSON path such as "items[2].name". */
export interface GateRefusal {
  field: string;
  message: string;
}

export type Gated<T> = { ok: true; value: T } | { ok: false; refusal: GateRefusal };

const MAX_DEPTH = 64;

/**
 * Passes a whole value through the gate: every string (object keys included) is checked and
 * brought to NFC; the first fault is reported with its path. Numbers, booleans and null pass
 * unchanged. A JSON document nested deeper than 64 levels is refused as a whole (field "").
 */
export function gateValue(value: unknown): Gated<unknown> {
  let refusal: GateRefusal | null = null;
  const refuse = (field: string, message: string) => {
    refusal ??= { field, message };
  };
  const walk = (v: unknown, path: string, depth: number): unknown => {
    if (refusal) return v;
    if (typeof v === 'string') {
      const fault = textFault(v);
      if (fault) refuse(path, textFaultMessage(fault));
      return normalizeText(v);
    }
    if (depth > MAX_DEPTH) {
      refuse('', `JSON 的嵌套超过 ${MAX_DEPTH} 层，无法读取。`);
      return v;
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, `${path}[${i}]`, depth + 1));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(v)) {
        const keyFault = textFault(key);
        if (keyFault) refuse(path ? `${path}.${key}` : key, textFaultMessage(keyFault));
        out[normalizeText(key)] = walk(item, path ? `${path}.${key}` : key, depth + 1);
      }
      return out;
    }
    return v;
  };
  const value2 = walk(value, '', 0);
  return refusal ? { ok: false, refusal } : { ok: true, value: value2 };
}

/**
 * Form or query entries through the gate, order and repeated names kept: each value brought to
 * NFC, the first fault reported under its field's name.
 */
export function gateEntries(entries: readonly [string, string][]): Gated<[string, string][]> {
  const out: [string, string][] = [];
  for (const [name, value] of entries) {
    const fault = textFault(name) ?? textFault(value);
    if (fault) return { ok: false, refusal: { field: textFault(name) ? '' : name, message: textFaultMessage(fault) } };
    out.push([normalizeText(name), normalizeText(value)]);
  }
  return { ok: true, value: out };
}

/**
 * The gate as a zod schema, for text that does not come through the body reader (CSV cells, a
 * command line): a string, refused with the field message when it holds a forbidden character,
 * else in NFC.
 */
export const gatedString = z.string().transform((text, ctx) => {
  const fault = textFault(text);
  if (fault) {
    ctx.addIssue({ code: 'custom', message: textFaultMessage(fault) });
    return z.NEVER;
  }
  return normalizeText(text);
});

/** What the gate says of an address: its path and its query string, each field by name. */
export type UrlGate =
  | { ok: true }
  | { ok: false; where: 'path'; message: string }
  | { ok: false; where: 'query'; field: string; message: string; cleanedSearch: string };

/**
 * Passes an address through the gate. A path segment that holds a forbidden character, raw or
 * percent-encoded, names nothing the portal has. (Astro may hand over the path decoded already, so
 * a segment that does not decode again, such as "%", is left to its route, which refuses it in
 * its own words.) A query field with a forbidden character is refused by name,
 * and `cleanedSearch` is the query with the forbidden characters removed (what a search box
 * forgives). A query that is only not in NFC passes: the readers of each value normalise it.
 */
export function gateUrl(pathname: string, search: URLSearchParams): UrlGate {
  for (const segment of pathname.split('/')) {
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // not percent-encoding: the segment as it is
    }
    // A path has no line breaks or tabs either: no page or record is named with one.
    const fault = pathFault(segment) ?? pathFault(decoded);
    if (fault) return { ok: false, where: 'path', message: pathFaultMessage(fault) };
  }
  const gated = gateEntries([...search]);
  if (gated.ok) return { ok: true };
  const cleaned = new URLSearchParams([...search].map(([k, v]) => [forgivingText(k), forgivingText(v)]));
  return { ok: false, where: 'query', field: gated.refusal.field, message: gated.refusal.message, cleanedSearch: cleaned.toString() };
}
