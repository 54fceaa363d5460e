// Runs in Electron's main process and in plain Node. Who is signed in on each window (Electron:
// one session per webContents) or browser (browser mode: one per session cookie). Kept in memory
// only: a restart signs everybody out. Every call re-reads the user from the database, so a
// disabled account or a changed role takes effect at the next call, and a session unused by a
// person for the settings' lockMinutes locks: it answers nothing until the password is given again.
import type { SessionUser } from '../../shared/domain/user.js';
import { findUser } from '../db/repositories/users.js';
import type { ServiceContext, SessionHandle } from './context.js';
import { getSettings } from './settings.js';

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

  /** `base` is the app's context: its db (swapped by a restore) and its clock. */
  constructor(private readonly base: Pick<ServiceContext, 'db' | 'now'>) {}

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
      signIn: (user) => void entries.set(key, { userId: user.id, username: user.username, lastUserId: user.id, lastActive: base.now() }),
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

  /** Forgets a session whose window or browser is gone. */
  drop(key: string): void {
    this.entries.delete(key);
  }
}
