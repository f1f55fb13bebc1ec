/**
 * The administrator's message list in a browser: a complaint filed through Open311 gets its
 * receipt SMS, which the administrator finds with the number masked to its last four digits, by
 * state and template (the log transport delivers it); a bad date is a message at its field; no
 * other role may open the page (404). axe at 390 and 1280 px.
 */
import { expect, test, type Page } from './support/test';
import { listInstitutions } from './support/api';
import { expectNoViolations } from './support/axe';
import { fileThroughHotline, signIn } from './support/staff-cases';

const PHONE = '13700004671';
const MASKED = '*******4671';

const messagesTable = (page: Page) => page.getByRole('region', { name: /消息（共/ });

for (const width of [390, 1280]) {
  test(`the administrator sees the receipt with its number masked, and filters by state (${width}px)`, async ({ browser, baseURL, request }) => {
    const { items } = await listInstitutions(request, { operating: 'operating' });
    const number = await fileThroughHotline(request, items[width === 390 ? 3 : 4]!.creditCode, 'fees_refund', PHONE);
    const admin = await signIn(browser, baseURL!, 'admin', { width, lands: /\/staff(\/users)?$/ });
    await admin.setViewportSize({ width, height: 800 });
    if (width === 1280) await admin.getByRole('navigation', { name: '工作人员导航' }).getByRole('link', { name: '消息发送' }).click();
    else await admin.goto('/staff/messages');
    await expect(admin.getByRole('heading', { level: 1, name: '消息发送记录' })).toBeVisible();

    // The receipt of this complaint: delivered by the log transport shortly after filing.
    const row = messagesTable(admin).getByRole('row').filter({ hasText: number });
    await expect(async () => {
      await admin.goto('/staff/messages?state=delivered&template=receipt');
      await expect(row).toHaveCount(1);
    }).toPass({ timeout: 20_000 });
    await expect(row).toContainText(MASKED);
    await expect(row).toContainText('投诉受理回执');
    await expect(row).toContainText('已送达网关');
    await expect(admin.locator('body')).not.toContainText(PHONE);
    await expect(admin.locator('#state')).toHaveValue('delivered');
    await expectNoViolations(admin);

    // Another state: the delivered receipt is not listed.
    await admin.locator('#state').selectOption('dead');
    await admin.getByRole('button', { name: '筛选' }).click();
    await expect(admin).toHaveURL(/state=dead/);
    await expect(admin.getByText(number)).toHaveCount(0);

    // A date that does not exist: 400, the summary links to the field, which says why.
    const bad = await admin.goto('/staff/messages?from=2026-02-30');
    expect(bad?.status()).toBe(400);
    const summary = admin.getByRole('alert');
    await expect(summary.getByRole('link', { name: /请按 YYYY-MM-DD 填写日期/ })).toHaveAttribute('href', '#from');
    await expect(admin.locator('#from')).toHaveAttribute('aria-invalid', 'true');
    await expectNoViolations(admin);
    await admin.context().close();
  });
}

test('no other role may open the message list, nor post to it', async ({ browser, baseURL }) => {
  for (const username of ['dispatcher', 'supervisor']) {
    const page = await signIn(browser, baseURL!, username, { lands: /\/staff(\/oversight)?$/ });
    await expect(page.getByRole('navigation', { name: '工作人员导航' }).getByRole('link', { name: '消息发送' })).toHaveCount(0);
    const res = await page.goto('/staff/messages?state=dead');
    expect(res?.status()).toBe(404);
    const post = await page.request.post('/staff/messages', { form: { intent: 'requeue', id: '1' }, headers: { Origin: baseURL! }, maxRedirects: 0 });
    expect(post.status()).toBe(404);
    await page.context().close();
  }
});
