import { describe, expect, it } from 'vitest';
import { profileBanners, type Banner, type BannerRecords } from '../../../src/domain/registry/profile-banners';

const TODAY = '2026-06-15';
const licence = (over: Partial<BannerRecords['licences'][number]> = {}): BannerRecords['licences'][number] => ({
  issuedOn: '2024-01-01',
  expiresOn: '2028-12-31',
  revokedOn: null,
  issuingAuthority: 'edu',
  revocationReason: null,
  ...over,
});
const black = { list: 'black' as const, effectiveOn: '2026-03-01', removedOn: null, department: 'market', reason: '卷款停课', legalBasis: '实施方案五(三)2' };
const base: BannerRecords = { decisions: [], licences: [licence()], licenceRequired: true, operatingStatus: 'operating', registrationAuthority: 'market' };

describe('profileBanners: what happened, since when, who decided', () => {
  it.each<{ why: string; records: Partial<BannerRecords>; banners: Banner[] }>([
    { why: 'nothing to warn about', records: {}, banners: [] },
    {
      why: 'blacklisted: the decision in force, its department, reason and basis',
      records: { decisions: [{ ...black, effectiveOn: '2025-01-01', removedOn: '2025-06-01' }, black] },
      banners: [{ kind: 'black', since: '2026-03-01', decidedBy: 'market', reason: '卷款停课', basis: '实施方案五(三)2' }],
    },
    { why: 'a blacklisting from tomorrow is not shown yet', records: { decisions: [{ ...black, effectiveOn: '2026-06-16' }] }, banners: [] },
    {
      why: 'licence revoked: the day and the issuing authority',
      records: { licences: [licence({ revokedOn: '2025-11-20', revocationReason: '超范围办学', issuingAuthority: 'hrss' })] },
      banners: [{ kind: 'licence_revoked', since: '2025-11-20', decidedBy: 'hrss', reason: '超范围办学', basis: null }],
    },
    { why: 'a revoked licence beside a valid one is no banner', records: { licences: [licence({ revokedOn: '2025-11-20' }), licence()] }, banners: [] },
    {
      why: 'licence expired: the last day it was valid',
      records: { licences: [licence({ expiresOn: '2026-01-31' }), licence({ expiresOn: '2025-01-31' })] },
      banners: [{ kind: 'licence_expired', since: '2026-01-31', decidedBy: 'edu', reason: null, basis: null }],
    },
    { why: 'no licence where one is needed', records: { licences: [] }, banners: [{ kind: 'licence_missing', since: null, decidedBy: null, reason: null, basis: null }] },
    { why: 'no licence where none is needed', records: { licences: [], licenceRequired: false }, banners: [] },
    { why: 'suspended: recorded by the registration authority', records: { operatingStatus: 'suspended' }, banners: [{ kind: 'suspended', since: null, decidedBy: 'market', reason: null, basis: null }] },
    {
      why: 'blacklisted and closed: the blacklist first',
      records: { decisions: [black], operatingStatus: 'closed', registrationAuthority: 'civil' },
      banners: [
        { kind: 'black', since: '2026-03-01', decidedBy: 'market', reason: '卷款停课', basis: '实施方案五(三)2' },
        { kind: 'closed', since: null, decidedBy: 'civil', reason: null, basis: null },
      ],
    },
  ])('$why', ({ records, banners }) => {
    expect(profileBanners({ ...base, ...records }, TODAY)).toEqual(banners);
  });
});
