/**
 * The demo generator's only source of randomness: a seeded faker instance (Mersenne Twister) behind a
 * small interface. Nothing here reads the clock or Math.random, so the same seed gives the same data.
 */
import { base, Faker, zh_CN } from '@faker-js/faker';
import { addDays, type IsoDate } from '../../src/domain/shared/dates';

/** A value with a relative weight, for {@link Rng.weighted}. */
export interface Weighted<T> {
  weight: number;
  value: T;
}

/** Seeded random helpers used by every generator module. */
export interface Rng {
  /** The underlying faker (zh_CN locale), for anything the helpers below do not cover. */
  readonly faker: Faker;
  /**
   * Restarts the sequence from (seed, stream). Each institution gets its own stream, so its rows do
   * not depend on how many random numbers earlier institutions happened to draw.
   */
  reseed(seed: number, stream: number): void;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly Weighted<T>[]): T;
  /** Between min and max distinct items, in their original order. */
  some<T>(items: readonly T[], min: number, max: number): T[];
  /** A string of n decimal digits (may start with 0). */
  digits(n: number): string;
  /** A date between from and to, both included. */
  dateBetween(from: IsoDate, to: IsoDate): IsoDate;
}

/** Creates a seeded generator; reseed it per stream for results independent of drawing order. */
export function createRng(seed: number): Rng {
  // Own instance rather than the shared fakerZH_CN export: the server or tests may use that one too.
  const faker = new Faker({ locale: [zh_CN, base], seed });
  const rng: Rng = {
    faker,
    reseed(s, stream) {
      // init_by_array mixes both numbers, so (1, 0) and (0, 1) are unrelated streams.
      faker.seed([s >>> 0, stream >>> 0]);
    },
    int: (min, max) => faker.number.int({ min, max }),
    chance: (p) => faker.number.float({ min: 0, max: 1 }) < p,
    pick: (items) => faker.helpers.arrayElement(items),
    weighted: (items) => faker.helpers.weightedArrayElement(items),
    some(items, min, max) {
      const chosen = new Set(faker.helpers.arrayElements(items, { min, max }));
      return items.filter((i) => chosen.has(i));
    },
    digits: (n) => faker.string.numeric({ length: n, allowLeadingZeros: true }),
    dateBetween(from, to) {
      const span = Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000));
      return addDays(from, faker.number.int({ min: 0, max: span }));
    },
  };
  return rng;
}
