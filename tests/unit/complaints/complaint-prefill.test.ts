import { describe, expect, it } from 'vitest';
import { parseComplaintPrefill, prefillValues, unlistedComplaintHref } from '../../../src/domain/complaints/complaint-prefill';

const prefill = (query: string) => prefillValues(parseComplaintPrefill(new URLSearchParams(query)));

describe('complaint form prefill from the query string', () => {
  it.each([
    ['a profile link: the code, normalised', 'institution=91310107ma1g0abc1y', { creditCode: '91310107MA1G0ABC1Y' }],
    ['a landlord record link', 'institution=91310107MA1G0ABC1Y&filer=landlord', { creditCode: '91310107MA1G0ABC1Y', filerRole: 'landlord' }],
    ['an empty search: unlisted ticked, name kept, category set', 'unlisted=1&name=%E6%98%9F%E5%85%89%E8%8B%B1%E8%AF%AD&category=unlicensed', { notListed: 'on', institutionName: '星光英语', category: 'unlicensed' }],
    ['unlisted written as on / true / yes', 'unlisted=on', { notListed: 'on' }],
    ['unlisted=0 ticks nothing', 'unlisted=0', {}],
    ['spaces in the name are tidied', 'unlisted=1&name=++%E6%98%9F%E5%85%89++%E8%8B%B1%E8%AF%AD+', { notListed: 'on', institutionName: '星光 英语' }],
    ['an unknown category is left out, the rest still fills', 'unlisted=1&name=abc&category=nonsense', { notListed: 'on', institutionName: 'abc' }],
    ['an unknown role is left out', 'filer=mayor', {}],
    ['a name past 100 characters is left out', `unlisted=1&name=${'星'.repeat(101)}`, { notListed: 'on' }],
    ['a blank name is left out', 'unlisted=1&name=%20%20', { notListed: 'on' }],
    ['other parameters are ignored', 'description=hello&phone=13800000000', {}],
  ] as const)('%s', (_why, query, expected) => {
    expect(prefill(query)).toEqual(expected);
  });

  it('makes the report link an empty search offers, and reads it back', () => {
    const href = unlistedComplaintHref(' 星光  英语 ', 'landlord');
    expect(href).toBe('/complaints/new?unlisted=1&name=%E6%98%9F%E5%85%89+%E8%8B%B1%E8%AF%AD&category=unlicensed&filer=landlord');
    expect(prefill(href.split('?')[1]!)).toEqual({ notListed: 'on', institutionName: '星光 英语', category: 'unlicensed', filerRole: 'landlord' });
    expect(unlistedComplaintHref('星'.repeat(150))).toContain(`name=${encodeURIComponent('星'.repeat(100))}&`);
  });
});
