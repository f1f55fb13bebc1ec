/** Message lookup: t('key', { name: value }). zh-CN is the only catalogue until English lands. */
import { zhCN, type MessageKey } from './zh-CN';

export type { MessageKey };
export const LOCALE = 'zh-CN';

export function isMessageKey(key: string): key is MessageKey {
  return key in zhCN;
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return zhCN[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
