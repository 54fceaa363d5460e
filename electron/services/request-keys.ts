// Runs in Electron's main process and in plain Node. Nothing saved twice (issue 19): a seat that
// lost the host sends a save again, when the host is back, with the Idempotency-Key it made for that
// submission. The key is claimed inside the write transaction it guards (context.ts
// `inWriteTransaction`, the outermost transaction of the call): the write and its key commit
// together or not at all. The dispatcher asks `replayOf` before running a keyed call: a key already
// committed is answered its first answer (or, when the host stopped before that answer was kept,
// `already_saved`), without running the handler again; the same key from another user or method is
// refused. Keys are not the record (electron/db/seal.ts LEFT_OUT) and are pruned after KEEP_MS.
import type { ApiResult } from '../../shared/api/app-error.js';
import { AppError } from '../../shared/api/app-error.js';
import { findRequestKey, insertRequestKey, pruneRequestKeys, setRequestAnswer } from '../db/repositories/request-keys.js';
import type { ServiceContext } from './context.js';

/** What a client's key looks like: made once per submission by the renderer (renderer/src/api.ts). */
export const REQUEST_KEY = /^[A-Za-z0-9_-]{16,100}$/;

/** How long a key is kept: a seat offline longer than this sends its save as new (and it is saved). */
export const KEEP_MS = 7 * 24 * 3600_000;

/** An answer larger than this is not kept: a retry is answered `already_saved` instead. */
const MAX_ANSWER_CHARS = 1_000_000;

/** Raised inside the transaction when its key was committed meanwhile: it rolls the write back. */
export class RequestKeyTaken extends AppError {
  constructor() {
    super('conflict', 'request.keyTaken');
  }
}

/** The contexts whose key is claimed (a handler may commit more than one outer transaction). */
const CLAIMED = new WeakSet<ServiceContext>();

/**
 * Called by inWriteTransaction inside the outermost transaction of a keyed call: claims the key
 * (it commits with the write) and prunes keys past KEEP_MS. Throws RequestKeyTaken when the key
 * is there already, which rolls back the write it was to guard.
 */
export function claimRequestKey(ctx: ServiceContext): void {
  const key = ctx.requestKey;
  if (key === undefined) return;
  // Claimed by an earlier transaction of this call that committed (one that rolled back left no row).
  if (CLAIMED.has(ctx) && findRequestKey(ctx.db, key)) return;
  const now = ctx.now();
  if (!insertRequestKey(ctx.db, { key, actor: ctx.actor, method: ctx.method ?? '', at: now })) throw new RequestKeyTaken();
  pruneRequestKeys(ctx.db, now - KEEP_MS);
  CLAIMED.add(ctx);
}

/**
 * The answer to a keyed call whose key was committed before: its first answer, `already_saved`
 * when only the key is known, a refusal when another user or method used it; null when the key is
 * new (the call runs).
 */
export function replayOf(ctx: ServiceContext, method: string): ApiResult<unknown> | null {
  const key = ctx.requestKey;
  if (key === undefined) return null;
  const row = findRequestKey(ctx.db, key);
  if (!row) return null;
  if (row.actor !== ctx.actor || (row.method !== '' && row.method !== method)) throw new RequestKeyTaken();
  if (row.answer === null) throw new AppError('already_saved', 'request.alreadySaved');
  return { ok: true, value: JSON.parse(row.answer) as unknown };
}

/** Keeps the first answer of the key this call claimed (none when the call wrote nothing). */
export function keepAnswer(ctx: ServiceContext, value: unknown): void {
  if (ctx.requestKey === undefined || !CLAIMED.has(ctx)) return;
  const text = JSON.stringify(value ?? null);
  if (text.length <= MAX_ANSWER_CHARS) setRequestAnswer(ctx.db, ctx.requestKey, text);
}
