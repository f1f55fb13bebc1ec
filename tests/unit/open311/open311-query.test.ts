import { describe, expect, it } from 'vitest';
import { OPEN311_PAGE_SIZE, parseOpen311Query } from '../../../src/domain/open311/open311-query';

const parse = (query: string) => parseOpen311Query(new URLSearchParams(query));
const value = (query: string) => {
  const r = parse(query);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};
const descriptions = (query: string) => {
  const r = parse(query);
  return r.ok ? [] : r.errors.map((e) => e.description);
};

describe('parseOpen311Query', () => {
  it('defaults to the first page of 50 and ignores parameters it does not know', () => {
    expect(value('jurisdiction_id=putuo.sh.cn&api_key=x')).toEqual({ page: 1, pageSize: OPEN311_PAGE_SIZE.default });
  });

  it('reads ids as canonical tracking numbers, without duplicates', () => {
    expect(value('service_request_id=pt-2026-000123, PT2026000124 ,PT-2026-000123').ids).toEqual(['PT-2026-000123', 'PT-2026-000124']);
    expect(descriptions('service_request_id=PT-2026-000123,abc')).toEqual([expect.stringContaining('“abc”不是受理编号')]);
    const many = Array.from({ length: 101 }, (_, i) => `PT-2026-${String(i + 1).padStart(6, '0')}`).join(',');
    expect(descriptions(`service_request_id=${many}`)).toEqual(['service_request_id：一次最多查询100个编号，您给了101个。']);
  });

  it('reads dates and date-times, Shanghai time when no offset is given; end_date is inclusive', () => {
    const q = value('start_date=2026-06-01&end_date=2026-06-30');
    expect(q.receivedFrom?.toISOString()).toBe('2026-05-31T16:00:00.000Z');
    expect(q.receivedBefore?.toISOString()).toBe('2026-06-30T16:00:00.000Z');
    expect(value('start_date=2026-06-01T08:00:00Z').receivedFrom?.toISOString()).toBe('2026-06-01T08:00:00.000Z');
    expect(value('start_date=2026-06-01T08:00:00').receivedFrom?.toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(value('end_date=2026-06-01T08:00:00.250%2B08:00').receivedBefore?.toISOString()).toBe('2026-06-01T00:00:00.251Z');
  });

  it('refuses impossible or malformed dates and an end before the start', () => {
    expect(descriptions('start_date=2026-02-30')).toEqual(['start_date：日期“2026-02-30”不存在。']);
    expect(descriptions('end_date=2026-02-30T10:00:00Z')).toEqual([expect.stringMatching(/^end_date：应为 ISO 8601/)]);
    expect(descriptions('start_date=last%20week')).toEqual([expect.stringMatching(/^start_date：/)]);
    expect(descriptions('start_date=2026-06-02&end_date=2026-06-01')).toEqual(['end_date：不能早于 start_date。']);
    expect(value('start_date=2026-06-01&end_date=2026-06-01').receivedFrom).toBeDefined();
  });

  it('reads service_code and status, and refuses other values', () => {
    expect(value('service_code=fees_refund&status=CLOSED')).toMatchObject({ category: 'fees_refund', status: 'closed' });
    expect(descriptions('service_code=noise&status=pending')).toEqual([
      'service_code：没有这个服务类型；可用的代码见 services.json。',
      'status：应为 open 或 closed。',
    ]);
  });

  it('takes whole numbers only for page and page_size, within their limits', () => {
    expect(value('page=3&page_size=100')).toMatchObject({ page: 3, pageSize: 100 });
    for (const bad of ['page=0', 'page=1.5', 'page=1e3', 'page=-1', 'page=10001']) expect(descriptions(bad), bad).toEqual(['page：应为1到10000之间的整数。']);
    for (const bad of ['page_size=0', 'page_size=101']) expect(descriptions(bad), bad).toEqual(['page_size：应为1到100之间的整数。']);
    expect(value('page=&page_size=')).toMatchObject({ page: 1, pageSize: 50 });
  });
});
