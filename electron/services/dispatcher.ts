// Runs in Electron's main process and in plain Node (browser mode, tests); it imports no electron.
// The one dispatcher both transports call: checks the method exists, validates the input with its
// schema (input is `unknown` until parsed), runs the handler, and answers
// `{ ok: true, value } | { ok: false, error }`. It never throws.
// With a session store (the Electron window and browser mode), every call is first checked against
// shared/api/roles.ts for the caller's session: nobody signed in -> 'unauthenticated', a role the
// method does not allow -> 'forbidden'; both before the input is looked at. A signed-in user's
// refusal is audited as `access.refused`; a call without a session writes nothing (it did nothing,
// and a probe must not be able to fill the chain or cost a disk write each): it is counted per
// source and minute and reported on the process's log. Sign-ins pass the login gate (sessions.ts).
// Without a session store (the CLI, tests in-process) calls act as the context's actor.
import type { z } from 'zod';
import { refusalText } from '../../shared/api/action-label.js';
import { AppError, type ApiError, type ApiResult } from '../../shared/api/app-error.js';
import { contract, type MethodName } from '../../shared/api/contract.js';
import { issueMessage } from '../../shared/api/issue-message.js';
import { METHOD_ROLES } from '../../shared/api/roles.js';
import { userActor } from '../../shared/domain/user.js';
import { isMessageKey, translate, type Locale, type MessageKey } from '../../shared/i18n/index.js';
import { appendAudit } from './audit.js';
import { callContext, inWriteTransaction, type ServiceContext } from './context.js';
import { handlers as defaultHandlers, type Handlers } from './handlers.js';
import { keepAnswer, replayOf, REQUEST_KEY, RequestKeyTaken } from './request-keys.js';
import { SessionStore, type SessionState } from './sessions.js';
import { getSettings } from './settings.js';

/**
 * What a transport knows of a call beyond its session: `source`, where it came from (browser mode:
 * the peer's address; by default the session key), and `replaces`, the session a sign-in in the
 * same browser ends (its old cookie), whatever the sign-in's outcome.
 */
export interface CallMeta {
  source?: string;
  replaces?: string;
  /** The room's seat the call came from (its name, from its pairing), for the audit. */
  seat?: string;
  /** The client's Idempotency-Key for a submission it may retry after losing the host. */
  requestKey?: string;
}

/** `session`: the caller's session key (one per Electron window, one per browser-mode cookie). */
export type Dispatch = (method: unknown, input: unknown, session?: string, meta?: CallMeta) => Promise<ApiResult<unknown>>;

export interface DispatcherOptions {
  handlers?: Handlers;
  /** Sessions to check every call against (the transports); none: calls act as ctx.actor (CLI, tests). */
  sessions?: SessionStore;
  /** Where unexpected errors are reported (stderr by default). */
  logError?: (method: string, error: unknown) => void;
  /** Where calls without a session are reported, a line per source and minute (stderr by default). */
  logNotice?: (line: string) => void;
}

const SIGN_INS = new Set<string>(['auth.login', 'auth.setupAdmin']);

/**
 * Calls without a session, per source and minute: the first is reported with its method, the rest
 * of the minute only counted and reported as one line when the source's next minute begins.
 */
class AnonymousCalls {
  private readonly bySource = new Map<string, { minute: number; count: number }>();
  constructor(private readonly log: (line: string) => void) {}

  note(source: string, method: string, now: number): void {
    const minute = Math.floor(now / 60_000);
    const seen = this.bySource.get(source);
    if (seen && seen.minute === minute) {
      seen.count += 1;
      return;
    }
    if (seen && seen.count > 1) this.log(`${seen.count} calls without a session from ${source} in the minute from ${new Date(seen.minute * 60_000).toISOString()}`);
    if (this.bySource.size >= 1000) for (const [k, v] of this.bySource) if (v.minute < minute - 1) this.bySource.delete(k);
    this.bySource.set(source, { minute, count: 1 });
    this.log(`call without a session from ${source}: ${method} (refused; more this minute are counted, not logged)`);
  }
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
  // The field itself, else the object it is in (`report.summary` -> incident.summary, else incident.report).
  for (const part of [path.at(-1), path[0]]) {
    const key = `${domain}.${String(part ?? '')}`;
    if (isMessageKey(key)) return translate(locale, key);
  }
  return path.map(String).join('.') || 'input';
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
    const said = issueMessage((key, params) => translate(locale, key, params), issue, label);
    if (said !== null) message = said;
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

  const logNotice = options.logNotice ?? ((line: string) => process.stderr.write(`[dispatch] ${line}\n`));
  const anonymousCalls = new AnonymousCalls(logNotice);

  const sessions = options.sessions;
  const anonymous = `anon:${ctx.instance.transport}`;

  /**
   * Answers a refused call. A signed-in user's refusal, and the first call of a session whose
   * account was disabled, leave a row on the audit chain (who, which method, why); a call without
   * a session is only counted (AnonymousCalls).
   */
  function refuse(locale: Locale, method: MethodName, state: SessionState, code: 'unauthenticated' | 'forbidden', source: string): ApiResult<never> {
    const who = state.kind === 'signedIn' ? state.user.username : state.kind === 'none' ? null : state.username;
    const actor = state.kind === 'signedIn' ? userActor(state.user.username) : anonymous;
    const after = { code, role: state.kind === 'signedIn' ? state.user.role : null, session: state.kind, ...(who && state.kind !== 'signedIn' ? { lastUser: who } : {}) };
    if (state.kind === 'signedIn' || state.kind === 'disabled') {
      try {
        const c = callContext(ctx, actor);
        inWriteTransaction(c, () => appendAudit(c, { method: 'access.refused', entity: 'method', entityId: method, before: null, after }));
      } catch (e) {
        logError(method, e);
      }
    } else {
      anonymousCalls.note(source, method, ctx.now());
    }
    const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
    // Said in words: what the action is and who may do it, never the method's internal name.
    if (code === 'forbidden' && state.kind === 'signedIn') return { ok: false, error: { code, message: refusalText(t, method, state.user.role) } };
    const key: MessageKey = state.kind === 'none' ? 'auth.required' : state.kind === 'disabled' ? 'auth.disabled' : 'auth.expired';
    return { ok: false, error: { code, message: t(key) } };
  }

  /** The answer to a keyed call whose key committed before (request-keys.ts), or null to run it. */
  function replay(locale: Locale, method: MethodName, c: ServiceContext): ApiResult<unknown> | null {
    if (c.requestKey === undefined) return null;
    try {
      return replayOf(c, method);
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: { code: e.code, message: translate(locale, e.key as MessageKey, e.params) } };
      logError(method, e);
      return { ok: false, error: { code: 'internal', message: translate(locale, 'error.internal', { message: (e as Error)?.message ?? String(e) }) } };
    }
  }

  return async function dispatch(method, input, sessionKey, meta = {}) {
    const locale = localeOf(ctx);
    if (!isMethod(method)) {
      const name = typeof method === 'string' ? method.slice(0, 80) : typeof method;
      return { ok: false, error: { code: 'unknown_method', message: translate(locale, 'error.unknownMethod', { method: name }) } };
    }
    const source = meta.source ?? sessionKey ?? 'unknown';
    const requestKey = meta.requestKey;
    if (requestKey !== undefined && !REQUEST_KEY.test(requestKey)) return { ok: false, error: { code: 'invalid_input', message: translate(locale, 'request.badKey') } };
    if (sessions && meta.replaces !== undefined && meta.replaces !== sessionKey && SIGN_INS.has(method)) sessions.drop(meta.replaces);
    let callCtx = ctx;
    if (sessions) {
      let state: SessionState;
      try {
        state = sessions.resolve(sessionKey);
      } catch (e) {
        logError(method, e);
        state = { kind: 'none' };
      }
      const allowed = METHOD_ROLES[method];
      if (allowed !== 'public') {
        if (state.kind !== 'signedIn') return refuse(locale, method, state, 'unauthenticated', source);
        if (!allowed.includes(state.user.role)) return refuse(locale, method, state, 'forbidden', source);
      }
      const actor = state.kind === 'signedIn' ? userActor(state.user.username) : anonymous;
      callCtx = callContext(ctx, actor, {
        ...(sessionKey === undefined ? {} : { session: sessions.handle(sessionKey, state) }),
        ...(meta.seat !== undefined ? { seat: meta.seat } : {}),
        ...(requestKey !== undefined ? { requestKey, method } : {}),
      });
    } else if (requestKey !== undefined) callCtx = callContext(ctx, ctx.actor, { requestKey, method });
    // The input reported on each issue: a text too long says its length, a value of the wrong type is told from a missing one.
    const parsed = contract[method].input.safeParse(input, { reportInput: true });
    if (!parsed.success) return { ok: false, error: invalidInput(locale, method, parsed.error.issues) };
    // A save sent again by a seat that lost the host: answered as the first time, never run twice.
    const replayed = replay(locale, method, callCtx);
    if (replayed) return replayed;
    // The login gate: a source that guessed wrong waits before its next attempt is even checked.
    const gate = sessions && method === 'auth.login' ? sessions.loginGate : null;
    if (gate) {
      const wait = gate.waitMs(source);
      if (wait !== null) return { ok: false, error: { code: 'too_many_attempts', message: translate(locale, 'auth.tooSoon', { seconds: Math.ceil(wait / 1000) }) } };
      gate.begin(source);
    }
    try {
      const handler = handlers[method] as (c: ServiceContext, i: unknown) => unknown;
      const value = await handler(callCtx, parsed.data);
      try {
        keepAnswer(callCtx, value);
      } catch (e) {
        logError(method, e); // the write committed: its answer goes out; a retry is answered already_saved
      }
      gate?.end(source, 'ok');
      return { ok: true, value };
    } catch (e) {
      if (gate) {
        const wrong = e instanceof AppError && e.key === 'auth.badCredentials';
        gate.end(source, wrong ? 'wrong' : 'other');
        const wait = wrong ? gate.waitMs(source) : null;
        if (wait !== null) return { ok: false, error: { code: 'unauthenticated', message: translate(locale, 'auth.badCredentialsWait', { seconds: Math.ceil(wait / 1000) }) } };
      }
      // The same key committed meanwhile by another call (this write rolled back): its answer.
      if (e instanceof RequestKeyTaken) return replay(locale, method, callCtx) ?? { ok: false, error: { code: e.code, message: translate(locale, e.key as MessageKey) } };
      if (e instanceof AppError) {
        return { ok: false, error: { code: e.code, message: translate(localeOf(ctx), e.key as MessageKey, e.params) } };
      }
      logError(method, e);
      const message = e instanceof Error ? e.message : String(e);
      return { ok: false, error: { code: 'internal', message: translate(locale, 'error.internal', { message }) } };
    }
  };
}

/** The transports' dispatcher (the Electron window, browser mode): every call checked against its caller's session. */
export function createSessionDispatcher(ctx: ServiceContext, options: Omit<DispatcherOptions, 'sessions'> = {}): Dispatch {
  return createDispatcher(ctx, { ...options, sessions: new SessionStore(ctx) });
}
