/**
 * Turning fields (name and value, raw bytes and JSON values included) into what goes on the wire:
 * a query string, a url-encoded or multipart form, a JSON document. Done by hand rather than with
 * URLSearchParams or FormData, which cannot carry bytes that are not UTF-8.
 */
import { Bytes, JsonValue, type FieldValue } from './bad-values';

export type Field = [name: string, value: FieldValue];

const enc = new TextEncoder();

/** Percent-encodes every byte but the unreserved ones (RFC 3986), as a browser's form does. */
function percent(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const bytesOf = (v: string | Bytes) => (v instanceof Bytes ? v.bytes : enc.encode(v));

/** Form and query fields: a JSON array becomes the field repeated (a=1&a=2), other JSON its text. */
function flat(fields: Field[]): [string, string | Bytes][] {
  const out: [string, string | Bytes][] = [];
  for (const [name, value] of fields) {
    if (value instanceof JsonValue) {
      if (Array.isArray(value.value)) {
        if (value.value.length === 0) out.push([`${name}[]`, '']);
        for (const item of value.value) out.push([name, typeof item === 'string' ? item : JSON.stringify(item)]);
      } else out.push([name, JSON.stringify(value.value)]);
    } else out.push([name, value]);
  }
  return out;
}

/** application/x-www-form-urlencoded, also the query string. */
export function urlEncoded(fields: Field[]): string {
  return flat(fields).map(([n, v]) => `${percent(enc.encode(n))}=${percent(bytesOf(v))}`).join('&');
}

/** multipart/form-data with `boundary`; `broken` leaves out the closing delimiter and spoils one. */
export function multipart(fields: Field[], boundary: string, broken = false): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [name, value] of flat(fields)) {
    parts.push(enc.encode(`--${broken ? boundary.slice(1) : boundary}\r\nContent-Disposition: form-data; name="${name.replace(/"/g, '%22')}"\r\n\r\n`));
    parts.push(bytesOf(value), enc.encode('\r\n'));
  }
  if (!broken) parts.push(enc.encode(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}

/**
 * A JSON object of the fields. Raw bytes go in verbatim (so the document is no longer UTF-8),
 * except a lone surrogate, which JSON can say properly as an escape ("\ud800").
 */
export function jsonDocument(fields: Field[]): Uint8Array {
  const parts: Uint8Array[] = [enc.encode('{')];
  fields.forEach(([name, value], i) => {
    parts.push(enc.encode(`${i ? ',' : ''}${JSON.stringify(name)}:`));
    if (value instanceof JsonValue) parts.push(enc.encode(JSON.stringify(value.value) ?? 'null'));
    else if (value instanceof Bytes) {
      const text = Buffer.from(value.bytes).toString('latin1');
      const escapedSurrogates = text.replace(/\xed([\xa0-\xbf])([\x80-\xbf])/g, (_, b2: string, b3: string) => {
        const code = 0xd000 | ((b2.charCodeAt(0) & 0x3f) << 6) | (b3.charCodeAt(0) & 0x3f);
        return `\\u${code.toString(16)}`;
      });
      parts.push(enc.encode('"'), Buffer.from(escapedSurrogates, 'latin1'), enc.encode('"'));
    } else parts.push(enc.encode(JSON.stringify(value)));
  });
  parts.push(enc.encode('}'));
  return Buffer.concat(parts);
}
