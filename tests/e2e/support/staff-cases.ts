/**
 * The staff side in the browser: signing in as a demo account (db/seed/staff.ts, one browser
 * context each, so several people can be signed in at once), filing a complaint through the
 * registered Open311 channel (no per-address limit, so the access tests do not use up the web
 * form's), and acting on a case through its forms.
 */
import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { DEMO_STAFF_PASSWORD } from '../../../db/seed/staff';
import { todayInShanghai } from '../../../src/domain/shared/dates';

// The same value as OPEN311_BOOTSTRAP_KEY in tests/playwright.config.ts.
const OPEN311_KEY = 'e2e-open311-key-for-tests-only-0123456789';

/**
 * A new browser context signed in as `username`; its page is on the queue. JavaScript stays on
 * only so that axe can run: the staff pages ship none.
 */
export async function signIn(browser: Browser, baseURL: string, username: string, options: { width?: number; lands?: RegExp } = {}): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // The spec turns JavaScript off for its own page (the public forms); axe needs it here.
    javaScriptEnabled: true,
    ...(options.width ? { viewport: { width: options.width, height: 740 }, isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  await page.goto('/staff/sign-in');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(DEMO_STAFF_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(options.lands ?? /\/staff$/);
  return page;
}

/** Files a complaint through Open311 (the 12345 channel) and returns its tracking number. */
export async function fileThroughHotline(request: APIRequestContext, creditCode: string, category: string, phone: string): Promise<string> {
  const res = await request.post('/open311/v2/requests.json', {
    form: {
      api_key: OPEN311_KEY,
      service_code: category,
      description: '机构收了一年学费后突然停课，要求退还剩余课时费被拒绝，多位家长遇到同样问题。',
      'attribute[credit_code]': creditCode,
      'attribute[occurred_on]': todayInShanghai(),
      'attribute[filer_role]': 'parent',
      'attribute[consent_to_contact]': 'true',
      phone,
      last_name: '测',
      first_name: '试',
    },
  });
  expect(res.status(), await res.text()).toBeLessThan(300);
  const [ack] = (await res.json()) as { service_request_id: string }[];
  return ack!.service_request_id;
}

/** Submits the action form `id` (a card on the case page) and returns the response to the POST. */
export async function submitAction(page: Page, id: string, button: string) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/staff/cases/')),
    page.locator(`section#${id}`).getByRole('button', { name: button }).click(),
  ]);
  await page.waitForLoadState();
  return response;
}

/** The one-time message after a done action (post/redirect/get). */
export async function expectDone(page: Page, number: string, message: string | RegExp) {
  await expect(page).toHaveURL(new RegExp(`/staff/cases/${number}$`));
  await expect(page.getByRole('status')).toContainText(message);
}

/** A form post to the case as a browser would send it (same origin), without following redirects. */
export async function postToCase(page: Page, number: string, form: Record<string, string>) {
  const origin = new URL(page.url()).origin;
  return page.request.post(`/staff/cases/${number}`, { form, headers: { Origin: origin }, maxRedirects: 0 });
}

/**
 * A JSON post to the staff API as the staff area's own pages send it: with the portal's Origin,
 * which the middleware requires of every write to the staff area.
 */
export function staffApiPost(page: Page, path: string, options: { data?: unknown; headers?: Record<string, string> } = {}) {
  const origin = new URL(page.url()).origin;
  return page.request.post(path, { ...options, data: options.data as string, headers: { Origin: origin, ...options.headers } });
}
