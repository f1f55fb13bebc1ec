/**
 * Staff sign-in after failures, in a browser: from the third failure on an account the form adds
 * the complaint form's challenge, which the island solves by itself (proof of work), so the owner
 * signs in with the right password and no wait; the administrator sees the account among those
 * whose sign-in is limited and clears it. (That the owner at another address is never locked out
 * by a guesser is shown in tests/integration/staff/sign-in-throttle.db.test.ts: every browser here
 * comes from the same address.)
 */
import { expect, test, type Browser, type Page } from './support/test';
import { DEMO_STAFF_PASSWORD } from '../../db/seed/staff';
import { expectNoViolations } from './support/axe';

async function browserAt(browser: Browser, baseURL: string, path: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto(path);
  return page;
}

async function signInWith(page: Page, username: string, password: string): Promise<number> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/staff/sign-in') && r.request().method() === 'POST'),
    page.getByRole('button', { name: '登录' }).click(),
  ]);
  return response.status();
}

test('after three failures the challenge appears and solves itself; the owner signs in; the administrator clears the limits', async ({ browser, baseURL }) => {
  const admin = await browserAt(browser, baseURL!, '/staff/sign-in?next=%2Fstaff%2Fusers');
  await signInWith(admin, 'admin', DEMO_STAFF_PASSWORD);
  await expect(admin).toHaveURL('/staff/users');

  // A fresh account, so no other test's sign-ins count.
  const username = `thr-${Date.now().toString(36)}`;
  const password = 'lanterns over the canal at dusk';
  await admin.getByLabel('用户名', { exact: true }).fill(username);
  await admin.getByLabel('显示名称').fill('限流测试');
  await admin.getByRole('radio', { name: '系统管理员' }).check();
  await admin.getByLabel('初始密码', { exact: true }).fill(password);
  await admin.getByLabel('再次输入初始密码').fill(password);
  await admin.getByRole('button', { name: '创建账号' }).click();
  await expect(admin).toHaveURL(/\/staff\/users\/\d+$/);

  const owner = await browserAt(browser, baseURL!, '/staff/sign-in');
  for (let i = 0; i < 3; i++) expect(await signInWith(owner, username, `not it ${i}`)).toBe(401);
  // The third failure brings the challenge; the island solves it and hides the question.
  await expect(owner.getByRole('heading', { name: '安全验证' })).toBeVisible();
  await expect(owner.getByRole('status').filter({ hasText: '验证完成' })).toBeVisible({ timeout: 20_000 });
  await expect(owner.locator('#captcha-question')).toBeHidden();
  await expectNoViolations(owner);
  expect(await signInWith(owner, username, password)).toBe(303);
  await expect(owner.getByRole('banner')).toContainText('限流测试');

  // The account still asks for the challenge (three failures in 24 hours): listed, and cleared.
  await admin.goto('/staff/users');
  const limited = admin.locator('section[aria-labelledby="throttled-title"]');
  await expect(limited).toContainText(username);
  await expect(limited).toContainText('须完成安全验证');
  await expectNoViolations(admin);
  await admin.getByRole('button', { name: `清除 ${username} 的登录限制` }).click();
  await expect(admin.getByRole('status')).toContainText(`账号“${username}”已清除登录失败记录`);
  await expect(admin.getByRole('region', { name: '登录限制' })).toContainText('没有限制');
  await expect(admin.getByRole('table')).toContainText('解除登录限制');
});
