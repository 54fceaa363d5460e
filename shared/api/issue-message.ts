// Pure code: runs anywhere. One validation problem (a zod issue) in the words a person reads, the
// same in the dispatcher's answer and in a form that checks before sending: the message key the
// schema names, with a length limit stated ("内容过长：最多 4000 字，现有 5400 字").
import type { z } from 'zod';
import { isMessageKey, type MessageKey } from '../i18n/index.js';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * `field`: the field's name as a person reads it, where the caller knows it.
 * The issue's message, or null where the schema gave no message key (the caller words those).
 * The length of a text that is too long comes from the issue's input: parse with
 * `{ reportInput: true }`, else only the limit is stated.
 */
export function issueMessage(t: T, issue: z.core.$ZodIssue, field?: string): string | null {
  if (!isMessageKey(issue.message)) return null;
  // A control or bidi character: said with the field's name (the dispatcher's label, else "此项").
  if (issue.message === 'validation.unsafeText') return t('validation.unsafeText', { field: field ?? t('validation.thisField') });
  if ((issue.message === 'validation.tooLong' || issue.message === 'validation.tooLongMax') && issue.code === 'too_big') {
    const max = Number(issue.maximum);
    const input = (issue as { input?: unknown }).input;
    return typeof input === 'string' ? t('validation.tooLong', { max, length: input.length }) : t('validation.tooLongMax', { max });
  }
  return t(issue.message);
}
