/**
 * The home search box: instant suggestions for pinyin and initials (the SearchBox island), chosen
 * with the keyboard, and the plain GET form underneath that works on its own.
 */
import { expect, test, type Page } from './support/test';
import { listInstitutions, type InstitutionSummary } from './support/api';
import { typedName } from './support/pinyin';

/** The island shows at most this many suggestions (db/queries/registry/institutions.ts suggestInstitutions). */
const SUGGESTIONS = 8;

interface Target {
  inst: InstitutionSummary;
  full: string;
  initials: string;
}

/**
 * A Chinese-named institution whose full pinyin, and a 3-letter run of whose initials, each match
 * few enough institutions that it must be among the suggestions.
 */
async function findTarget(request: Parameters<typeof listInstitutions>[0]): Promise<Target> {
  const fewMatches = async (q: string, code: string) => {
    const r = await listInstitutions(request, { q });
    return r.total <= SUGGESTIONS && r.items.some((i) => i.creditCode === code);
  };
  for (const page of ['1', '2', '3']) {
    const { items } = await listInstitutions(request, { sort: 'newest', page });
    for (const inst of items) {
      const typed = typedName(inst.name);
      if (!typed || typed.initials.length < 3 || !(await fewMatches(typed.full, inst.creditCode))) continue;
      for (let i = 0; i + 3 <= typed.initials.length; i++) {
        const initials = typed.initials.slice(i, i + 3);
        if (await fewMatches(initials, inst.creditCode)) return { inst, full: typed.full, initials };
      }
    }
  }
  throw new Error('no institution with a distinctive pinyin name in the e2e data set');
}

/** Waits until the island has hydrated: before that, typing reaches only the plain input. */
async function searchBox(page: Page) {
  await page.goto('/');
  await page.locator('astro-island:not([ssr]) input#q').waitFor();
  return page.getByRole('combobox', { name: '搜索培训机构' });
}

/** The suggestion options by the institution name each one leads to. */
async function optionNames(page: Page): Promise<string[]> {
  const options = page.getByRole('listbox', { name: '搜索建议' }).getByRole('option');
  return options.evaluateAll((els) => els.map((el) => el.querySelector('span')?.textContent ?? ''));
}

let target: Target;
test.beforeAll(async ({ request }) => {
  target = await findTarget(request);
});

test('full pinyin shows the institution among the suggestions; ArrowDown + Enter opens it', async ({ page }) => {
  const box = await searchBox(page);
  await box.fill(target.full);
  const listbox = page.getByRole('listbox', { name: '搜索建议' });
  await expect(listbox.getByRole('option').filter({ hasText: target.inst.name }).first()).toBeVisible();
  await expect(box).toHaveAttribute('aria-expanded', 'true');

  const index = (await optionNames(page)).indexOf(target.inst.name);
  expect(index, `suggestions for "${target.full}"`).toBeGreaterThanOrEqual(0);
  for (let i = 0; i <= index; i++) await box.press('ArrowDown');
  const chosen = listbox.getByRole('option').nth(index);
  await expect(chosen).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await chosen.getAttribute('id'))!);

  await box.press('Enter');
  await expect(page).toHaveURL(`/institutions/${target.inst.creditCode}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(target.inst.name);
});

test('pinyin initials also find the institution', async ({ page }) => {
  const box = await searchBox(page);
  await box.fill(target.initials);
  await expect(page.getByRole('listbox', { name: '搜索建议' }).getByRole('option').filter({ hasText: target.inst.name }).first()).toBeVisible();
  // The live region tells screen-reader users how many suggestions there are.
  await expect(page.getByRole('status')).toHaveText(/找到 \d+ 条建议/);
});

test('submitting the form without choosing a suggestion lists the institution on /institutions', async ({ page }) => {
  const box = await searchBox(page);
  await box.fill(target.full);
  await box.press('Enter');
  await expect(page).toHaveURL(`/institutions?q=${target.full}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('查询培训机构');
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(`“${target.full}”共找到 \\d+ 家机构`) })).toBeVisible();
  await expect(page.getByRole('link', { name: target.inst.name, exact: true }).first()).toHaveAttribute('href', `/institutions/${target.inst.creditCode}`);
});

test('an unknown word says there is no match', async ({ page }) => {
  const box = await searchBox(page);
  await box.fill('qqqqqqxxxx');
  await expect(page.getByRole('status')).toHaveText('没有匹配的机构');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
});
