/**
 * Importing a department's spreadsheet in the staff area: the check lists every
 * bad cell and writes nothing; a good file (GB18030, as office software exports it) is summarised,
 * then imported on confirmation; importing it again changes nothing. Accessible and phone-sized.
 */
import { expect, test } from './support/test';
import { expectNoViolations } from './support/axe';
import { expectNoSidewaysScroll } from './support/reflow';
import { signIn } from './support/staff-cases';
import { importFixturePath as fixture } from '../support/import-fixtures';

test('an institutions file: the bad one is refused cell by cell, the good one imported once and then unchanged', async ({ browser, baseURL }) => {
  const page = await signIn(browser, baseURL!, 'edu-handler');
  await page.goto('/staff/import');
  await expectNoViolations(page);

  await page.getByLabel('导入类型').selectOption('institutions');
  await page.getByLabel('CSV 文件').setInputFiles(fixture('institutions-bad.csv'));
  await page.getByRole('button', { name: '检查文件（不写入）' }).click();
  const problems = page.getByRole('region', { name: /问题/ });
  await expect(problems).toBeVisible();
  // One row per problem, each naming the line and the column.
  expect(await problems.locator('tbody tr').count()).toBeGreaterThan(3);
  await expect(page.getByRole('button', { name: '确认导入' })).toHaveCount(0);
  await expectNoViolations(page);

  const check = async () => {
    await page.getByLabel('导入类型').selectOption('institutions');
    await page.getByLabel('CSV 文件').setInputFiles(fixture('institutions-gb18030.csv'));
    await page.getByRole('button', { name: '检查文件（不写入）' }).click();
  };
  await check();
  await expect(page.getByText(/文件检查通过。确认导入后：新增 \d+ 条/)).toBeVisible();
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByRole('status')).toContainText(/新增 [1-9]\d* 条/);

  await check();
  await expect(page.getByText(/新增 0 条，更新 0 条，\d+ 条不变/)).toBeVisible();
  await page.context().close();
});

test('the import page answers 404 to roles that do not import, and fits a phone', async ({ browser, baseURL }) => {
  const supervisor = await signIn(browser, baseURL!, 'supervisor');
  expect((await supervisor.goto('/staff/import'))?.status()).toBe(404);
  await supervisor.context().close();
  const phone = await signIn(browser, baseURL!, 'market-handler', { width: 360 });
  await phone.goto('/staff/import');
  await expectNoSidewaysScroll(phone);
  await phone.context().close();
});
