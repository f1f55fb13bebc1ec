/**
 * The SMS variables of env.ts (README, "SMS"), kept here so the list stays readable. Keys, sign
 * name and template codes are required only for the chosen SMS_PROVIDER; the default `log`
 * transport writes a line per message and needs none, so development and the demo start without
 * an account at a gateway.
 */
import { z } from 'zod';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = z.preprocess(blank, z.string().trim().optional());
/** A secret is taken as given: a space in it is part of it. */
const optionalSecret = z.preprocess(blank, z.string().optional());
const optionalUrl = (name: string) =>
  z.preprocess(
    blank,
    z
      .string()
      .trim()
      .refine((v) => /^https?:\/\/[^/]/.test(v) && URL.canParse(v), { message: `${name} must be an http:// or https:// URL` })
      .optional(),
  );

export const SMS_ENV = {
  SMS_PROVIDER: z.preprocess(blank, z.enum(['aliyun', 'tencent', 'log'], { error: 'SMS_PROVIDER must be aliyun, tencent or log' }).default('log')),
  ALIYUN_ACCESS_KEY_ID: optionalText,
  ALIYUN_ACCESS_KEY_SECRET: optionalSecret,
  /** The approved sign name (签名), e.g. 上海市普陀区教育局. */
  ALIYUN_SMS_SIGN_NAME: optionalText,
  /** Default https://dysmsapi.aliyuncs.com; tests point it at a local fake. */
  ALIYUN_SMS_ENDPOINT: optionalUrl('ALIYUN_SMS_ENDPOINT'),
  TENCENT_SECRET_ID: optionalText,
  TENCENT_SECRET_KEY: optionalSecret,
  /** The SMS application's SdkAppId, e.g. 1400006666. */
  TENCENT_SMS_SDK_APP_ID: z.preprocess(blank, z.string().trim().regex(/^\d+$/, 'TENCENT_SMS_SDK_APP_ID must be digits').optional()),
  TENCENT_SMS_SIGN_NAME: optionalText,
  /** ap-guangzhou (default), ap-beijing or ap-nanjing. */
  TENCENT_SMS_REGION: z.preprocess(blank, z.string().trim().default('ap-guangzhou')),
  /** Default https://sms.tencentcloudapi.com; tests point it at a local fake. */
  TENCENT_SMS_ENDPOINT: optionalUrl('TENCENT_SMS_ENDPOINT'),
  /** The code each provider gave the templates of src/domain/messages/message-templates.ts. */
  SMS_TEMPLATE_RECEIPT: optionalText,
  SMS_TEMPLATE_STATUS_CHANGED: optionalText,
  SMS_TEMPLATE_REPLY_READY: optionalText,
};

const smsObject = z.object(SMS_ENV);
type SmsValues = z.output<typeof smsObject>;

/** What each gateway cannot work without. */
export const SMS_REQUIRED: Record<'aliyun' | 'tencent', readonly (keyof SmsValues)[]> = {
  aliyun: ['ALIYUN_ACCESS_KEY_ID', 'ALIYUN_ACCESS_KEY_SECRET', 'ALIYUN_SMS_SIGN_NAME', 'SMS_TEMPLATE_RECEIPT', 'SMS_TEMPLATE_STATUS_CHANGED', 'SMS_TEMPLATE_REPLY_READY'],
  tencent: [
    'TENCENT_SECRET_ID',
    'TENCENT_SECRET_KEY',
    'TENCENT_SMS_SDK_APP_ID',
    'TENCENT_SMS_SIGN_NAME',
    'SMS_TEMPLATE_RECEIPT',
    'SMS_TEMPLATE_STATUS_CHANGED',
    'SMS_TEMPLATE_REPLY_READY',
  ],
};

/** With SMS_PROVIDER=aliyun or tencent: every variable that gateway needs, each missing one named. */
export function checkSmsEnv(v: SmsValues, ctx: z.RefinementCtx): void {
  if (v.SMS_PROVIDER === 'log') return;
  for (const name of SMS_REQUIRED[v.SMS_PROVIDER]) {
    if (!v[name]) ctx.addIssue({ code: 'custom', path: [name], message: `SMS_PROVIDER=${v.SMS_PROVIDER} needs ${name}` });
  }
}
