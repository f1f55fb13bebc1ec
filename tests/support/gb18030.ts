/**
 * A GB18030 encoder for tests, built from Node's own decoder: every two-byte sequence of the GBK
 * range is decoded once, giving the byte pair of each character. That covers all characters of
 * GBK (what office software writes as "CSV" on a Chinese system); ASCII is one byte; anything
 * else (GB18030's four-byte range) is refused, so a fixture never holds bytes we did not check.
 */

let table: Map<string, [number, number]> | undefined;

function gbkTable(): Map<string, [number, number]> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('gb18030', { fatal: true });
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      let ch: string;
      try {
        ch = decoder.decode(new Uint8Array([lead, trail]));
      } catch {
        continue;
      }
      if (!table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return table;
}

/** The GB18030 bytes of `text`; throws on a character outside ASCII and GBK. */
export function encodeGb18030(text: string): Uint8Array {
  const map = gbkTable();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const pair = map.get(ch);
    if (!pair) throw new Error(`"${ch}" (U+${code.toString(16).toUpperCase()}) is outside GBK`);
    out.push(...pair);
  }
  return Uint8Array.from(out);
}
