// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// Validation errors that name the bad value by its path (`limits.III.firstReportMin`,
// `incidents[0].reports[1].receivedAt`), so a person can find and fix it.
import type { z } from 'zod';

export interface FieldError {
  /** `incidents[0].reports[1].receivedAt`; `(root)` for the document itself. */
  path: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: FieldError };

/** One line: `path: message`. */
export function formatFieldError(error: FieldError): string {
  return `${error.path}: ${error.message}`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else {
      const key = String(part);
      out += IDENTIFIER.test(key) ? (out ? '.' : '') + key : `[${JSON.stringify(key)}]`;
    }
  }
  return out || '(root)';
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'an object',
  null: 'null',
};

/**
 * Messages for the issues a schema does not word itself: plain English naming what was expected
 * and what was found, since the path already says where.
 */
export const friendlyIssueMessage = (issue: z.core.$ZodRawIssue): string | undefined => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `required (${TYPE_NAMES[issue.expected] ?? issue.expected})`;
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describeValue(issue.input)}`;
    case 'unrecognized_keys':
      return 'unknown field';
    default:
      return undefined;
  }
};

/** The first issue (the one a person should fix first), as a FieldError. */
export function fieldErrorOf(error: z.ZodError): FieldError {
  const issue = error.issues[0];
  if (!issue) return { path: '(root)', message: 'invalid' };
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return { path: formatFieldPath([...issue.path, key]), message: 'unknown field (check its spelling)' };
  }
  return { path: formatFieldPath(issue.path), message: issue.message };
}
