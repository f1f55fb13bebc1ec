/**
 * Bad values for one field, as fast-check arbitraries, by kind. A value is text, raw bytes (what a
 * browser or a careless client can send but a JS string cannot hold: lone surrogates as UTF-8,
 * invalid UTF-8, GB18030) or a JSON value put where a string belongs. Most kinds spoil a valid
 * value rather than replace it, so the request passes the other checks and reaches the code that
 * would store or search it.
 */
import fc from 'fast-check';

/** Raw bytes, sent as they are (percent-encoded in a URL or form, verbatim in JSON and multipart). */
export class Bytes {
  constructor(readonly bytes: Uint8Array) {}
  toString() {
    return [...this.bytes].map((b) => (b < 0x80 ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
  }
}
/** A JSON value in place of a string (or, in a form, the field repeated once per array item). */
export class JsonValue {
  constructor(readonly value: unknown) {}
  toString() {
    return JSON.stringify(this.value);
  }
}
export type FieldValue = string | Bytes | JsonValue;

export const FIELD_KINDS = ['nul', 'control', 'surrogate', 'invalid-utf8', 'gb18030', 'number', 'long', 'longish', 'unicode', 'empty', 'array', 'markup'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

const utf8 = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** C0 (NUL included), DEL and C1 control characters. */
const controlChar = fc.oneof(
  fc.integer({ min: 0x00, max: 0x1f }),
  fc.constant(0x7f),
  fc.integer({ min: 0x80, max: 0x9f }),
).map((c) => String.fromCharCode(c));

/** `base` with `insert` at a position fast-check picks (start, inside or end). */
const spliced = (base: string, insert: fc.Arbitrary<string>) =>
  fc.tuple(fc.nat({ max: base.length }), insert).map(([at, s]) => base.slice(0, at) + s + base.slice(at));

const splicedBytes = (base: string, insert: fc.Arbitrary<Uint8Array>) =>
  fc.tuple(fc.nat({ max: base.length }), insert).map(([at, b]) => new Bytes(concat(utf8(base.slice(0, at)), b, utf8(base.slice(at)))));

const LONE_SURROGATES = [[0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xed, 0xb0, 0x80]].map((b) => new Uint8Array(b));
const INVALID_UTF8 = [[0xc3, 0x28], [0xff], [0xc0, 0xaf], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80]].map((b) => new Uint8Array(b));
// 中文, 测试, 培训机构 and a four-byte GB18030 sequence: what office software on a Chinese system sends.
const GB18030 = [[0xd6, 0xd0, 0xce, 0xc4], [0xb2, 0xe2, 0xca, 0xd4], [0xc5, 0xe0, 0xd1, 0xb5, 0xbb, 0xfa, 0xb9, 0xb9], [0x81, 0x30, 0x81, 0x30]].map((b) => new Uint8Array(b));

const NUMBERS = ['-1', '0', '-0', '1e308', '-1e308', '9'.repeat(400), '-9223372036854775809', '2147483648', 'NaN', 'Infinity', '1.5', '0x1f', '１２', '1_000', ' 7 ', '+3', '.5'];
const UNICODE = ['\u202e反转\u202c', 'a\u200db', '\ufeff', '👨‍👩‍👧', 'e\u0301\u0301\u0301', 'ﬁ', 'Ａ１', '\u2028\u2029', '\u3000', '𠀀𪚥'];
const MARKUP = ['<script>alert(1)</script>', "' OR 1=1 --", '../../etc/passwd', '%00', '${7*7}{{7*7}}', '"><img src=x onerror=alert(1)>', '\\', '%', '%zz', '?&=#'];

/** A bad value of `kind` derived from the field's valid value `base`. */
export function badValue(kind: FieldKind, base: string): fc.Arbitrary<FieldValue> {
  switch (kind) {
    case 'nul':
      return spliced(base, fc.constant('\u0000'));
    case 'control':
      return spliced(base, fc.array(controlChar, { minLength: 1, maxLength: 3 }).map((a) => a.join('')));
    case 'surrogate':
      return splicedBytes(base, fc.constantFrom(...LONE_SURROGATES));
    case 'invalid-utf8':
      return splicedBytes(base, fc.constantFrom(...INVALID_UTF8));
    case 'gb18030':
      return fc.oneof(fc.constantFrom(...GB18030).map((b) => new Bytes(b)), splicedBytes(base, fc.constantFrom(...GB18030)));
    case 'number':
      return fc.constantFrom(...NUMBERS);
    case 'long':
      // 300 KB: past every form's limit but the uploads'; in a URL, past the server's header limit.
      return fc.constantFrom('地', 'a', '\u0000').map((c) => c.repeat(c === '地' ? 100_000 : 300_000));
    case 'longish':
      return fc.integer({ min: 101, max: 9000 }).map((n) => (base || '长') .repeat(Math.ceil(n / Math.max(1, base.length))).slice(0, n));
    case 'unicode':
      return spliced(base, fc.constantFrom(...UNICODE));
    case 'empty':
      return fc.constantFrom('', ' ', '\t', '\n', '　');
    case 'array':
      return fc.oneof(
        fc.constant(new JsonValue([base, base + '1'])),
        fc.constant(new JsonValue({ value: base })),
        fc.constant(new JsonValue(123)),
        fc.constant(new JsonValue(true)),
        fc.constant(new JsonValue(null)),
        fc.constant(new JsonValue([])),
      );
    case 'markup':
      return fc.constantFrom(...MARKUP);
  }
}

/** A bogus value for a path segment ([param]), percent-encoded where bytes are raw. */
export const bogusSegment: fc.Arbitrary<string> = fc.constantFrom(
  '%00', 'x%00y', '%ED%A0%80', '%C3%28', '%FF', '%D6%D0%CE%C4', '..%2F..%2Fetc%2Fpasswd', '-1', '0', '99999999999999999999999',
  'a'.repeat(4000), '%E5%9C%B0'.repeat(300), '%20', '%0A', '%7F', '%C2%85', '<script>', 'null', '[object%20Object]', '.', '%25',
);
