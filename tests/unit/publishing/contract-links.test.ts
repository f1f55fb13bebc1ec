/**
 * Where a profile, the API and the staff page send a reader of a model contract: to the contract's
 * own page when the portal holds its full text (and that page is in the sitemap), else to its
 * entry on /contracts (an uploaded contract the portal has no text of).
 */
import { describe, expect, it } from 'vitest';
import { CONTRACT_PAGE_PATHS, contractReadHref } from '../../../src/domain/publishing/contract-texts';

describe('contractReadHref', () => {
  it('links a contract with its full text to its page, which the sitemap lists', () => {
    expect(contractReadHref('GF-2021-2604')).toBe('/contracts/GF-2021-2604');
    expect(CONTRACT_PAGE_PATHS).toContain('/contracts/GF-2021-2604');
  });

  it('links any other contract to its entry on /contracts', () => {
    expect(contractReadHref('GF-2099-0001')).toBe('/contracts#contract-GF-2099-0001');
    expect(CONTRACT_PAGE_PATHS).not.toContain('/contracts/GF-2099-0001');
  });
});
