/**
 * The verdict at the top of a profile (issue 16, items 1 and 8): on a 390 × 844 phone the box with
 * the answer in words is within the first screen, for a blacklisted, a revoked or suspended and a
 * normal institution; the page carries a canonical address and a sharing card saying the same;
 * axe finds nothing at 390 and 1280 px. The institutions are found through the JSON API.
 */
import { expect, test, type APIRequestContext, type Page } from './support/test';
import { expectNoViolations } from './support/axe';
import { aBlacklistedInstitution, listInstitutions } from './support/api';

const PHONE = { width: 390, height: 844 };

interface ApiProfile {
  creditCode: string;
  name: string;
  fundSupervision: { custodyKind: string; performanceBond: unknown } | null;
  warnings: { severity: string }[];
}

async function apiProfile(request: APIRequestContext, code: string): Promise<ApiProfile> {
  const res = await request.get(`/api/institutions/${code}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { institution: ApiProfile }).institution;
}

/** A revoked licence if the data set holds one, else a suspended institution. */
async function aRevokedOrSuspended(request: APIRequestContext): Promise<{ code: string; banner: string }> {
  const revoked = await listInstitutions(request, { licence: 'revoked', sort: 'name' });
  if (revoked.items.length > 0) return { code: revoked.items[0]!.creditCode, banner: '该机构的办学许可证已被吊销' };
  const suspended = await listInstitutions(request, { operating: 'suspended', sort: 'name' });
  expect(suspended.items.length, 'the e2e data set should hold a revoked or a suspended institution').toBeGreaterThan(0);
  return { code: suspended.items[0]!.creditCode, banner: '该机构已停业' };
}

/** Whitelisted, licensed, operating, with fund supervision and no open warning: "可以放心了解". */
async function aSoundInstitution(request: APIRequestContext): Promise<string> {
  for (let page = 1; page <= 3; page++) {
    const { items } = await listInstitutions(request, { status: 'white', licence: 'valid', operating: 'operating', sort: 'name', page: String(page) });
    for (const item of items) {
      const p = await apiProfile(request, item.creditCode);
      const fund = p.fundSupervision;
      if (fund && (fund.custodyKind !== 'none' || fund.performanceBond) && p.warnings.length === 0) return p.creditCode;
    }
  }
  throw new Error('the e2e data set should hold a whitelisted, licensed institution with fund supervision');
}

/** The verdict box is on the first screen and says `words`. */
async function expectVerdictOnFirstScreen(page: Page, code: string, words: string): Promise<void> {
  await page.setViewportSize(PHONE);
  const response = await page.goto(`/institutions/${code}`);
  expect(response?.status()).toBe(200);
  const box = page.getByRole('region', { name: /报名前须知/ });
  await expect(box.getByRole('heading', { level: 2 })).toHaveText(`报名前须知：${words}`);
  const rect = (await box.boundingBox())!;
  expect(rect.y + rect.height, 'the verdict box ends within the first 844 px').toBeLessThanOrEqual(PHONE.height);
  // Each fact links to its section on the page.
  for (const href of await box.locator('ul').first().getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) {
    await expect(page.locator(href), `${href} exists`).toHaveCount(1);
  }
}

/** Canonical address and the sharing card, with the verdict in words and its image. */
async function expectSharingCard(page: Page, code: string, words: string, image: string): Promise<void> {
  const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
  expect(canonical).toMatch(new RegExp(`^https?://[^/]+/institutions/${code}$`));
  const meta = (property: string) => page.locator(`meta[property="${property}"], meta[name="${property}"]`).getAttribute('content');
  expect(await meta('og:url')).toBe(canonical);
  expect(await meta('og:type')).toBe('website');
  expect(await meta('og:title')).toBe(await page.getByRole('heading', { level: 1 }).textContent());
  expect(await meta('og:description')).toMatch(new RegExp(`^${words}。`));
  expect(await meta('og:image')).toMatch(new RegExp(`^https?://[^/]+/og/${image}\\.png$`));
  expect(await meta('twitter:card')).toBe('summary_large_image');
  const img = await page.request.get(new URL(`/og/${image}.png`, page.url()).href);
  expect(img.status()).toBe(200);
  expect(img.headers()['content-type']).toBe('image/png');
}

test('a blacklisted institution: 不要缴费 on the first screen, with advice and whom to ask', async ({ page, request }) => {
  const { creditCode } = await aBlacklistedInstitution(request);
  await expectVerdictOnFirstScreen(page, creditCode, '不要缴费');
  const box = page.getByRole('region', { name: /报名前须知/ });
  await expect(box).toContainText('黑白名单：已列入黑名单');
  await expect(box.getByRole('link', { name: '已缴费？投诉或申请退费' })).toHaveAttribute('href', `/complaints/new?institution=${creditCode}`);
  const banner = page.getByRole('region', { name: '该机构已被列入黑名单' });
  await expect(banner).toContainText(/起列入，决定部门：区/);
  await expect(banner).toContainText('12345');
  await expectSharingCard(page, creditCode, '不要缴费', 'stop');
});

test('a revoked or suspended institution: 不要缴费, and no green whitelist tag', async ({ page, request }) => {
  const { code, banner } = await aRevokedOrSuspended(request);
  await expectVerdictOnFirstScreen(page, code, '不要缴费');
  await expect(page.getByRole('region', { name: banner })).toContainText('12345');
  await expect(page.getByRole('region', { name: /报名前须知/ }).locator('li.good', { hasText: '白名单' })).toHaveCount(0);
  await expectSharingCard(page, code, '不要缴费', 'stop');
});

test('a sound institution: 可以放心了解, the facts that say why', async ({ page, request }) => {
  const code = await aSoundInstitution(request);
  await expectVerdictOnFirstScreen(page, code, '可以放心了解');
  const box = page.getByRole('region', { name: /报名前须知/ });
  await expect(box).toContainText('经营状态：正常经营');
  await expect(box).toContainText('办学许可证：有效');
  await expect(box).toContainText('预收费用：有资金监管');
  await expect(page.locator('.banner')).toHaveCount(0);
  await expectSharingCard(page, code, '可以放心了解', 'go');
});

test('headings do not carry their "as of" date', async ({ page, request }) => {
  const { creditCode } = await aBlacklistedInstitution(request);
  await page.goto(`/institutions/${creditCode}`);
  await expect(page.getByRole('heading', { level: 2, name: '基本信息', exact: true })).toBeVisible();
  for (const name of await page.getByRole('heading').allTextContents()) expect(name).not.toContain('信息截至');
});

test('axe finds nothing on a profile at 390 and 1280 px', async ({ page, request }) => {
  const { code } = await aRevokedOrSuspended(request);
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/institutions/${code}`);
    await expectNoViolations(page);
  }
});

test('warnings and lists carry a canonical address and a sharing card', async ({ page }) => {
  for (const path of ['/warnings', '/lists']) {
    await page.goto(path);
    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    expect(canonical).toMatch(new RegExp(`^https?://[^/]+${path}$`));
    expect(await page.locator('meta[property="og:url"]').getAttribute('content')).toBe(canonical);
    expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBeTruthy();
    expect(await page.locator('meta[property="og:description"]').getAttribute('content')).toBeTruthy();
    expect(await page.locator('meta[property="og:image"]').getAttribute('content')).toMatch(/\/og\/\w+\.png$/);
  }
  // An error page names no canonical address.
  await page.goto('/no-such-page');
  await expect(page.locator('link[rel="canonical"]')).toHaveCount(0);
});
