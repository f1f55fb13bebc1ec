import { describe, expect, it } from 'vitest';
import { isForbiddenCrossSitePost } from '../../../src/server/http/origin-check';

const SITE = 'http://localhost:4321';
const check = (method: string, path: string, headers: Record<string, string>) =>
  isForbiddenCrossSitePost(new Request(`${SITE}${path}`, { method, headers }), new URL(`${SITE}${path}`));

describe('isForbiddenCrossSitePost', () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  it('refuses form posts from another origin or without one, as Astro checkOrigin does', () => {
    expect(check('POST', '/complaints/new', { ...form, origin: 'https://evil.example' })).toBe(true);
    expect(check('POST', '/complaints/new', form)).toBe(true);
    expect(check('POST', '/complaints/new', { 'content-type': 'multipart/form-data; boundary=x' })).toBe(true);
    expect(check('DELETE', '/complaints/new', {})).toBe(true);
  });

  it('lets same-origin posts, safe methods and non-form JSON through', () => {
    expect(check('POST', '/complaints/new', { ...form, origin: SITE })).toBe(false);
    expect(check('GET', '/complaints/new', { origin: 'https://evil.example' })).toBe(false);
    expect(check('POST', '/api/thing', { 'content-type': 'application/json', origin: 'https://evil.example' })).toBe(false);
  });

  it('exempts a digest\'s one-click unsubscribe link, which mail clients post from their own servers', () => {
    expect(check('POST', '/email/unsubscribe/7.abc', form)).toBe(false);
    expect(check('POST', '/email/unsubscribe/7.abc', { 'content-type': 'multipart/form-data; boundary=x', origin: 'https://mail.example' })).toBe(false);
    expect(check('POST', '/email/unsubscribe', form)).toBe(true);
    expect(check('POST', '/staff/email', form)).toBe(true);
  });

  it('exempts the Open311 API, which reads no cookies, and nothing else', () => {
    expect(check('POST', '/open311/v2/requests.json', form)).toBe(false);
    expect(check('POST', '/open311/v2/requests.json/', { ...form, origin: 'https://other.example' })).toBe(false);
    expect(check('DELETE', '/open311/v2/services.json', {})).toBe(false);
    expect(check('POST', '/open311', form)).toBe(true);
    expect(check('POST', '/complaints/open311/v2/requests.json', form)).toBe(true);
  });

  it('refuses any write to the staff area without the site\'s origin, JSON included', () => {
    const jsonBody = { 'content-type': 'application/json' };
    expect(check('POST', '/api/staff/cases/PT-2026-000001', jsonBody)).toBe(true);
    expect(check('POST', '/api/staff/cases/PT-2026-000001', { ...jsonBody, origin: 'https://evil.example' })).toBe(true);
    expect(check('PUT', '/staff/users/3', jsonBody)).toBe(true);
    expect(check('POST', '/api/staff/cases/PT-2026-000001', { ...jsonBody, origin: SITE })).toBe(false);
    expect(check('GET', '/api/staff/queue', {})).toBe(false);
    // Only the staff area: a path that merely starts with the letters is not in it.
    expect(check('POST', '/staffing-news', jsonBody)).toBe(false);
  });
});
