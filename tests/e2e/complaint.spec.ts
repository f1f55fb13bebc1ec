/**
 * The public complaint form (/complaints/new). Filed without JavaScript (the arithmetic question)
 * and with it (the island: search by name, category suggestion, proof-of-work captcha); errors
 * shown twice, from a table of cases; one form posted twice files one complaint; cross-site and
 * oversized posts refused; axe on every state; no sideways scrolling on a phone.
 *
 * Every complaint filed here counts against the per-address limit (10 an hour from 127.0.0.1), so
 * only four tests file one; the error cases never reach the database.
 */
import { expect, test, type Page } from './support/test';
import { CATEGORIES } from '../../src/domain/complaints/complaint-categories';
import { todayInShanghai } from '../../src/domain/shared/dates';
import { DESCRIPTION_CASES } from '../fixtures/category-descriptions';
import { browserFormCases, validBrowserForm } from '../fixtures/complaint-form-cases';
import { anUnlistedInstitution, listInstitutions, type InstitutionSummary } from './support/api';
import { expectNoViolations } from './support/axe';
import { expectNoSidewaysScroll } from './support/reflow';
import { answerQuestion, fillComplaintForm, formData, freshCaptcha, receiptOn, submitComplaint } from './support/complaint-form';

// The server and the browser run on this machine: they agree on Shanghai's date.
const TODAY = todayInShanghai();
const TRACKING_NUMBER = new RegExp(`^PT-${TODAY.slice(0, 4)}-\\d{6}$`);
const ACCESS_CODE = /^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/;

/** A valid form about `inst`, with a phone number of the test's own (5 complaints a day each). */
function validForm(inst: InstitutionSummary, phone: string): Record<string, string> {
  return { ...validBrowserForm(TODAY), creditCode: inst.creditCode, phone };
}

/** The message at a field: its error element, and a control (or fieldset) that it describes. */
async function expectFieldError(page: Page, field: string, message: string) {
  const at = page.locator(`#${field}-error`);
  await expect(at).toHaveText(`错误：${message}`);
  await expect(at.locator('.visually-hidden')).toHaveText('错误：');
  await expect(page.locator(`[aria-describedby~="${field}-error"]`).first()).toBeAttached();
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('files a complaint answering the arithmetic question, and shows the receipt once', async ({ page, request }) => {
    const inst = await anUnlistedInstitution(request);
    await page.goto(`/complaints/new?institution=${inst.creditCode}&filer=landlord`);
    // Prefilled from the address: the institution (with its name) and the role.
    await expect(page.locator('#creditCode')).toHaveValue(inst.creditCode);
    await expect(page.locator('#creditCode-name')).toHaveText(`机构：${inst.name}`);
    await expect(page.getByLabel('场所业主')).toBeChecked();
    // Without JavaScript every institution field shows, and the question is asked.
    await expect(page.locator('#institutionName')).toBeVisible();
    await expect(page.locator('#captchaAnswer')).toBeVisible();

    await page.getByLabel(CATEGORIES.fees_refund.name).check();
    await page.getByLabel('问题描述').fill('报名时说随时可以退，现在要退费却说只能退一半，还要扣手续费。');
    await page.getByLabel('问题发生的日期').fill(TODAY);
    await page.getByLabel('涉及金额（元）').fill('8000');
    await page.getByLabel('手机号码').fill('136 0000 0001');
    await page.getByLabel('同意处理部门打电话联系我了解情况').check();
    await answerQuestion(page);
    const response = await submitComplaint(page);
    expect(response.status()).toBe(303);

    const receipt = await receiptOn(page);
    expect(receipt.number).toMatch(TRACKING_NUMBER);
    expect(receipt.code).toMatch(ACCESS_CODE);
    // Shown once: the code is not in the address and a reload no longer shows it.
    expect(page.url()).not.toContain(receipt.code.slice(0, 5));
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('回执已显示过');
  });

  browserFormCases(TODAY).forEach(({ why }, i) => {
    test(`form error: ${why}`, async ({ page }) => {
      // The case made with today's date as the test runs, not as the file loaded: a run that
      // crosses midnight in Shanghai would otherwise expect yesterday's "today" in the messages.
      const today = todayInShanghai();
      const c = browserFormCases(today)[i]!;
      await page.goto('/complaints/new');
      await fillComplaintForm(page, { ...validBrowserForm(today), ...c.change });
      await answerQuestion(page, c.captcha ?? 'right');
      const key = await page.locator('input[name="idempotencyKey"]').inputValue();
      const token = await page.locator('input[name="captchaToken"]').inputValue();
      const response = await submitComplaint(page);
      expect(response.status()).toBe(400);

      // The summary: focused, one link per problem, in form order, each to its field.
      const summary = page.getByRole('alert');
      await expect(summary).toBeFocused();
      await expect(summary.getByRole('listitem')).toHaveText(c.errors.map((e) => e.message));
      for (const e of c.errors) {
        await expect(summary.getByRole('link', { name: e.message })).toHaveAttribute('href', `#${e.field}`);
        await expect(page.locator(`#${e.field}`)).toBeAttached();
        await expectFieldError(page, e.field, e.message);
      }

      // What was typed is kept, the form keeps its key, and the question is a new one, unanswered.
      if (c.change.description === undefined) await expect(page.locator('#description')).toHaveValue(validBrowserForm(today).description!);
      if (c.change.phone !== undefined) await expect(page.locator('#phone')).toHaveValue(c.change.phone);
      await expect(page.locator('input[name="idempotencyKey"]')).toHaveValue(key);
      await expect(page.locator('#captchaAnswer')).toHaveValue('');
      await expect(page.locator('input[name="captchaToken"]')).not.toHaveValue(token);
    });
  });

  test('posting the same form twice files one complaint: same number, whether the captcha is reused or new', async ({ page, request }) => {
    const inst = await anUnlistedInstitution(request);
    await page.goto('/complaints/new');
    await fillComplaintForm(page, validForm(inst, '13600000002'));
    await answerQuestion(page);
    const sent = await formData(page);
    await submitComplaint(page);
    const first = await receiptOn(page);

    const origin = new URL(page.url()).origin;
    const post = (form: Record<string, string>) => page.request.post('/complaints/new', { form, headers: { Origin: origin }, maxRedirects: 0 });

    // A browser retry re-sends the very same body, captcha included.
    const retry = await post(sent);
    expect(retry.status()).toBe(303);
    expect(retry.headers().location).toBe('/complaints/receipt');
    await page.goto('/complaints/receipt');
    expect(await receiptOn(page)).toEqual(first);
    await expect(page.getByText('这份投诉此前已经提交成功')).toBeVisible();

    // The same form with a freshly answered question, as after going back and submitting again.
    expect((await post({ ...sent, ...(await freshCaptcha(page.request)) })).status()).toBe(303);
    await page.goto('/complaints/receipt');
    expect(await receiptOn(page)).toEqual(first);

    // The same key with other content is refused, and the form comes back with a new key.
    const changed = await post({ ...sent, ...(await freshCaptcha(page.request)), description: `${sent.description}另外还有一件事。` });
    expect(changed.status()).toBe(409);
    const html = await changed.text();
    expect(html).toContain('这份表单已经用来提交过另一件内容不同的投诉');
    expect(html).not.toContain(sent.idempotencyKey!);
    expect(html).toContain('另外还有一件事。');
  });
});

test.describe('with JavaScript', () => {
  test('finds the institution by name, applies the suggested category, solves the captcha, and files', async ({ page, request }) => {
    const inst = await anUnlistedInstitution(request);
    await page.goto('/complaints/new');

    // The captcha is solved in the background: the question goes away.
    await expect(page.getByText('验证完成，无需回答算术题。')).toBeVisible({ timeout: 20_000 });
    await expect(page.locator('#captchaAnswer')).toBeHidden();
    await expect(page.locator('input[name="altcha"]')).not.toHaveValue('');

    // Without a tick, the fields for an unlisted institution stay out of the way.
    await expect(page.locator('#institutionName')).toBeHidden();
    await page.getByLabel('机构不在名录中（查不到代码）').check();
    await expect(page.locator('#institutionName')).toBeVisible();

    // Search by name; choosing fills in the code and shows the name (and clears the tick).
    const search = page.getByRole('combobox', { name: '按名称查找机构' });
    await search.fill(inst.name);
    await page.getByRole('listbox', { name: '搜索建议' }).getByRole('option').filter({ hasText: inst.name }).first().click();
    await expect(page.locator('#creditCode')).toHaveValue(inst.creditCode);
    await expect(page.locator('#creditCode-name')).toHaveText(`机构：${inst.name}`);
    await expect(page.getByLabel('机构不在名录中（查不到代码）')).not.toBeChecked();
    await expect(page.locator('#institutionName')).toBeHidden();

    // The description suggests a category, with the words that matched; the person applies it.
    const described = DESCRIPTION_CASES[0]!;
    const name = CATEGORIES[described.category!].name;
    await page.getByLabel('问题描述').fill(described.text);
    const suggestion = page.locator('.category-suggestion');
    await expect(suggestion).toContainText(`根据您的描述，建议选择：${name}（匹配到：`);
    for (const word of described.matched!) await expect(suggestion).toContainText(word);
    await expect(page.locator('#description-count')).toHaveText(`已写 ${[...described.text].length} 字，还可以写 ${4000 - [...described.text].length} 字。`);
    await suggestion.getByRole('button', { name: `选用“${name}”` }).click();
    await expect(page.getByLabel(name, { exact: true })).toBeChecked();
    await expect(suggestion).toContainText(`已选择“${name}”。`);

    // The phone number is checked on leaving the field.
    const phone = page.getByLabel('手机号码');
    await phone.fill('1360000');
    await phone.blur();
    await expect(page.locator('#phone-check')).toHaveText('错误：手机号码应为11位中国大陆手机号，例如 13812345678。');
    await expect(phone).toHaveAttribute('aria-invalid', 'true');
    await phone.fill('13600000003');
    await expect(page.locator('#phone-check')).toBeHidden();

    await page.getByLabel('问题发生的日期').fill(TODAY);
    await page.getByLabel('家长或学员').check();
    await submitComplaint(page);
    const receipt = await receiptOn(page);
    expect(receipt.number).toMatch(TRACKING_NUMBER);
    expect(receipt.code).toMatch(ACCESS_CODE);
    await expectNoViolations(page);
  });

  test('axe: the empty form, once the island has run', async ({ page }) => {
    await page.goto('/complaints/new');
    await expect(page.getByRole('combobox', { name: '按名称查找机构' })).toBeVisible();
    await expect(page.getByText('验证完成，无需回答算术题。')).toBeVisible({ timeout: 20_000 });
    await expectNoViolations(page);
  });

  test('axe: the form with every error shown', async ({ page }) => {
    await page.goto('/complaints/new');
    await expect(page.getByRole('combobox', { name: '按名称查找机构' })).toBeVisible();
    await page.getByLabel('机构不在名录中（查不到代码）').check();
    const response = await submitComplaint(page);
    expect(response.status()).toBe(400);
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoViolations(page);
  });

  test('axe: the suggestion list and a category suggestion', async ({ page, request }) => {
    const inst = await anUnlistedInstitution(request);
    await page.goto('/complaints/new');
    await page.getByLabel('问题描述').fill(DESCRIPTION_CASES[1]!.text);
    await expect(page.locator('.category-suggestion button')).toBeVisible();
    await page.getByRole('combobox', { name: '按名称查找机构' }).fill(inst.name.slice(0, 4));
    await expect(page.getByRole('listbox', { name: '搜索建议' })).toBeVisible();
    await expectNoViolations(page);
  });
});

test.describe('refused posts', () => {
  const minimal = { description: '这家机构乱收费，还不给开发票。', phone: '13600000009' };

  test('a cross-site post is refused (403) before it is read', async ({ request, baseURL }) => {
    const forged = await request.post('/complaints/new', { form: minimal, headers: { Origin: 'https://evil.example' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    const originless = await request.post('/complaints/new', { form: minimal, maxRedirects: 0 });
    expect(originless.status()).toBe(403);
    // The same post from the site itself reaches the form (and fails validation).
    const own = await request.post('/complaints/new', { form: minimal, headers: { Origin: baseURL! }, maxRedirects: 0 });
    expect(own.status()).toBe(400);
  });

  test('a body over 64 KB is refused (413) with a message', async ({ page, baseURL }) => {
    const response = await page.request.post('/complaints/new', {
      form: { ...minimal, description: '退'.repeat(30_000) },
      headers: { Origin: baseURL! },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(413);
    await page.setContent(await response.text());
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('提交的内容过长');
    await expect(page.getByRole('alert')).toContainText('超过了64KB');
  });
});

test.describe('links to the form', () => {
  test('the navigation and every institution profile lead to the form', async ({ page, request }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '我要投诉' }).click();
    await expect(page).toHaveURL(/\/complaints\/new$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('投诉培训机构');

    const { items } = await listInstitutions(request, { sort: 'name' });
    const inst = items[0]!;
    await page.goto(`/institutions/${inst.creditCode}`);
    await page.getByRole('link', { name: '投诉这家机构' }).click();
    await expect(page).toHaveURL(`/complaints/new?institution=${inst.creditCode}`);
    await expect(page.locator('#creditCode')).toHaveValue(inst.creditCode);
    await expect(page.locator('#creditCode-name')).toHaveText(`机构：${inst.name}`);
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('no horizontal scroll on the form, empty and with errors', async ({ page }) => {
    await page.goto('/complaints/new');
    await expect(page.getByRole('combobox', { name: '按名称查找机构' })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await page.getByLabel('问题描述').fill(DESCRIPTION_CASES[0]!.text);
    await expect(page.locator('.category-suggestion button')).toBeVisible();
    await expectNoSidewaysScroll(page);
    await page.getByLabel('机构不在名录中（查不到代码）').check();
    await page.locator('#institutionName').fill('名'.repeat(120));
    await submitComplaint(page);
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoSidewaysScroll(page);
  });
});
