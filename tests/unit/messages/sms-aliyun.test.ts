/**
 * The Alibaba Cloud SMS adapter against a local fake of its HTTP API (tests/support/fake-aliyun-sms.ts),
 * through the real SDK: the signature, the fields, the template parameters and the phone are
 * checked as Alibaba checks them, and each real error code becomes retry or give up.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEMPLATES, type SmsTemplate } from '../../../src/domain/messages/message-templates';
import { createAliyunSmsTransport, type AliyunSmsConfig } from '../../../src/server/messages/sms/aliyun';
import { startFakeAliyunSms } from '../../support/fake-aliyun-sms';
import type { FakeGateway } from '../../support/fake-sms-gateway';

const codes: Record<SmsTemplate, string> = { receipt: 'SMS_470001', status_changed: 'SMS_470002', reply_ready: 'SMS_470003' };
const account = { accessKeyId: 'LTAI5tTestKeyId', accessKeySecret: 'test-secret-0123456789abcdef', signName: '上海市普陀区教育局' };

let fake: FakeGateway;
let config: AliyunSmsConfig;

beforeAll(async () => {
  fake = await startFakeAliyunSms({
    ...account,
    templates: Object.fromEntries(Object.entries(codes).map(([t, code]) => [code, TEMPLATES[t as SmsTemplate].text])),
  });
  config = { ...account, templateCodes: codes, endpoint: fake.url, timeoutMs: 1000 };
});
afterAll(() => fake.close());

let n = 0;
beforeEach(() => {
  n += 1;
});
const receipt = (over: Partial<{ phone: string; params: Record<string, string> }> = {}) => ({
  messageId: `msg-aliyun-${n}`,
  phone: '13812345678',
  template: 'receipt' as const,
  params: { number: 'PT20260512-0042', hint: '7Q' },
  ...over,
});

describe('Alibaba Cloud SMS adapter', () => {
  it('sends the receipt template, signed, with its parameters, the messageId as OutId', async () => {
    const outcome = await createAliyunSmsTransport(config).send(receipt());
    expect(outcome.kind).toBe('delivered');
    expect(outcome.kind === 'delivered' && outcome.providerId).toMatch(/^\d+$/);
    const got = fake.inbox.get(`msg-aliyun-${n}`);
    expect(got).toMatchObject({ phone: '13812345678', signName: account.signName, templateCode: 'SMS_470001', params: { number: 'PT20260512-0042', hint: '7Q' } });
    expect(got?.text).toBe('【上海市普陀区教育局】您的投诉已受理，编号PT20260512-0042，查询码尾号7Q。可在普陀区培训机构公示与投诉平台查询办理进度。');
  });

  it('sends each of the three templates', async () => {
    const transport = createAliyunSmsTransport(config);
    expect((await transport.send({ messageId: `s-${n}`, phone: '13900001111', template: 'status_changed', params: { number: 'PT1', status: '办理中' } })).kind).toBe('delivered');
    expect((await transport.send({ messageId: `r-${n}`, phone: '13900001111', template: 'reply_ready', params: { number: 'PT1' } })).kind).toBe('delivered');
    expect(fake.inbox.get(`r-${n}`)?.templateCode).toBe('SMS_470003');
  });

  it('is refused by the signature check with a wrong secret, and gives up', async () => {
    const before = fake.accepted.length;
    const outcome = await createAliyunSmsTransport({ ...config, accessKeySecret: 'not-the-secret' }).send(receipt());
    expect(outcome).toEqual({ kind: 'give_up', reason: expect.stringContaining('SignatureDoesNotMatch') });
    expect(fake.accepted.length).toBe(before);
  });

  it('gives up on an unknown AccessKey ID', async () => {
    const outcome = await createAliyunSmsTransport({ ...config, accessKeyId: 'LTAI5tSomeoneElse' }).send(receipt());
    expect(outcome).toEqual({ kind: 'give_up', reason: expect.stringContaining('InvalidAccessKeyId.NotFound') });
  });

  it('gives up when the fake finds the number invalid, a parameter missing, or the template unregistered', async () => {
    const t = createAliyunSmsTransport(config);
    expect(await t.send(receipt({ phone: '1381234567' }))).toMatchObject({ kind: 'give_up', reason: expect.stringContaining('isv.MOBILE_NUMBER_ILLEGAL') });
    expect(await t.send(receipt({ params: { number: 'PT1' } }))).toMatchObject({ kind: 'give_up', reason: expect.stringContaining('isv.TEMPLATE_MISSING_PARAMETERS') });
    const unregistered = createAliyunSmsTransport({ ...config, templateCodes: { ...codes, receipt: 'SMS_999' } });
    expect(await unregistered.send(receipt())).toMatchObject({ kind: 'give_up', reason: expect.stringContaining('isv.SMS_TEMPLATE_ILLEGAL') });
    const wrongSign = createAliyunSmsTransport({ ...config, signName: '别的签名' });
    expect(await wrongSign.send(receipt())).toMatchObject({ kind: 'give_up', reason: expect.stringContaining('isv.SMS_SIGNATURE_ILLEGAL') });
  });

  it.each([
    ['isv.BUSINESS_LIMIT_CONTROL', 'retry'],
    ['isv.DAY_LIMIT_CONTROL', 'retry'],
    ['Throttling.User', 'retry'],
    ['ServiceUnavailable', 'retry'],
    ['InternalError', 'retry'],
    ['isp.SYSTEM_ERROR', 'retry'],
    ['isv.MOBILE_NUMBER_ILLEGAL', 'give_up'],
    ['isv.AMOUNT_NOT_ENOUGH', 'give_up'],
    ['isv.OUT_OF_SERVICE', 'give_up'],
    ['isv.SMS_TEMPLATE_ILLEGAL', 'give_up'],
    ['isv.TEMPLATE_MISSING_PARAMETERS', 'give_up'],
    ['isv.SMS_SIGNATURE_ILLEGAL', 'give_up'],
    ['SignatureDoesNotMatch', 'give_up'],
    ['InvalidAccessKeyId.NotFound', 'give_up'],
  ])('maps the gateway answering %s to %s', async (code, kind) => {
    fake.failNext(code);
    const outcome = await createAliyunSmsTransport(config).send(receipt());
    expect(outcome).toEqual({ kind, reason: expect.stringContaining(code) });
    expect(fake.inbox.has(`msg-aliyun-${n}`)).toBe(false);
  });

  it('retries after a timeout, and the next attempt reaches the phone once', async () => {
    fake.stallNext();
    const t = createAliyunSmsTransport({ ...config, timeoutMs: 300 });
    const first = await t.send(receipt());
    expect(first).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/^network: /) });
    expect((await t.send(receipt())).kind).toBe('delivered');
    expect(fake.accepted.filter((s) => s.messageId === `msg-aliyun-${n}`)).toHaveLength(1);
  });

  it('retries when nothing listens at the endpoint', async () => {
    const outcome = await createAliyunSmsTransport({ ...config, endpoint: 'http://127.0.0.1:9' }).send(receipt());
    expect(outcome).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/^network: /) });
  });
});
