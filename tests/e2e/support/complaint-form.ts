/**
 * Filling in the complaint form (/complaints/new) as a person does: by field, through the page.
 * The arithmetic captcha is answered by reading its question ("三加四等于几？") off the page.
 */
import { expect, type APIRequestContext, type Page, type Response } from '@playwright/test';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** The answer to "X加Y等于几？…" with X and Y written 一 to 九. */
export function arithmeticAnswer(question: string): string {
  const match = /^([一二三四五六七八九])加([一二三四五六七八九])等于几/.exec(question.trim());
  if (!match) throw new Error(`not an arithmetic question: ${question}`);
  return String(DIGITS.indexOf(match[1]!) + DIGITS.indexOf(match[2]!));
}

/** The question shown on the page (the label of the answer field). */
export async function questionOn(page: Page): Promise<string> {
  return (await page.locator('label[for="captchaAnswer"]').textContent()) ?? '';
}

export async function answerQuestion(page: Page, how: 'right' | 'wrong' | 'blank' = 'right'): Promise<void> {
  const right = arithmeticAnswer(await questionOn(page));
  const answer = how === 'right' ? right : how === 'wrong' ? String(Number(right) + 1) : '';
  await page.locator('#captchaAnswer').fill(answer);
}

const RADIOS = new Set(['category', 'filerRole']);
const CHECKBOXES = new Set(['notListed', 'consentToContact']);

/** Types each value into its field: radios by value, boxes ticked for 'on', the street chosen. */
export async function fillComplaintForm(page: Page, values: Record<string, string>): Promise<void> {
  const form = page.locator('form#complaint-form');
  for (const [name, value] of Object.entries(values)) {
    if (RADIOS.has(name)) {
      if (value) await form.locator(`input[name="${name}"][value="${value}"]`).check();
    } else if (CHECKBOXES.has(name)) {
      await form.locator(`input[name="${name}"]`).setChecked(value === 'on');
    } else if (name === 'street') {
      await form.locator('select#street').selectOption(value);
    } else {
      await form.locator(`#${name}`).fill(value);
    }
  }
}

/** Clicks 提交投诉 and returns the response to the POST (before any redirect is followed). */
export async function submitComplaint(page: Page): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/complaints/new'),
    page.getByRole('button', { name: '提交投诉' }).click(),
  ]);
  await page.waitForLoadState();
  return response;
}

/** Every field of the form as the browser would send it now (hidden ones included). */
export async function formData(page: Page): Promise<Record<string, string>> {
  return page.locator('form#complaint-form').evaluate((form) => {
    const out: Record<string, string> = {};
    for (const [k, v] of new FormData(form as HTMLFormElement)) if (typeof v === 'string' && !(k in out)) out[k] = v;
    return out;
  });
}

/** A fresh arithmetic question and its signed token, from a new rendering of the form. */
export async function freshCaptcha(request: APIRequestContext): Promise<{ captchaToken: string; captchaAnswer: string }> {
  const res = await request.get('/complaints/new');
  expect(res.status()).toBe(200);
  const html = await res.text();
  const question = /<label for="captchaAnswer">([^<]+)/.exec(html)?.[1];
  const token = /name="captchaToken" value="([^"]+)"/.exec(html)?.[1];
  if (!question || !token) throw new Error('no arithmetic question on /complaints/new');
  return { captchaToken: token, captchaAnswer: arithmeticAnswer(question) };
}

/** The receipt's tracking number and access code. */
export async function receiptOn(page: Page): Promise<{ number: string; code: string }> {
  await expect(page).toHaveURL(/\/complaints\/receipt$/);
  await expect(page.getByRole('heading', { level: 1, name: '投诉已受理' })).toBeVisible();
  const number = (await page.getByTestId('tracking-number').textContent())?.trim() ?? '';
  const code = (await page.getByTestId('access-code').textContent())?.trim() ?? '';
  return { number, code };
}
