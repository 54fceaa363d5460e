// Runs in the renderer. The typed client over whichever transport this window has: the Electron
// preload's `window.duty` or, in browser mode, HTTP to the host. Pages call `api.units.list()`
// and get the value, or an ApiCallError carrying the message to show.
//
// Losing the host (issue 19): a call that gets no answer (the fetch fails, a proxy answers 502/503/504,
// the preload's bridge is gone) reports the host lost (connection.ts: the red banner at once), and
// any answer reports it back. While lost, a small public call (auth.status) every PING_MS finds the
// host's return. Saves go through `save` (save-queue.ts): they carry an Idempotency-Key and, when
// they got no answer, are sent again with the same key once the host is back and the person signed in.
import type { ApiError, ApiResult } from '../../shared/api/app-error.js';
import { buildClient, type Client, type MethodName } from '../../shared/api/contract.js';
import { hostState, reportHostBack, reportHostLost } from './connection.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload: the same methods, answering ApiResult. */
    duty?: Record<string, Record<string, (input: unknown) => Promise<ApiResult<unknown>>>>;
  }
}

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}

/** A call the host never answered: it may or may not have run (only a keyed save can tell, by sending it again). */
export class HostUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostUnreachable';
  }
}

/** What a gateway answers when the host behind it is down: no answer from the host. */
const NO_ANSWER_STATUS = new Set([502, 503, 504]);

/** How often a seat that lost the host asks whether it is back. */
const PING_MS = 1000;
/** Online and not watched by the live stream: how long without any answer before a seat checks (the banner shows within 1 s). */
const QUIET_MS = 700;

async function overHttp(method: MethodName, input: unknown, requestKey?: string): Promise<ApiResult<unknown>> {
  let res: Response;
  try {
    res = await fetch(`./api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(requestKey ? { 'Idempotency-Key': requestKey } : {}) },
      body: JSON.stringify(input ?? {}),
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new HostUnreachable(`network: ${(e as Error).message}`);
  }
  if (NO_ANSWER_STATUS.has(res.status)) throw new HostUnreachable(`HTTP ${res.status}`);
  // The server answers every API call in JSON (also its 400, 404 and 413); other text is a refusal before the API.
  try {
    if (res.status === 200 || (res.headers.get('content-type') ?? '').startsWith('application/json')) return (await res.json()) as ApiResult<unknown>;
    return { ok: false, error: { code: res.status === 403 ? 'forbidden' : 'internal', message: (await res.text()).trim() } };
  } catch (e) {
    // The connection broke while the answer was read: as if no answer came.
    throw new HostUnreachable(`network: ${(e as Error).message}`);
  }
}

async function overIpc(method: MethodName, input: unknown): Promise<ApiResult<unknown>> {
  const [domain, leaf] = method.split('.') as [string, string];
  if (!window.duty) throw new HostUnreachable('ipc: the bridge to the main process is gone');
  const fn = window.duty[domain]?.[leaf];
  if (!fn) return { ok: false, error: { code: 'unknown_method', message: method } };
  return fn(input);
}

export const transport: 'electron' | 'http' = typeof window !== 'undefined' && window.duty ? 'electron' : 'http';

/** Told when the server answers 'unauthenticated' (session locked, expired or disabled): the shell shows the lock screen. */
const signedOutListeners = new Set<(error: ApiError) => void>();
export function onSignedOut(listener: (error: ApiError) => void): () => void {
  signedOutListeners.add(listener);
  return () => void signedOutListeners.delete(listener);
}

/** Told with the signed-in username after every answer that says who is signed in (null: nobody). */
const whoListeners = new Set<(username: string | null) => void>();
export function onSignedInAs(listener: (username: string | null) => void): () => void {
  whoListeners.add(listener);
  return () => void whoListeners.delete(listener);
}

/** When the host last answered (performance.now()). */
let lastAnswer = 0;

/**
 * Sign-ins answered so far in this window. An 'unauthenticated' answer to a call sent before the
 * latest sign-in speaks of the session that sign-in replaced (a host restarted, pages reading again
 * at once): it must not lock the session just opened.
 */
let signInEpoch = 0;

/** Notes who the answer says is signed in (sign-in, status, sign-out). */
function noteWho(method: MethodName, result: ApiResult<unknown>): void {
  let who: string | null | undefined;
  if (result.ok && (method === 'auth.login' || method === 'auth.setupAdmin' || method === 'auth.status')) {
    const v = result.value as { user?: { username?: string } | null; username?: string };
    who = v.user === undefined ? (v.username ?? null) : (v.user?.username ?? null);
  } else if (method === 'auth.logout' || method === 'auth.lock' || (!result.ok && result.error.code === 'unauthenticated' && !method.startsWith('auth.'))) who = null;
  if (who !== undefined) for (const l of whoListeners) l(who);
}

/**
 * One call as it went: the host's answer (ok or refused), or HostUnreachable when none came. The
 * host state follows: no answer -> lost, any answer -> back. `requestKey` goes as the Idempotency-Key.
 */
export async function callHost(method: MethodName, input: unknown, requestKey?: string): Promise<ApiResult<unknown>> {
  const epoch = signInEpoch;
  let result: ApiResult<unknown>;
  try {
    result = transport === 'electron' ? await overIpc(method, input) : await overHttp(method, input, requestKey);
  } catch (e) {
    if (e instanceof HostUnreachable) reportHostLost();
    throw e;
  }
  lastAnswer = performance.now();
  reportHostBack();
  if (result.ok && (method === 'auth.login' || method === 'auth.setupAdmin')) signInEpoch += 1;
  const stale = !result.ok && result.error.code === 'unauthenticated' && epoch !== signInEpoch;
  if (!stale) noteWho(method, result);
  if (!stale && !result.ok && result.error.code === 'unauthenticated' && !method.startsWith('auth.')) for (const l of signedOutListeners) l(result.error);
  return result;
}

export const api: Client = buildClient(async (method, input) => {
  let result: ApiResult<unknown>;
  try {
    result = await callHost(method, input);
  } catch (e) {
    if (e instanceof HostUnreachable) throw new ApiCallError({ code: 'internal', message: e.message });
    throw e;
  }
  if (!result.ok) throw new ApiCallError(result.error);
  return result.value;
});

// ---- noticing the host's loss and return ----------------------------------------------------------

let watching = false;
let streamWatches = false;

/**
 * The live channel's stream watches the host (it reports a drop at once): while it does, an online
 * seat does not ping; a lost one still does until an answer comes.
 */
export function setHostWatchedByStream(on: boolean): void {
  streamWatches = on;
}

/**
 * Starts the watch (once per window): while the host is lost, asks auth.status every PING_MS until
 * it answers; online, a seat with no answer for QUIET_MS asks too (unless the live stream watches),
 * so a host that died is noticed within a second even when nobody clicks.
 */
export function watchHost(): void {
  if (watching || transport !== 'http') return;
  watching = true;
  let inFlight = false;
  let lastPing = 0;
  const tick = () => {
    const at = performance.now();
    if (inFlight) return;
    if (hostState().state === 'lost' ? at - lastPing < PING_MS : streamWatches || at - lastAnswer < QUIET_MS) return;
    inFlight = true;
    lastPing = at;
    callHost('auth.status', {})
      .catch(() => undefined)
      .finally(() => (inFlight = false));
  };
  window.setInterval(tick, 200);
}
