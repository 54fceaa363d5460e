// Runs in plain Node. The flags every database command takes: --db, resolved against the cwd, and
// --now, the instant the command acts at (tests and drills; the system clock when left out).
import { resolve } from 'node:path';
import { defaultDbPath } from '../db/paths.js';
import { fixedClock, parseInstant, systemClock, type Clock } from '../services/clock.js';
import { UsageError, type CliIo } from './io.js';

export const DB_OPTION = { db: { type: 'string' }, now: { type: 'string' } } as const;

export function dbPathOf(io: CliIo, db: string | undefined): string {
  return db ? resolve(io.cwd, db) : defaultDbPath();
}

/** The command's clock: --now as given (an ISO time with its offset), else the system's. */
export function clockOf(now: string | undefined): Clock {
  if (now === undefined) return systemClock;
  const at = parseInstant(now);
  if (at === null) throw new UsageError(`--now must be an ISO time with its offset, such as 2026-11-24T09:00:00+08:00, not '${now}'`);
  return fixedClock(at);
}
