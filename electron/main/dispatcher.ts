// Runs in Electron's main process and in plain Node (browser mode, tests); it imports no electron.
// The one dispatcher both transports call: checks the method exists, validates the input with its
// schema (input is `unknown` until parsed), runs the handler, and answers
// `{ ok: true, value } | { ok: false, error }`. It never throws.
import type { z } from 'zod';
import { AppError, type ApiError, type ApiResult } from '../../shared/api/app-error.js';
import { contract, type MethodName } from '../../shared/api/contract.js';
import { isMessageKey, translate, type Locale, type MessageKey } from '../../shared/i18n/index.js';
import type { ServiceContext } from '../services/context.js';
import { handlers as defaultHandlers, type Handlers } from '../services/handlers.js';
import { getSettings } from '../services/settings.js';

export type Dispatch = (method: unknown, input: unknown) => Promise<ApiResult<unknown>>;

export interface DispatcherOptions {
  handlers?: Handlers;
  /** Where unexpected errors are reported (stderr by default). */
  logError?: (method: string, error: unknown) => void;
}

function isMethod(m: unknown): m is MethodName {
  return typeof m === 'string' && Object.hasOwn(contract, m);
}

function localeOf(ctx: ServiceContext): Locale {
  try {
    return getSettings(ctx).locale;
  } catch {
    return 'zh-CN';
  }
}

/** A field's label: `unit.dutyPhone` for `units.create` + ['dutyPhone'], where such a key exists. */
function fieldLabel(locale: Locale, method: string, path: PropertyKey[]): string {
  const domain = method.split('.')[0]!.replace(/s$/, '');
  const key = `${domain}.${String(path[0] ?? '')}`;
  return isMessageKey(key) ? translate(locale, key) : path.map(String).join('.') || 'input';
}

function invalidInput(locale: Locale, method: string, allIssues: z.core.$ZodIssue[]): ApiError {
  // One message per field: the first is the one to fix first ("required" before "format").
  const seen = new Set<string>();
  const issues = allIssues.filter((i) => {
    const key = i.path.map(String).join('.');
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const fields = issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const label = fieldLabel(locale, method, issue.path);
    let message: string;
    if (isMessageKey(issue.message)) message = translate(locale, issue.message);
    else if (issue.code === 'unrecognized_keys') message = translate(locale, 'validation.invalid', { field: issue.keys.join(', ') });
    else if (issue.code === 'invalid_type' && issue.input === undefined) message = translate(locale, 'validation.required', { field: label });
    else message = translate(locale, 'validation.invalid', { field: label });
    return { path, message };
  });
  const details = fields.map((f) => f.message).join('；');
  return { code: 'invalid_input', message: translate(locale, 'validation.summary', { details }), fields };
}

export function createDispatcher(ctx: ServiceContext, options: DispatcherOptions = {}): Dispatch {
  const handlers = options.handlers ?? defaultHandlers;
  const logError =
    options.logError ?? ((method: string, e: unknown) => process.stderr.write(`[dispatch] ${method}: ${(e as Error)?.stack ?? String(e)}\n`));

  return async function dispatch(method, input) {
    const locale = localeOf(ctx);
    if (!isMethod(method)) {
      const name = typeof method === 'string' ? method.slice(0, 80) : typeof method;
      return { ok: false, error: { code: 'unknown_method', message: translate(locale, 'error.unknownMethod', { method: name }) } };
    }
    const parsed = contract[method].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: invalidInput(locale, method, parsed.error.issues) };
    try {
      const handler = handlers[method] as (c: ServiceContext, i: unknown) => unknown;
      const value = await handler(ctx, parsed.data);
      return { ok: true, value };
    } catch (e) {
      if (e instanceof AppError) {
        return { ok: false, error: { code: e.code, message: translate(localeOf(ctx), e.key as MessageKey, e.params) } };
      }
      logError(method, e);
      const message = e instanceof Error ? e.message : String(e);
      return { ok: false, error: { code: 'internal', message: translate(locale, 'error.internal', { message }) } };
    }
  };
}
