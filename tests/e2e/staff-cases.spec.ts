/**
 * The case workflow in the browser, without JavaScript as staff and the public use it:
 * the whole path of one complaint from the public form through dispatch, a return, a second
 * dispatch, acceptance, an assisting department's part, a reply from a template and closing, to
 * what the public tracking page then shows; object-level access by address, API and form post;
 * a refused and an invalid action; axe on the queue and the case page; no sideways scrolling on a
 * phone; bad input to the staff API.
 *
 * Complaints for the access and error tests come in through the 12345 channel (Open311), so this
 * file files only one complaint through the web form (10 an hour per address).
 */
import { expect, test, type APIRequestContext, type Page } from './support/test';
import { DEMO_STAFF } from '../../db/seed/staff';
import { CATEGORIES } from '../../src/domain/complaints/complaint-categories';
import { todayInShanghai } from '../../src/domain/shared/dates';
import { listInstitutions, type InstitutionSummary } from './support/api';
import { expectNoViolations } from './support/axe';
import { answerQuestion, receiptOn, submitComplaint } from './support/complaint-form';
import { expectNoSidewaysScroll } from './support/reflow';
import { expectDone, fileThroughHotline, postToCase, signIn, staffApiPost, submitAction } from './support/staff-cases';

test.use({ javaScriptEnabled: false });

const TODAY = todayInShanghai();
const STAFF_NAMES = DEMO_STAFF.map((s) => s.displayName);

/** An operating institution whose only field is arts: fees complaints go to 区市场监管局 with 区文旅局. */
async function anArtsInstitution(request: APIRequestContext): Promise<InstitutionSummary> {
  const { items } = await listInstitutions(request, { field: 'arts', operating: 'operating', sort: 'name' });
  const inst = items.find((i) => i.fields.length === 1);
  expect(inst, 'the e2e data set should hold an arts-only institution').toBeDefined();
  return inst!;
}

async function anyInstitution(request: APIRequestContext): Promise<InstitutionSummary> {
  const { items } = await listInstitutions(request, { operating: 'operating', sort: 'name' });
  return items[1]!;
}

/** Opens the case from the queue, paging on when other tests' cases came first. */
async function openFromQueue(page: Page, number: string, view = 'todo') {
  await page.goto(`/staff?view=${view}`);
  for (;;) {
    const link = page.getByRole('link', { name: number, exact: true });
    if (await link.count()) {
      await link.click();
      break;
    }
    await page.getByRole('link', { name: '下一页' }).click();
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`投诉 ${number}`);
}

/** The public tracking page for a number and code. */
async function track(page: Page, number: string, code: string) {
  await page.goto('/complaints/track');
  await page.getByLabel('投诉编号').fill(number);
  await page.getByLabel('查询码').fill(code);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`投诉 ${number}`);
}

/** Dispatches a case along its suggested route through the JSON API, as the dispatcher. */
async function dispatchAsSuggested(dispatcher: Page, number: string) {
  const view = (await (await dispatcher.request.get(`/api/staff/cases/${number}`)).json()).case;
  const res = await staffApiPost(dispatcher, `/api/staff/cases/${number}`, { data: { type: 'dispatch', lead: view.suggested.lead, assisting: view.suggested.assisting } });
  expect(res.status(), await res.text()).toBe(200);
  return view.suggested.lead as string;
}

test('the whole path: filed, sent back for information, dispatched, returned, re-dispatched, accepted, assisted, answered, closed; the public page shows it', async ({ page, browser, baseURL, request }) => {
  test.setTimeout(150_000);
  const inst = await anArtsInstitution(request);

  // The public files a complaint about fees.
  await page.goto(`/complaints/new?institution=${inst.creditCode}&filer=parent`);
  await page.getByLabel(CATEGORIES.fees_refund.name).check();
  await page.getByLabel('问题描述').fill('报名时承诺随时可退，现在停课了，要求退还剩余八千元课时费被拒绝。');
  await page.getByLabel('问题发生的日期').fill(TODAY);
  await page.getByLabel('手机号码').fill('13600000401');
  await answerQuestion(page);
  expect((await submitComplaint(page)).status()).toBe(303);
  const { number, code } = await receiptOn(page);

  const dispatcher = await signIn(browser, baseURL!, 'dispatcher');
  await test.step('the dispatcher finds it in the queue with the suggested route, and asks for more information', async () => {
    await dispatcher.goto('/staff');
    await expect(dispatcher.getByRole('link', { name: '待办' })).toHaveAttribute('aria-current', 'page');
    await openFromQueue(dispatcher, number);
    await expect(dispatcher.locator('#dispatch-lead')).toHaveValue('market');
    await expect(dispatcher.locator('input[name="assisting"][value="culture"]')).toBeChecked();
    // No contact details on the case page; a link to them, for the dispatcher.
    await expect(dispatcher.getByRole('link', { name: '查看联系方式' })).toBeVisible();
    expect(await dispatcher.content()).not.toContain('13600000401');
    await dispatcher.locator('#request_info-question').fill('请补充您报名的课程名称和缴费日期。');
    expect((await submitAction(dispatcher, 'request_info', '发送给投诉人')).status()).toBe(303);
    await expectDone(dispatcher, number, '已请投诉人补充信息');
  });

  await test.step('the complainant answers on the tracking page', async () => {
    // axe on the page with the answer form (axe needs JavaScript; the page itself has none).
    const withJs = await (await browser.newContext({ baseURL, javaScriptEnabled: true })).newPage();
    await track(withJs, number, code);
    await expect(withJs.getByRole('button', { name: '提交补充信息' })).toBeVisible();
    await expectNoViolations(withJs);
    await withJs.context().close();

    await track(page, number, code);
    await expect(page.getByText('请补充您报名的课程名称和缴费日期。').first()).toBeVisible();
    await page.getByLabel('需要补充的信息').fill('少儿油画班，2026年3月1日缴费。');
    await page.getByRole('button', { name: '提交补充信息' }).click();
    await expect(page.getByRole('status')).toHaveText('已收到您补充的信息，处理部门将继续办理。');
    await expect(page.getByText('已收到您补充的信息', { exact: true })).toBeVisible();
  });

  await test.step('the dispatcher confirms the suggested route', async () => {
    await dispatcher.goto(`/staff/cases/${number}`);
    await expect(dispatcher.locator('.case-facts')).toContainText('已受理，等待派单');
    await expect(dispatcher.locator('.staff-timeline')).toContainText('少儿油画班');
    expect((await submitAction(dispatcher, 'dispatch', '确认派单')).status()).toBe(303);
    await expectDone(dispatcher, number, '已派至区市场监管局办理，协办部门：区文旅局。');
  });

  await test.step('区市场监管局 returns it with a reason', async () => {
    const market = await signIn(browser, baseURL!, 'market-handler');
    await openFromQueue(market, number);
    await market.locator('#return-reason').fill('机构主要是艺术培训，退费纠纷先由行业主管部门调查。');
    await market.locator('#return-suggest').selectOption('culture');
    expect((await submitAction(market, 'return', '退回')).status()).toBe(303);
    // The case has left the department: back to its queue, with the message.
    await expect(market).toHaveURL(/\/staff$/);
    await expect(market.getByRole('status')).toHaveText('已退回派单员重新派单。');
    expect((await market.goto(`/staff/cases/${number}`))!.status()).toBe(404);
    await market.context().close();
  });

  await test.step('the dispatcher sends it to 区文旅局 with 区商务委 assisting, giving a reason', async () => {
    await openFromQueue(dispatcher, number);
    await expect(dispatcher.locator('.staff-timeline')).toContainText('退回理由：机构主要是艺术培训');
    await dispatcher.locator('#dispatch-lead').selectOption('culture');
    await dispatcher.locator('input[name="assisting"][value="culture"]').uncheck();
    await dispatcher.locator('input[name="assisting"][value="commerce"]').check();
    await dispatcher.locator('#dispatch-reason').fill('退费纠纷涉及预收学费，由区文旅局牵头、区商务委协办。');
    expect((await submitAction(dispatcher, 'dispatch', '确认派单')).status()).toBe(303);
    await expectDone(dispatcher, number, '已派至区文旅局办理，协办部门：区商务委。');
  });

  const culture = await signIn(browser, baseURL!, 'culture-handler');
  await test.step('区文旅局 accepts', async () => {
    await openFromQueue(culture, number);
    expect((await submitAction(culture, 'accept', '签收')).status()).toBe(303);
    await expectDone(culture, number, '已签收');
    // The reply waits for 区商务委's part; the lead is told so.
    await expect(culture.locator('#reply-waiting')).toContainText('区商务委');
    await expect(culture.locator('section#reply')).toHaveCount(0);
  });

  await test.step('区商务委 gives its part', async () => {
    const commerce = await signIn(browser, baseURL!, 'commerce-handler');
    await openFromQueue(commerce, number);
    await commerce.locator('#contribute-text').fill('该机构未办理单用途预付卡备案，已责令其限期备案。');
    expect((await submitAction(commerce, 'contribute', '提交协办意见')).status()).toBe(303);
    await expectDone(commerce, number, '协办意见已提交。');
    await commerce.context().close();
  });

  let reply = '';
  await test.step('区文旅局 replies from a template and closes as substantiated', async () => {
    await culture.goto(`/staff/cases/${number}`);
    await expect(culture.locator('.parts')).toContainText('已提交');
    await culture.locator('#template').selectOption('fees-refund');
    await culture.getByRole('button', { name: '填入模板' }).click();
    await expect(culture).toHaveURL(/\?template=fees-refund#reply$/);
    const text = culture.locator('#reply-text');
    await expect(text).toHaveValue(new RegExp(`受理编号${number}`));
    await expect(culture.locator('#reply-placeholders')).toContainText('【调查日期】');
    reply = (await text.inputValue()).replace(/【[^】]+】/g, '十一月二十日');
    await text.fill(reply);
    expect((await submitAction(culture, 'reply', '发送答复')).status()).toBe(303);
    await expectDone(culture, number, '已答复投诉人');
    await culture.getByLabel('属实', { exact: true }).check();
    expect((await submitAction(culture, 'close', '办结')).status()).toBe(303);
    await expectDone(culture, number, '案件已办结，办理结果：属实。');
    await expect(culture.locator('.case-facts')).toContainText('已办结');
  });

  await test.step('the public page shows the route, acceptance, reply and result, and no staff name', async () => {
    await track(page, number, code);
    const main = page.getByRole('main');
    await expect(main).toContainText('已办结');
    await expect(main).toContainText('已派至区市场监管局办理');
    await expect(main).toContainText('重新派单中');
    await expect(main).toContainText('已派至区文旅局办理');
    await expect(main).toContainText('协办部门：区商务委');
    await expect(main).toContainText('区文旅局已签收');
    await expect(main).toContainText('区文旅局答复');
    await expect(main).toContainText(reply.split('\n')[1]!);
    await expect(main).toContainText('办理结果：属实');
    const html = await page.content();
    for (const name of STAFF_NAMES) expect(html, name).not.toContain(name);
    // Internal records stay internal.
    expect(html).not.toContain('机构主要是艺术培训');
    expect(html).not.toContain('已责令其限期备案');
    await expect(page.getByRole('button', { name: '提交补充信息' })).toHaveCount(0);
  });
});

test('another department gets 404 for the case, its contact page, the API and a form post; nothing changes', async ({ browser, baseURL, request }) => {
  const inst = await anyInstitution(request);
  const number = await fileThroughHotline(request, inst.creditCode, 'fire_safety', '13700004001');
  const dispatcher = await signIn(browser, baseURL!, 'dispatcher');
  expect(await dispatchAsSuggested(dispatcher, number)).toBe('fire');

  const market = await signIn(browser, baseURL!, 'market-handler');
  const page = await market.goto(`/staff/cases/${number}`);
  expect(page!.status()).toBe(404);
  await expect(market.getByRole('heading', { level: 1 })).toHaveText('没有找到这个页面');
  expect((await market.goto(`/staff/cases/${number}/contact`))!.status()).toBe(404);
  const api = await market.request.get(`/api/staff/cases/${number}`);
  expect(api.status()).toBe(404);
  expect(await api.json()).toEqual({ error: 'not_found', message: '没有找到这件投诉。' });
  expect((await postToCase(market, number, { type: 'accept' })).status()).toBe(404);
  expect((await staffApiPost(market, `/api/staff/cases/${number}`, { data: { type: 'accept' } })).status()).toBe(404);
  // The same answer as for a case that does not exist.
  expect((await market.goto('/staff/cases/PT-2099-999999'))!.status()).toBe(404);
  expect((await market.request.get('/api/staff/cases/PT-2099-999999')).status()).toBe(404);

  // The department on the case sees it, with the contact page (logged) and can still accept it.
  const fire = await signIn(browser, baseURL!, 'fire-handler');
  const view = (await (await fire.request.get(`/api/staff/cases/${number}`)).json()).case;
  expect(view.status).toBe('dispatched');
  expect(view.can.actions).toContain('accept');
  const contact = await fire.goto(`/staff/cases/${number}/contact`);
  expect(contact!.status()).toBe(200);
  expect(contact!.headers()['cache-control']).toBe('no-store');
  await expect(fire.getByRole('main')).toContainText('13700004001');
  await expect(fire.getByRole('main')).toContainText('本次查看已记录');
  await expectNoViolations(fire);
});

test('a refused action (closing a case never accepted) shows why and changes nothing; an invalid one shows its errors twice', async ({ browser, baseURL, request }) => {
  const inst = await anyInstitution(request);
  const number = await fileThroughHotline(request, inst.creditCode, 'fees_refund', '13700004002');
  const dispatcher = await signIn(browser, baseURL!, 'dispatcher');
  expect(await dispatchAsSuggested(dispatcher, number)).toBe('market');
  const market = await signIn(browser, baseURL!, 'market-handler');
  const before = (await (await market.request.get(`/api/staff/cases/${number}`)).json()).case;
  expect(before.can.actions).not.toContain('close');

  // A crafted form post: the page comes back with the refusal, status 409.
  const crafted = await postToCase(market, number, { type: 'close', result: 'substantiated' });
  expect(crafted.status()).toBe(409);
  await market.setContent(await crafted.text());
  await expect(market.getByRole('alert')).toContainText('案件尚未签收，不能办结。');
  // The same through the API.
  const viaApi = await staffApiPost(market, `/api/staff/cases/${number}`, { data: { type: 'close', result: 'substantiated' } });
  expect(viaApi.status()).toBe(409);
  expect((await viaApi.json()).message).toBe('案件尚未签收，不能办结。');
  const after = (await (await market.request.get(`/api/staff/cases/${number}`)).json()).case;
  expect(after.status).toBe('dispatched');
  expect(after.result).toBeNull();
  expect(after.events).toHaveLength(before.events.length);

  // An invalid post: the summary (focused, linking to the field) and the message at the field.
  await market.goto(`/staff/cases/${number}`);
  const response = await submitAction(market, 'return', '退回');
  expect(response.status()).toBe(400);
  const summary = market.getByRole('alert');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: '请填写退回理由。' })).toHaveAttribute('href', '#return-reason');
  await expect(market.locator('#return-reason-error')).toHaveText('错误：请填写退回理由。');
  await expect(market.locator('#return-reason')).toHaveAttribute('aria-invalid', 'true');
  await expect(market.locator('#return-reason')).toHaveAttribute('aria-describedby', /return-reason-error/);
  await expectNoViolations(market);
});

test('axe and a 360px phone: the queue, a case with its forms, the contact page', async ({ browser, baseURL, request }) => {
  const inst = await anArtsInstitution(request);
  const number = await fileThroughHotline(request, inst.creditCode, 'fees_refund', '13700004003');
  for (const width of [undefined, 360]) {
    const dispatcher = await signIn(browser, baseURL!, 'dispatcher', { width });
    for (const path of ['/staff', '/staff?view=all', '/staff?view=closed', '/staff?view=bogus&page=x', `/staff/cases/${number}`, `/staff/cases/${number}/contact`]) {
      const res = await dispatcher.goto(path);
      expect(res!.status(), path).toBe(200);
      await expect(dispatcher.getByRole('heading', { level: 1 })).toBeVisible();
      if (width) await expectNoSidewaysScroll(dispatcher);
      else await expectNoViolations(dispatcher);
    }
    // A bad view falls back to 待办 without an error.
    await dispatcher.goto('/staff?view=bogus');
    await expect(dispatcher.getByRole('link', { name: '待办' })).toHaveAttribute('aria-current', 'page');
    await dispatcher.context().close();
  }
  // A handler's case page with the reply form and a template filled in (no assisting department
  // whose part the reply would wait for).
  const dispatcher = await signIn(browser, baseURL!, 'dispatcher');
  const routed = await staffApiPost(dispatcher, `/api/staff/cases/${number}`, { data: { type: 'dispatch', lead: 'market', assisting: [], reason: '行业主管部门已另案处理。' } });
  expect(routed.status(), await routed.text()).toBe(200);
  const market = await signIn(browser, baseURL!, 'market-handler');
  expect((await staffApiPost(market, `/api/staff/cases/${number}`, { data: { type: 'accept' } })).status()).toBe(200);
  await market.goto(`/staff/cases/${number}?template=fees-refund`);
  await expect(market.locator('#reply-text')).toHaveValue(/已约谈机构负责人/);
  await expectNoViolations(market);
  await market.setViewportSize({ width: 360, height: 740 });
  await expectNoSidewaysScroll(market);
});

test('the staff API answers bad input with 4xx and a message, never 500', async ({ browser, baseURL, request }) => {
  expect((await request.get('/api/staff/queue')).status()).toBe(401);
  const dispatcher = await signIn(browser, baseURL!, 'dispatcher');
  const queue = await dispatcher.request.get('/api/staff/queue?view=all');
  expect(queue.status()).toBe(200);
  expect(await queue.json()).toMatchObject({ view: 'all', page: 1, pageSize: 50 });
  const bad = await dispatcher.request.get('/api/staff/queue?view=bogus&page=0');
  expect(bad.status()).toBe(400);
  expect((await bad.json()).errors.map((e: { field: string }) => e.field)).toEqual(['view', 'page']);

  const inst = await anyInstitution(request);
  const number = await fileThroughHotline(request, inst.creditCode, 'advertising', '13700004004');
  const post = (data: unknown, headers: Record<string, string> = {}) =>
    staffApiPost(dispatcher, `/api/staff/cases/${number}`, { data: data as string, headers: { 'Content-Type': 'application/json', ...headers } });
  expect((await post('{not json')).status()).toBe(400);
  expect((await post('[]')).status()).toBe(400);
  expect((await post(JSON.stringify({ type: 'fly' }))).status()).toBe(400);
  const invalid = await post(JSON.stringify({ type: 'dispatch', lead: 'nowhere' }));
  expect(invalid.status()).toBe(400);
  expect((await invalid.json()).errors[0]).toMatchObject({ field: 'lead' });
  expect((await post(JSON.stringify({ type: 'note', text: '退'.repeat(40_000) }))).status()).toBe(413);
  expect((await staffApiPost(dispatcher, '/api/staff/cases/not-a-number', { data: { type: 'accept' } })).status()).toBe(404);
  // A write without the portal's Origin is refused before it is read, in JSON, whatever its type.
  const forged = await dispatcher.request.post(`/api/staff/cases/${number}`, { data: { type: 'dispatch', lead: 'market', assisting: [] } });
  expect(forged.status()).toBe(403);
  expect(await forged.json()).toMatchObject({ error: 'cross_site' });
  // Nothing of that changed the case.
  expect((await (await dispatcher.request.get(`/api/staff/cases/${number}`)).json()).case.status).toBe('received');
});

test('the street blows the whistle; a named department reports in, and the street sees who has and who has not', async ({ browser, baseURL, request }) => {
  const { items } = await listInstitutions(request, { street: 'changshou', operating: 'operating', sort: 'name' });
  const number = await fileThroughHotline(request, items[0]!.creditCode, 'fire_safety', '13700004005');
  const grid = await signIn(browser, baseURL!, 'grid-changshou');
  await openFromQueue(grid, number);
  // Grid staff see the case of their street, but not the complainant's contact details.
  await expect(grid.getByRole('link', { name: '查看联系方式' })).toHaveCount(0);
  expect((await grid.goto(`/staff/cases/${number}/contact`))!.status()).toBe(404);
  await grid.goto(`/staff/cases/${number}`);
  await grid.locator('input[name="departments"][value="fire"]').check();
  await grid.locator('input[name="departments"][value="culture"]').check();
  await grid.locator('#whistle-reportBy').fill(TODAY);
  await grid.locator('#whistle-note').fill('楼内办班人数多，疑有消防隐患，请消防、文旅到场。');
  expect((await submitAction(grid, 'whistle', '吹哨')).status()).toBe(303);
  await expectDone(grid, number, '已吹哨');

  // Named by the whistle, 区消防救援支队 sees the case and reports in.
  const fire = await signIn(browser, baseURL!, 'fire-handler');
  await openFromQueue(fire, number);
  const card = fire.locator('section[id^="report_in-"]');
  await card.getByLabel('本部门的报到情况').fill('已到场检查，灭火器过期，已责令整改。');
  expect((await submitAction(fire, (await card.getAttribute('id'))!, '报到')).status()).toBe(303);
  await expectDone(fire, number, '已报到。');

  await grid.goto(`/staff/cases/${number}`);
  const whistle = grid.locator('.whistle');
  await expect(whistle).toContainText('已报到 1 个部门，未报到 1 个部门');
  await expect(whistle).toContainText('未报到：区文旅局');
  await expect(whistle).toContainText('区消防救援支队 已报到');
});
