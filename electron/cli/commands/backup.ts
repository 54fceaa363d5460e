// Runs in plain Node: `duty backup --db PATH --out FILE` and `duty restore --db PATH --from FILE`.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { closeDatabase, openDatabase } from '../../db/connection.js';
import { backupDatabase, BackupError, restoreDatabase } from '../../services/backup.js';
import { clockOf, dbPathOf, DB_OPTION } from '../db-flag.js';
import { parseFlags, UsageError, type Command } from '../io.js';

export const backup: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { ...DB_OPTION, out: { type: 'string' } });
  if (!values.out) throw new UsageError('usage: duty backup --db PATH --out FILE');
  const path = dbPathOf(io, values.db);
  if (!existsSync(path)) throw new UsageError(`no database at ${path}`);
  const out = resolve(io.cwd, values.out);
  const db = openDatabase(path);
  try {
    const check = await backupDatabase(db, out);
    io.out(`ok: ${out} (schema ${check.schemaVersion}, ${check.auditRows} audit rows, chain verified)`);
    return 0;
  } catch (e) {
    if (e instanceof BackupError) throw new UsageError(e.message);
    throw e;
  } finally {
    closeDatabase(db);
  }
};

export const restore: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { ...DB_OPTION, from: { type: 'string' } });
  if (!values.from) throw new UsageError('usage: duty restore --db PATH --from FILE   (close the app first)');
  const at = clockOf(values.now).now();
  const path = dbPathOf(io, values.db);
  try {
    const r = restoreDatabase(path, resolve(io.cwd, values.from), at);
    io.out(
      `ok: restored ${path} from ${resolve(io.cwd, values.from)} (schema ${r.restored.schemaVersion}, ${r.restored.auditRows} audit rows, chain verified)` +
        (r.replacedKeptAt ? `\nthe replaced database is kept at ${r.replacedKeptAt}` : ''),
    );
    return 0;
  } catch (e) {
    if (e instanceof BackupError) {
      io.err(`duty restore: refused, nothing was replaced: ${e.message}`);
      return 1;
    }
    throw e;
  }
};
