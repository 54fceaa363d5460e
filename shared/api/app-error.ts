// Pure code: runs anywhere. The errors a service raises for a person to act on. `key` is an i18n
// key (shared/i18n) and `params` fill its placeholders, so the message is told in the UI's
// language where it is shown.
import type { MessageKey } from '../i18n/index.js';

/**
 * `unauthenticated`: nobody is signed in on this window (or the session locked or expired);
 * `forbidden`: the signed-in user's role may not call the method; `too_many_attempts`: failed
 * logins are being slowed down; `already_saved`: a retried save (same Idempotency-Key) was saved
 * before, but its first answer is not known: the client treats it as saved and reloads.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'too_many_attempts'
  | 'already_saved'
  | 'unknown_method'
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** For invalid_input: the field path and its message, one per bad field. */
  fields?: { path: string; message: string }[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = 'AppError';
  }
}
