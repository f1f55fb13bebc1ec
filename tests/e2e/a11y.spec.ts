/**
 * Accessibility: axe (WCAG 2.0 and 2.1, levels A and AA) on every public page, in its normal,
 * error and not-found states, plus the keyboard route into the page (skip link first).
 * No rule is ever disabled here: a violation is fixed in the page.
 */
import { expect, test, type APIRequestContext } from './support/test';
import { aBlacklistedInstitution, anUnlistedInstitution, listInstitutions } from './support/api';
import { expectNoViolations } from './support/axe';

/** Public pages by name; a function when the address depends on the generated data. */
const PAGES: Record<string, string | ((request: APIRequestContext) => Promise<string>)> = {
  home: '/',
  registry: '/institutions',
  'registry with a search': async (request) => {
    // Two characters of a real name after the district prefix (its brand), so there are results.
    const { name } = await anUnlistedInstitution(request);
    return `/institutions?q=${encodeURIComponent(name.replace(/^(上海市普陀区|普陀区|上海)/, '').slice(0, 2))}`;
  },
  'registry with an invalid filter': '/institutions?field=bogus',
  'registry, second page': '/institutions?page=2',
  'profile of a blacklisted institution': async (request) => `/institutions/${(await aBlacklistedInstitution(request)).creditCode}`,
  'profile of an institution on no list': async (request) => `/institutions/${(await anUnlistedInstitution(request)).creditCode}`,
  'profile of a licensed institution': async (request) => {
    const { items } = await listInstitutions(request, { licence: 'valid', field: 'culture_edu' });
    return `/institutions/${items[0]!.creditCode}`;
  },
  'malformed credit code': '/institutions/91350100M000100Y4Z',
  lists: '/lists',
  warnings: '/warnings',
  contracts: '/contracts',
  about: '/about',
  'page not found': '/no-such-page',
};

for (const [name, where] of Object.entries(PAGES)) {
  test(`axe: ${name}`, async ({ page, request }) => {
    const path = typeof where === 'string' ? where : await where(request);
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoViolations(page);
  });
}

test('axe: home with the suggestion list open', async ({ page }) => {
  await page.goto('/');
  await page.locator('astro-island:not([ssr]) input#q').waitFor();
  await page.getByRole('combobox', { name: '搜索培训机构' }).fill('pt');
  await expect(page.getByRole('listbox', { name: '搜索建议' })).toBeVisible();
  await page.getByRole('combobox', { name: '搜索培训机构' }).press('ArrowDown');
  await expectNoViolations(page);
});

for (const path of ['/', '/institutions', '/about']) {
  test(`keyboard on ${path}: Tab from the top reaches the skip link first, and it moves focus to main`, async ({ page }) => {
    await page.goto(path);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: '跳到主要内容' });
    await expect(skip).toBeFocused();
    // On screen while focused, so a sighted keyboard user sees where they are.
    const box = (await skip.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
    // The next Tab continues inside main, not back in the header.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
  });
}
