/**
 * `npm run og-images`: draws the sharing images of public/og/ (1200 × 630 PNG,
 * the size Open Graph and Twitter's large card expect; WeChat and most scrapers read PNG, not SVG).
 * One per verdict of a profile (src/domain/registry/verdict.ts) and one for the portal. Shapes and
 * colour only, no text, so no machine font ends up in a committed image; the words are in
 * og:title and og:description. The PNG is written with node:zlib alone. Run it again after
 * changing a colour and commit the files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import type { Verdict } from '../domain/registry/verdict';

const W = 1200;
const H = 630;
type Rgb = [number, number, number];
type Shape = (x: number, y: number) => boolean;

const hex = (h: string): Rgb => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;

/** Distance from (x, y) to the segment a–b. */
function toSegment(x: number, y: number, [ax, ay]: number[], [bx, by]: number[]): number {
  const dx = bx! - ax!, dy = by! - ay!;
  const k = Math.max(0, Math.min(1, ((x - ax!) * dx + (y - ay!) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax! + k * dx), y - (ay! + k * dy));
}
const stroke = (a: number[], b: number[], width: number): Shape => (x, y) => toSegment(x, y, a, b) <= width / 2;
const disc = (cx: number, cy: number, r: number): Shape => (x, y) => Math.hypot(x - cx, y - cy) <= r;
const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((s) => s(x, y));

const CX = W / 2, CY = H / 2, R = 220;
/** White symbols drawn on the coloured disc. */
const SYMBOLS: Record<Verdict | 'portal', Shape> = {
  go: union(stroke([CX - 110, CY + 5], [CX - 30, CY + 85], 56), stroke([CX - 30, CY + 85], [CX + 120, CY - 85], 56)),
  caution: union(stroke([CX, CY - 130], [CX, CY + 40], 60), disc(CX, CY + 115, 34)),
  stop: union(stroke([CX - 100, CY - 100], [CX + 100, CY + 100], 60), stroke([CX - 100, CY + 100], [CX + 100, CY - 100], 60)),
  // The portal: the lines of a register.
  portal: union(...[-90, 0, 90].map((dy) => stroke([CX - 110, CY + dy], [CX + 110, CY + dy], 44))),
};

// The colours of src/styles/global.css: --good, --warn (lighter, for a large area), --bad, --brand.
const COLOURS: Record<Verdict | 'portal', { wash: string; ink: string }> = {
  go: { wash: '#e9f6ee', ink: '#1d6b35' },
  caution: { wash: '#fff5e0', ink: '#b36b00' },
  stop: { wash: '#fdeeee', ink: '#9b1c1c' },
  portal: { wash: '#f3f5f8', ink: '#0b4f8a' },
};

/** Each pixel sampled 4 × 4 times, so the edges are smooth. */
function draw(kind: Verdict | 'portal'): Buffer {
  const wash = hex(COLOURS[kind].wash), ink = hex(COLOURS[kind].ink), white: Rgb = [255, 255, 255];
  const ring = disc(CX, CY, R), symbol = SYMBOLS[kind];
  const raw = Buffer.alloc((W * 3 + 1) * H);
  const S = 4;
  for (let y = 0; y < H; y++) {
    const row = y * (W * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < W; x++) {
      const sum = [0, 0, 0];
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const px = x + (sx + 0.5) / S, py = y + (sy + 0.5) / S;
          const c = ring(px, py) ? (symbol(px, py) ? white : ink) : wash;
          for (let i = 0; i < 3; i++) sum[i]! += c[i]!;
        }
      }
      for (let i = 0; i < 3; i++) raw[row + 1 + x * 3 + i] = Math.round(sum[i]! / (S * S));
    }
  }
  return png(raw);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** An 8-bit RGB PNG from filtered scanlines. */
function png(raw: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(W, 0);
  header.writeUInt32BE(H, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const dir = new URL('../../public/og/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const kind of ['go', 'caution', 'stop', 'portal'] as const) {
  const file = new URL(`${kind}.png`, dir);
  writeFileSync(file, draw(kind));
  console.log(`og-images: wrote public/og/${kind}.png`);
}
