// Runs in Electron's main process and in plain Node. What every service call gets: the database,
// who acts, and the clock (injected so tests can set the time).
import { userInfo } from 'node:os';
import type { Db } from '../db/connection.js';

export interface ServiceContext {
  db: Db;
  /** Who acts: written on every audit row. Until users exist (issue 7), the OS account. */
  actor: string;
  now(): number;
  /** Facts about this running instance, for app.info. */
  instance: { dbPath: string; transport: 'electron' | 'http'; version: string };
}

export function osActor(): string {
  try {
    return `os:${userInfo().username}`;
  } catch {
    return 'os:unknown';
  }
}

export function createContext(db: Db, instance: ServiceContext['instance'], actor = osActor()): ServiceContext {
  return { db, actor, now: () => Date.now(), instance };
}

/** Runs fn in one IMMEDIATE transaction: the write and its audit row land together or not at all. */
export function inWriteTransaction<T>(ctx: ServiceContext, fn: () => T): T {
  return ctx.db.transaction(fn).immediate();
}
