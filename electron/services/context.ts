// Runs in Electron's main process and in plain Node. What every service call gets: the database,
// who acts, and the clock (injected so tests can set the time).
import { userInfo } from 'node:os';
import type { SessionUser } from '../../shared/domain/user.js';
import { AppError } from '../../shared/api/app-error.js';
import type { Db } from '../db/connection.js';
import { discardPending, pendingTables, sealPending, sealStateOf } from '../db/seal.js';
import { ChangeBus } from './changes.js';
import { systemClock, type Clock, type ClockKind } from './clock.js';
import { claimRequestKey } from './request-keys.js';
import type { RoomControl, SeatControl } from './room.js';

/** The caller's session, as the auth.* handlers see it (electron/services/sessions.ts). */
export interface SessionHandle {
  /** The signed-in user, or null (signed out, locked, expired or disabled). */
  readonly user: SessionUser | null;
  signIn(user: SessionUser): void;
  signOut(): void;
  /** Keeps who was signed in for the lock screen, but answers nothing until they sign in again. */
  lock(): void;
  /** A person is using the UI: restarts the inactivity clock; answers when the session will lock. */
  touch(): number;
}

export interface ServiceContext {
  db: Db;
  /**
   * Who acts: written on every audit row. In the app, the signed-in user (`user:<username>`,
   * set by the dispatcher per call) or `anon:<transport>` before signing in; in the CLI and
   * tests, the operating-system account (`os:<name>`) or the test's name.
   */
  actor: string;
  now(): number;
  /** Facts about this running instance, for app.info. */
  instance: {
    dbPath: string;
    transport: 'electron' | 'http';
    version: string;
    /** 'drill' when the clock is not the system's (演练): the UI says so on every page. */
    clock?: ClockKind;
  };
  /** The caller's session, when the call came through a transport with sessions. */
  session?: SessionHandle;
  /** The seat of the room the call came from (its name), when it came over the room's network. */
  seat?: string;
  /** The client's key for this submission (Idempotency-Key): a retry of the same key is not saved twice. */
  requestKey?: string;
  /** The contract method called (with requestKey: a key is refused for another method). */
  method?: string;
  /** Told after every committed write (the live channel); shared by every call's context. */
  changes?: ChangeBus;
  /** The room host's controls, when this process can host the room (electron/services/room.ts). */
  room?: RoomControl;
  /** How this desk joins a room as a seat (the desktop app only: electron/main/app.ts). */
  seatControl?: SeatControl;
}

/** What a transport adds to one call's context. */
export interface CallExtras {
  session?: SessionHandle;
  seat?: string;
  requestKey?: string;
  method?: string;
}

/**
 * One call's context: the base's clock and instance, the caller's actor and session. The
 * database stays the base's own (a restore in place swaps `db` on the base, and that must last).
 */
export function callContext(base: ServiceContext, actor: string, extras: CallExtras = {}): ServiceContext {
  const { session, seat, requestKey, method } = extras;
  return {
    get db() {
      return base.db;
    },
    set db(db: Db) {
      base.db = db;
    },
    actor,
    now: () => base.now(),
    instance: base.instance,
    ...(base.changes ? { changes: base.changes } : {}),
    // A getter: the host may be handed to the base context after calls' contexts were made.
    get room() {
      return base.room;
    },
    get seatControl() {
      return base.seatControl;
    },
    ...(session ? { session } : {}),
    ...(seat !== undefined ? { seat } : {}),
    ...(requestKey !== undefined ? { requestKey } : {}),
    ...(method !== undefined ? { method } : {}),
  };
}

export function osActor(): string {
  try {
    return `os:${userInfo().username}`;
  } catch {
    return 'os:unknown';
  }
}

export function createContext(db: Db, instance: ServiceContext['instance'], actor = osActor(), clock: Clock = systemClock): ServiceContext {
  return { db, actor, now: clock.now, instance: { ...instance, clock: clock.kind }, changes: new ChangeBus() };
}

/** What a database without its seal key still writes: the audit log (signing in and out, refusals). */
const WRITABLE_WITHOUT_KEY = new Set(['audit_log', 'audit_head']);

/**
 * Runs fn in one IMMEDIATE transaction: the write and its audit row land together or not at all,
 * and at its end every row it changed is sealed (electron/db/seal.ts). A database whose seal key
 * is missing is read-only but for the audit log: anything else is refused and rolled back.
 */
/** Tables written by the transaction open on each connection, inner (nested) ones included. */
const WRITTEN = new WeakMap<Db, Set<string>>();

export function inWriteTransaction<T>(ctx: ServiceContext, fn: () => T): T {
  const db = ctx.db;
  const outer = !db.inTransaction;
  if (outer) WRITTEN.set(db, new Set());
  let result: T;
  try {
    result = db
      .transaction(() => {
        // A keyed call's key commits with its write, or neither does (request-keys.ts).
        if (outer) claimRequestKey(ctx);
        const value = fn();
        const tables = pendingTables(db);
        for (const t of tables) WRITTEN.get(db)?.add(t);
        if (sealStateOf(db)?.mode === 'key-missing') {
          if (tables.some((t) => !WRITABLE_WITHOUT_KEY.has(t))) throw new AppError('conflict', 'seal.readOnly');
          discardPending(db);
        } else sealPending(db, ctx.now());
        return value;
      })
      .immediate();
  } catch (e) {
    if (outer) WRITTEN.delete(db);
    throw e;
  }
  // Told only once the outermost transaction has committed: a seat never hears of a write that rolled back.
  if (outer) {
    const written = [...(WRITTEN.get(db) ?? [])].sort();
    WRITTEN.delete(db);
    if (written.length > 0 && ctx.changes) ctx.changes.publish({ at: ctx.now(), tables: written, actor: ctx.actor, ...(ctx.seat !== undefined ? { seat: ctx.seat } : {}) });
  }
  return result;
}
