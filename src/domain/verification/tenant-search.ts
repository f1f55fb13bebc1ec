/**
 * Finding a tenant by name or address for the landlord's check (/verify): the rules around the
 * registry lookup (db/queries/registry/institutions.ts findInstitutionsByNameOrAddress). Which text
 * is searched as an address, how it is normalised to match stored addresses, and when one match is
 * certain enough to verify without asking the landlord to pick it.
 */
import type { LicenceState } from '../registry/licence-state';
import type { ListStatus } from '../registry/list-status';
import { normaliseText } from '../registry/search';

/** How many matches the list shows; past it the landlord is asked to type more. */
export const TENANT_CHOICES = 10;

/** One institution the landlord may mean: what tells two of the same name apart. */
export interface TenantCandidate {
  creditCode: string;
  name: string;
  address: string;
  street: string;
  /** Training fields: whether a missing licence is a fault. */
  fields: string[];
  operatingStatus: string;
  licenceState: LicenceState | 'none';
  listStatus: ListStatus;
}

/**
 * The text as stored addresses write it, for a substring match: full-width digits and letters made
 * ASCII (NFKC), spaces dropped, and the city and district left out (every stored address begins
 * "上海市普陀区", which a landlord rarely types). Null when too little is left to search on.
 */
export function addressSearchText(text: string): string | null {
  const t = text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^(上海市?)?(普陀区?)?/, '');
  return [...t].length >= 3 ? t : null;
}

/** Whether the text reads like an address: a house number, or a road, lane or room word. */
export function looksLikeAddress(text: string): boolean {
  return /\d/.test(text.normalize('NFKC')) || /[路街弄巷号室楼幢栋]/.test(text);
}

/**
 * The one match to verify without asking: only when exactly one institution was found and its
 * current name is what the landlord typed (ignoring spaces, punctuation and width). A single
 * fuzzy match ("星光" finding "新星光艺术") is still shown to be confirmed.
 */
export function certainMatch<T extends Pick<TenantCandidate, 'name'>>(text: string, found: readonly T[]): T | null {
  if (found.length !== 1) return null;
  return normaliseText(found[0]!.name) === normaliseText(text) ? found[0]! : null;
}
