// Runs in plain Node: `duty stats --db PATH --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx
// [--basis calendar|duty]`. The period report against the same period last year, as the app's
// Excel export, through the same dispatcher (validation and messages in the settings' language).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FilePayload } from '../../../shared/api/file-payload.js';
import { closeDatabase, openDatabase } from '../../db/connection.js';
import { createContext, osActor } from '../../services/context.js';
import { createDispatcher } from '../../services/dispatcher.js';
import { clockOf, dbPathOf, DB_OPTION } from '../db-flag.js';
import { parseFlags, UsageError, type Command } from '../io.js';

const USAGE = 'usage: duty stats --db PATH --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx [--basis calendar|duty] [--now ISO-TIME]';

export const stats: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { ...DB_OPTION, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, basis: { type: 'string' } });
  if (!values.from || !values.to || !values.out) throw new UsageError(USAGE);
  const clock = clockOf(values.now);
  const path = dbPathOf(io, values.db);
  const db = openDatabase(path, { readonly: true });
  try {
    const dispatch = createDispatcher(createContext(db, { dbPath: path, transport: 'http', version: 'cli' }, osActor(), clock));
    const r = await dispatch('stats.export', { from: values.from, to: values.to, basis: values.basis ?? 'calendar' });
    if (!r.ok) throw new UsageError(r.error.fields?.length ? r.error.fields.map((f) => `--${f.path} ${f.message}`).join('; ') : r.error.message);
    const file = r.value as FilePayload;
    const out = resolve(io.cwd, values.out);
    writeFileSync(out, Buffer.from(file.contentBase64, 'base64'));
    io.out(`statistics ${values.from} to ${values.to} written to ${out}`);
    return 0;
  } finally {
    closeDatabase(db);
  }
};
