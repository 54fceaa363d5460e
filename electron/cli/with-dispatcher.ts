// Runs in plain Node. A CLI command's calls go through the app's own dispatcher (validation,
// audit, messages in the settings' language); a refused call becomes the command's error line.
import type { ApiError } from '../../shared/api/app-error.js';
import { closeDatabase, openDatabase } from '../db/connection.js';
import { createContext, osActor } from '../services/context.js';
import { createDispatcher } from '../services/dispatcher.js';
import { clockOf, dbPathOf } from './db-flag.js';
import { UsageError, type CliIo } from './io.js';

export interface WithDispatcherOptions {
  /** Open the database read-only (it must exist; no migration, no write): for commands that only read. */
  readonly?: boolean;
  /**
   * Name each refused field by its flag (`--to 结束日期不能早于开始日期`), for commands whose input
   * keys are their flags' names; otherwise the error's one message.
   */
  fieldsAsFlags?: boolean;
}

function errorLine(error: ApiError, options: WithDispatcherOptions): string {
  if (options.fieldsAsFlags && error.fields?.length) return error.fields.map((f) => `--${f.path} ${f.message}`).join('; ');
  return error.message;
}

export async function withDispatcher(
  io: CliIo,
  flags: { db?: string | undefined; now?: string | undefined },
  fn: (call: <T>(m: string, i: unknown) => Promise<T>) => Promise<number>,
  options: WithDispatcherOptions = {},
): Promise<number> {
  const clock = clockOf(flags.now);
  const path = dbPathOf(io, flags.db);
  const handle = openDatabase(path, { readonly: options.readonly ?? false });
  try {
    const dispatch = createDispatcher(createContext(handle, { dbPath: path, transport: 'http', version: 'cli' }, osActor(), clock));
    return await fn(async <T>(m: string, i: unknown) => {
      const r = await dispatch(m, i);
      if (!r.ok) throw new UsageError(errorLine(r.error, options));
      return r.value as T;
    });
  } finally {
    closeDatabase(handle);
  }
}
