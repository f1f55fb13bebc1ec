/**
 * Demo 统一社会信用代码 (GB 32100-2015) derived from the institution's index, so every code is valid
 * and 100,000 of them stay unique without a lookup table.
 *
 * Layout: registration authority and kind (91 = 市场监管 enterprise, 52 = 民政 民办非企业单位), the
 * Putuo division code 310107, a 9-character organisation code (GB 11714: 8 characters and its own
 * check character), then the GB 32100 check character.
 */
import { CREDIT_CODE_ALPHABET, withCheckCharacter } from '../../src/domain/registry/credit-code';
import type { LegalForm } from '../../src/domain/shared/reference';

const PREFIX: Record<LegalForm, string> = { for_profit: '91310107', non_profit: '52310107' };

/**
 * Since 2016 new organisation codes are assigned by the registration authority with a letter prefix
 * (MA for 市场监管, MJ for 民政); older institutions keep the numeric code they had before.
 */
const NEW_STYLE_PREFIX: Record<LegalForm, string> = { for_profit: 'MA1', non_profit: 'MJ4' };
/** Institutions registered from this day on get a lettered (new-style) organisation code. */
export const NEW_STYLE_FROM = '2016-01-01';

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 check character of an 8-character organisation code body. */
export function organisationCheck(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i]!, 36) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * An affine map i -> (a*i + b) mod m is a bijection when gcd(a, m) = 1: distinct indexes give
 * distinct bodies, while consecutive institutions do not get consecutive-looking codes.
 */
function scramble(index: number, offset: number, modulus: number, multiplier: number): number {
  return Number((BigInt(multiplier) * BigInt(index) + BigInt(offset)) % BigInt(modulus));
}

const NEW_MODULUS = 31 ** 5; // five characters of the credit-code alphabet
const OLD_MODULUS = 10 ** 7; // seven digits after the fixed leading digit
const NEW_MULTIPLIER = 7_368_787; // prime, coprime with 31^5
const OLD_MULTIPLIER = 7_368_787; // coprime with 10^7 (odd, not a multiple of 5)

/** A large, seed-dependent offset (Knuth's multiplicative hash of the seed). */
export function seedOffset(seed: number): number {
  return Number(((BigInt(seed >>> 0) + 1n) * 2_654_435_761n) % 1_000_000_007n);
}

function base31(n: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = CREDIT_CODE_ALPHABET[n % 31]! + out;
    n = Math.floor(n / 31);
  }
  return out;
}

/**
 * The credit code of demo institution `index` (0-based, below 10 million). Unique per index: the
 * legal form and style select disjoint code spaces, and each space is filled by a bijection.
 */
export function demoCreditCode(index: number, seed: number, legalForm: LegalForm, registeredOn: string): string {
  // Spread the seed over the whole space so index 0 does not start at a run of zeros.
  const offset = seedOffset(seed);
  let body8: string;
  if (registeredOn >= NEW_STYLE_FROM) {
    body8 = NEW_STYLE_PREFIX[legalForm] + base31(scramble(index, offset, NEW_MODULUS, NEW_MULTIPLIER), 5);
  } else {
    // Older codes are all digits; a fixed leading 7 keeps this space apart from the lettered one.
    body8 = '7' + String(scramble(index, offset, OLD_MODULUS, OLD_MULTIPLIER)).padStart(7, '0');
  }
  return withCheckCharacter(PREFIX[legalForm] + body8 + organisationCheck(body8));
}
