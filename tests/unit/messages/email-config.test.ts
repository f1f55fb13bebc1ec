// E-mail configuration: the log transport needs nothing; smtp refuses to start without a server and
// a sender, naming the variable; the transport and the builders' options follow the environment.
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../../src/config/env';
import { createEmailTransport, messageIdHost, staffEmailOptions } from '../../../src/server/messages/email/email-transport';
import { createLogEmailTransport } from '../../../src/server/messages/email/log';

describe('EMAIL_PROVIDER', () => {
  it('defaults to log, with no SMTP settings', () => {
    const env = parseEnv({});
    expect(env.EMAIL_PROVIDER).toBe('log');
    expect(createEmailTransport(env).name).toBe('log');
  });

  it('smtp without a server or a sender stops with the variables named', () => {
    expect(() => parseEnv({ EMAIL_PROVIDER: 'smtp' })).toThrow(/SMTP_HOST: EMAIL_PROVIDER=smtp needs SMTP_URL or SMTP_HOST[\s\S]*MAIL_FROM/);
    expect(() => parseEnv({ EMAIL_PROVIDER: 'smtp', SMTP_HOST: 'mail.example.cn', MAIL_FROM: 'a@b.cn', SMTP_USER: 'u' })).toThrow(/SMTP_PASS/);
    expect(() => parseEnv({ EMAIL_PROVIDER: 'smtp', SMTP_URL: 'http://mail.example.cn', MAIL_FROM: 'a@b.cn' })).toThrow(/SMTP_URL must be/);
    expect(() => parseEnv({ EMAIL_PROVIDER: 'mail' })).toThrow(/EMAIL_PROVIDER/);
  });

  it('smtp with a URL or a host and a sender starts the SMTP transport', () => {
    const env = parseEnv({ EMAIL_PROVIDER: 'smtp', SMTP_URL: 'smtps://u:p@mail.example.cn', MAIL_FROM: '平台 <noreply@putuo.example.cn>' });
    expect(createEmailTransport(env).name).toBe('smtp');
    const byHost = parseEnv({ EMAIL_PROVIDER: 'smtp', SMTP_HOST: 'mail.example.cn', SMTP_PORT: '465', SMTP_SECURE: '1', MAIL_FROM: 'noreply@putuo.example.cn' });
    expect(byHost.SMTP_PORT).toBe(465);
    expect(byHost.SMTP_SECURE).toBe(true);
  });
});

describe('Message-ID host and the builders options', () => {
  it('the public site host, else the sender domain', () => {
    expect(messageIdHost({ PUBLIC_SITE_URL: 'https://px.putuo.example.cn', MAIL_FROM: 'a@b.cn' })).toBe('px.putuo.example.cn');
    expect(messageIdHost({ PUBLIC_SITE_URL: undefined, MAIL_FROM: '平台 <noreply@putuo.example.cn>' })).toBe('putuo.example.cn');
  });

  it('the site address and the unsubscribe mailbox', () => {
    expect(staffEmailOptions(parseEnv({ PUBLIC_SITE_URL: 'https://px.example.cn', MAIL_UNSUBSCRIBE: 'unsub@px.example.cn' }))).toEqual({ siteUrl: 'https://px.example.cn', unsubscribeMailto: 'unsub@px.example.cn' });
    expect(staffEmailOptions(parseEnv({})).siteUrl).toBe('http://localhost:4321');
  });
});

describe('log transport', () => {
  it('writes one JSON line with the address masked and counts the message delivered', async () => {
    const lines: string[] = [];
    const transport = createLogEmailTransport((l) => lines.push(l), () => new Date('2026-03-06T01:00:00Z'));
    const outcome = await transport.send({ messageId: '7', to: 'wang.fang@putuo.example.cn', template: 'password_changed', subject: '主题', text: 't', html: 'h' });
    expect(outcome).toEqual({ kind: 'delivered', providerId: 'log:7' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('wang.fang');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ channel: 'email', transport: 'log', messageId: '7', template: 'password_changed', to: 'w***@putuo.example.cn', subject: '主题' });
  });
});
