/**
 * The filer's phone number and name appear only in the staff area (plan, section 五(七): learners' information must not leak): file a complaint
 * with a distinctive phone and name, then read every public page and JSON answer that could show
 * anything about it — the institution's profile and statistics, the registry, the feeds, Open311,
 * even the complainant's own tracking page — and find neither.
 */
import { expect, test } from './support/test';
import { CATEGORIES } from '../../src/domain/complaints/complaint-categories';
import { todayInShanghai } from '../../src/domain/shared/dates';
import { anUnlistedInstitution } from './support/api';
import { answerQuestion, receiptOn, submitComplaint } from './support/complaint-form';

const PHONE = '13798765432';
const NAME = '隐私测试人欧阳娜娜';

test.use({ javaScriptEnabled: false });

test('the phone number and name of a filer appear on no public page or JSON answer', async ({ page, request }) => {
  const inst = await anUnlistedInstitution(request);
  await page.goto(`/complaints/new?institution=${inst.creditCode}&filer=parent`);
  await page.getByLabel(CATEGORIES.prepaid_card.name).check();
  await page.getByLabel('问题描述').fill('机构突然关门，预交的课时费一万二没有退，老板电话打不通。');
  await page.getByLabel('问题发生的日期').fill(todayInShanghai());
  await page.getByLabel('手机号码').fill(PHONE);
  await page.locator('#name').fill(NAME);
  await answerQuestion(page);
  expect((await submitComplaint(page)).status()).toBe(303);
  const receipt = await receiptOn(page);

  const pages = [
    '/',
    '/institutions',
    `/institutions?q=${encodeURIComponent(inst.name)}`,
    `/institutions/${inst.creditCode}`,
    '/lists',
    '/warnings',
    '/warnings.atom',
    '/contracts',
    '/about',
    '/complaints/stats',
    `/api/institutions?q=${encodeURIComponent(inst.name)}`,
    `/api/institutions/${inst.creditCode}`,
    `/api/suggest?q=${encodeURIComponent(inst.name.slice(0, 4))}`,
    '/open311/v2/services.json',
    '/open311/v2/requests.json',
    `/open311/v2/requests/${receipt.number}.json`,
  ];
  for (const path of pages) {
    const response = await request.get(path);
    expect(response.status(), path).toBeLessThan(400);
    const body = await response.text();
    expect(body, path).not.toContain(PHONE);
    expect(body, path).not.toContain(NAME);
  }
  // The open311 list does include this complaint, so the check above looked at it.
  expect(await (await request.get(`/open311/v2/requests/${receipt.number}.json`)).text()).toContain(receipt.number);

  // Even the filer's own tracking page shows the case, not their contact details.
  await page.goto('/complaints/track');
  await page.getByLabel('投诉编号').fill(receipt.number);
  await page.getByLabel('查询码').fill(receipt.code);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`投诉 ${receipt.number}`);
  await expect(page.getByText('投诉已受理')).toBeVisible();
  const html = await page.content();
  expect(html).not.toContain(PHONE);
  expect(html).not.toContain(NAME);
});

test('a wrong access code and an unknown number get the same answer', async ({ page }) => {
  const ask = async (number: string, code: string) => {
    await page.goto('/complaints/track');
    await page.getByLabel('投诉编号').fill(number);
    await page.getByLabel('查询码').fill(code);
    await page.getByRole('button', { name: '查询' }).click();
    return (await page.locator('.error-summary').textContent())?.trim();
  };
  const wrongCode = await ask('PT-2026-000001', 'ABCDE-FGHJK');
  const unknown = await ask('PT-2026-999999', 'ABCDE-FGHJK');
  expect(wrongCode).toContain('没有找到与该编号和查询码相符的投诉');
  expect(unknown).toBe(wrongCode);
});
