// Pure code: runs anywhere. Typed message lookup with {placeholder} substitution.
import { en } from './en.js';
import { zhCN, type MessageKey } from './zh-cn.js';

export type { MessageKey };
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

const TABLES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function isMessageKey(s: string): s is MessageKey {
  return Object.hasOwn(zhCN, s);
}

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = TABLES[locale][key] ?? zhCN[key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : m));
}
