// The staff e-mail builders: subject and both bodies from the template's parameters, every value
// escaped in the HTML, the digest's unsubscribe headers, and parameters refused rather than
// rendered with holes.
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtml, renderText } from '../../../src/domain/messages/email-html';
import { buildStaffEmail, dailyDigestEmail, listUnsubscribeHeaders, overdueEscalationEmail, passwordChangedEmail } from '../../../src/domain/messages/staff-emails';

const SITE = { siteUrl: 'https://px.putuo.example.cn' };
const UNSUB = 'https://px.putuo.example.cn/email/unsubscribe/7.abc';

describe('escaping', () => {
  it('escapes the five characters HTML gives meaning to', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('a parameter carrying markup arrives as text, never as markup', () => {
    const email = overdueEscalationEmail({ number: 'PT-1', department: '<script>alert(1)</script>区教育局', dueOn: '3月5日', link: 'https://px.putuo.example.cn/staff/cases/PT-1?a=1&b="2"' });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;区教育局');
    expect(email.html).toContain('href="https://px.putuo.example.cn/staff/cases/PT-1?a=1&amp;b=%222%22"');
    // The plain-text part is text: nothing to escape.
    expect(email.text).toContain('<script>alert(1)</script>区教育局');
  });

  it('a link that is not http(s) is shown as text, not made a link', () => {
    const html = renderHtml({ heading: 'h', blocks: [{ kind: 'link', text: '打开', href: 'javascript:alert(1)' }], footer: 'f' });
    expect(html).not.toContain('<a ');
    expect(html).toContain('打开：javascript:alert(1)');
  });

  it('has no remote images or style sheets', () => {
    const html = dailyDigestEmail({ department: '区教育局', waiting: '3', overdue: '0', link: 'https://px.putuo.example.cn/staff', unsubscribe: UNSUB }, SITE).html;
    expect(html).not.toMatch(/<img|<link|url\(/i);
  });
});

describe('the three e-mails', () => {
  it('overdue escalation: subject, the registered wording and the link in both parts', () => {
    const email = overdueEscalationEmail({ number: 'PT-2026-000123', department: '区教育局', dueOn: '2026年3月5日', link: 'https://px.putuo.example.cn/staff/cases/PT-2026-000123' });
    expect(email.subject).toBe('【超期提醒】投诉PT-2026-000123已超过答复期限');
    expect(email.text).toContain('投诉PT-2026-000123（承办部门：区教育局）已超过答复期限（2026年3月5日），请督促办理：');
    expect(email.text).toContain('\nhttps://px.putuo.example.cn/staff/cases/PT-2026-000123\n');
    expect(email.html).toContain('>打开案件页面</a>');
    expect(email.headers).toBeUndefined();
  });

  it('daily digest: counts, the overdue line only when some are overdue, the preference link in the footer', () => {
    const some = dailyDigestEmail({ department: '区教育局', waiting: '5', overdue: '1', link: 'https://px.putuo.example.cn/staff', unsubscribe: UNSUB }, SITE);
    expect(some.subject).toBe('【每日待办】区教育局：待办5件，超期1件');
    expect(some.text).toContain('请优先处理已超期的1件。');
    expect(some.text).toContain('https://px.putuo.example.cn/staff/email');
    const none = dailyDigestEmail({ department: '区教育局', waiting: '5', overdue: '0', link: 'https://px.putuo.example.cn/staff', unsubscribe: UNSUB }, SITE);
    expect(none.text).not.toContain('请优先处理');
  });

  it('password-change notice', () => {
    const email = passwordChangedEmail({ username: 'wang.fang', when: '2026年3月6日 09:30' });
    expect(email.subject).toBe('【账号安全】您的平台密码已更改');
    expect(email.text.startsWith('您的密码已更改\n\n工作人员账号wang.fang的密码已于2026年3月6日 09:30更改。')).toBe(true);
  });

  it('a line break in a parameter cannot start a new header', () => {
    const email = overdueEscalationEmail({ number: 'PT-1\r\nBcc: x@evil.example', department: 'd', dueOn: 'd', link: 'https://a.example/' });
    expect(email.subject).not.toMatch(/[\r\n]/);
  });
});

describe('List-Unsubscribe', () => {
  it('the account\'s one-click link and the mailbox, with one-click', () => {
    expect(listUnsubscribeHeaders(UNSUB, { ...SITE, unsubscribeMailto: 'unsub@putuo.example.cn' })).toEqual({
      'List-Unsubscribe': `<${UNSUB}>, <mailto:unsub@putuo.example.cn?subject=unsubscribe>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('without a mailbox, the link alone; on http (development) no one-click (RFC 8058 asks for HTTPS)', () => {
    expect(listUnsubscribeHeaders(UNSUB, SITE)).toEqual({ 'List-Unsubscribe': `<${UNSUB}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(listUnsubscribeHeaders('http://localhost:4321/email/unsubscribe/7.abc', { siteUrl: 'http://localhost:4321' })).toEqual({ 'List-Unsubscribe': '<http://localhost:4321/email/unsubscribe/7.abc>' });
  });

  it('the digest carries its own link in the headers and in both bodies', () => {
    const email = dailyDigestEmail({ department: '区教育局', waiting: '5', overdue: '1', link: 'https://px.putuo.example.cn/staff', unsubscribe: UNSUB }, SITE);
    expect(email.headers?.['List-Unsubscribe']).toBe(`<${UNSUB}>`);
    expect(email.text).toContain(UNSUB);
    expect(email.html).toContain(`href="${UNSUB}"`);
  });
});

describe('buildStaffEmail: parameters as the queue stores them', () => {
  it('builds each template from its parameters', () => {
    const built = buildStaffEmail('password_changed', { username: 'li.ming', when: '今天' }, SITE);
    expect(built.ok && built.email.subject).toBe('【账号安全】您的平台密码已更改');
  });

  it('refuses a missing or empty parameter, or a link that is not http(s), with the reason', () => {
    expect(buildStaffEmail('daily_digest', { department: '区教育局', waiting: '3', link: 'https://a.example/', unsubscribe: UNSUB }, SITE)).toEqual({ ok: false, reason: expect.stringContaining('overdue') });
    expect(buildStaffEmail('daily_digest', { department: '区教育局', waiting: '3', overdue: '0', link: 'https://a.example/', unsubscribe: 'javascript:x' }, SITE)).toEqual({ ok: false, reason: expect.stringContaining('unsubscribe') });
    expect(buildStaffEmail('password_changed', { username: ' ', when: '今天' }, SITE)).toEqual({ ok: false, reason: expect.stringContaining('username') });
    expect(buildStaffEmail('overdue_escalation', { number: '1', department: 'd', dueOn: 'd', link: 'ftp://x' }, SITE)).toEqual({ ok: false, reason: expect.stringContaining('link') });
    expect(buildStaffEmail('password_changed', null, SITE).ok).toBe(false);
  });
});

describe('renderText', () => {
  it('ends with the footer after a signature separator', () => {
    expect(renderText({ heading: '标题', blocks: [{ kind: 'text', text: '正文' }], footer: '页脚' })).toBe('标题\n\n正文\n\n--\n页脚\n');
  });
});
