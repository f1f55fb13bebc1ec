/**
 * Choosing the SMS transport (src/server/messages/sms/index.ts) and checking its variables at start
 * (src/config/sms-env.ts), and the log transport's one masked line.
 */
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../../src/config/env';
import { createSmsTransport } from '../../../src/server/messages/sms';

const templates = { SMS_TEMPLATE_RECEIPT: 'SMS_1', SMS_TEMPLATE_STATUS_CHANGED: 'SMS_2', SMS_TEMPLATE_REPLY_READY: 'SMS_3' };

describe('SMS configuration', () => {
  it('defaults to the log transport, which needs nothing', () => {
    const env = parseEnv({});
    expect(env.SMS_PROVIDER).toBe('log');
    expect(createSmsTransport(env).name).toBe('log');
  });

  it('names every variable the chosen gateway is missing', () => {
    expect(() => parseEnv({ SMS_PROVIDER: 'aliyun', ALIYUN_ACCESS_KEY_ID: 'id', ...templates })).toThrow(
      /ALIYUN_ACCESS_KEY_SECRET: SMS_PROVIDER=aliyun needs ALIYUN_ACCESS_KEY_SECRET\n\s+ALIYUN_SMS_SIGN_NAME: SMS_PROVIDER=aliyun needs ALIYUN_SMS_SIGN_NAME/,
    );
    expect(() => parseEnv({ SMS_PROVIDER: 'tencent' })).toThrow('TENCENT_SMS_SDK_APP_ID: SMS_PROVIDER=tencent needs TENCENT_SMS_SDK_APP_ID');
    expect(() => parseEnv({ SMS_PROVIDER: 'tencent' })).toThrow('SMS_TEMPLATE_REPLY_READY: SMS_PROVIDER=tencent needs SMS_TEMPLATE_REPLY_READY');
  });

  it('refuses an unknown provider and a malformed endpoint', () => {
    expect(() => parseEnv({ SMS_PROVIDER: 'twilio' })).toThrow('SMS_PROVIDER must be aliyun, tencent or log');
    expect(() => parseEnv({ ALIYUN_SMS_ENDPOINT: 'dysmsapi.aliyuncs.com' })).toThrow('ALIYUN_SMS_ENDPOINT must be an http:// or https:// URL');
  });

  it('builds the gateway that was chosen', () => {
    const aliyun = parseEnv({ SMS_PROVIDER: 'aliyun', ALIYUN_ACCESS_KEY_ID: 'id', ALIYUN_ACCESS_KEY_SECRET: 's', ALIYUN_SMS_SIGN_NAME: '普陀', ...templates });
    expect(createSmsTransport(aliyun).name).toBe('aliyun');
    const tencent = parseEnv({
      SMS_PROVIDER: 'tencent',
      TENCENT_SECRET_ID: 'id',
      TENCENT_SECRET_KEY: 'k',
      TENCENT_SMS_SDK_APP_ID: '1400006666',
      TENCENT_SMS_SIGN_NAME: '普陀',
      ...templates,
    });
    expect(tencent.TENCENT_SMS_REGION).toBe('ap-guangzhou');
    expect(createSmsTransport(tencent).name).toBe('tencent');
  });
});

describe('log transport', () => {
  it('writes one JSON line, number masked, wording filled, and counts it delivered', async () => {
    const lines: string[] = [];
    const transport = createSmsTransport(parseEnv({}), { write: (l) => lines.push(l) });
    const outcome = await transport.send({ messageId: 'm1', phone: '13812345678', template: 'reply_ready', params: { number: 'PT7' } });
    expect(outcome).toEqual({ kind: 'delivered', providerId: 'log-m1' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('13812345678');
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      channel: 'sms',
      transport: 'log',
      messageId: 'm1',
      to: '*******5678',
      template: 'reply_ready',
      text: '您的投诉PT7已有答复，请凭编号和查询码在平台查看。',
    });
  });
});
