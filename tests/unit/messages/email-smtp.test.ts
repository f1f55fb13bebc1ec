// The SMTP transport against a real SMTP server started here (smtp-server on a free port): the
// three staff e-mails arrive with their headers, both parts and their Chinese intact; the server's
// refusals and a dead or silent server become the outcomes the delivery worker acts on.
import { createServer as createTcpServer, type AddressInfo, type Server } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildStaffEmail, type StaffEmailContent } from '../../../src/domain/messages/staff-emails';
import type { EmailTemplate } from '../../../src/domain/messages/message-templates';
import { createSmtpTransport, type SmtpSettings } from '../../../src/server/messages/email/smtp';
import type { OutgoingEmail } from '../../../src/server/messages/transport';
import { parseReceived, type ReceivedMessage } from '../../support/mime-message';

const FROM = '普陀区培训机构平台 <noreply@putuo.example.cn>';
const OPTIONS = { siteUrl: 'https://px.putuo.example.cn', unsubscribeMailto: 'unsubscribe@putuo.example.cn' };

/** What the server does with the next recipient: take it, or answer with a reply code. */
let answer: 'accept' | 451 | 550 | 553 = 'accept';
const received: { from: string; to: string[]; raw: string }[] = [];
let server: SMTPServer;
let port = 0;

function refusal(code: number): Error {
  const messages: Record<number, string> = {
    451: '4.3.0 Temporary local problem, try again later',
    550: '5.1.1 <wang.fang@putuo.example.cn>: Mailbox unavailable',
    553: '5.1.3 Mailbox name not allowed',
  };
  return Object.assign(new Error(messages[code]), { responseCode: code });
}

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      callback(answer === 'accept' ? null : refusal(answer));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  answer = 'accept';
  received.length = 0;
});

const settings = (over: Partial<SmtpSettings> = {}): SmtpSettings => ({
  host: '127.0.0.1',
  port,
  secure: false,
  from: FROM,
  messageIdHost: 'px.putuo.example.cn',
  timeouts: { connection: 1000, greeting: 1000, socket: 2000 },
  ...over,
});

const PARAMS: Record<EmailTemplate, Record<string, string>> = {
  overdue_escalation: { number: 'PT-2026-000123', department: '区教育局', dueOn: '2026年3月5日', link: 'https://px.putuo.example.cn/staff/cases/PT-2026-000123' },
  daily_digest: { department: '区市场监管局', waiting: '7', overdue: '2', link: 'https://px.putuo.example.cn/staff', unsubscribe: 'https://px.putuo.example.cn/email/unsubscribe/7.abc' },
  password_changed: { username: 'wang.fang', when: '2026年3月6日 09:30' },
};

function outgoing(template: EmailTemplate, messageId: string): OutgoingEmail {
  const built = buildStaffEmail(template, PARAMS[template], OPTIONS);
  if (!built.ok) throw new Error(built.reason);
  const email: StaffEmailContent = built.email;
  return { messageId, to: 'wang.fang@putuo.example.cn', template, ...email };
}

async function sendAndReceive(template: EmailTemplate, messageId: string): Promise<ReceivedMessage> {
  const outcome = await createSmtpTransport(settings()).send(outgoing(template, messageId));
  expect(outcome).toEqual({ kind: 'delivered', providerId: `<${messageId}@px.putuo.example.cn>` });
  expect(received).toHaveLength(1);
  expect(received[0]?.from).toBe('noreply@putuo.example.cn');
  expect(received[0]?.to).toEqual(['wang.fang@putuo.example.cn']);
  return parseReceived(received[0]?.raw ?? '');
}

describe('SMTP transport: what arrives', () => {
  it('overdue escalation: headers, both parts, Chinese intact', async () => {
    const m = await sendAndReceive('overdue_escalation', 'msg-101');
    expect(m.headers.get('from')).toBe(FROM);
    expect(m.headers.get('to')).toBe('wang.fang@putuo.example.cn');
    expect(m.headers.get('subject')).toBe('【超期提醒】投诉PT-2026-000123已超过答复期限');
    expect(m.headers.get('message-id')).toBe('<msg-101@px.putuo.example.cn>');
    expect(m.headers.get('content-type')).toMatch(/^multipart\/alternative/);
    expect(m.headers.has('list-unsubscribe')).toBe(false);
    expect(m.text).toContain('投诉PT-2026-000123（承办部门：区教育局）已超过答复期限（2026年3月5日），请督促办理：');
    expect(m.text).toContain('https://px.putuo.example.cn/staff/cases/PT-2026-000123');
    expect(m.html).toContain('<html lang="zh-CN">');
    expect(m.html).toContain('<a href="https://px.putuo.example.cn/staff/cases/PT-2026-000123"');
    expect(m.html).toContain('区教育局');
  });

  it('daily digest: List-Unsubscribe with the account\'s one-click link and mailto, one-click', async () => {
    const m = await sendAndReceive('daily_digest', 'msg-102');
    expect(m.headers.get('subject')).toBe('【每日待办】区市场监管局：待办7件，超期2件');
    expect(m.headers.get('message-id')).toBe('<msg-102@px.putuo.example.cn>');
    expect(m.headers.get('list-unsubscribe')).toBe('<https://px.putuo.example.cn/email/unsubscribe/7.abc>, <mailto:unsubscribe@putuo.example.cn?subject=unsubscribe>');
    expect(m.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(m.text).toContain('区市场监管局今日待办投诉7件，其中超期2件');
    expect(m.html).toContain('请优先处理已超期的2件。');
  });

  it('password-change notice', async () => {
    const m = await sendAndReceive('password_changed', 'msg-103');
    expect(m.headers.get('subject')).toBe('【账号安全】您的平台密码已更改');
    expect(m.text).toContain('工作人员账号wang.fang的密码已于2026年3月6日 09:30更改。如非本人操作，请立即联系系统管理员。');
    expect(m.html).toContain('如非本人操作，请立即联系系统管理员。');
  });

  it('a retry of the same message carries the same Message-ID', async () => {
    const transport = createSmtpTransport(settings());
    await transport.send(outgoing('password_changed', '42'));
    await transport.send(outgoing('password_changed', '42'));
    const ids = received.map((r) => parseReceived(r.raw).headers.get('message-id'));
    expect(ids).toEqual(['<42@px.putuo.example.cn>', '<42@px.putuo.example.cn>']);
  });
});

describe('SMTP transport: refusals and failures', () => {
  it('451 (try again later) → retry', async () => {
    answer = 451;
    const outcome = await createSmtpTransport(settings()).send(outgoing('overdue_escalation', 'm1'));
    expect(outcome.kind).toBe('retry');
    expect(outcome.kind !== 'delivered' && outcome.reason).toMatch(/451/);
    expect(received).toHaveLength(0);
  });

  it('550 (mailbox unavailable) → give up, the reason kept with the address masked', async () => {
    answer = 550;
    const outcome = await createSmtpTransport(settings()).send(outgoing('daily_digest', 'm2'));
    expect(outcome.kind).toBe('give_up');
    const reason = outcome.kind === 'give_up' ? outcome.reason : '';
    expect(reason).toMatch(/550/);
    expect(reason).toMatch(/Mailbox unavailable/);
    expect(reason).not.toContain('wang.fang@');
    expect(reason).toContain('w***@putuo.example.cn');
  });

  it('553 (mailbox name not allowed) → give up', async () => {
    answer = 553;
    const outcome = await createSmtpTransport(settings()).send(outgoing('password_changed', 'm3'));
    expect(outcome).toMatchObject({ kind: 'give_up', reason: expect.stringMatching(/553/) });
  });

  it('connection refused → retry', async () => {
    const closed = await freePort();
    const outcome = await createSmtpTransport(settings({ port: closed })).send(outgoing('password_changed', 'm4'));
    expect(outcome).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/ECONNREFUSED|ECONNECTION/) });
  });

  it('a server that never greets → retry after the greeting timeout', async () => {
    const silent: Server = createTcpServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const silentPort = (silent.address() as AddressInfo).port;
      const outcome = await createSmtpTransport(settings({ port: silentPort, timeouts: { connection: 300, greeting: 300, socket: 300 } })).send(outgoing('password_changed', 'm5'));
      expect(outcome).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/ETIMEDOUT/) });
    } finally {
      silent.close();
    }
  });
});

/** A port nobody listens on: bound, read and released. */
async function freePort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const p = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return p;
}
