/**
 * The public complaint figures (/complaints/stats) as a parent reads them and as a supervisor
 * checks them (issue 16): the on-time rate is a share of the answers due, between 0% and 100%, shown
 * with the two counts it is made of, and for the same period it is the figure of the staff
 * dashboard (/staff/oversight). Other browser tests file complaints meanwhile, so the two pages
 * are compared until they agree.
 */
import { expect, test } from './support/test';
import { expectNoViolations } from './support/axe';
import { listInstitutions } from './support/api';
import { fileThroughHotline, signIn, staffApiPost } from './support/staff-cases';

const period = (today: string) => `from=${today.slice(0, 4)}-01-01&to=${today}`;
const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

test('the public on-time rate is a share of the answers due and equals the dashboard’s for the same period', async ({ page, request, browser, baseURL }) => {
  const query = period(shanghaiToday());
  // One answered case, so that an answer is due (an answered but not closed case is what the old
  // public formula, on-time answers over closed cases, got wrong).
  const { items } = await listInstitutions(request, { operating: 'operating' });
  const number = await fileThroughHotline(request, items[2]!.creditCode, 'fees_refund', '13700005555');
  const dispatcher = await signIn(browser, baseURL!, 'dispatcher');
  const routed = await staffApiPost(dispatcher, `/api/staff/cases/${number}`, { data: { type: 'dispatch', lead: 'market', assisting: [], reason: '收费纠纷由区市场监管局牵头。' } });
  expect(routed.status(), await routed.text()).toBe(200);
  const market = await signIn(browser, baseURL!, 'market-handler');
  for (const action of [{ type: 'accept' }, { type: 'reply', text: '经核查，机构已同意按合同退还剩余课时费。' }]) {
    const res = await staffApiPost(market, `/api/staff/cases/${number}`, { data: action });
    expect(res.status(), await res.text()).toBe(200);
  }
  await Promise.all([dispatcher.context().close(), market.context().close()]);
  const supervisor = await signIn(browser, baseURL!, 'supervisor', { lands: /\/staff(\/users)?$/ });

  /** "83%" and "按期 10 / 应答复 12" from both pages. */
  const figures = async () => {
    await page.goto(`/complaints/stats?${query}`);
    const publicRate = page.locator('dt', { hasText: '按期答复率' }).locator('xpath=following-sibling::dd[1]');
    const publicText = (await publicRate.count()) ? ((await publicRate.innerText()).replace(/\s+/g, ' ')) : '暂无';
    await supervisor.goto(`/staff/oversight?${query}`);
    const staffRate = supervisor.locator('.key-figures dt', { hasText: '按期答复率' }).locator('xpath=following-sibling::dd[1]');
    return { publicText, staffText: (await staffRate.innerText()).replace(/\s+/g, ' ') };
  };

  await expect
    .poll(async () => {
      const { publicText, staffText } = await figures();
      // No complaint in the period yet: the public page says so, the dashboard counts nothing due.
      if (publicText === '暂无') return /按期 0 \/ 应答复 0/.test(staffText) ? 'agree' : `none public | ${staffText}`;
      const pub = /应答复 (.+?) 件，按期答复 (.+?) 件/.exec(publicText);
      const staff = /按期 (\d+) \/ 应答复 (\d+)/.exec(staffText);
      if (!pub || !staff) return `unreadable: ${publicText} | ${staffText}`;
      // The public page hides 1 and 2 as "< 3"; a larger count must be the dashboard's.
      const same = (shown: string, n: string) => (Number(n) > 0 && Number(n) < 3 ? shown === '< 3' : shown === n);
      const percent = /^(\d+)%/.exec(publicText)?.[1];
      if (percent !== undefined && (Number(percent) < 0 || Number(percent) > 100)) return `impossible rate ${percent}%`;
      return same(pub[1]!, staff[2]!) && same(pub[2]!, staff[1]!) ? 'agree' : `${publicText} | ${staffText}`;
    }, { timeout: 30_000 })
    .toBe('agree');
  await supervisor.context().close();
});

test('the statistics page takes a period, says what each rate counts, and refuses a bad date at its field', async ({ page }) => {
  await page.goto('/complaints/stats');
  await expect(page.getByText(/受理日期 \d{4}年1月1日 至/)).toBeVisible();
  await expect(page.getByText(/按期答复率 = 按期答复的件数 ÷/)).toBeVisible();
  await expectNoViolations(page);
  const res = await page.goto('/complaints/stats?from=2026-02-30');
  expect(res?.status()).toBe(400);
  await expect(page.locator('#from-error')).toContainText('不存在');
});
