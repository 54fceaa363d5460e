// Runs in plain Node: the seal key's life cycle from the command line (docs/audit.md).
//   duty audit key export --db PATH --out FILE    the key under a passphrase read from stdin
//   duty audit key import FILE --db PATH          an exported key (passphrase on stdin)
//   duty audit key rotate --db PATH --reason TEXT verify, then reseal everything under a new key
//   duty audit key reset --db PATH --reason TEXT  the old key is lost for good: a recorded reset
// Every one of them leaves a row on the audit chain. The CLI's keys are in the key file beside
// the data folder (DUTY_DESK_KEY_FILE overrides); the app's are in the system keychain, and move
// between the two only as exported files.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../../shared/api/app-error.js';
import { translate } from '../../../shared/i18n/index.js';
import { closeDatabase, openDatabase } from '../../db/connection.js';
import { resetLostKey } from '../../services/audit-keys.js';
import { createContext, osActor } from '../../services/context.js';
import { clockOf, dbPathOf, DB_OPTION } from '../db-flag.js';
import { parseFlags, UsageError, type CliIo, type Command } from '../io.js';
import { withDispatcher } from '../with-dispatcher.js';

async function passphraseOf(io: CliIo): Promise<string> {
  const text = (await io.readStdin()).split(/\r?\n/)[0] ?? '';
  if (!text) throw new UsageError('give the passphrase on standard input (one line)');
  return text;
}

export const auditKeyExport: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { ...DB_OPTION, out: { type: 'string' } });
  if (!values.out) throw new UsageError('--out FILE is required');
  const out = resolve(io.cwd, values.out);
  if (existsSync(out)) throw new UsageError(`${out} exists already; choose another name`);
  const passphrase = await passphraseOf(io);
  return withDispatcher(io, values, async (call) => {
    const r = await call<{ keyId: string; contentBase64: string }>('audit.keyExport', { passphrase });
    writeFileSync(out, Buffer.from(r.contentBase64, 'base64'), { mode: 0o600 });
    io.out(`ok: key ${r.keyId} exported to ${out} (keep it apart from the database and its backups)`);
    return 0;
  });
};

export const auditKeyImport: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, DB_OPTION, true);
  const file = positionals[0];
  if (!file) throw new UsageError('name the exported key file: duty audit key import FILE');
  const text = readFileSync(resolve(io.cwd, file));
  const passphrase = await passphraseOf(io);
  return withDispatcher(io, values, async (call) => {
    const r = await call<{ keyId: string; matches: boolean; unverified: [number, number] | null; need: string | null }>('audit.keyImport', { contentBase64: text.toString('base64'), passphrase });
    if (!r.matches) io.out(`ok: key ${r.keyId} imported; it is not this database's key${r.need ? ` (that is ${r.need})` : ''}`);
    else io.out(`ok: key ${r.keyId} imported${r.unverified ? `; audit rows ${r.unverified[0]}-${r.unverified[1]}, written while it was missing, were sealed now without a check` : ''}`);
    return 0;
  });
};

export const auditKeyRotate: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { ...DB_OPTION, reason: { type: 'string' } });
  return withDispatcher(io, values, async (call) => {
    const r = await call<{ from: string; to: string }>('audit.keyRotate', { reason: values.reason ?? '' });
    io.out(`ok: key changed ${r.from} -> ${r.to}; every row resealed, the change recorded on the audit chain`);
    return 0;
  });
};

export const auditKeyReset: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { ...DB_OPTION, reason: { type: 'string' } });
  if (!values.reason?.trim()) throw new UsageError('--reason TEXT is required: the reset is recorded with it');
  const path = dbPathOf(io, values.db);
  if (!existsSync(path)) throw new UsageError(`no database at ${path}`);
  const db = openDatabase(path);
  try {
    const ctx = createContext(db, { dbPath: path, transport: 'http', version: 'cli' }, osActor(), clockOf(values.now));
    const r = resetLostKey(ctx, values.reason.trim());
    io.out(`ok: the lost key ${r.lost} replaced by ${r.to}; ${r.auditRows} audit rows checked by their chain, every row sealed anew, the reset recorded`);
    return 0;
  } catch (e) {
    if (e instanceof AppError) throw new UsageError(translate('zh-CN', e.key, e.params));
    throw e;
  } finally {
    closeDatabase(db);
  }
};
