/**
 * A digest's one-click unsubscribe link, as the person who got the e-mail uses it: on a phone,
 * without JavaScript, not signed in. Opening the link changes nothing and shows the address
 * masked; the button stops the digest, which the person then sees on their own settings page. The
 * mail client's own one-click POST (RFC 8058: no Origin, no cookie) is answered 200, and a link
 * that was not made for the account is a clear 404. axe finds nothing.
 */
import { expect, test } from './support/test';
import { expectNoViolations } from './support/axe';
import { E2E_APP_SECRET } from './support/app-secret';
import { signIn } from './support/staff-cases';
import { unsubscribeToken } from '../../src/server/messages/unsubscribe-token';

const EMAIL = 'huang.li@putuo.example.cn';

test('the link stops the digest without a sign-in, and the mail client’s one-click post works', async ({ browser, baseURL, request }) => {
  // The coordinator asks for the digest.
  const coordinator = await signIn(browser, baseURL!, 'coordinator', { lands: /\/staff(\/[a-z-]+)?$/ });
  await coordinator.goto('/staff/email');
  await coordinator.getByLabel('电子邮箱').fill(EMAIL);
  await coordinator.getByLabel('每个工作日早上接收本部门待办摘要').check();
  await coordinator.getByRole('button', { name: '保存' }).click();
  await expect(coordinator.getByRole('status')).toBeVisible();

  // The account's id, as its digest's link names it.
  const admin = await signIn(browser, baseURL!, 'admin', { lands: /\/staff(\/users)?$/ });
  await admin.goto('/staff/users');
  const href = await admin.getByRole('link', { name: 'coordinator', exact: true }).first().getAttribute('href');
  const staffId = Number(href!.split('/').pop());
  await admin.context().close();
  const link = `/email/unsubscribe/${unsubscribeToken(E2E_APP_SECRET, staffId, EMAIL)}`;

  // Opened from the e-mail on a phone, no JavaScript, nobody signed in.
  const phone = await browser.newContext({ baseURL, locale: 'zh-CN', javaScriptEnabled: false, viewport: { width: 390, height: 740 }, isMobile: true });
  const page = await phone.newPage();
  const opened = await page.goto(link);
  expect(opened?.status()).toBe(200);
  expect(opened?.headers()['cache-control']).toBe('no-store');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex, nofollow');
  await expect(page.getByRole('heading', { level: 1, name: '取消每日待办摘要' })).toBeVisible();
  await expect(page.getByText('h***@putuo.example.cn')).toBeVisible();
  await expect(page.locator('body')).not.toContainText(EMAIL);
  // Opening it changed nothing.
  await coordinator.reload();
  await expect(coordinator.getByLabel('每个工作日早上接收本部门待办摘要')).toBeChecked();

  await page.getByRole('button', { name: '不再接收每日摘要' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '已取消每日待办摘要' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('h***@putuo.example.cn 不会再收到每日待办摘要');
  await coordinator.reload();
  await expect(coordinator.getByLabel('不接收摘要')).toBeChecked();
  await expect(coordinator.getByLabel('电子邮箱')).toHaveValue(EMAIL);

  // The mail client's one-click: a POST from its own server, no Origin, no cookie.
  const oneClick = await request.post(link, { form: { 'List-Unsubscribe': 'One-Click' }, headers: { origin: '' } });
  expect(oneClick.status()).toBe(200);
  // A post that is not the confirmation is refused, changing nothing.
  expect((await request.post(link, { form: { 'List-Unsubscribe': 'Maybe' } })).status()).toBe(400);

  // axe on the page the link shows once the digest is off.
  const js = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 390, height: 740 } });
  const again = await js.newPage();
  await again.goto(link);
  await expect(again.getByRole('heading', { level: 1, name: '您已不再接收每日待办摘要' })).toBeVisible();
  await expectNoViolations(again);
  await js.close();
  await phone.close();
  await coordinator.context().close();
});

test('a link not made for the account is a clear 404 that says what to do instead', async ({ page, request }) => {
  const forged = `/email/unsubscribe/1.${'A'.repeat(43)}`;
  const res = await page.goto(forged);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: '这个取消链接无效' })).toBeVisible();
  await expect(page.getByRole('link', { name: '邮件提醒' })).toHaveAttribute('href', '/staff/email');
  await expectNoViolations(page);
  expect((await request.post(forged, { form: { 'List-Unsubscribe': 'One-Click' } })).status()).toBe(404);
  expect((await page.goto('/email/unsubscribe/not-a-token'))?.status()).toBe(404);
});
