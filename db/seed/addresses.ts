/**
 * Plausible Putuo addresses and phone numbers. Each street gets roads that run through it, so a
 * search by street and a look at the address agree; house numbers and rooms are random.
 */
import type { StreetCode } from '../../src/domain/shared/reference';
import type { Rng } from './random';

/** Roads of each street or town (a road crossing two streets may appear under both). */
export const STREET_ROADS: Record<StreetCode, readonly string[]> = {
  changshou: ['长寿路', '常德路', '西康路', '昌化路', '江宁路', '安远路', '澳门路', '莫干山路', '宜昌路'],
  caojiadu: ['万航渡路', '武宁南路', '光复西路', '白兰路', '长宁路'],
  ganquan: ['甘泉路', '志丹路', '洛川东路', '新沪路', '子长路', '延长西路'],
  shiquan: ['石泉路', '岚皋路', '中山北路', '交通路', '管弄路'],
  yichuan: ['宜川路', '西乡路', '普善路', '中山北路', '延长西路'],
  zhenru: ['真北路', '真光路', '铜川路', '曹杨路', '兰溪路'],
  changfeng: ['金沙江路', '大渡河路', '云岭东路', '枣阳路', '武宁路', '白玉路'],
  wanli: ['新村路', '真北路', '富平路', '大华路'],
  changzheng: ['梅川路', '同普路', '金沙江路', '祁连山南路', '铜川路'],
  taopu: ['桃浦路', '武威路', '古浪路', '敦煌路', '真南路', '祁连山路'],
};

/** A full address on one of the street's roads: 号, 弄…号, with a room (室) or floor (楼) mostly. */
export function address(rng: Rng, street: StreetCode): string {
  const road = rng.pick(STREET_ROADS[street]);
  const number = rng.int(1, 1800);
  const shape = rng.weighted([
    { weight: 45, value: 'room' as const },
    { weight: 25, value: 'lane' as const },
    { weight: 20, value: 'floor' as const },
    { weight: 10, value: 'plain' as const },
  ]);
  switch (shape) {
    case 'room':
      return `上海市普陀区${road}${number}号${rng.int(1, 12)}${String(rng.int(1, 30)).padStart(2, '0')}室`;
    case 'lane':
      return `上海市普陀区${road}${number}弄${rng.int(1, 40)}号${rng.int(1, 6)}0${rng.int(1, 9)}室`;
    case 'floor':
      return `上海市普陀区${road}${number}号${rng.int(1, 8)}楼`;
    case 'plain':
      return `上海市普陀区${road}${number}号`;
  }
}

/**
 * The address on a licence: usually exactly the registered one; sometimes another room or
 * building of the same premises, as when a school expands into the next unit.
 */
export function licensedAddress(rng: Rng, registered: string): string {
  if (rng.chance(0.85)) return registered;
  const base = registered.replace(/(\d+楼|\d+室)$/, '');
  return rng.chance(0.5)
    ? `${base}${rng.int(1, 12)}${String(rng.int(1, 30)).padStart(2, '0')}室`
    : `${base.replace(/号.*$/, '号')}${rng.pick(['A', 'B', 'C', '1', '2', '3'])}幢${rng.int(1, 6)}楼`;
}

/** A Shanghai landline (021 and eight digits, first digit 6 as most lines in Putuo), or none. */
export function phone(rng: Rng): string | null {
  if (rng.chance(0.03)) return null;
  return `021-6${rng.digits(7)}`;
}
