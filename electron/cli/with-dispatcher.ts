// Runs in plain Node. A CLI command's calls go through the app's own dispatcher (validation,
// audit, messages in the settings' language); a refused call becomes the command's error line.
import { closeDatabase, openDatabase } from '../db/connection.js';
import { createContext, osActor } from '../services/context.js';
import { createDispatcher } from '../services/dispatcher.js';
import { clockOf, dbPathOf } from './db-flag.js';
import { UsageError, type CliIo } from './io.js';

export async function withDispatcher(
  io: CliIo,
  flags: { db?: string | undefined; now?: string | undefined },
  fn: (call: <T>(m: string, i: unknown) => Promise<T>) => Promise<number>,
): Promise<number> {
  const clock = clockOf(flags.now);
  const path = dbPathOf(io, flags.db);
  const handle = openDatabase(path);
  try {
    const dispatch = createDispatcher(createContext(handle, { dbPath: path, transport: 'http', version: 'cli' }, osActor(), clock));
    return await fn(async <T>(m: string, i: unknown) => {
      const r = await dispatch(m, i);
      if (!r.ok) throw new UsageError(r.error.message);
      return r.value as T;
    });
  } finally {
    closeDatabase(handle);
  }
}
