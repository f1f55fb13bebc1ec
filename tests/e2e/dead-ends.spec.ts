/**
 * Ways forward from every dead end (issue 16, item 7): an empty search suggests other ways to type
 * the name, says what "not found" may mean and links 举报无证办学 (the complaint form with
 * 机构不在名录中 ticked and the name kept), with and without JavaScript; /verify finds a tenant by
 * name, lists namesakes to pick from (a plain form) and completes the check with the one picked;
 * the record's print button exists only with JavaScript and prints. axe at 390 and 1280 px.
 */
import { expect, test, type APIRequestContext, type Page } from './support/test';
import { listInstitutions, type InstitutionSummary } from './support/api';
import { expectNoViolations } from './support/axe';
import { expectNoSidewaysScroll } from './support/reflow';
import { distinctivePart, emptySearchSuggestions } from '../../src/domain/registry/empty-search';

const RECORD_PATH = /\/verify\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{16}$/;
const WIDTHS = [390, 1280] as const;
/** At most this many namesakes are listed (src/domain/verification/tenant-search.ts TENANT_CHOICES). */
const CHOICES = 10;

/** A name nobody in the registry has, as a parent might type it from a leaflet. */
async function anUnknownName(request: APIRequestContext): Promise<string> {
  for (const name of ['上海市普陀区鹭鸶湾小提琴培训学校', '普陀区鹭鸶湾钢琴工作室', '鹭鸶湾葫芦丝培训中心']) {
    if ((await listInstitutions(request, { q: name })).total === 0) return name;
  }
  throw new Error('every made-up name is in the e2e data set');
}

/** Part of a name that a few institutions (2 to CHOICES) share, and one of them. */
async function namesakes(request: APIRequestContext): Promise<{ q: string; total: number; target: InstitutionSummary }> {
  for (const page of ['1', '2']) {
    const { items } = await listInstitutions(request, { sort: 'newest', page });
    for (const inst of items) {
      const core = distinctivePart(inst.name);
      if (!core) continue;
      for (const q of [core.slice(0, 3), core.slice(0, 2)]) {
        const found = await listInstitutions(request, { q });
        if (found.total >= 2 && found.total <= CHOICES && found.items.some((i) => i.creditCode === inst.creditCode)) return { q, total: found.total, target: inst };
      }
    }
  }
  throw new Error('no name part shared by a few institutions in the e2e data set');
}

async function searchFor(page: Page, q: string) {
  await page.goto(`/institutions?${new URLSearchParams({ q })}`);
  await expect(page.getByTestId('no-results')).toBeVisible();
}

for (const javaScriptEnabled of [false, true]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test('an empty search suggests other queries and leads to reporting the institution, name kept', async ({ page, request }) => {
      const name = await anUnknownName(request);
      await searchFor(page, name);
      const box = page.getByTestId('no-results');
      await expect(page.locator('#results-count')).toContainText(`“${name}”共找到 0 家机构`);
      const expected = emptySearchSuggestions(name);
      expect(expected.map((s) => s.kind)).toEqual(['shorter', 'pinyin', 'initials']);
      for (const s of expected) {
        await expect(box.getByRole('link', { name: s.q, exact: true })).toHaveAttribute('href', `/institutions?q=${s.q.replace(/[^\x00-\x7f]/g, encodeURIComponent)}`);
      }
      await expect(box).toContainText('无证办学');
      await expect(box).toContainText('别的名称');

      await box.getByRole('link', { name: '举报无证办学' }).click();
      await expect(page).toHaveURL(/\/complaints\/new\?unlisted=1&name=.+&category=unlicensed$/);
      await expect(page.locator('#notListed')).toBeChecked();
      await expect(page.locator('#institutionName')).toBeVisible();
      await expect(page.locator('#institutionName')).toHaveValue(name);
      await expect(page.locator('input[name="category"][value="unlicensed"]')).toBeChecked();
      await expect(page.locator('#creditCode')).toHaveValue('');
    });

    test('a suggestion searches again; with filters, dropping them is offered', async ({ page, request }) => {
      const { q } = await namesakes(request);
      // A street and a list that together hold none of them.
      await page.goto(`/institutions?${new URLSearchParams({ q: `${q}鹭鸶湾`, street: 'taopu', status: 'black' })}`);
      const box = page.getByTestId('no-results');
      await expect(box.getByRole('link', { name: `不加筛选，只查“${q}鹭鸶湾”` })).toHaveAttribute('href', `/institutions?q=${encodeURIComponent(`${q}鹭鸶湾`)}`);
      const shorter = emptySearchSuggestions(`${q}鹭鸶湾`).find((s) => s.kind === 'shorter');
      if (shorter) {
        await box.getByRole('link', { name: shorter.q, exact: true }).click();
        await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(shorter.q)}$`));
      }
    });

    test('/verify finds a tenant by name, lists the namesakes and verifies the one picked', async ({ page, request }) => {
      const { q, total, target } = await namesakes(request);
      await page.goto('/verify');
      await page.locator('#tenant').fill(q);
      await page.locator('#address').fill('金沙江路1000弄5号301室');
      await page.locator('#training').fill('少儿英语');
      await page.getByRole('button', { name: '核验', exact: true }).click();

      await expect(page).toHaveURL(/\/verify$/);
      await expect(page.getByRole('heading', { name: '找到多家机构，请选择您的租户' })).toBeVisible();
      const choices = page.locator('.tenant-choices input[type="radio"][name="tenant"]');
      await expect(choices).toHaveCount(total);
      const row = page.locator('.choice-list li', { has: page.locator(`input[value="${target.creditCode}"]`) });
      await expect(row).toContainText(target.name);
      await expect(row).toContainText(target.streetName);
      // What was typed is still in the form below, to change it.
      await expect(page.locator('#tenant')).toHaveValue(q);

      await row.locator('input[type="radio"]').check();
      await page.getByRole('button', { name: '核验所选机构' }).click();
      await expect(page).toHaveURL(RECORD_PATH);
      await expect(page.getByText(target.name).first()).toBeVisible();
      await expect(page.locator('.facts').first()).toContainText(target.creditCode);
      await expect(page.locator('dd', { hasText: '少儿英语' })).toBeVisible();
    });

    test('/verify says when no institution has the name, and offers the same way forward', async ({ page, request }) => {
      const name = await anUnknownName(request);
      await page.goto('/verify');
      await page.locator('#tenant').fill(name);
      await page.locator('#address').fill('金沙江路1000弄5号301室');
      await page.getByRole('button', { name: '核验', exact: true }).click();
      await expect(page.locator('.error-summary')).toContainText(`名录中没有名称或地址含有“${name}”的机构`);
      const report = page.getByRole('link', { name: '举报无证办学' });
      await report.click();
      await expect(page.locator('#notListed')).toBeChecked();
      await expect(page.locator('#institutionName')).toHaveValue(name);
      await expect(page.locator('input[name="filerRole"][value="landlord"]')).toBeChecked();
    });
  });
}

test('the JSON API answers several namesakes with 409 and the candidates', async ({ request }) => {
  const { q, total, target } = await namesakes(request);
  const res = await request.post('/api/verifications', { data: { tenant: q, address: '金沙江路1000弄5号301室' } });
  expect(res.status()).toBe(409);
  const body = (await res.json()) as { error: string; candidates: { creditCode: string; name: string; street: string; licenceState: string; listStatus: string }[] };
  expect(body.error).toBe('tenant_ambiguous');
  expect(body.candidates).toHaveLength(total);
  expect(body.candidates.find((c) => c.creditCode === target.creditCode)).toMatchObject({ name: target.name, street: target.street });
  const again = await request.post('/api/verifications', { data: { tenant: target.creditCode, address: '金沙江路1000弄5号301室' } });
  expect(again.status()).toBe(201);
});

async function aRecord(page: Page, request: APIRequestContext): Promise<string> {
  const { items } = await listInstitutions(request, { licence: 'valid', operating: 'operating', sort: 'name' });
  const res = await request.post('/api/verifications', { data: { tenant: items[0]!.creditCode, address: '金沙江路1000弄5号301室' } });
  expect(res.status()).toBe(201);
  return new URL(((await res.json()) as { url: string }).url).pathname;
}

test.describe('the record prints', () => {
  test('with JavaScript: a print button that calls print()', async ({ page, request }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { printed: number };
      w.printed = 0;
      window.print = () => {
        w.printed += 1;
      };
    });
    await page.goto(await aRecord(page, request));
    const button = page.getByRole('button', { name: '打印核验记录' });
    await expect(button).toBeVisible();
    await button.click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await expect(page.locator('main')).not.toContainText('Ctrl');
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('no dead button, and a sentence that works on a phone', async ({ page, request }) => {
      await page.goto(await aRecord(page, request));
      await expect(page.getByText('用浏览器的打印功能打印本页')).toBeVisible();
      await expect(page.getByRole('button', { name: '打印核验记录' })).toHaveCount(0);
      await expect(page.locator('main')).not.toContainText('Ctrl');
    });
  });
});

for (const width of WIDTHS) {
  test(`axe finds nothing on the dead-end pages at ${width}px`, async ({ page, request }) => {
    await page.setViewportSize({ width, height: 900 });
    await searchFor(page, await anUnknownName(request));
    await expectNoViolations(page);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: test.info().outputPath(`no-results-${width}.png`), fullPage: true });
    await page.getByRole('link', { name: '举报无证办学' }).click();
    await expect(page.locator('#institutionName')).toBeVisible();
    await expectNoViolations(page);
    await page.screenshot({ path: test.info().outputPath(`complaint-unlisted-${width}.png`), fullPage: false });

    const { q } = await namesakes(request);
    await page.goto('/verify');
    await page.locator('#tenant').fill(q);
    await page.locator('#address').fill('金沙江路1000弄5号301室');
    await page.getByRole('button', { name: '核验', exact: true }).click();
    await expect(page.locator('.tenant-choices')).toBeVisible();
    await expectNoViolations(page);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: test.info().outputPath(`verify-choose-${width}.png`), fullPage: true });

    await page.goto(await aRecord(page, request));
    await expect(page.getByRole('button', { name: '打印核验记录' })).toBeVisible();
    await expectNoViolations(page);
    await page.screenshot({ path: test.info().outputPath(`record-${width}.png`), fullPage: true });
  });
}
