/**
 * Every message the portal sends, as a registered template with named parameters. Why templates:
 * the SMS gateways used in mainland China (Alibaba Cloud, Tencent Cloud) send only templates
 * registered and approved in advance, filled with parameters; free text is refused. E-mail uses the
 * same list so that every message has one definition, one set of parameters and one test.
 *
 * The template code each provider gave at registration comes from the environment (SMS_TEMPLATE_*);
 * `text` is the wording registered with the provider, used by the log transport, the staff message
 * list and the e-mail bodies. Pure.
 */

export const SMS_TEMPLATES = ['receipt', 'status_changed', 'reply_ready'] as const;
export type SmsTemplate = (typeof SMS_TEMPLATES)[number];

export const EMAIL_TEMPLATES = ['overdue_escalation', 'daily_digest', 'password_changed'] as const;
export type EmailTemplate = (typeof EMAIL_TEMPLATES)[number];

export type MessageTemplate = SmsTemplate | EmailTemplate;
export type MessageChannel = 'sms' | 'email';

interface TemplateDefinition<P extends string> {
  channel: MessageChannel;
  /** The parameter names, in the order the provider's template uses them (Tencent passes a list). */
  params: readonly P[];
  /** The registered wording, ${name} marking each parameter (Alibaba's syntax). */
  text: string;
  /** What the template is for, for the administrator's list and the README. */
  purpose: string;
}

export const TEMPLATES = {
  receipt: {
    channel: 'sms',
    params: ['number', 'hint'],
    text: '您的投诉已受理，编号${number}，查询码尾号${hint}。可在普陀区培训机构公示与投诉平台查询办理进度。',
    purpose: '投诉受理回执',
  },
  status_changed: {
    channel: 'sms',
    params: ['number', 'status'],
    text: '您的投诉${number}办理状态已更新为：${status}。可凭编号和查询码查询详情。',
    purpose: '办理状态变化',
  },
  reply_ready: {
    channel: 'sms',
    params: ['number'],
    text: '您的投诉${number}已有答复，请凭编号和查询码在平台查看。',
    purpose: '答复已出',
  },
  overdue_escalation: {
    channel: 'email',
    params: ['number', 'department', 'dueOn', 'link'],
    text: '投诉${number}（承办部门：${department}）已超过答复期限（${dueOn}），请督促办理：${link}',
    purpose: '超期提醒（督导、部门负责人）',
  },
  daily_digest: {
    channel: 'email',
    // `unsubscribe`: the account's one-click link (src/server/messages/unsubscribe-token.ts).
    params: ['department', 'waiting', 'overdue', 'link', 'unsubscribe'],
    text: '${department}今日待办投诉${waiting}件，其中超期${overdue}件：${link}',
    purpose: '每日待办摘要',
  },
  password_changed: {
    channel: 'email',
    params: ['username', 'when'],
    text: '工作人员账号${username}的密码已于${when}更改。如非本人操作，请立即联系系统管理员。',
    purpose: '密码更改通知',
  },
} as const satisfies Record<MessageTemplate, TemplateDefinition<string>>;

export type TemplateParams<T extends MessageTemplate> = Record<(typeof TEMPLATES)[T]['params'][number], string>;

/** The registered wording with its parameters filled in. */
export function renderTemplate<T extends MessageTemplate>(template: T, params: TemplateParams<T>): string {
  const values = params as Record<string, string>;
  return TEMPLATES[template].text.replace(/\$\{(\w+)\}/g, (_m, name: string) => values[name] ?? '');
}

/** "138****5678": a mainland mobile number as logs and staff pages may show it (last four digits). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length <= 4 ? '****' : `${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
}

/** "w***@example.gov.cn": an e-mail address as logs may show it. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address[0]}***${address.slice(at)}`;
}
