/**
 * The frame of the staff publishing pages (src/server/publishing/publish-page.ts) with a stand-in
 * for `Astro`: who gets the 404 of a missing page, and the order post, then load, then message
 * (post/redirect/get). Only posts are exercised here, so no one-time message (which needs the
 * database's secret) is ever read; the pages themselves run in tests/e2e/staff-publish.spec.ts.
 */
import type { AstroCookies } from 'astro';
import { describe, expect, it, vi } from 'vitest';
import type { Db } from '../../../db/client';
import { PUBLISH_PATH } from '../../../src/domain/publishing/publishing-paths';
import type { StaffActor } from '../../../src/domain/staff/staff-roles';
import { publishDetailPage, publishFormPage, requirePublisher, returnPath, type PageContext } from '../../../src/server/publishing/publish-page';
import { EMPTY_STATE, type PostResult } from '../../../src/server/publishing/publishing-http';

const handler: StaffActor = { id: 7, username: 'edu-1', displayName: '承办人', role: 'handler', department: 'edu', street: null, isManager: false };

function context(staff: StaffActor | null, method = 'POST'): PageContext {
  return {
    request: new Request('http://127.0.0.1/staff/publish/lists/1', { method }),
    cookies: {} as AstroCookies,
    locals: { staff, db: {} as Db, readDb: {} as Db, today: '2025-03-01', datasetFacts: async () => ({}) as never },
    redirect: (location: string, status?: number) => new Response(null, { status, headers: { Location: location } }),
    response: { status: 200, headers: new Headers() },
  };
}

const rendered = (status: 400 | 409): PostResult => ({ kind: 'render', status, state: { ...EMPTY_STATE, intent: 'review', errors: [{ message: '有误' }] } });

describe('who may use a publishing page', () => {
  it.each<[string, StaffActor | null]>([
    ['nobody signed in', null],
    ['another role', { ...handler, role: 'dispatcher' }],
    ['a handler of no department', { ...handler, department: null }],
  ])('%s gets a bodiless 404', (_who, staff) => {
    const answer = requirePublisher(context(staff).locals);
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(404);
  });

  it('a handler of a department is let in, unless the page asks more of them', () => {
    expect(requirePublisher(context(handler).locals)).toEqual({ staff: handler, department: 'edu' });
    expect((requirePublisher(context(handler).locals, (s) => s.department === 'market') as Response).status).toBe(404);
  });
});

describe('a page about one item', () => {
  const spec = (post: () => Promise<PostResult>, load: () => Promise<{ title: string } | null>) => ({ key: 3 as number | null, path: (id: number) => `/staff/publish/lists/${id}`, post, load });

  it('a malformed key is a 404 before anything is posted or loaded', async () => {
    const post = vi.fn(async () => rendered(400));
    const load = vi.fn(async () => ({ title: 'x' }));
    const answer = await publishDetailPage(context(handler), { ...spec(post, load), key: null });
    expect((answer as Response).status).toBe(404);
    expect(post).not.toHaveBeenCalled();
    expect(load).not.toHaveBeenCalled();
  });

  it('a done post redirects with 303 and loads nothing', async () => {
    const post = vi.fn(async (): Promise<PostResult> => ({ kind: 'redirect', location: PUBLISH_PATH }));
    const load = vi.fn(async () => ({ title: 'x' }));
    const answer = (await publishDetailPage(context(handler), spec(post, load))) as Response;
    expect([answer.status, answer.headers.get('Location')]).toEqual([303, PUBLISH_PATH]);
    expect(post).toHaveBeenCalledWith({ staff: handler, department: 'edu', key: 3, path: '/staff/publish/lists/3' });
    expect(load).not.toHaveBeenCalled();
  });

  it('a post about an item the department may not see is a 404', async () => {
    const answer = await publishDetailPage(context(handler), spec(async () => ({ kind: 'not_found' }), async () => ({ title: 'x' })));
    expect((answer as Response).status).toBe(404);
  });

  it('a post to correct shows the form again with its status, and the item as loaded after the post', async () => {
    const order: string[] = [];
    const ctx = context(handler);
    const answer = await publishDetailPage(
      ctx,
      spec(
        async () => (order.push('post'), rendered(409)),
        async () => (order.push('load'), { title: '已改' }),
      ),
    );
    expect(order).toEqual(['post', 'load']);
    expect(ctx.response.status).toBe(409);
    expect(answer).toMatchObject({ key: 3, path: '/staff/publish/lists/3', item: { title: '已改' }, state: { intent: 'review' }, flash: null });
  });

  it('an item the department may not see is a 404', async () => {
    const answer = await publishDetailPage(context(handler), spec(async () => rendered(400), async () => null));
    expect((answer as Response).status).toBe(404);
  });
});

describe('a page that makes something new', () => {
  it('shows its initial values until something is posted', async () => {
    const post = vi.fn(async () => rendered(400));
    const initial = { ...EMPTY_STATE, values: { size: '5' } };
    expect(await publishFormPage(context(handler, 'GET'), { initial, post })).toEqual({ staff: handler, department: 'edu', state: initial });
    expect(post).not.toHaveBeenCalled();
  });

  it('shows what a post came to, with its status', async () => {
    const ctx = context(handler);
    const answer = await publishFormPage(ctx, { post: async () => rendered(400) });
    expect(ctx.response.status).toBe(400);
    expect(answer).toMatchObject({ state: { intent: 'review', errors: [{ message: '有误' }] } });
  });
});

describe('where a done action returns', () => {
  it('to the overview when its form was posted from there, else to the page', () => {
    expect(returnPath({ return: 'overview' }, '/staff/publish/lists/3')).toBe(PUBLISH_PATH);
    expect(returnPath({}, '/staff/publish/lists/3')).toBe('/staff/publish/lists/3');
  });
});
