/**
 * The filter form on /institutions is a plain GET form: everything here runs with JavaScript off,
 * as on an old phone or a locked-down office computer (STYLE.md habit 2).
 */
import { expect, test } from './support/test';
import { listInstitutions } from './support/api';

test.use({ javaScriptEnabled: false });

const STREETS = ['changshou', 'caojiadu', 'ganquan', 'shiquan', 'yichuan', 'zhenru', 'changfeng', 'wanli', 'changzheng', 'taopu'];
const FIELDS = ['culture_edu', 'vocational', 'arts', 'sports', 'sci_tech', 'infant_care'];

test('choosing a street and a field filters the list, and the next page keeps both', async ({ page, request }) => {
  // The street + field combination with the most institutions, so that there is a second page.
  let best = { street: '', field: '', total: -1, pages: 0 };
  for (const street of STREETS) {
    for (const field of FIELDS) {
      const r = await listInstitutions(request, { street, field });
      if (r.total > best.total) best = { street, field, total: r.total, pages: r.pages };
    }
  }
  expect(best.pages, 'the e2e data set should have a street + field with two pages (raise DEMO_COUNT)').toBeGreaterThan(1);

  await page.goto('/institutions');
  // The filters are folded behind one "筛选" disclosure (a <details>, no script needed).
  await page.locator('summary', { hasText: '筛选' }).click();
  const street = page.getByLabel('街镇', { exact: true });
  await street.selectOption(best.street);
  const streetName = (await street.locator('option:checked').textContent())!.trim();
  await page.getByLabel('培训类别', { exact: true }).selectOption(best.field);
  await page.getByRole('button', { name: '应用筛选' }).click();

  await expect(page).toHaveURL(/\/institutions\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get('street')).toBe(best.street);
  expect(url.searchParams.get('field')).toBe(best.field);
  await expect(page.getByRole('heading', { level: 2, name: `共 ${best.total} 家机构` })).toBeVisible();
  // The form shows what was chosen.
  await expect(page.getByLabel('街镇', { exact: true })).toHaveValue(best.street);
  await expect(page.getByLabel('培训类别', { exact: true })).toHaveValue(best.field);

  const results = page.locator('ol.results > li');
  await expect(results).toHaveCount(20);
  for (const r of await results.all()) await expect(r.locator('p.meta').first()).toContainText(` · ${streetName} · `);

  const pagination = page.getByRole('navigation', { name: '分页' });
  await expect(pagination).toContainText(`第 1 / ${best.pages} 页`);
  await pagination.getByRole('link', { name: '下一页' }).click();
  const next = new URL(page.url());
  expect(next.searchParams.get('page')).toBe('2');
  expect(next.searchParams.get('street')).toBe(best.street);
  expect(next.searchParams.get('field')).toBe(best.field);
  await expect(page.getByRole('navigation', { name: '分页' })).toContainText(`第 2 / ${best.pages} 页`);
  await expect(results.first()).toBeVisible();
  for (const r of await results.all()) await expect(r.locator('p.meta').first()).toContainText(` · ${streetName} · `);
});

test('an invalid value in the address shows the error summary, linked to the field, with status 400', async ({ page }) => {
  const response = await page.goto('/institutions?field=bogus');
  expect(response?.status()).toBe(400);
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('请修改以下内容：');
  // Focus starts on the summary, so keyboard and screen-reader users meet the problem first.
  await expect(summary).toBeFocused();
  const link = summary.getByRole('link', { name: '“培训类别”的取值无效，请从列表中选择。' });
  await expect(link).toHaveAttribute('href', '#field');
  // The message is repeated at the field, and read out with it.
  const select = page.getByLabel('培训类别', { exact: true });
  await expect(select).toHaveAccessibleDescription(/^错误：\s*“培训类别”的取值无效/);
  await expect(select).toHaveAttribute('aria-invalid', 'true');
  await link.click();
  await expect(select).toBeFocused();
  // No results are listed for a query that could not be understood.
  await expect(page.locator('ol.results')).toHaveCount(0);
});

/** Every parameter of the form with a value it cannot take, and the message the page gives. */
const INVALID_VALUES: { param: string; value: string; message: string }[] = [
  { param: 'field', value: 'bogus', message: '“培训类别”的取值无效，请从列表中选择。' },
  { param: 'street', value: 'pudong', message: '“街镇”的取值无效，请从列表中选择。' },
  { param: 'status', value: 'grey', message: '“名单状态”的取值无效，请从列表中选择。' },
  { param: 'licence', value: 'maybe', message: '“许可证状态”的取值无效，请从列表中选择。' },
  { param: 'delivery', value: 'post', message: '“授课方式”的取值无效，请从列表中选择。' },
  { param: 'operating', value: 'open', message: '“经营状态”的取值无效，请从列表中选择。' },
  { param: 'sort', value: 'price', message: '“排序”的取值无效，请从列表中选择。' },
  { param: 'page', value: '0', message: '页码应为 1 到 500 之间的整数。' },
  // The search box takes at most 100 characters (maxlength), but an address can carry more.
  { param: 'q', value: 'a'.repeat(101), message: '搜索词最多 100 个字符，请缩短后再试。' },
];

for (const { param, value, message } of INVALID_VALUES) {
  test(`?${param}=${value.length > 20 ? `${value.slice(0, 8)}… (${value.length} characters)` : value} is explained, and every link in the summary leads to a field`, async ({ page }) => {
    const response = await page.goto(`/institutions?${param}=${value}`);
    expect(response?.status()).toBe(400);
    const summary = page.getByRole('alert');
    await expect(summary).toContainText(message);
    // The page number has no control of its own, so its message is not a link.
    await expect(summary.getByRole('link')).toHaveCount(param === 'page' ? 0 : 1);
    for (const link of await summary.getByRole('link').all()) {
      const target = page.locator((await link.getAttribute('href'))!);
      await expect(target, `target of "${await link.textContent()}"`).toHaveCount(1);
      await expect(target).toHaveAttribute('aria-invalid', 'true');
      await expect(target).toHaveAccessibleDescription(new RegExp(`错误：\\s*${message}`));
    }
  });
}
