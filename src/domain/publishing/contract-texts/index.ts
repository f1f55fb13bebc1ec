/** The full texts of the model contracts the portal lists, by code. */
import { SH_DEMO_2020_01, SH_DEMO_2020_02, SH_DEMO_2020_03 } from './demo-contracts';
import { GF_2021_2604 } from './gf-2021-2604';
import type { ModelContractText } from './types';

export const CONTRACT_TEXTS: readonly ModelContractText[] = [GF_2021_2604, SH_DEMO_2020_01, SH_DEMO_2020_02, SH_DEMO_2020_03];

/** The full text of the contract with this code, or null. */
export function contractText(code: string): ModelContractText | null {
  return CONTRACT_TEXTS.find((c) => c.code === code) ?? null;
}

/** Where a contract is read: its own page when the portal holds its full text, else its entry on /contracts. */
export const contractReadHref = (code: string): string => (contractText(code) ? `/contracts/${encodeURIComponent(code)}` : `/contracts#contract-${code}`);

/** The pages of the contracts whose full text the portal holds, for the sitemap. */
export const CONTRACT_PAGE_PATHS: readonly string[] = CONTRACT_TEXTS.map((c) => `/contracts/${encodeURIComponent(c.code)}`);
