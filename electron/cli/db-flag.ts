// Runs in plain Node. The --db flag every database command takes, resolved against the cwd.
import { resolve } from 'node:path';
import { defaultDbPath } from '../db/paths.js';
import type { CliIo } from './io.js';

export const DB_OPTION = { db: { type: 'string' } } as const;

export function dbPathOf(io: CliIo, db: string | undefined): string {
  return db ? resolve(io.cwd, db) : defaultDbPath();
}
