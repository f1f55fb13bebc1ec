/**
 * What other programs read: the Atom feed of risk warnings and the JSON API's error answers.
 */
import { expect, test } from './support/test';

const HAN = /\p{Script=Han}/u;

test('/warnings.atom is well-formed Atom with one entry per published warning and per list change', async ({ page, request }) => {
  const res = await request.get('/warnings.atom');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('application/atom+xml');
  const xml = await res.text();

  // Parse with the browser's XML parser: a parser error means the feed is not well-formed.
  await page.goto('/warnings');
  const feed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    const error = doc.getElementsByTagName('parsererror')[0];
    const root = doc.documentElement;
    const entries = [...root.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'entry')];
    const child = (e: Element, name: string) => e.getElementsByTagNameNS('http://www.w3.org/2005/Atom', name)[0];
    return {
      error: error?.textContent ?? null,
      root: `${root.namespaceURI} ${root.localName}`,
      title: child(root, 'title')?.textContent ?? '',
      entries: entries.map((e) => ({
        title: child(e, 'title')?.textContent ?? '',
        id: child(e, 'id')?.textContent ?? '',
        link: child(e, 'link')?.getAttribute('href') ?? '',
        updated: child(e, 'updated')?.textContent ?? '',
      })),
    };
  }, xml);

  expect(feed.error).toBeNull();
  expect(feed.root).toBe('http://www.w3.org/2005/Atom feed');
  expect(feed.title).toMatch(HAN);
  expect(feed.entries.length).toBeGreaterThan(0);
  const onPage = await page.locator('article h2').allTextContents();
  const warnings = feed.entries.filter((e) => e.id.includes('/warnings#'));
  const listChanges = feed.entries.filter((e) => e.id.includes('/lists#'));
  expect(warnings.length).toBe(Math.min(onPage.length, 50));
  expect(warnings.length + listChanges.length).toBe(feed.entries.length);
  // List changes link to the institution's profile and say what changed.
  expect(listChanges.length).toBeGreaterThan(0);
  for (const entry of listChanges) {
    expect(new URL(entry.link).pathname).toMatch(/^\/institutions\/[0-9A-Z]{18}$/);
    expect(entry.title).toMatch(/^\[(列入|移出)(白名单|黑名单)\] /);
  }
  for (const entry of warnings) {
    expect(entry.id).not.toBe('');
    expect(Number.isNaN(Date.parse(entry.updated)), `updated of ${entry.id}`).toBe(false);
    expect(new URL(entry.link).pathname).toBe('/warnings');
    // "[严重警示] title": the title of a warning shown on /warnings.
    expect(onPage).toContain(entry.title.replace(/^\[[^\]]+\]\s*/, ''));
  }
});

test('/api/institutions with an invalid filter answers 400 JSON with a Chinese message', async ({ request }) => {
  const res = await request.get('/api/institutions?field=bogus');
  expect(res.status()).toBe(400);
  expect(res.headers()['content-type']).toContain('application/json');
  const body = await res.json();
  expect(body.error).toBe('invalid_query');
  expect(body.message).toMatch(HAN);
  expect(body.errors).toEqual([{ field: 'field', message: '“培训类别”的取值无效，请从列表中选择。' }]);
});

test('/api/institutions/<malformed code> answers 404 JSON that names the problem', async ({ request }) => {
  const res = await request.get('/api/institutions/91350100M000100Y4Z');
  expect(res.status()).toBe(404);
  expect(res.headers()['content-type']).toContain('application/json');
  const body = await res.json();
  expect(body.error).toBe('malformed_code');
  expect(body.message).toContain('第18位的“Z”');
});

test('/api/institutions/<unknown valid code> answers 404 not_found', async ({ request }) => {
  const res = await request.get('/api/institutions/91350100M000100Y43');
  expect(res.status()).toBe(404);
  const body = await res.json();
  expect(body.error).toBe('not_found');
  expect(body.message).toMatch(HAN);
});
