/** The filters of /staff/messages: each bad value an error at its field, the days as Shanghai instants. */
import { describe, expect, it } from 'vitest';
import { filterInstants, filterQuery, mayManageMessages, messagesHref, parseMessageFilter } from '../../../src/domain/messages/message-filter';
import { STAFF_ROLES } from '../../../src/domain/staff/staff-roles';

const parse = (q: string) => parseMessageFilter(new URLSearchParams(q));

describe('message filter', () => {
  it('no filter is every message, first page', () => {
    expect(parse('')).toEqual({ ok: true, filter: { page: 1 } });
    expect(parse('state=&channel=&template=&from=&to=')).toEqual({ ok: true, filter: { page: 1 } });
  });

  it('reads every filter', () => {
    expect(parse('state=dead&channel=sms&template=receipt&from=2026-03-01&to=2026-03-31&page=3')).toEqual({
      ok: true,
      filter: { state: 'dead', channel: 'sms', template: 'receipt', from: '2026-03-01', to: '2026-03-31', page: 3 },
    });
  });

  it.each([
    ['state=lost', 'state', '请选择列出的状态'],
    ['channel=fax', 'channel', '请选择短信或邮件'],
    ['template=free_text', 'template', '请选择列出的模板'],
    ['from=2026-3-1', 'from', '请按 YYYY-MM-DD 填写日期，例如 2026-03-01'],
    ['to=2026-02-30', 'to', '请按 YYYY-MM-DD 填写日期，例如 2026-03-01'],
    ['from=2026-04-02&to=2026-04-01', 'to', '结束日期不能早于开始日期'],
  ])('%s is an error at %s', (q, field, message) => {
    expect(parse(q)).toEqual({ ok: false, errors: [{ field, message }] });
  });

  it.each(['page=0', 'page=-1', 'page=1.5', 'page=abc', 'page=10001'])('%s is refused', (q) => {
    const r = parse(q);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.field).toBe('page');
  });

  it('the days are Shanghai days, the last one included', () => {
    const { from, to } = filterInstants({ from: '2026-03-01', to: '2026-03-31' });
    expect(from?.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(to?.toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(filterInstants({})).toEqual({});
    expect(filterInstants({ to: '2026-12-31' }).to?.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('makes the links other pages and redirects use', () => {
    expect(messagesHref({ state: 'dead', from: '2026-01-01', to: '2026-06-30' })).toBe('/staff/messages?state=dead&from=2026-01-01&to=2026-06-30');
    expect(messagesHref({})).toBe('/staff/messages');
    expect(filterQuery({ channel: 'email', page: 1 })).toBe('channel=email');
    expect(filterQuery({ channel: 'email', page: 2 })).toBe('channel=email&page=2');
  });

  it('only administrators manage messages', () => {
    for (const role of STAFF_ROLES) expect(mayManageMessages(role)).toBe(role === 'admin');
  });
});
