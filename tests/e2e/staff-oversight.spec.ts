/**
 * The street's patrol reports and the supervisor's dashboard in a browser: grid staff of
 * 长寿路街道 file a patrol report (errors first, then the confirmation with its number and a link to
 * the case); the supervisor sees it counted, downloads the CSV and finds the table's rows in it;
 * a bad period is a message, not an error page; other roles get 404. axe on every state, and no
 * sideways scroll at 360px.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from './support/test';
import { parse } from 'csv-parse/sync';
import { OVERSIGHT_COLUMNS } from '../../src/domain/oversight/oversight-columns';
import { expectNoViolations } from './support/axe';
import { expectNoSidewaysScroll } from './support/reflow';
import { signIn as signInAs } from './support/staff-cases';

/** Signed in as a demo account, wherever its role lands (the administrator on /staff/users). */
const signIn = (browser: Browser, baseURL: string, username: string, options: { width?: number } = {}): Promise<Page> =>
  signInAs(browser, baseURL, username, { ...options, lands: /\/staff(\/users)?$/ });

/** Posts the patrol form and returns the response to the POST (before the redirect is followed). */
async function submitPatrol(page: Page) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/staff/patrol'),
    page.getByRole('button', { name: '提交巡查上报' }).click(),
  ]);
  await page.waitForLoadState();
  return response;
}

/** The rows of a figures table by name: each column's text, in OVERSIGHT_COLUMNS order. */
async function tableRows(page: Page, id: string): Promise<Map<string, string[]>> {
  const rows = page.locator(`#${id} tbody tr`);
  const out = new Map<string, string[]>();
  for (const row of await rows.all()) {
    const name = (await row.locator('th').innerText()).trim();
    const cells = await Promise.all(OVERSIGHT_COLUMNS.map((c) => row.locator(`td[data-key="${c.key}"]`).innerText()));
    out.set(name, cells.map((s) => s.trim()));
  }
  return out;
}

test('grid staff file a patrol report: errors shown twice, then the number and the case', async ({ browser, baseURL }) => {
  const page = await signIn(browser, baseURL!, 'grid-changshou');
  await page.getByRole('navigation', { name: '工作人员导航' }).getByRole('link', { name: '巡查上报' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '巡查上报' })).toBeVisible();
  await expect(page.getByText('所在街镇：长寿路街道')).toBeVisible();
  await expectNoViolations(page);

  // Nothing filled in: 400, the summary focused, each entry linking to its field.
  const refused = await submitPatrol(page);
  expect(refused.status()).toBe(400);
  const summary = page.getByRole('alert');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: /请选择发现的问题/ })).toHaveAttribute('href', '#category');
  await expect(summary.getByRole('link', { name: /请填写问题描述/ })).toHaveAttribute('href', '#description');
  await expect(page.locator('#description-error')).toContainText('请填写问题描述');
  await expectNoViolations(page);

  await page.getByLabel('消防安全隐患').check();
  await page.getByLabel('机构不在名录中（查不到代码）').check();
  await page.getByLabel('机构名称').fill('无名少儿托管班');
  await page.getByLabel('地址').fill('长寿路100弄5号102室');
  await page.getByLabel('问题描述').fill('居民楼内开办托管班，楼道堆满杂物，室内没有灭火器，约二十名小学生。');
  await page.getByLabel('涉及人数').fill('20');
  const filed = await submitPatrol(page);
  expect(filed.status()).toBe(303);
  await expect(page).toHaveURL(/\/staff\/patrol\?filed=PT-\d{4}-\d{6}$/);
  const number = (await page.getByTestId('tracking-number').innerText()).trim();
  await expect(page.getByRole('status').filter({ hasText: '已上报，进入派单队列' })).toBeFocused();
  await expectNoViolations(page);

  // Reloading the confirmation files nothing new; the case is there, filed by the street.
  await page.reload();
  await expect(page.getByTestId('tracking-number')).toHaveText(number);
  await page.getByRole('link', { name: `查看案件 ${number}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
  await expect(page.getByText('街镇网格巡查')).toBeVisible();
  await expect(page.getByText('街镇（网格巡查上报）')).toBeVisible();
  await page.context().close();
});

// Runs after the patrol test (a file's tests run in order): its report makes 长寿路街道 count.
test('the supervisor sees the figures, and the CSV says what the table says', async ({ browser, baseURL }) => {
  const page = await signIn(browser, baseURL!, 'supervisor');
  await page.getByRole('navigation', { name: '工作人员导航' }).getByRole('link', { name: '督导' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '督导统计' })).toBeVisible();
  await expect(page.locator('#departments caption')).toContainText('各部门办理情况');
  await expect(page.getByRole('heading', { level: 2, name: /当前超期案件/ })).toBeVisible();
  // The charts are images with a name; their numbers are in the tables.
  for (const chart of await page.locator('svg[role="img"]').all()) await expect(chart).toHaveAccessibleName(/.+/);
  await expectNoViolations(page);

  // Other specs may file complaints meanwhile: the table and the CSV are compared until they are of one moment.
  await expect(async () => {
    await page.reload();
    const streets = await tableRows(page, 'streets');
    expect(Number(streets.get('长寿路街道')![0])).toBeGreaterThan(0);
    const departments = await tableRows(page, 'departments');
    expect(departments.size).toBeGreaterThan(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载本期统计（CSV）' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^putuo-oversight-\d{8}-\d{8}\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = parse(bytes.subarray(3).toString('utf8')) as string[][];
    expect(csv[0]!.slice(0, 2 + OVERSIGHT_COLUMNS.length)).toEqual(['分组', '名称', ...OVERSIGHT_COLUMNS.map((c) => c.header)]);
    const fromCsv = (group: string, name: string) => csv.find((r) => r[0] === group && r[1] === name)?.slice(2, 2 + OVERSIGHT_COLUMNS.length);
    const dash = (cells: string[]) => cells.map((s) => (s === '—' ? '' : s));
    for (const [name, cells] of departments) expect(fromCsv('部门', name), name).toEqual(dash(cells));
    for (const [name, cells] of streets) expect(fromCsv('街镇', name), name).toEqual(dash(cells));
  }).toPass({ timeout: 20_000 });
  await page.context().close();
});

test('a bad period is a message at the field and in the summary, not an error page', async ({ browser, baseURL }) => {
  const page = await signIn(browser, baseURL!, 'supervisor');
  const response = await page.goto('/staff/oversight?from=2026-02-30&to=tomorrow');
  expect(response!.status()).toBe(400);
  const summary = page.getByRole('alert');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: '开始日期“2026-02-30”不存在，请检查月份和日子。' })).toHaveAttribute('href', '#from');
  await expect(summary.getByRole('link', { name: /结束日期的格式应为/ })).toHaveAttribute('href', '#to');
  await expect(page.locator('#to-error')).toContainText('结束日期的格式应为');
  await expect(page.getByRole('link', { name: '下载本期统计（CSV）' })).toHaveCount(0);
  await expectNoViolations(page);
  const csv = await page.request.get('/staff/oversight.csv?from=2026-02-30');
  expect(csv.status()).toBe(400);
  expect(await csv.text()).toContain('开始日期“2026-02-30”不存在');
  await page.context().close();
});

test.describe('on a 360px phone', () => {
  for (const [username, path] of [
    ['supervisor', '/staff/oversight'],
    ['grid-changshou', '/staff/patrol'],
  ] as const) {
    test(`${path} does not scroll sideways`, async ({ browser, baseURL }) => {
      const page = await signIn(browser, baseURL!, username, { width: 360 });
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoSidewaysScroll(page);
      await expectNoViolations(page);
      await page.context().close();
    });
  }
});

test('other roles get 404 on the dashboard, its CSV and the patrol form', async ({ browser, baseURL }) => {
  const cases = [
    ['dispatcher', ['/staff/oversight', '/staff/oversight.csv', '/staff/patrol']],
    ['market-handler', ['/staff/oversight', '/staff/oversight.csv', '/staff/patrol']],
    ['grid-changshou', ['/staff/oversight', '/staff/oversight.csv']],
    ['supervisor', ['/staff/patrol']],
    ['admin', ['/staff/oversight', '/staff/patrol']],
  ] as const;
  for (const [username, paths] of cases) {
    const page = await signIn(browser, baseURL!, username);
    for (const path of paths) expect((await page.request.get(path)).status(), `${username} GET ${path}`).toBe(404);
    // A post to the patrol form (same-site, so past the CSRF check) is refused the same way.
    if (username !== 'grid-changshou') {
      const post = await page.request.post('/staff/patrol', { form: { category: 'unlicensed' }, headers: { origin: new URL(baseURL!).origin } });
      expect(post.status(), `${username} POST /staff/patrol`).toBe(404);
    }
    await page.context().close();
  }
});
