/**
 * The SMS transport the environment chose (SMS_PROVIDER, README "SMS"). env() has already refused
 * a start with a variable missing for the chosen gateway (src/config/sms-env.ts); the checks here
 * only narrow the types.
 */
import type { Env } from '../../../config/env';
import { SMS_REQUIRED } from '../../../config/sms-env';
import type { SmsTemplate } from '../../../domain/messages/message-templates';
import type { SmsTransport } from '../transport';
import { createAliyunSmsTransport } from './aliyun';
import { createLogSmsTransport, type LineWriter } from './log';
import { createTencentSmsTransport } from './tencent';

type SmsEnv = Pick<
  Env,
  | 'SMS_PROVIDER'
  | 'ALIYUN_ACCESS_KEY_ID'
  | 'ALIYUN_ACCESS_KEY_SECRET'
  | 'ALIYUN_SMS_SIGN_NAME'
  | 'ALIYUN_SMS_ENDPOINT'
  | 'TENCENT_SECRET_ID'
  | 'TENCENT_SECRET_KEY'
  | 'TENCENT_SMS_SDK_APP_ID'
  | 'TENCENT_SMS_SIGN_NAME'
  | 'TENCENT_SMS_REGION'
  | 'TENCENT_SMS_ENDPOINT'
  | 'SMS_TEMPLATE_RECEIPT'
  | 'SMS_TEMPLATE_STATUS_CHANGED'
  | 'SMS_TEMPLATE_REPLY_READY'
>;

export interface SmsTransportOptions {
  /** Where the log transport writes (default: standard output). */
  write?: LineWriter;
  /** The gateways' timeout in milliseconds. */
  timeoutMs?: number;
}

export function createSmsTransport(env: SmsEnv, options: SmsTransportOptions = {}): SmsTransport {
  if (env.SMS_PROVIDER === 'log') return createLogSmsTransport(options.write);
  const missing = SMS_REQUIRED[env.SMS_PROVIDER].filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`SMS_PROVIDER=${env.SMS_PROVIDER} needs ${missing.join(', ')}`);
  const templates: Record<SmsTemplate, string> = {
    receipt: env.SMS_TEMPLATE_RECEIPT ?? '',
    status_changed: env.SMS_TEMPLATE_STATUS_CHANGED ?? '',
    reply_ready: env.SMS_TEMPLATE_REPLY_READY ?? '',
  };
  const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  if (env.SMS_PROVIDER === 'aliyun') {
    return createAliyunSmsTransport({
      accessKeyId: env.ALIYUN_ACCESS_KEY_ID ?? '',
      accessKeySecret: env.ALIYUN_ACCESS_KEY_SECRET ?? '',
      signName: env.ALIYUN_SMS_SIGN_NAME ?? '',
      templateCodes: templates,
      ...(env.ALIYUN_SMS_ENDPOINT ? { endpoint: env.ALIYUN_SMS_ENDPOINT } : {}),
      ...timeout,
    });
  }
  return createTencentSmsTransport({
    secretId: env.TENCENT_SECRET_ID ?? '',
    secretKey: env.TENCENT_SECRET_KEY ?? '',
    sdkAppId: env.TENCENT_SMS_SDK_APP_ID ?? '',
    signName: env.TENCENT_SMS_SIGN_NAME ?? '',
    region: env.TENCENT_SMS_REGION,
    templateIds: templates,
    ...(env.TENCENT_SMS_ENDPOINT ? { endpoint: env.TENCENT_SMS_ENDPOINT } : {}),
    ...timeout,
  });
}
