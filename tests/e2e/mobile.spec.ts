/**
 * On a small phone (360 x 740 CSS pixels, the most common Android size) no page scrolls sideways:
 * long names, codes and tables must wrap or scroll inside their own box.
 */
import { expect, test, type Page } from './support/test';
import { aBlacklistedInstitution, listInstitutions } from './support/api';
import { expectNoSidewaysScroll } from './support/reflow';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

const PAGES = ['/', '/institutions', '/institutions?field=bogus', '/lists', '/warnings', '/contracts', '/about', '/no-such-page'];

/** Opens `path` and, once its heading shows, checks that it does not scroll sideways. */
async function expectPageFits(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoSidewaysScroll(page, path);
}

for (const path of PAGES) {
  test(`no horizontal scroll on ${path}`, async ({ page }) => {
    await expectPageFits(page, path);
  });
}

test('no horizontal scroll on the profile of a blacklisted institution', async ({ page, request }) => {
  const inst = await aBlacklistedInstitution(request);
  await expectPageFits(page, `/institutions/${inst.creditCode}`);
});

test('no horizontal scroll on the profile of a licensed institution (licence, promise and fund sections)', async ({ page, request }) => {
  const { items } = await listInstitutions(request, { licence: 'valid', field: 'culture_edu' });
  expect(items.length).toBeGreaterThan(0);
  await expectPageFits(page, `/institutions/${items[0]!.creditCode}`);
});
