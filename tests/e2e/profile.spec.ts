/**
 * Institution profiles: the black-list banner a parent must not miss, and the not-found page that
 * says what is wrong with a mistyped 统一社会信用代码.
 */
import { expect, test } from './support/test';
import { CREDIT_CODE_ALPHABET, withCheckCharacter } from '../../src/domain/registry/credit-code';
import { aBlacklistedInstitution, anUnlistedInstitution, blackDecisionInForce, getProfile } from './support/api';

test('a blacklisted institution shows the black-list banner with the reason of the decision', async ({ page, request }) => {
  const inst = await aBlacklistedInstitution(request);
  const { asOf, institution } = await getProfile(request, inst.creditCode);
  const decision = blackDecisionInForce(institution.listDecisions, asOf);
  expect(decision, `a black-list decision in force for ${inst.creditCode}`).toBeDefined();

  const response = await page.goto(`/institutions/${inst.creditCode}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(inst.name);
  const banner = page.getByRole('region', { name: '该机构已被列入黑名单' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(`理由：${decision!.reason}`);
  await expect(banner).toContainText(`依据：${decision!.legalBasis}`);
  // The banner comes before the profile's sections.
  const bannerTop = (await banner.boundingBox())!.y;
  const basicTop = (await page.getByRole('heading', { level: 2, name: /基本信息/ }).boundingBox())!.y;
  expect(bannerTop).toBeLessThan(basicTop);
});

test('an institution on no list shows no black-list banner', async ({ page, request }) => {
  const inst = await anUnlistedInstitution(request);
  await page.goto(`/institutions/${inst.creditCode}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(inst.name);
  await expect(page.getByRole('region', { name: '该机构已被列入黑名单' })).toHaveCount(0);
});

test('a code with an impossible character answers 404 and names the character', async ({ page }) => {
  const response = await page.goto('/institutions/91350100M000100Y4Z');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('没有找到这家机构');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('“91350100M000100Y4Z”不是有效的统一社会信用代码。');
  await expect(alert).toContainText('第18位的“Z”不可能出现在统一社会信用代码中');
});

test('a wrong check character names the one expected', async ({ page, request }) => {
  const inst = await anUnlistedInstitution(request);
  const right = inst.creditCode.at(-1)!;
  const wrong = CREDIT_CODE_ALPHABET[(CREDIT_CODE_ALPHABET.indexOf(right) + 1) % CREDIT_CODE_ALPHABET.length]!;
  const response = await page.goto(`/institutions/${inst.creditCode.slice(0, 17)}${wrong}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('alert')).toContainText(`校验位不符：按前17位计算，第18位应为“${right}”，而不是“${wrong}”。`);
});

test('a valid code that is not registered says the institution is not listed', async ({ page, request }) => {
  const code = withCheckCharacter('91310107MA0000001');
  expect((await request.get(`/api/institutions/${code}`)).status(), `${code} should not be in the data set`).toBe(404);
  const response = await page.goto(`/institutions/${code}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('没有找到这家机构');
  await expect(page.getByRole('main')).toContainText(`代码 ${code} 格式正确，但本平台没有收录这家机构。`);
  await expect(page.getByRole('link', { name: '按名称搜索' })).toHaveAttribute('href', `/institutions?q=${code}`);
});

test('a code typed in lower case with spaces lands on the canonical address', async ({ page, request }) => {
  const inst = await anUnlistedInstitution(request);
  const loose = `${inst.creditCode.slice(0, 9)} ${inst.creditCode.slice(9)}`.toLowerCase();
  await page.goto(`/institutions/${encodeURIComponent(loose)}`);
  await expect(page).toHaveURL(`/institutions/${inst.creditCode}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(inst.name);
});

test('an address that does not exist answers 404 and offers the search', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('没有找到这个页面');
  await expect(page.getByRole('search').getByRole('button', { name: '搜索' })).toBeVisible();
  await expect(page.getByRole('link', { name: '返回首页' })).toHaveAttribute('href', '/');
});
