/**
 * Departments publish in the browser, against the front server (src/server/http/front.mjs)
 * and its page cache: an inspection recorded by one handler and approved by a second (four eyes;
 * the recorder is neither offered the buttons nor allowed by a crafted post); a blacklisting that
 * the profile, /lists and the Atom feed show at once although each was cached just before; a
 * double-random draw published with its seed; a department refused outside its remit; a risk
 * warning drafted, previewed, published and withdrawn; a model contract file replaced; axe and a
 * 360px screen on the new pages.
 *
 * Institutions are chosen from the end of the name-sorted lists, so the other specs (which take
 * the first ones) never see them change.
 */
import { expect, test, type APIRequestContext, type Page } from './support/test';
import { todayInShanghai } from '../../src/domain/shared/dates';
import { listInstitutions, type InstitutionSummary } from './support/api';
import { expectNoViolations } from './support/axe';
import { expectNoSidewaysScroll } from './support/reflow';
import { signIn } from './support/staff-cases';

const TODAY = todayInShanghai();
/** Makes the texts of this run unique, so a rerun against the same server finds its own. */
const RUN = Date.now().toString(36).slice(-5);

/** The n-th last operating 文化教育 institution on no list (区教育局 may inspect it and decide its lists). */
async function anEducationInstitution(request: APIRequestContext, n: number): Promise<InstitutionSummary> {
  const { items } = await listInstitutions(request, { field: 'culture_edu', status: 'none', operating: 'operating', sort: 'name' });
  expect(items.length, 'the e2e data set should hold unlisted 文化教育 institutions').toBeGreaterThan(n + 5);
  return items[items.length - 1 - n]!;
}

/** A same-origin form post from a signed-in page, as a crafted request would send it. */
function craftedPost(page: Page, path: string, form: Record<string, string>) {
  return page.request.post(path, { form, headers: { Origin: new URL(page.url()).origin }, maxRedirects: 0 });
}

/** The id at the end of the page's address (/staff/publish/inspections/12 gives 12). */
const idInUrl = (page: Page) => Number(new URL(page.url()).pathname.split('/').pop());

test('an inspection is published only when a second person of the department approves it; the recorder cannot', async ({ browser, baseURL, page, request }) => {
  const inst = await anEducationInstitution(request, 0);
  const findings = `消防通道畅通，课程表与公示一致（${RUN}）。`;
  const recorder = await signIn(browser, baseURL!, 'edu-handler');

  let id = 0;
  await test.step('edu-handler records it from the institution’s credit code', async () => {
    await recorder.goto('/staff/publish');
    await recorder.getByRole('navigation', { name: '发布操作' }).getByRole('link', { name: '录入检查结果' }).click();
    await recorder.getByLabel('机构的统一社会信用代码').fill(inst.creditCode);
    await recorder.getByRole('button', { name: '查找机构' }).click();
    await expect(recorder.locator('.chosen')).toContainText(inst.name);
    const inspectors = recorder.locator('input[name="inspectors"]');
    await inspectors.nth(0).check();
    await inspectors.nth(1).check();
    await recorder.getByLabel('场所安全').check();
    await recorder.getByLabel('培训项目内容').check();
    await recorder.getByLabel('检查发现').fill(findings);
    await recorder.getByLabel('合格', { exact: true }).check();
    await recorder.getByRole('button', { name: '提交审核' }).click();
    await expect(recorder).toHaveURL(/\/staff\/publish\/inspections\/\d+$/);
    await expect(recorder.getByRole('status')).toContainText('等待本部门另一名工作人员审核');
    id = idInUrl(recorder);
  });

  await test.step('the recorder is not offered the buttons, and a crafted approval is refused; nothing changes', async () => {
    await expect(recorder.locator('#own-record')).toContainText('您不能审核自己录入的检查结果');
    await expect(recorder.getByRole('button', { name: '批准公开' })).toHaveCount(0);
    await recorder.goto('/staff/publish');
    await expect(recorder.locator('.work-item', { hasText: `第 ${id} 号检查记录` }).getByRole('button', { name: '批准公开' })).toHaveCount(0);
    const res = await craftedPost(recorder, `/staff/publish/inspections/${id}`, { intent: 'review', decision: 'approve' });
    expect(res.status()).toBe(409);
    expect(await res.text()).toContain('录入人不能审核自己录入的检查结果，请由本部门另一名工作人员审核。');
    await page.goto(`/institutions/${inst.creditCode}`);
    await expect(page.getByRole('main')).not.toContainText(findings);
  });

  await test.step('edu-reviewer approves it; the public profile shows it at once', async () => {
    const reviewer = await signIn(browser, baseURL!, 'edu-reviewer');
    await reviewer.goto('/staff/publish');
    await expect(reviewer.getByRole('heading', { name: /^待我审核（\d+）$/ }).first()).toBeVisible();
    await reviewer.goto(`/staff/publish/inspections/${id}`);
    await expect(reviewer.locator('.facts')).toContainText('已提交，等待审核');
    await reviewer.getByLabel('审核意见').fill('材料齐全，同意公开。');
    await reviewer.getByRole('button', { name: '批准公开' }).click();
    await expect(reviewer).toHaveURL(new RegExp(`/staff/publish/inspections/${id}$`));
    await expect(reviewer.getByRole('status')).toHaveText('检查结果已公开，机构公示页面即时更新。');
    await expect(reviewer.locator('.facts')).toContainText('林晓燕');
    await page.goto(`/institutions/${inst.creditCode}`);
    await expect(page.locator('#inspections').locator('..')).toContainText(findings, { timeout: 1000 });
    await reviewer.context().close();
  });
  await recorder.context().close();
});

test('a blacklisting approved by the second person reaches the cached profile, /lists and the feed at once', async ({ browser, baseURL, page, request }) => {
  const inst = await anEducationInstitution(request, 1);
  const reason = `无证开展学科类培训，经查属实，拒不整改（${RUN}）`;
  // Each public page is loaded once first, so the front server holds a copy for 60 seconds.
  await page.goto(`/institutions/${inst.creditCode}`);
  await expect(page.getByRole('region', { name: '该机构已被列入黑名单' })).toHaveCount(0);
  await page.goto('/lists');
  await expect(page.getByRole('main')).not.toContainText(reason);
  expect(await (await request.get('/warnings.atom')).text()).not.toContain(reason);

  const proposer = await signIn(browser, baseURL!, 'edu-handler');
  await proposer.goto(`/staff/publish/lists/new?code=${inst.creditCode}`);
  await proposer.getByLabel('黑名单', { exact: true }).check();
  await proposer.getByLabel('理由').fill(reason);
  await proposer.getByLabel('依据').fill('《上海市促进民办教育发展条例》');
  await expect(proposer.getByLabel('生效日期')).toHaveValue(TODAY);
  await proposer.getByRole('button', { name: '提交审核' }).click();
  await expect(proposer).toHaveURL(/\/staff\/publish\/lists\/\d+$/);
  await expect(proposer.getByRole('status')).toContainText('等待本部门另一名工作人员审核');
  const id = idInUrl(proposer);
  await expect(proposer.getByRole('button', { name: '批准生效' })).toHaveCount(0);
  const own = await craftedPost(proposer, `/staff/publish/lists/${id}`, { intent: 'review', decision: 'approve' });
  expect(own.status()).toBe(409);
  expect(await own.text()).toContain('提出人不能审核自己提出的名单决定');

  // The second person approves it from the overview's list of proposals waiting for them.
  const reviewer = await signIn(browser, baseURL!, 'edu-reviewer');
  await reviewer.goto('/staff/publish');
  const item = reviewer.locator('.work-item', { hasText: `第 ${id} 号名单决定建议` });
  await expect(item).toContainText(inst.name);
  await item.getByRole('button', { name: '批准生效' }).click();
  await expect(reviewer).toHaveURL(/\/staff\/publish$/);
  await expect(reviewer.getByRole('status')).toHaveText('名单决定已生效并公开。');
  await reviewer.goto(`/staff/publish/lists/${id}`);
  await expect(reviewer.locator('.facts')).toContainText('已批准生效');

  // No waiting: the first load after the approval already shows it.
  await page.goto(`/institutions/${inst.creditCode}`);
  const banner = page.getByRole('region', { name: '该机构已被列入黑名单' });
  await expect(banner).toContainText(reason, { timeout: 1000 });
  await page.goto('/lists');
  // Newest placement first: today's decision is on the first page of the list cards.
  await expect(page.locator('ol.list-cards')).toContainText(inst.name, { timeout: 1000 });
  const feed = await (await request.get('/warnings.atom')).text();
  expect(feed).toContain(inst.name);
  expect(feed).toContain(`/institutions/${inst.creditCode}`);
  await proposer.context().close();
  await reviewer.context().close();
});

test('a double-random draw is published with its seed and result, and drafts the inspections to complete', async ({ browser, baseURL, page }) => {
  const staff = await signIn(browser, baseURL!, 'edu-handler');
  await page.goto('/draws');
  await staff.goto('/staff/publish');
  const toComplete = async () => Number((/（(\d+)）/.exec((await staff.getByRole('heading', { name: /^待录入结果/ }).textContent()) ?? '') ?? [0, 0])[1]);
  const before = await toComplete();
  await staff.goto('/staff/publish/draws/new');
  await staff.getByLabel('抽取数量（家）').fill('3');
  await staff.getByLabel('文化教育').check();
  await staff.getByRole('button', { name: '抽取并公开' }).click();
  await expect(staff).toHaveURL(/\/draws\/\d+$/);
  const id = idInUrl(staff);
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText(`第 ${id} 号“双随机”抽查`);
  await expect(staff.locator('.facts')).toContainText('区教育局');
  await expect(staff.locator('.facts code').first()).toHaveText(/^[0-9a-f]{32}$/);
  await expect(staff.locator('table tbody tr')).toHaveCount(3);
  // Two inspectors of 区教育局's pool for each institution.
  for (const row of await staff.locator('table tbody tr').all()) await expect(row.locator('td').nth(2)).toHaveText(/（JY-\d{4}）、.+（JY-\d{4}）/);
  // The list of draws was cached before; it shows the new one at once.
  await page.goto('/draws');
  await expect(page.getByRole('link', { name: `第 ${id} 号抽查` })).toBeVisible();
  await staff.goto('/staff/publish');
  expect(await toComplete()).toBe(before + 3);
  await staff.context().close();
});

test('a department cannot decide lists or inspect outside its remit; other roles do not find the pages', async ({ browser, baseURL, request }) => {
  const inst = await anEducationInstitution(request, 2);
  const fire = await signIn(browser, baseURL!, 'fire-handler');
  await fire.goto(`/staff/publish/lists/new?code=${inst.creditCode}`);
  await expect(fire.locator('#remit-note')).toHaveText('黑白名单由机构的行业主管部门或登记机关决定，本部门不能就该机构提出名单决定。');
  await expect(fire.getByRole('button', { name: '提交审核' })).toHaveCount(0);
  const res = await craftedPost(fire, '/staff/publish/lists/new', { creditCode: inst.creditCode, kind: 'add', list: 'black', reason: '消防隐患', legalBasis: '《消防法》', effectiveOn: TODAY });
  expect(res.status()).toBe(409);
  expect(await res.text()).toContain('黑白名单由机构的行业主管部门或登记机关决定');
  // Fire inspects premises safety only, and a crafted post for more is refused.
  await fire.goto(`/staff/publish/inspections/new?code=${inst.creditCode}`);
  await expect(fire.locator('input[name="checkedItems"]')).toHaveCount(1);
  await expect(fire.getByLabel('场所安全')).toBeVisible();
  const more = await craftedPost(fire, '/staff/publish/inspections/new', {
    creditCode: inst.creditCode, inspectedOn: TODAY, kind: 'special', inspectors: '顾建军、邵立强', checkedItems: 'programmes', findings: '检查课程内容', result: 'pass',
  });
  expect(more.status()).toBe(409);
  expect(await more.text()).toContain('本部门对该机构的检查职责不包括：培训项目内容。');
  await fire.context().close();

  const dispatcher = await signIn(browser, baseURL!, 'dispatcher');
  for (const path of ['/staff/publish', '/staff/publish/inspections/new', '/staff/publish/draws/new', '/staff/publish/contracts']) {
    expect((await dispatcher.goto(path))!.status(), path).toBe(404);
  }
  await dispatcher.context().close();
  // Contracts are issued by 区教育局 and 区市场监管局 only.
  const culture = await signIn(browser, baseURL!, 'culture-handler');
  expect((await culture.goto('/staff/publish/contracts'))!.status()).toBe(404);
  await culture.context().close();
});

test('a risk warning is drafted, previewed as the public will see it, published to /warnings and the feed, and withdrawn', async ({ browser, baseURL, page, request }) => {
  const inst = await anEducationInstitution(request, 3);
  const title = `警惕“包过班”虚假宣传 ${RUN}`;
  await page.goto('/warnings');
  await expect(page.getByRole('main')).not.toContainText(title);

  const staff = await signIn(browser, baseURL!, 'edu-handler');
  await staff.goto('/staff/publish/warnings/new');
  await staff.getByLabel('标题').fill(title);
  await staff.getByLabel('严重警示').check();
  await staff.getByLabel('正文').fill('近期有机构宣称“不过全额退费”。\n\n请家长核实机构资质，保留缴费凭证。');
  await staff.getByLabel('涉及的机构').fill(inst.creditCode);
  await staff.getByRole('button', { name: '保存草稿并预览' }).click();
  await expect(staff).toHaveURL(/\/staff\/publish\/warnings\/\d+$/);
  const preview = staff.locator('.preview article');
  await expect(preview.getByRole('heading', { name: title })).toBeVisible();
  await expect(preview.locator('.tag')).toHaveText('严重警示');
  await expect(preview.locator('p')).toContainText(['近期有机构宣称“不过全额退费”。', '请家长核实机构资质，保留缴费凭证。']);
  await expect(preview.getByRole('link', { name: inst.name })).toHaveAttribute('href', `/institutions/${inst.creditCode}`);
  // Not public yet.
  await page.goto('/warnings');
  await expect(page.getByRole('main')).not.toContainText(title);

  await staff.getByRole('button', { name: '发布', exact: true }).click();
  await expect(staff.getByRole('status')).toHaveText('风险警示已发布。');
  await page.goto('/warnings');
  const published = page.locator('article', { hasText: title });
  await expect(published).toBeVisible();
  // The preview was the public rendering: same severity, paragraphs and links.
  await expect(published.locator('.tag')).toHaveText('严重警示');
  await expect(published.getByRole('link', { name: inst.name })).toBeVisible();
  expect(await (await request.get('/warnings.atom')).text()).toContain(title);

  await staff.getByRole('button', { name: '撤回这条警示' }).click();
  await expect(staff.getByRole('status')).toHaveText('风险警示已撤回，公众页面不再显示。');
  await page.goto('/warnings');
  await expect(page.getByRole('main')).not.toContainText(title);
  expect(await (await request.get('/warnings.atom')).text()).not.toContain(title);
  await staff.context().close();
});

test('a model contract file is replaced with a real PDF and served from the database; a renamed text file is refused', async ({ browser, baseURL, page, request }) => {
  const staff = await signIn(browser, baseURL!, 'market-handler');
  await staff.goto('/staff/publish/contracts');
  await staff.getByRole('link', { name: '更新文件和要点' }).first().click();
  const code = decodeURIComponent(new URL(staff.url()).pathname.split('/').pop()!);

  await staff.getByLabel('合同文件', { exact: true }).setInputFiles({ name: '假合同.pdf', mimeType: 'application/pdf', buffer: Buffer.from('这不是 PDF 文件') });
  await staff.getByRole('button', { name: '上传' }).click();
  await expect(staff.getByRole('alert')).toContainText('文件内容不是 PDF 格式');
  await expect(staff.locator('#file-error')).toContainText('文件内容不是 PDF 格式');

  const pdf = Buffer.from(`%PDF-1.4\n% 示范合同 ${RUN}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
  await staff.getByLabel('合同文件', { exact: true }).setInputFiles({ name: `培训服务合同（${RUN}）.pdf`, mimeType: 'application/pdf', buffer: pdf });
  await staff.getByRole('button', { name: '上传' }).click();
  await expect(staff.getByRole('status')).toContainText(`已上传“培训服务合同（${RUN}）.pdf”`);

  await page.goto('/contracts');
  // Beside the full text's own PDF and text downloads, the uploaded file, named with its size.
  const link = page.locator(`#contract-${code}`).getByRole('link', { name: /（PDF，\d+ KB）/ });
  await expect(link).toHaveAttribute('href', `/contracts/${code}/download`);
  const file = await request.get(`/contracts/${code}/download`);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toBe('application/pdf');
  expect(file.headers()['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`培训服务合同（${RUN}）.pdf`)}`);
  expect(Buffer.compare(await file.body(), pdf)).toBe(0);
  await staff.context().close();
});

test('axe and a 360px screen: the publish overview, a form with errors, the draw pages and open data', async ({ browser, baseURL, request }) => {
  test.setTimeout(60_000);
  const inst = await anEducationInstitution(request, 4);
  const staff = await signIn(browser, baseURL!, 'edu-reviewer');
  await staff.goto('/staff/publish');
  await expectNoViolations(staff);

  await staff.goto(`/staff/publish/inspections/new?code=${inst.creditCode}`);
  await staff.getByLabel('检查日期').fill('');
  await staff.getByRole('button', { name: '提交审核' }).click();
  const summary = staff.getByRole('alert');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText(['请填写检查日期（年-月-日）。', '请填写至少两名检查人员，用顿号分隔。', '请至少选择一项检查内容。', '请填写检查发现。', '请选择检查结果。']);
  await expect(staff.locator('#findings')).toHaveAttribute('aria-invalid', 'true');
  await expect(staff.locator('#findings-error')).toHaveText('错误：请填写检查发现。');
  await expectNoViolations(staff);

  const draws = await listDraws(request, staff);
  for (const path of ['/draws', `/draws/${draws[0]}`, '/open-data']) {
    await staff.goto(path);
    await expectNoViolations(staff);
  }
  await staff.context().close();

  const phone = await signIn(browser, baseURL!, 'edu-handler', { width: 360 });
  for (const path of ['/staff/publish', `/staff/publish/inspections/new?code=${inst.creditCode}`, '/staff/publish/draws/new', `/staff/publish/lists/new?code=${inst.creditCode}`, '/staff/publish/warnings/new', '/draws', `/draws/${draws[0]}`]) {
    await phone.goto(path);
    await expectNoSidewaysScroll(phone);
  }
  await phone.goto(`/staff/publish/inspections/new?code=${inst.creditCode}`);
  await phone.getByRole('button', { name: '提交审核' }).click();
  await expect(phone.getByRole('alert')).toBeVisible();
  await expectNoSidewaysScroll(phone);
  await phone.context().close();
});

/** Ids of the published draws, newest first; `staff` makes one first when there is none. */
async function listDraws(request: APIRequestContext, staff: Page): Promise<number[]> {
  const ids = async () => [...(await (await request.get('/draws')).text()).matchAll(/href="\/draws\/(\d+)"/g)].map((m) => Number(m[1]));
  if ((await ids()).length === 0) {
    await staff.goto('/staff/publish/draws/new');
    await staff.getByLabel('抽取数量（家）').fill('1');
    await staff.getByRole('button', { name: '抽取并公开' }).click();
    await expect(staff).toHaveURL(/\/draws\/\d+$/);
  }
  return ids();
}
