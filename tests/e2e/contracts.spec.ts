/**
 * Model contracts as pages (issue 16, item 5): the list links each contract's full text; the page
 * shows every article with the key clauses labelled in words, at a phone's width and a desktop's,
 * with no axe violation and no sideways scroll; the text download names UTF-8 and arrives intact;
 * the PDF made at build time is served.
 */
import { expectNoViolations } from './support/axe';
import { expectNoSidewaysScroll } from './support/reflow';
import { expect, test } from './support/test';

const CODE = 'GF-2021-2604';

for (const width of [390, 1280]) {
  test(`a contract's full text reads at ${width}px, key clauses labelled`, async ({ page }) => {
    await page.setViewportSize({ width, height: 844 });
    await page.goto('/contracts');
    await page.locator(`#contract-${CODE}`).getByRole('link', { name: /阅读.*全文/ }).click();
    await expect(page).toHaveURL(new RegExp(`/contracts/${CODE}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('中小学生校外培训服务合同（示范文本）');
    // The articles, in order, and the clauses under them (not a summary).
    for (const heading of ['第一条　培训服务', '第二条　培训收费', '第五条　退费', '第六条　违约责任', '第七条　争议处理']) {
      await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
    }
    await expect(page.locator('#article-5')).toContainText('甲方应当全额退还已收取的费用');
    // Key clauses carry a written label; the label is inside the framed clause.
    const key = page.locator('.clause-key');
    expect(await key.count()).toBeGreaterThanOrEqual(3);
    await expect(key.filter({ hasText: '重点条款：预收费上限' })).toContainText('不得超过5000元');
    await expect(key.filter({ hasText: '重点条款：资金监管' }).first()).toBeVisible();
    await expect(key.filter({ hasText: '重点条款：退费' }).first()).toBeVisible();
    await expect(page.getByText('以正式文本为准')).toBeVisible();
    await expectNoSidewaysScroll(page, `/contracts/${CODE}`);
    await expectNoViolations(page);
  });
}

test('the downloads: UTF-8 text with its charset, and the PDF made at build time', async ({ page, request }) => {
  await page.goto(`/contracts/${CODE}`);
  const txtHref = await page.getByRole('link', { name: /文本文件，UTF-8/ }).getAttribute('href');
  const pdfHref = await page.getByRole('link', { name: /PDF，A4/ }).getAttribute('href');
  expect(txtHref).toBe(`/contracts/${CODE}.txt`);
  expect(pdfHref).toBe(`/contracts/${CODE}.pdf`);

  const txt = await request.get(txtHref!);
  expect(txt.status()).toBe(200);
  expect(txt.headers()['content-type']).toBe('text/plain; charset=utf-8');
  const body = await txt.body();
  // No byte order mark: the first bytes are 《 in UTF-8.
  expect([...body.subarray(0, 3)]).toEqual([0xe3, 0x80, 0x8a]);
  const text = body.toString('utf8');
  expect(text).toContain('《中小学生校外培训服务合同（示范文本）》');
  expect(text).toContain('【重点条款：退费】');
  expect(text).toContain('第七条　争议处理');

  const pdf = await request.get(pdfHref!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
});

test('an unknown contract is a 404 page', async ({ page }) => {
  const res = await page.goto('/contracts/GF-0000-0000');
  expect(res!.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
