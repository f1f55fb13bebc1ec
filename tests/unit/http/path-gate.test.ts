/**
 * The front server's part of the input gate (src/server/http/path-gate.mjs): an API path with a
 * control character gets a JSON 404 in the route's shape before Astro's router, which cannot match
 * it and would answer the HTML page (found by the fuzz suite: /api/%0A, /open311/v2/%0A).
 */
import { describe, expect, it } from 'vitest';
import { controlInJsonPath } from '../../../src/server/http/path-gate.mjs';

describe('controlInJsonPath', () => {
  it('answers an encoded line feed under /api with a JSON 404', () => {
    const answer = controlInJsonPath('/api/%0A');
    expect(answer?.status).toBe(404);
    expect(answer?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(answer!.body)).toMatchObject({ error: 'not_found' });
  });

  it('answers Open311 in its error array, and catches NUL, DEL and C1', () => {
    expect(JSON.parse(controlInJsonPath('/open311/v2/%00.json')!.body)).toEqual([{ code: 404, description: expect.any(String) }]);
    expect(controlInJsonPath('/api/institutions/a%7F')).not.toBeNull();
    expect(controlInJsonPath('/api/institutions/a%C2%85')).not.toBeNull();
  });

  it('leaves pages, clean API paths and control characters in the query alone', () => {
    expect(controlInJsonPath('/institutions/%0A')).toBeNull();
    expect(controlInJsonPath('/api/suggest?q=a%00b')).toBeNull();
    expect(controlInJsonPath('/api/institutions/%E6%99%AE')).toBeNull();
  });
});
