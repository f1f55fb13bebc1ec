/**
 * Addresses in Putuo as landlords, registries and licences write them: "上海市普陀区金沙江路1000弄
 * 5号301室", "金沙江路１０００号5幢三楼301", "普陀区梅川路1弄2-301室". normaliseAddress() reads one
 * into its parts (district, road, lane, number, building, floor, room); compareAddresses() says
 * whether two name the same premises: 'match', 'probably_same' (nothing conflicts, but one leaves a
 * part out), 'different' (a part conflicts) or 'unparseable', each with reasons a person can check.
 * Pure text rules, no gazetteer: a road is whatever comes before the first house number.
 */
import { CHINESE_NUMERAL_CHARS, chineseNumeralValue } from '../shared/chinese-numerals';
import { STREETS } from '../shared/reference';

export interface AddressParts {
  /** A district named in the text ("普陀区", "静安区"), or null when none is. */
  district: string | null;
  road: string | null;
  /** 弄 (lane) number; a 支弄 is kept as "1000-5". */
  lane: string | null;
  /** 号: the house number on the road, or within the lane. */
  number: string | null;
  /** 幢 / 栋 / 座 / 号楼: "5", "A". */
  building: string | null;
  /** 楼 / 层 / F: "3"; basements "B1". */
  floor: string | null;
  /** 室 / 房: "301". */
  room: string | null;
}

export type ParsedAddress =
  | { ok: true; parts: AddressParts; normalised: string }
  | { ok: false; reason: string; normalised: string };

export type AddressMatch = 'match' | 'probably_same' | 'different' | 'unparseable';

export interface AddressComparison {
  outcome: AddressMatch;
  /** Why, in Chinese: what differs, what one side leaves out, or why an address cannot be read. */
  reasons: string[];
}

/** Shanghai's sixteen districts: a district other than 普陀区 in the text is a different place. */
const DISTRICTS = ['普陀', '静安', '长宁', '黄浦', '徐汇', '虹口', '杨浦', '闵行', '宝山', '嘉定', '浦东新', '金山', '松江', '青浦', '奉贤', '崇明'];
const ROAD_SUFFIX = /(路|街|大道|公路|巷|弄|道|里|坊)$/u;
const UNIT_AFTER_NUMBER = '号楼|号房|支弄|弄|号|幢|栋|座|楼|层|室|房|F';
const TRADITIONAL: Record<string, string> = { 號: '号', 樓: '楼', 層: '层', 棟: '栋', 區: '区', 門: '门', 東: '东' };

/**
 * The text in one canonical spelling: NFKC (full-width digits and letters), simplified unit
 * characters, upper-case Latin, one kind of dash, no spaces or parenthesised remarks, Chinese
 * numerals before a unit written in digits, and the city, district and street prefixes dropped
 * except for a district that is not Putuo.
 */
export function canonicalAddressText(input: string): { text: string; district: string | null } {
  let s = input.normalize('NFKC').replace(/[號樓層棟區門東]/g, (c) => TRADITIONAL[c] ?? c);
  s = s.toUpperCase().replace(/[\u2010-\u2015\u2212~〜]/g, '-').replace(/\s+/g, '');
  s = s.replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '');
  s = s.replace(new RegExp(`[${CHINESE_NUMERAL_CHARS}]+(?=${UNIT_AFTER_NUMBER})`, 'gu'), (m) => {
    const value = chineseNumeralValue(m);
    return value === null ? m : String(value);
  });
  // Basements: 地下一层, 负1楼, B1层 all become floor B1.
  s = s.replace(/(?:地下|负)(\d+)(?:层|楼)/g, 'B$1层');
  s = s.replace(/^中国/, '').replace(/^上海市?/, '');
  let district: string | null = null;
  const d = new RegExp(`^(${DISTRICTS.join('|')})区`).exec(s);
  if (d) {
    district = `${d[1]}区`;
    s = s.slice(d[0].length);
  } else if (/^普陀(?!路)/.test(s)) {
    // "上海普陀金沙江路…": the district without 区 (but 普陀路 is a road of Putuo).
    district = '普陀区';
    s = s.slice(2);
  }
  for (const street of Object.values(STREETS)) {
    if (s.startsWith(street)) s = s.slice(street.length);
  }
  return { text: s, district };
}

const stripZeros = (v: string) => v.replace(/^0+(?=\d)/, '');

/** Reads an address into its parts, or says why it cannot. */
export function normaliseAddress(input: string): ParsedAddress {
  const { text, district } = canonicalAddressText(input);
  const roadMatch = /^(\p{Script=Han}+)(?=[0-9])/u.exec(text);
  if (!text) return { ok: false, reason: '地址是空的', normalised: text };
  if (!roadMatch || !ROAD_SUFFIX.test(roadMatch[1]!)) {
    return { ok: false, reason: '没有找到路名和门牌号（例如“金沙江路1000号”）', normalised: text };
  }
  const parts: AddressParts = { district, road: roadMatch[1]!, lane: null, number: null, building: null, floor: null, room: null };
  const rest = text.slice(roadMatch[0].length);
  const unit = new RegExp(`(\\d+(?:-\\d+)?[A-Z]?|[A-Z]\\d*)(${UNIT_AFTER_NUMBER})`, 'y');
  const floorFirst = /F(\d+)/y;
  const bare = /(\d+(?:-\d+)?)$/y;
  let i = 0;
  while (i < rest.length) {
    unit.lastIndex = floorFirst.lastIndex = bare.lastIndex = i;
    let m: RegExpExecArray | null;
    if ((m = unit.exec(rest))) {
      place(parts, m[1]!, m[2]!);
      i = unit.lastIndex;
    } else if ((m = floorFirst.exec(rest))) {
      parts.floor ??= stripZeros(m[1]!);
      i = floorFirst.lastIndex;
    } else if ((m = bare.exec(rest))) {
      // A number left at the end with no unit is a room: "5幢3楼301".
      place(parts, m[1]!, '室');
      i = bare.lastIndex;
    } else {
      // Building names and other words between the parts ("科技园", "近枣阳路") are skipped.
      i += 1;
    }
  }
  if (parts.number === null && parts.lane === null) {
    return { ok: false, reason: '没有找到门牌号（例如“1000号”或“1000弄5号”）', normalised: text };
  }
  return { ok: true, parts, normalised: formatAddress(parts) };
}

/** Puts one "value + unit" into its part; later duplicates of a part are ignored. */
function place(p: AddressParts, raw: string, unit: string): void {
  const value = stripZeros(raw);
  const dashed = /^(\d+)-(\d+)$/.exec(value);
  switch (unit) {
    case '弄':
      if (p.lane === null && p.number === null) p.lane = value;
      return;
    case '支弄':
      if (p.lane !== null && !p.lane.includes('-')) p.lane = `${p.lane}-${value}`;
      return;
    case '号':
      if (p.number === null) p.number = value;
      else p.building ??= value;
      return;
    case '号楼':
      // "1000号楼" straight after the road, or "5号楼" in a lane, is the house number itself.
      if (p.number === null) p.number = value;
      else p.building ??= value;
      return;
    case '幢':
    case '栋':
    case '座':
      p.building ??= value;
      return;
    case '楼':
      if (/^[A-Z]$/.test(value)) p.building ??= value;
      else p.floor ??= value;
      return;
    case '层':
    case 'F':
      p.floor ??= value;
      return;
    default:
      // 室, 房, 号房. "2-301室" is house (or building) 2, room 301, as Shanghai writes it.
      if (dashed && p.lane !== null && p.number === null) {
        p.number = stripZeros(dashed[1]!);
        p.room ??= stripZeros(dashed[2]!);
      } else if (dashed && p.number !== null && p.building === null) {
        p.building = stripZeros(dashed[1]!);
        p.room ??= stripZeros(dashed[2]!);
      } else p.room ??= value;
  }
}

type Part = 'lane' | 'number' | 'building' | 'floor' | 'room';
const PART_NAMES: Record<Part, string> = { lane: '弄号', number: '门牌号', building: '楼号', floor: '楼层', room: '室号' };
const show: Record<Part, (v: string) => string> = {
  lane: (v) => `${v}弄`,
  number: (v) => `${v}号`,
  // Towers named by a letter are 座 (B座), numbered ones 幢; basements are written B1层.
  building: (v) => (/^[A-Z]/.test(v) ? `${v}座` : `${v}幢`),
  floor: (v) => (v.startsWith('B') ? `${v}层` : `${v}楼`),
  room: (v) => `${v}室`,
};

/** The parts in the standard order: 金沙江路1000弄5号A座3楼301室. */
export function formatAddress(p: AddressParts): string {
  return [
    p.district === '普陀区' ? '' : (p.district ?? ''),
    p.road ?? '',
    p.lane ? `${p.lane.replace(/-(\d+)$/, '弄$1支')}弄` : '',
    p.number ? `${p.number}号` : '',
    p.building ? show.building(p.building) : '',
    p.floor ? show.floor(p.floor) : '',
    p.room ? `${p.room}室` : '',
  ].join('');
}

/** The floor a room number implies (301 → 3, 1205 → 12), used when a side names only the room. */
function floorOf(p: AddressParts): string | null {
  if (p.floor) return p.floor;
  const m = p.room ? /^(\d{1,2})\d{2}$/.exec(p.room) : null;
  return m ? m[1]! : null;
}

/** Whether two road names are the same road: equal, or one carries a place name before the other. */
function sameRoad(a: string, b: string): boolean {
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  // "曹杨新村曹杨路" is 曹杨路; a bare "北路" is no road of its own.
  return a === b || (short.length >= 3 && long.endsWith(short));
}

/**
 * Compares the address someone gave (`given`) with one on record (`recorded`). Reasons speak of
 * "您填写的" and "登记的" only through the values they quote, so callers can say which record.
 */
export function compareAddresses(given: string, recorded: string): AddressComparison {
  const a = normaliseAddress(given);
  const b = normaliseAddress(recorded);
  if (!a.ok || !b.ok) {
    const reasons: string[] = [];
    if (!a.ok) reasons.push(`无法识别“${given}”：${a.reason}`);
    if (!b.ok) reasons.push(`无法识别“${recorded}”：${b.reason}`);
    return { outcome: 'unparseable', reasons };
  }
  const x = a.parts;
  const y = b.parts;
  const different: string[] = [];
  const missing: string[] = [];
  if (x.district && y.district && x.district !== y.district) different.push(`所在区不同（${x.district}与${y.district}）`);
  if (!sameRoad(x.road!, y.road!)) different.push(`路名不同（${x.road}与${y.road}）`);
  if ((x.lane === null) !== (y.lane === null)) {
    const [lane, plain] = x.lane ? [x, y] : [y, x];
    different.push(`一个是${lane.lane}弄内的门牌，另一个是沿街门牌${plain.number ?? ''}号`);
  }
  const values: Record<Part, [string | null, string | null]> = {
    lane: [x.lane, y.lane],
    // A lane house number and a road number are not comparable (the lane difference says it all).
    number: (x.lane === null) === (y.lane === null) ? [x.number, y.number] : [null, null],
    building: [x.building, y.building],
    floor: [floorOf(x), floorOf(y)],
    room: [x.room, y.room],
  };
  for (const part of Object.keys(values) as Part[]) {
    const [u, v] = values[part];
    if (u !== null && v !== null && u !== v) different.push(`${PART_NAMES[part]}不同（${show[part](u)}与${show[part](v)}）`);
    else if ((u === null) !== (v === null) && part !== 'lane') {
      missing.push(`一方没有写明${PART_NAMES[part]}（另一方为${show[part]((u ?? v)!)}）`);
    }
  }
  if (different.length > 0) return { outcome: 'different', reasons: different };
  if (missing.length > 0) return { outcome: 'probably_same', reasons: missing };
  const sameText = a.normalised === b.normalised && given.replace(/\s/g, '') === recorded.replace(/\s/g, '');
  return {
    outcome: 'match',
    reasons: [sameText ? '地址相同' : `写法不同，标准写法均为“${a.normalised}”`],
  };
}
