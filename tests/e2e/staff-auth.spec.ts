/**
 * Staff sign-in in a browser: the demo accounts sign in and out, a wrong password gets
 * one message for everything, the staff area sends strangers to sign in and answers a role that may
 * not use a page with 404; the administrator's account pages create and disable accounts (the
 * disabled account's open session ends at once). axe on every state, and a phone-width check.
 */
import { expect, test, type Browser, type Page } from './support/test';
import { DEMO_STAFF_PASSWORD } from '../../db/seed/staff';
import { M, STAFF_ACCOUNT_CASES } from '../fixtures/staff-account-cases';
import { expectNoViolations } from './support/axe';
import { expectNoSidewaysScroll } from './support/reflow';

/** A browser of its own, signed in as `username`, on the page `next`. */
async function signedIn(browser: Browser, baseURL: string, username: string, next = '/staff/users', password = DEMO_STAFF_PASSWORD): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto(`/staff/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  return page;
}

/** Fills and sends the administrator's form that creates an account; `role` is the radio's label. */
async function createAccount(admin: Page, a: { username: string; displayName: string; role: string; department: string; street: string; password: string }): Promise<void> {
  await admin.getByLabel('用户名', { exact: true }).fill(a.username);
  await admin.getByLabel('显示名称').fill(a.displayName);
  await admin.getByRole('radio', { name: a.role }).check();
  await admin.getByLabel('所属部门').selectOption(a.department);
  await admin.getByLabel('街镇', { exact: true }).selectOption(a.street);
  await admin.getByLabel('初始密码', { exact: true }).fill(a.password);
  await admin.getByLabel('再次输入初始密码').fill(a.password);
  await admin.getByRole('button', { name: '创建账号' }).click();
}

const unique = () => `e2e-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;

test('a page of the staff area sends a stranger to sign in and back; the layout shows who is signed in; sign-out ends it', async ({ page }) => {
  await page.goto('/staff/users');
  await expect(page).toHaveURL('/staff/sign-in?next=%2Fstaff%2Fusers');
  await expect(page.getByRole('heading', { level: 1, name: '工作人员登录' })).toBeVisible();
  await page.getByLabel('用户名').fill('Admin');
  await page.getByLabel('密码').fill(DEMO_STAFF_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();

  await expect(page).toHaveURL('/staff/users');
  const header = page.getByRole('banner');
  await expect(header).toContainText('工作人员专区');
  await expect(header).toContainText('徐明');
  await expect(header).toContainText('系统管理员');
  const nav = page.getByRole('navigation', { name: '工作人员导航' });
  await expect(nav.getByRole('link', { name: '用户管理' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: '队列' })).toHaveCount(0);
  await expect(page.getByRole('rowheader', { name: /grid-changshou/ })).toBeVisible();

  await header.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL('/staff/sign-in');
  await expect(page.getByRole('status')).toHaveText('您已退出登录。');
  await page.goto('/staff/users');
  await expect(page).toHaveURL('/staff/sign-in?next=%2Fstaff%2Fusers');
});

test('a wrong password and an unknown name get the same message, at the password field and in the summary', async ({ page }) => {
  for (const username of ['supervisor', 'no-such-user']) {
    await page.goto('/staff/sign-in');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill('not the demo password');
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/staff/sign-in') && r.request().method() === 'POST'), page.getByRole('button', { name: '登录' }).click()]);
    expect(response.status()).toBe(401);
    const summary = page.getByRole('alert');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: '用户名或密码不正确。' })).toHaveAttribute('href', '#password');
    await expect(page.locator('#password-error')).toHaveText('错误：用户名或密码不正确。');
    await expect(page.getByLabel('用户名')).toHaveValue(username);
    await expect(page.getByLabel('密码')).toHaveValue('');
    await expect(page.getByLabel('密码')).toHaveAttribute('aria-invalid', 'true');
    await expectNoViolations(page);
  }
});

test('the user pages answer 404 to every role but the administrator', async ({ browser, baseURL }) => {
  for (const username of ['supervisor', 'edu-handler', 'grid-changshou']) {
    const page = await signedIn(browser, baseURL!, username, '/staff/users');
    await expect(page).toHaveURL('/staff/users');
    expect((await page.goto('/staff/users'))!.status(), username).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('没有找到这个页面');
    expect((await page.goto('/staff/users/1'))!.status(), username).toBe(404);
    const post = await page.request.post('/staff/users/1', { form: { intent: 'disable' }, headers: { Origin: new URL(baseURL!).origin } });
    expect(post.status(), username).toBe(404);
    await page.context().close();
  }
});

test('strangers are sent to sign in (pages) or refused (API), and nothing of the staff area is cached', async ({ request }) => {
  const page = await request.get('/staff/users?x=1', { maxRedirects: 0 });
  expect(page.status()).toBe(303);
  expect(page.headers().location).toBe('/staff/sign-in?next=%2Fstaff%2Fusers%3Fx%3D1');
  expect(page.headers()['cache-control']).toBe('no-store');
  const api = await request.get('/api/staff/cases', { maxRedirects: 0 });
  expect(api.status()).toBe(401);
  expect(await api.json()).toMatchObject({ error: 'unauthenticated' });
  const signIn = await request.get('/staff/sign-in');
  expect(signIn.headers()['cache-control']).toBe('no-store');
  // next= must stay on this site.
  const away = await request.get('/staff/sign-in?next=//evil.example/x');
  expect(await away.text()).toContain('name="next" value="/staff"');
});

test('the administrator creates an account (errors shown twice first), and disabling it ends its open session', async ({ browser, baseURL }) => {
  const admin = await signedIn(browser, baseURL!, 'admin');
  await expect(admin).toHaveURL('/staff/users');
  await expectNoViolations(admin);

  // Every field wrong at once, from the fixture the unit tests share.
  const allWrong = STAFF_ACCOUNT_CASES.find((c) => c.why === 'every field wrong at once')!;
  await admin.getByLabel('用户名', { exact: true }).fill(allWrong.change.username!);
  await admin.getByLabel('显示名称').fill(allWrong.change.displayName!);
  await admin.getByRole('radio', { name: '街镇网格员' }).check();
  await admin.getByLabel('所属部门').selectOption(allWrong.change.department!);
  await admin.getByLabel('初始密码', { exact: true }).fill(allWrong.change.password!);
  await admin.getByRole('button', { name: '创建账号' }).click();
  const summary = admin.getByRole('alert');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('listitem')).toHaveText(allWrong.errors.map((e) => e.message));
  for (const e of allWrong.errors) await expect(admin.locator(`#${e.field}-error`)).toHaveText(`错误：${e.message}`);
  await expect(summary.getByRole('link', { name: M.gridStreet })).toHaveAttribute('href', '#street');
  await expectNoViolations(admin);

  // A valid account: a second administrator, so it can open a page of the staff area itself.
  const username = unique();
  const password = 'a long walk by suzhou creek';
  await createAccount(admin, { username, displayName: '测试管理员', role: '系统管理员', department: '', street: '', password });
  await expect(admin).toHaveURL(/\/staff\/users\/\d+$/);
  await expect(admin.getByRole('status')).toContainText(`已创建账号“${username}”`);
  await expect(admin.getByRole('heading', { level: 1 })).toContainText(username);
  await expectNoViolations(admin);

  const other = await signedIn(browser, baseURL!, username, '/staff/users', password);
  await expect(other).toHaveURL('/staff/users');
  await expect(other.getByRole('banner')).toContainText('测试管理员');

  await admin.getByRole('button', { name: `停用账号 ${username}` }).click();
  await expect(admin.getByRole('status')).toContainText(`已停用账号“${username}”`);
  await expect(admin.getByRole('table')).toContainText('停用账号');
  await other.reload();
  await expect(other).toHaveURL('/staff/sign-in?next=%2Fstaff%2Fusers');
  await other.getByLabel('用户名').fill(username);
  await other.getByLabel('密码').fill(password);
  await other.getByRole('button', { name: '登录' }).click();
  await expect(other.getByRole('alert')).toContainText('此账号已停用');
  await other.context().close();
  await admin.context().close();
});

test('a person changes their own password: the current one is checked, other sessions end, this one goes on', async ({ browser, baseURL }) => {
  // A fresh grid account, so no demo account that other tests sign in with changes.
  const admin = await signedIn(browser, baseURL!, 'admin');
  const username = unique();
  const first = 'first password by the creek';
  const second = 'second password by the bridge';
  await createAccount(admin, { username, displayName: '测试网格员', role: '街镇网格员', department: 'streets', street: 'changshou', password: first });
  await expect(admin).toHaveURL(/\/staff\/users\/\d+$/);
  await admin.context().close();

  const phone = await signedIn(browser, baseURL!, username, '/staff', first);
  const desk = await signedIn(browser, baseURL!, username, '/staff', first);
  await desk.getByRole('banner').getByRole('link', { name: '修改密码' }).click();
  await expect(desk).toHaveURL('/staff/password');
  await expect(desk.getByRole('heading', { level: 1 })).toHaveText('修改密码');
  await expectNoViolations(desk);

  // A wrong current password: 401, said at its field and in the summary; nothing changes.
  await desk.getByLabel('现在的密码').fill('not my password at all');
  await desk.getByLabel('新密码', { exact: true }).fill(second);
  await desk.getByLabel('再次输入新密码').fill(second);
  const [refused] = await Promise.all([desk.waitForResponse((r) => r.url().endsWith('/staff/password') && r.request().method() === 'POST'), desk.getByRole('button', { name: '修改密码' }).click()]);
  expect(refused.status()).toBe(401);
  await expect(desk.getByRole('alert')).toBeFocused();
  await expect(desk.locator('#currentPassword-error')).toHaveText('错误：现在的密码不正确。');
  await expect(desk.locator('#currentPassword')).toHaveValue('');
  await expectNoViolations(desk);

  // The new password the same as the current one, and a mistyped confirmation: both named.
  await desk.getByLabel('现在的密码').fill(first);
  await desk.getByLabel('新密码', { exact: true }).fill(first);
  await desk.getByLabel('再次输入新密码').fill(first);
  await desk.getByRole('button', { name: '修改密码' }).click();
  await expect(desk.locator('#password-error')).toHaveText('错误：新密码不能与现在的密码相同。');

  await desk.getByLabel('现在的密码').fill(first);
  await desk.getByLabel('新密码', { exact: true }).fill(second);
  await desk.getByLabel('再次输入新密码').fill(second);
  await desk.getByRole('button', { name: '修改密码' }).click();
  await expect(desk).toHaveURL('/staff/password');
  await expect(desk.getByRole('status')).toHaveText('密码已更改。您在其他设备上的登录已全部退出。');
  await desk.goto('/staff');
  await expect(desk).toHaveURL('/staff');

  // The other session has ended; the old password no longer works, the new one does.
  await phone.reload();
  await expect(phone).toHaveURL('/staff/sign-in?next=%2Fstaff');
  await phone.getByLabel('用户名').fill(username);
  await phone.getByLabel('密码').fill(first);
  await phone.getByRole('button', { name: '登录' }).click();
  await expect(phone.getByRole('alert')).toContainText('用户名或密码不正确');
  await phone.getByLabel('用户名').fill(username);
  await phone.getByLabel('密码').fill(second);
  await phone.getByRole('button', { name: '登录' }).click();
  await expect(phone).toHaveURL('/staff');
  await phone.context().close();
  await desk.context().close();
});

test('axe: the sign-in page', async ({ page }) => {
  await page.goto('/staff/sign-in');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoViolations(page);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('no sideways scroll on the sign-in page, the account list and an account', async ({ page }) => {
    const noSidewaysScroll = (what: string) => expectNoSidewaysScroll(page, what);
    await page.goto('/staff/sign-in?next=%2Fstaff%2Fusers');
    await noSidewaysScroll('sign-in');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(DEMO_STAFF_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page).toHaveURL('/staff/users');
    await noSidewaysScroll('/staff/users');
    await page.getByRole('button', { name: '创建账号' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await noSidewaysScroll('/staff/users with errors');
    await page.getByRole('link', { name: 'market-handler' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('market-handler');
    await noSidewaysScroll('/staff/users/<id>');
    await expectNoViolations(page);
  });
});
