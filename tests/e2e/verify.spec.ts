/**
 * The landlord's check (/verify, plan section 六(二)): a tenant found through the public API is verified in the
 * browser without JavaScript, the record prints to one A4 page (Chromium's print to PDF), its QR
 * code's address opens the same record, a tampered address is refused as not genuine, the JSON API
 * gives the same verdict, bad input is explained field by field, and every page passes axe and
 * fits a 360px phone.
 */
import { expect, test, type APIRequestContext, type Page } from './support/test';
import { VERIFICATION_FORM_CASES } from '../fixtures/verification-form-errors';
import { addDays } from '../../src/domain/shared/dates';
import { listInstitutions } from './support/api';
import { expectNoViolations } from './support/axe';
import { expectNoSidewaysScroll } from './support/reflow';

const RECORD_PATH = /\/verify\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{16}$/;

interface Licence {
  number: string;
  state: string;
  scope: string;
  address: string;
  expiresOn: string;
}

interface Tenant {
  creditCode: string;
  name: string;
  licence: Licence;
  today: string;
}

/** A 文化教育 institution, operating, on the white list, with a licence valid well beyond today. */
async function aLicensedTenant(request: APIRequestContext): Promise<Tenant> {
  const { items } = await listInstitutions(request, { licence: 'valid', field: 'culture_edu', operating: 'operating', status: 'white', sort: 'name' });
  expect(items.length, 'the e2e data set should hold whitelisted licensed schools').toBeGreaterThan(0);
  const res = await request.get(`/api/institutions/${items[0]!.creditCode}`);
  expect(res.status()).toBe(200);
  const { asOf, institution } = (await res.json()) as { asOf: string; institution: { creditCode: string; name: string; licences: Licence[] } };
  const licence = institution.licences.find((l) => l.state === 'valid');
  expect(licence, `${institution.creditCode} has a valid licence`).toBeTruthy();
  return { creditCode: institution.creditCode, name: institution.name, licence: licence!, today: asOf };
}

/** The address as a landlord might type it: no city or district, full-width digits. */
const typedAddress = (address: string) =>
  address.replace(/^上海市普陀区/, '').replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/** Fills and sends the form; returns the record page's address. */
async function verifyInBrowser(page: Page, fields: Record<string, string>): Promise<string> {
  await page.goto('/verify');
  for (const [name, value] of Object.entries(fields)) await page.locator(`[name="${name}"]`).fill(value);
  await page.getByRole('button', { name: '核验' }).click();
  await expect(page).toHaveURL(RECORD_PATH);
  return page.url();
}

/** One character of the signature (or of the id) replaced: the address no longer verifies. */
function tamper(url: string, part: 'id' | 'signature'): string {
  const [base, publicId] = [url.slice(0, url.lastIndexOf('/') + 1), url.slice(url.lastIndexOf('/') + 1)];
  const at = part === 'signature' ? publicId.length - 3 : 5;
  const swapped = publicId[at] === 'A' ? 'B' : 'A';
  return base + publicId.slice(0, at) + swapped + publicId.slice(at + 1);
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('verifies a tenant found through the API, prints the record on A4 and opens it again from the QR code', async ({ page, request, context }) => {
    const tenant = await aLicensedTenant(request);
    const training = tenant.licence.scope.split(/[；、（）()，,]/)[0]!;
    const url = await verifyInBrowser(page, {
      tenant: tenant.creditCode.toLowerCase(),
      address: typedAddress(tenant.licence.address),
      leaseStart: tenant.today,
      leaseEnd: addDays(tenant.today, 60),
      training,
    });

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('租户资质核验记录');
    await expect(page.locator('[data-verdict]')).toContainText('核验结论');
    await expect(page.getByText(tenant.name).first()).toBeVisible();
    for (const code of ['exists', 'licence', 'address', 'training', 'blacklist']) {
      await expect(page.locator(`[data-check="${code}"] .tag`).first(), code).toHaveText('通过');
    }
    await expect(page.locator('[data-check="address"]')).toContainText('一致');
    await expect(page.locator('[data-check="blacklist"]')).toContainText('白名单');
    await expect(page.getByRole('link', { name: /举报这个租户的问题/ })).toHaveAttribute('href', `/complaints/new?institution=${tenant.creditCode}&filer=landlord`);
    // Fresh record: nothing has changed between then and now.
    await expect(page.locator('.then-now tr.changed')).toHaveCount(0);

    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length, 'the PDF carries the record, its fonts and the QR code').toBeGreaterThan(30_000);
    const pages = Number(/\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1]);
    expect(pages, 'a record fits on one A4 sheet').toBe(1);

    const qr = page.locator('[data-record-url]');
    const encoded = await qr.getAttribute('data-record-url');
    expect(encoded).toBe(url);
    await expect(qr.getByRole('img')).toHaveAttribute('aria-label', `二维码：${url}`);
    await expect(qr.locator('svg path').first()).toBeAttached();
    const again = await context.newPage();
    await again.goto(encoded!);
    await expect(again.getByRole('heading', { level: 1 })).toHaveText('租户资质核验记录');
    await expect(again.locator('.record-id')).toHaveText(url.slice(url.lastIndexOf('/') + 1));
  });

  test('shows each problem twice, in form order, keeping what was typed', async ({ page }) => {
    await page.goto('/verify');
    await page.locator('#tenant').fill('91310107MA1G0ABC1X');
    await page.locator('#leaseStart').fill('2026-09-01');
    await page.locator('#leaseEnd').fill('2026-08-31');
    await page.getByRole('button', { name: '核验' }).click();
    const expected = [
      VERIFICATION_FORM_CASES.find((c) => c.why === 'a wrong check character')!.errors[0]!,
      VERIFICATION_FORM_CASES.find((c) => c.why === 'nothing filled in')!.errors[1]!,
      VERIFICATION_FORM_CASES.find((c) => c.why === 'lease ends before it starts')!.errors[0]!,
    ];
    const summary = page.getByRole('alert');
    await expect(summary.getByRole('link')).toHaveText(expected.map((e) => e.message));
    for (const e of expected) {
      await expect(summary.getByRole('link', { name: e.message })).toHaveAttribute('href', `#${e.field}`);
      await expect(page.locator(`#${e.field}-error`)).toContainText(e.message);
      await expect(page.locator(`#${e.field}`)).toHaveAttribute('aria-invalid', 'true');
    }
    await expect(page.locator('#tenant')).toHaveValue('91310107MA1G0ABC1X');
  });

  test('refuses a form past the size limit with 413 and says why, on the same page', async ({ page }) => {
    await page.goto('/verify');
    await page.locator('#tenant').fill('91310107MA1G000001');
    // 17,000 characters: past the 16 KB a verification may send (src/server/verification/verify-tenant.ts).
    await page.locator('#address').fill('a'.repeat(17_000));
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/verify'),
      page.getByRole('button', { name: '核验' }).click(),
    ]);
    expect(answer.status()).toBe(413);
    await expect(page.getByRole('alert')).toContainText('提交的内容超过了 16KB，无法核验。');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('房东核验租户资质');
  });
});

test('an address that cannot be read still gets a verdict on the other checks', async ({ page, request }) => {
  const tenant = await aLicensedTenant(request);
  await verifyInBrowser(page, { tenant: tenant.creditCode, address: '就在地铁站旁边' });
  await expect(page.locator('[data-check="address"] .tag').first()).toHaveText('无法核对');
  await expect(page.locator('[data-check="exists"] .tag').first()).toHaveText('通过');
  await expect(page.locator('[data-verdict]')).toContainText('需要注意');
});

test('a tampered or made-up record address is refused as not genuine', async ({ page, request }) => {
  const tenant = await aLicensedTenant(request);
  const res = await request.post('/api/verifications', { data: { tenant: tenant.creditCode, address: tenant.licence.address } });
  const { url } = (await res.json()) as { url: string };
  const origin = new URL(url).origin;
  for (const forged of [tamper(url, 'signature'), tamper(url, 'id'), url.replace(/\.[^.]+$/, ''), `${origin}/verify/not-a-record`, `${origin}/verify/%25`]) {
    const response = await page.goto(forged);
    expect(response?.status(), forged).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('无法确认这份核验记录是真实的');
  }
  expect((await page.goto(url))?.status()).toBe(200);
});

test.describe('POST /api/verifications', () => {
  test('returns the verdict, each check and the signed record id, which opens the same record', async ({ page, request }) => {
    const tenant = await aLicensedTenant(request);
    const res = await request.post('/api/verifications', {
      data: { tenant: tenant.licence.number, address: tenant.licence.address, leaseEnd: addDays(tenant.licence.expiresOn, 30) },
    });
    expect(res.status()).toBe(201);
    const body = (await res.json()) as { id: string; url: string; verdict: string; checks: { code: string; outcome: string; message: string }[]; institution: { creditCode: string } };
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{16}$/);
    expect(body.url.endsWith(`/verify/${body.id}`)).toBe(true);
    expect(body.institution.creditCode).toBe(tenant.creditCode);
    // The lease runs past the licence: a warning that names the expiry date.
    const licence = body.checks.find((c) => c.code === 'licence')!;
    expect(licence.outcome).toBe('warning');
    const [y, m, d] = tenant.licence.expiresOn.split('-').map(Number);
    expect(licence.message).toContain(`${y}年${m}月${d}日到期`);
    expect(body.verdict).not.toBe('pass');
    await page.goto(body.url);
    await expect(page.locator('[data-verdict]')).toHaveAttribute('data-verdict', body.verdict);
    await expect(page.locator('[data-check="licence"]')).toContainText(licence.message);
  });

  test('explains bad input field by field, and never answers 500', async ({ request }) => {
    const bad = await request.post('/api/verifications', { data: { tenant: '91310107MA1G0ABC1', address: '', leaseStart: '2026-09-01', leaseEnd: '2026-01-01' } });
    expect(bad.status()).toBe(400);
    const { errors } = (await bad.json()) as { errors: { field: string; message: string }[] };
    expect(errors).toEqual([
      { field: 'tenant', message: '统一社会信用代码应为18位，您输入的是17位。' },
      { field: 'address', message: '请填写出租场所的地址，例如“金沙江路1000弄5号301室”。' },
      { field: 'leaseEnd', message: '租期结束日期（2026年1月1日）早于开始日期（2026年9月1日），请检查。' },
    ]);
    const notJson = await request.post('/api/verifications', { headers: { 'content-type': 'application/json' }, data: '{"tenant":' });
    expect(notJson.status()).toBe(400);
    const wrongType = await request.post('/api/verifications', { headers: { 'content-type': 'text/plain', origin: new URL(bad.url()).origin }, data: 'tenant=x' });
    expect(wrongType.status()).toBe(415);
    const array = await request.post('/api/verifications', { data: [1, 2, 3] });
    expect(array.status()).toBe(400);
  });
});

test.describe('accessibility', () => {
  test('axe: the empty form', async ({ page }) => {
    await page.goto('/verify');
    await expectNoViolations(page);
  });

  test('axe: the form with errors', async ({ page }) => {
    await page.goto('/verify');
    await page.getByRole('button', { name: '核验' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoViolations(page);
  });

  test('axe: a record page', async ({ page, request }) => {
    const tenant = await aLicensedTenant(request);
    await verifyInBrowser(page, { tenant: tenant.creditCode, address: '金沙江路1000弄5号301室', training: '钢琴' });
    await expectNoViolations(page);
  });
});

test.describe('on a 360px phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('no page of the check scrolls sideways', async ({ page, request }) => {
    await page.goto('/verify');
    await expectNoSidewaysScroll(page);
    await page.getByRole('button', { name: '核验' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoSidewaysScroll(page);
    const tenant = await aLicensedTenant(request);
    await verifyInBrowser(page, { tenant: tenant.creditCode, address: tenant.licence.address, training: tenant.licence.scope });
    await expectNoSidewaysScroll(page);
  });
});
