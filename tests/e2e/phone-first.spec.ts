/**
 * A parent on a phone (390 x 844 CSS pixels) gets an answer in the first screen: the first search
 * result and the way back to a complaint ("查询投诉进度") are within the first 844 pixels, the
 * filters fold behind one "筛选" disclosure that works without JavaScript, applied filters are chips
 * that drop one filter each, and /lists is searchable, filterable, paged and never wider than the phone.
 */
import { expect, test, type APIRequestContext, type Page } from './support/test';
import { aBlacklistedInstitution, listInstitutions } from './support/api';
import { expectNoViolations } from './support/axe';
import { expectNoSidewaysScroll } from './support/reflow';

const PHONE = { width: 390, height: 844 };
const DISTRICT_PREFIX = /^(上海市普陀区|普陀区|上海)/;

test.use({ viewport: PHONE });

/** The two characters that start the most demo names after the district prefix: a word people type. */
async function aCommonWord(request: APIRequestContext): Promise<string> {
  const counts = new Map<string, number>();
  for (const page of ['1', '2', '3']) {
    for (const { name } of (await listInstitutions(request, { sort: 'name', page })).items) {
      const rest = name.replace(DISTRICT_PREFIX, '');
      for (let i = 0; i + 2 <= rest.length; i++) {
        const word = rest.slice(i, i + 2);
        counts.set(word, (counts.get(word) ?? 0) + 1);
      }
    }
  }
  const [word] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  expect((await listInstitutions(request, { q: word })).total, `"${word}" should find institutions`).toBeGreaterThan(1);
  return word;
}

/** The element ends within the first screen of the phone, before any scrolling. */
async function expectInFirstScreen(page: Page, what: string, locator: ReturnType<Page['locator']>) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await locator.boundingBox();
  expect(box, `${what} is rendered`).not.toBeNull();
  expect(box!.y + box!.height, `${what} ends at ${Math.round(box!.y + box!.height)} px`).toBeLessThanOrEqual(PHONE.height);
}

test('the first result of a common search and the tracking link are in the first screen', async ({ page, request }) => {
  const word = await aCommonWord(request);
  await page.goto(`/institutions?q=${encodeURIComponent(word)}`);
  const first = page.locator('ol.results > li').first();
  await expect(first).toBeVisible();
  await expectInFirstScreen(page, 'the first result', first.getByRole('link').first());
  await expectInFirstScreen(page, 'the result count', page.getByRole('heading', { level: 2, name: new RegExp(`“${word}”共找到`) }));
  const track = page.getByRole('banner').getByRole('link', { name: '查询投诉进度' });
  await expect(track).toHaveAttribute('href', '/complaints/track');
  await expectInFirstScreen(page, 'the header link 查询投诉进度', track);
  // The filters wait folded behind one disclosure.
  await expect(page.getByLabel('街镇', { exact: true })).toBeHidden();
  await expectNoSidewaysScroll(page);
});

test('the way back to a complaint is linked from the header, the complaint form, the footer and /about', async ({ page }) => {
  await page.goto('/complaints/new');
  await expect(page.getByRole('main').getByRole('link', { name: '查询投诉进度' })).toHaveAttribute('href', '/complaints/track');
  const footer = page.getByRole('navigation', { name: '更多公开信息' });
  await expect(footer.getByRole('link', { name: '投诉统计' })).toHaveAttribute('href', '/complaints/stats');
  await expect(footer.getByRole('link', { name: '“双随机”抽查公开' })).toHaveAttribute('href', '/draws');
  await page.getByRole('banner').getByRole('link', { name: '查询投诉进度' }).click();
  await expect(page).toHaveURL(/\/complaints\/track$/);
  const crumbs = page.getByRole('navigation', { name: '当前位置' });
  await expect(crumbs.getByRole('link', { name: '首页' })).toHaveAttribute('href', '/');
  await expect(crumbs.locator('[aria-current="page"]')).toHaveText('查询投诉进度');
  await page.goto('/about');
  await expect(page.getByRole('main').getByRole('link', { name: '投诉统计' })).toHaveAttribute('href', '/complaints/stats');
  await expect(page.getByRole('main').getByRole('link', { name: '“双随机”抽查公开' })).toHaveAttribute('href', '/draws');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the 筛选 disclosure opens, a filter applies and shows as a chip, and the chip removes it', async ({ page }) => {
    await page.goto('/institutions');
    const street = page.getByLabel('街镇', { exact: true });
    await expect(street).toBeHidden();
    await page.locator('summary', { hasText: '筛选' }).click();
    await expect(street).toBeVisible();
    await street.selectOption({ index: 1 });
    const streetName = (await street.locator('option:checked').textContent())!.trim();
    await page.getByRole('button', { name: '应用筛选' }).click();

    await expect(page).toHaveURL(/[?&]street=/);
    const chip = page.getByRole('list', { name: '已选条件' }).getByRole('link', { name: new RegExp(`^去掉条件：\\s*街镇：\\s*${streetName}$`) });
    await expect(chip).toBeVisible();
    // Closed again, and its summary says how many filters are in force.
    await expect(page.locator('details.filter-disclosure > summary')).toHaveText('筛选（已选 1 项）');
    await expect(street).toBeHidden();
    await expectInFirstScreen(page, 'the first filtered result', page.locator('ol.results > li').first().getByRole('link').first());
    for (const r of await page.locator('ol.results > li').all()) await expect(r.locator('p.meta').first()).toContainText(streetName);

    await chip.click();
    await expect(page).toHaveURL(/\/institutions/);
    expect(new URL(page.url()).searchParams.get('street')).toBeNull();
    await expect(page.getByRole('list', { name: '已选条件' })).toHaveCount(0);
    await expect(page.locator('details.filter-disclosure > summary')).toHaveText('筛选');
  });

  test('an invalid filter opens the disclosure, so the error summary leads to the field', async ({ page }) => {
    await page.goto('/institutions?street=pudong');
    await expect(page.locator('details.filter-disclosure')).toHaveAttribute('open', '');
    await page.getByRole('alert').getByRole('link').click();
    await expect(page.getByLabel('街镇', { exact: true })).toBeFocused();
  });

  test('/lists: search by name, filter by list and year, page through, all without scrolling sideways', async ({ page, request }) => {
    await page.goto('/lists');
    await expectNoSidewaysScroll(page, '/lists');
    const cards = page.locator('ol.list-cards > li');
    await expect(cards).toHaveCount(20);

    // Paging keeps going and says where it is.
    const pagination = page.getByRole('navigation', { name: '分页' });
    await expect(pagination).toContainText(/第 1 \/ \d+ 页/);
    await pagination.getByRole('link', { name: '下一页' }).click();
    await expect(page).toHaveURL(/\/lists\?page=2$/);
    await expect(page.getByRole('navigation', { name: '分页' })).toContainText(/第 2 \/ \d+ 页/);
    await expect(cards.first()).toBeVisible();
    await expectNoSidewaysScroll(page, '/lists?page=2');

    // A name on the black list, searched by two of its characters and the list.
    const inst = await aBlacklistedInstitution(request);
    const part = inst.name.replace(DISTRICT_PREFIX, '').slice(0, 2);
    await page.goto('/lists');
    await page.getByLabel('机构名称').fill(part);
    // The selects wait behind "筛选", as on /institutions.
    await expect(page.getByLabel('名单', { exact: true })).toBeHidden();
    await page.locator('summary', { hasText: '筛选' }).click();
    await page.getByLabel('名单', { exact: true }).selectOption('black');
    await page.getByRole('button', { name: '查找' }).click();
    await expect(page).toHaveURL(/list=black/);
    await expect(cards.filter({ hasText: inst.name }).first()).toBeVisible();
    for (const card of await cards.all()) {
      await expect(card).toContainText(part);
      await expect(card.locator('.tag')).toHaveText('黑名单');
    }
    const chips = page.getByRole('list', { name: '已选条件' });
    await expect(chips.getByRole('link', { name: new RegExp(`^去掉条件：\\s*机构名称：\\s*${part}$`) })).toBeVisible();
    await expect(page.getByLabel('机构名称')).toHaveValue(part);

    // Drop the name; keep the black list; narrow by a year.
    await chips.getByRole('link', { name: new RegExp(`^去掉条件：\\s*机构名称：\\s*${part}$`) }).click();
    expect(new URL(page.url()).searchParams.get('q') ?? '').toBe('');
    expect(new URL(page.url()).searchParams.get('list')).toBe('black');
    await expect(page.getByLabel('机构名称')).toHaveValue('');
    // The year of the newest placement on the black list, so the year has entries.
    const newest = (await cards.first().locator('.list-card-head .nowrap').first().textContent())!;
    const yearValue = newest.match(/^(\d{4})年/)![1]!;
    await expect(page.locator('details.filter-disclosure > summary')).toHaveText('筛选（已选 1 项）');
    await page.locator('summary', { hasText: '筛选' }).click();
    const year = page.getByLabel('列入年份');
    await year.selectOption(yearValue);
    await page.getByRole('button', { name: '应用筛选' }).click();
    await expect(page).toHaveURL(new RegExp(`year=${yearValue}`));
    await expect(cards.first()).toBeVisible();
    for (const card of await cards.all()) await expect(card.locator('.list-card-head')).toContainText(`${yearValue}年`);
    await expectNoSidewaysScroll(page, '/lists filtered');
  });

  test('/lists explains a value it cannot take, at the field and in the summary, with status 400', async ({ page }) => {
    const response = await page.goto('/lists?year=1999&department=nasa');
    expect(response?.status()).toBe(400);
    await expect(page.locator('details.filter-disclosure')).toHaveAttribute('open', '');
    const summary = page.getByRole('alert');
    await expect(summary.getByRole('link', { name: '“列入年份”应为列表中的年份。' })).toHaveAttribute('href', '#year');
    await expect(summary.getByRole('link', { name: '“决定部门”的取值无效，请从列表中选择。' })).toHaveAttribute('href', '#department');
    await expect(page.getByLabel('列入年份')).toHaveAccessibleDescription(/错误：\s*“列入年份”应为列表中的年份。/);
    await expect(page.locator('ol.list-cards')).toHaveCount(0);
  });
});

/** The pages this work changed, in their normal and filtered states. */
const CHANGED: Record<string, (request: APIRequestContext) => Promise<string>> = {
  'registry search': async (request) => `/institutions?q=${encodeURIComponent(await aCommonWord(request))}`,
  'registry with two chips': async () => '/institutions?street=changshou&field=arts',
  'registry with an invalid filter': async () => '/institutions?street=pudong',
  lists: async () => '/lists',
  'lists filtered': async () => '/lists?list=black&page=2',
  'lists with errors': async () => '/lists?year=1999',
  about: async () => '/about',
  tracking: async () => '/complaints/track',
  statistics: async () => '/complaints/stats',
  draws: async () => '/draws',
  profile: async (request) => `/institutions/${(await aBlacklistedInstitution(request)).creditCode}`,
};

for (const width of [390, 1280]) {
  for (const [name, where] of Object.entries(CHANGED)) {
    test(`axe at ${width} px: ${name}`, async ({ page, request }) => {
      await page.setViewportSize({ width, height: 844 });
      const path = await where(request);
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoViolations(page);
      if (width === 390) await expectNoSidewaysScroll(page, path);
    });
  }
}
