// Runs in Electron's main process and in plain Node. Who is signed in on each window (Electron:
// one session per webContents) or browser (browser mode: one per session cookie). Kept in memory
// only: a restart signs everybody out. Every call re-reads the user from the database, so a
// disabled account or a changed role takes effect at the next call, and a session unused by a
// person for the settings' lockMinutes locks: it answers nothing until the password is given again.
import type { SessionUser } from '../../shared/domain/user.js';
import { findUser } from '../db/repositories/users.js';
import type { ServiceContext, SessionHandle } from './context.js';
import { loginDelayMs } from './passwords.js';
import { getSettings } from './settings.js';

/** A session nobody has used for this long is forgotten (its browser or window is long gone). */
export const SESSION_PRUNE_MS = 24 * 60 * 60_000;
/** The most sources the login gate remembers; the oldest are forgotten first. */
const MAX_SOURCES = 10_000;

/**
 * Failed sign-ins per source (a browser's address, an Electron window): after three in a row from
 * one source, that source waits 1 s, doubling to 5 min, before its next attempt is even checked,
 * and it has at most one attempt being checked at a time. Keyed by source, not by account: guessing
 * from one place cannot lock a user out of their own correct password typed somewhere else (the
 * account's own slow-down in users.ts only holds answers back, it refuses nothing).
 */
export class LoginGate {
  private readonly sources = new Map<string, { failures: number; lastAt: number; checking: boolean }>();

  constructor(private readonly now: () => number) {}

  /** Null when `source` may try now, else the milliseconds it must wait (at least 1). */
  waitMs(source: string): number | null {
    const s = this.sources.get(source);
    if (!s) return null;
    if (s.checking) return 1000;
    const until = s.lastAt + loginDelayMs(s.failures);
    return this.now() < until ? until - this.now() : null;
  }

  begin(source: string): void {
    const s = this.sources.get(source) ?? { failures: 0, lastAt: 0, checking: false };
    s.checking = true;
    this.sources.delete(source); // re-inserted: the map's order is the oldest use first
    this.sources.set(source, s);
    if (this.sources.size > MAX_SOURCES) this.sources.delete(this.sources.keys().next().value!);
  }

  /** The attempt's outcome: a success clears the source, a wrong password counts against it. */
  end(source: string, outcome: 'ok' | 'wrong' | 'other'): void {
    const s = this.sources.get(source);
    if (!s) return;
    s.checking = false;
    if (outcome === 'ok') this.sources.delete(source);
    else if (outcome === 'wrong') {
      s.failures += 1;
      s.lastAt = this.now();
    } else if (s.failures === 0) this.sources.delete(source);
  }
}

interface Entry {
  userId: number | null;
  /** The account's name at sign-in: after a restore, the same id may be somebody else. */
  username: string;
  /** Whether someone was signed in before the session locked or expired. */
  lastUserId: number | null;
  lastActive: number;
}

export type SessionState =
  | { kind: 'signedIn'; user: SessionUser }
  | { kind: 'none' }
  | { kind: 'expired' | 'locked' | 'disabled'; username: string | null };

export class SessionStore {
  private readonly entries = new Map<string, Entry>();
  readonly loginGate: LoginGate;

  /** `base` is the app's context: its db (swapped by a restore) and its clock. */
  constructor(private readonly base: Pick<ServiceContext, 'db' | 'now'>) {
    this.loginGate = new LoginGate(() => base.now());
  }

  idleMs(): number {
    return getSettings(this.base).lockMinutes * 60_000;
  }

  /** The state of session `key` now; expires it when idle too long, signs it out when the account is gone or disabled. */
  resolve(key: string | undefined): SessionState {
    const entry = key === undefined ? undefined : this.entries.get(key);
    if (!entry) return { kind: 'none' };
    const lastName = () => entry.username;
    if (entry.userId === null) return entry.lastUserId === null ? { kind: 'none' } : { kind: 'locked', username: lastName() };
    if (this.base.now() - entry.lastActive > this.idleMs()) {
      entry.lastUserId = entry.userId;
      entry.userId = null;
      return { kind: 'expired', username: lastName() };
    }
    const user = findUser(this.base.db, entry.userId);
    if (!user || user.disabled || user.username !== entry.username) {
      entry.lastUserId = entry.userId;
      entry.userId = null;
      return { kind: 'disabled', username: entry.username };
    }
    return { kind: 'signedIn', user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role } };
  }

  /** The handle the auth.* handlers use; `user` is the state resolved for this call. */
  handle(key: string, state: SessionState): SessionHandle {
    const entries = this.entries;
    const base = this.base;
    return {
      user: state.kind === 'signedIn' ? state.user : null,
      signIn: (user) => {
        this.prune();
        entries.set(key, { userId: user.id, username: user.username, lastUserId: user.id, lastActive: base.now() });
      },
      signOut: () => void entries.delete(key),
      lock: () => {
        const e = entries.get(key);
        if (e && e.userId !== null) {
          e.lastUserId = e.userId;
          e.userId = null;
        }
      },
      touch: () => {
        const e = entries.get(key);
        if (e && e.userId !== null) e.lastActive = base.now();
        return (e?.lastActive ?? base.now()) + this.idleMs();
      },
    };
  }

  /** The account signed in on a session now, without touching it (the room's seat list), or null. */
  usernameOf(key: string): string | null {
    const entry = this.entries.get(key);
    return entry && entry.userId !== null && this.base.now() - entry.lastActive <= this.idleMs() ? entry.username : null;
  }

  /** Forgets a session whose window or browser is gone, or that a new sign-in in the same browser replaced. */
  drop(key: string): void {
    this.entries.delete(key);
  }

  /** How many sessions are remembered (signed in, locked or expired). */
  get size(): number {
    return this.entries.size;
  }

  /** Forgets sessions unused for SESSION_PRUNE_MS: run at every sign-in, so the map cannot grow for ever. */
  private prune(): void {
    const cutoff = this.base.now() - SESSION_PRUNE_MS;
    for (const [key, e] of this.entries) if (e.lastActive < cutoff) this.entries.delete(key);
  }
}
