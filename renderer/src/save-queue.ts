// Runs in the renderer. Saves that survive losing the host (issue 19). A form's save goes through
// `save(method, input, { draft })`: it gets an Idempotency-Key, made once for this submission. If the
// host answers, that answer is the save's outcome (a refusal is shown, never sent again). If no
// answer came, the save may or may not have committed: it is kept (in memory and in localStorage,
// so a reload or a restart of the app keeps it too) and sent again with the same key when the host
// is back and its person is signed in (a restarted host signs everyone out). The host answers a
// key it committed with the first answer, so nothing is saved twice (electron/services/request-keys.ts).
// When it is saved, the form's draft is cleared (drafts.ts) unless the person typed on since.
import type { ApiResult } from '../../shared/api/app-error.js';
import type { Client, MethodName } from '../../shared/api/contract.js';
import { buildClient } from '../../shared/api/contract.js';
import { ApiCallError, callHost, HostUnreachable, onSignedInAs, onSignedOut, watchHost } from './api.js';
import { hostState, onHostState } from './connection.js';
import { clearDraftIf, draftText, type DraftRef } from './drafts.js';

export interface PendingSave {
  key: string;
  method: MethodName;
  input: unknown;
  /** Whose save it is: sent only while they are signed in. */
  user: string;
  /** The form's draft, cleared when the save is done (if unchanged since). */
  draft?: DraftRef;
  /** The draft as it was when the save was made. */
  snapshot?: string | null;
  /** When it was first sent (Date.now()), to move a relative time of the input on by the wait. */
  sentAt: number;
}

export type SaveEvent =
  | { kind: 'queued'; save: PendingSave }
  | { kind: 'sent'; save: PendingSave }
  /** Saved before but its first answer is not known: treated as saved; the page reloads what is on the record. */
  | { kind: 'alreadySaved'; save: PendingSave; message: string }
  | { kind: 'refused'; save: PendingSave; message: string };

const STORE = 'duty.pendingSaves.v1';

function load(): PendingSave[] {
  try {
    const raw = localStorage.getItem(STORE);
    return raw ? (JSON.parse(raw) as PendingSave[]) : [];
  } catch {
    return [];
  }
}

let pending: PendingSave[] = typeof localStorage === 'undefined' ? [] : load();
const waiters = new Map<string, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
const listeners = new Set<(e: SaveEvent) => void>();
let currentUser: string | null = null;
let flushing = false;
let flushAgain = false;

function persist(): void {
  try {
    if (pending.length) localStorage.setItem(STORE, JSON.stringify(pending));
    else localStorage.removeItem(STORE);
  } catch {
    // A full or absent store: the saves stay in memory.
  }
}

function emit(e: SaveEvent): void {
  for (const l of listeners) l(e);
}

/** Told when a save is queued, sent, answered already-saved or refused. */
export function onSaveEvent(listener: (e: SaveEvent) => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** The saves waiting for the host (of every user on this computer). */
export function pendingSaves(): readonly PendingSave[] {
  return pending;
}

/** Whether a save of this form's draft is waiting (its form shows it and does not save again). */
export function isDraftPending(draft: DraftRef): boolean {
  return pending.some((p) => p.draft && p.draft.user === draft.user && p.draft.form === draft.form);
}

function newRequestKey(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_');
}

/**
 * The input as sent again after waiting `waitedMs`: a call's age (`startedMsAgo`, the intake form's
 * time since the first keystroke, when no time was typed) grows by the wait, so the server dates
 * the call when it began, not when the host came back. Typed times are sent as typed.
 */
export function aged(input: unknown, waitedMs: number): unknown {
  if (Array.isArray(input)) return input.map((v) => aged(v, waitedMs));
  if (input === null || typeof input !== 'object') return input;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) out[k] = k === 'startedMsAgo' && typeof v === 'number' ? Math.min(v + Math.max(0, waitedMs), 12 * 3600_000) : aged(v, waitedMs);
  return out;
}

/** A save's answer to whoever waits for it: its draft cleared once saved (or saved before), the promise settled. */
function deliver(p: PendingSave, result: ApiResult<unknown>, waiter: { resolve(v: unknown): void; reject(e: unknown): void } | undefined): void {
  if ((result.ok || result.error.code === 'already_saved') && p.draft) clearDraftIf(p.draft, p.snapshot ?? null);
  if (result.ok) waiter?.resolve(result.value);
  else waiter?.reject(new ApiCallError(result.error));
}

/** A waiting save answered: out of the queue, told to the banner, then to its form. */
function settle(p: PendingSave, result: ApiResult<unknown>): void {
  pending = pending.filter((x) => x.key !== p.key);
  persist();
  const waiter = waiters.get(p.key);
  waiters.delete(p.key);
  if (result.ok) emit({ kind: 'sent', save: p });
  else if (result.error.code === 'already_saved') emit({ kind: 'alreadySaved', save: p, message: result.error.message });
  else emit({ kind: 'refused', save: p, message: result.error.message });
  deliver(p, result, waiter);
}

/** Sends the waiting saves of the signed-in person, one by one, while the host answers. */
async function flush(): Promise<void> {
  // Asked again while sending (a sign-in answered meanwhile): sent again once this round ends.
  if (flushing) return void (flushAgain = true);
  if (hostState().state !== 'online') return;
  flushing = true;
  flushAgain = false;
  try {
    for (;;) {
      const next = pending.find((p) => p.user === currentUser);
      if (!next) {
        // The host is back but signed everyone out: the lock screen asks the person to sign in again.
        if (currentUser === null && pending.length) for (const l of signedOutNudges) l();
        return;
      }
      let result: ApiResult<unknown>;
      try {
        result = await callHost(next.method, aged(next.input, Date.now() - next.sentAt), next.key);
      } catch (e) {
        if (e instanceof HostUnreachable) return; // lost again: sent when it is back
        throw e;
      }
      // Not run (signed out meanwhile): waits for the sign-in; every other answer is the save's outcome.
      if (!result.ok && result.error.code === 'unauthenticated') return;
      settle(next, result);
    }
  } finally {
    flushing = false;
    if (flushAgain) {
      flushAgain = false;
      void flush();
    }
  }
}

const signedOutNudges = new Set<() => void>();
/** Told when saves wait for a person who is no longer signed in on a host that is back. */
export function onSignInNeeded(listener: () => void): () => void {
  signedOutNudges.add(listener);
  return () => void signedOutNudges.delete(listener);
}

let started = false;
/** Starts watching the host and sending the waiting saves (once per window; the shell calls it). */
export function startSaveQueue(): void {
  if (started) return;
  started = true;
  watchHost();
  onHostState((s) => s === 'online' && void flush());
  onSignedInAs((who) => {
    currentUser = who;
    void flush();
  });
  onSignedOut(() => (currentUser = null));
}

/**
 * Saves: one submission, one key. Resolves with the host's answer; rejects with ApiCallError for a
 * refusal (shown by the form, never sent again) or `already_saved`; while the host cannot be
 * reached the promise waits (the save is queued) and `onQueued` is told at once.
 */
export function save(method: MethodName, input: unknown, opts: { draft?: DraftRef; user: string; onQueued?: () => void }): Promise<unknown> {
  const p: PendingSave = {
    key: newRequestKey(),
    method,
    input,
    user: opts.user,
    ...(opts.draft ? { draft: opts.draft, snapshot: draftText(opts.draft) } : {}),
    sentAt: Date.now(),
  };
  return new Promise((resolve, reject) => {
    waiters.set(p.key, { resolve, reject });
    const queue = () => {
      pending = [...pending, p];
      persist();
      emit({ kind: 'queued', save: p });
      opts.onQueued?.();
    };
    if (hostState().state === 'lost') return queue();
    callHost(method, input, p.key).then(
      (result) => {
        // Signed out before it ran (a restarted host): it waits for the sign-in, like a save without an answer.
        if (!result.ok && result.error.code === 'unauthenticated') return queue();
        waiters.delete(p.key);
        deliver(p, result, { resolve, reject });
      },
      (e: unknown) => (e instanceof HostUnreachable ? queue() : (waiters.delete(p.key), reject(e))),
    );
  });
}

/** The typed client whose every call is a save of `opts` (a form's draft, its person). */
export function saving(opts: { draft?: DraftRef; user: string; onQueued?: () => void }): Client {
  return buildClient((method, input) => save(method, input, opts));
}
