// Runs in plain Node: `duty incidents export --db PATH --from DATE --to DATE --out FILE.json`.
// Writes the incidents that occurred in the date range in the `duty rules check` input format.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { closeDatabase, openDatabase } from '../../db/connection.js';
import { createContext, osActor } from '../../services/context.js';
import { exportRulesCheckInput } from '../../services/incidents/export.js';
import { clockOf, dbPathOf, DB_OPTION } from '../db-flag.js';
import { parseFlags, UsageError, type Command } from '../io.js';

const USAGE = 'usage: duty incidents export --db PATH --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.json';
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const incidentsExport: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { ...DB_OPTION, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } });
  if (!values.from || !values.to || !values.out) throw new UsageError(USAGE);
  for (const [name, v] of [['from', values.from], ['to', values.to]] as const)
    if (!DATE.test(v)) throw new UsageError(`--${name} must be a date YYYY-MM-DD, not '${v}'`);
  if (values.from > values.to) throw new UsageError(`--from (${values.from}) is after --to (${values.to})`);
  const clock = clockOf(values.now);
  const path = dbPathOf(io, values.db);
  const db = openDatabase(path, { readonly: true });
  try {
    const ctx = createContext(db, { dbPath: path, transport: 'http', version: 'cli' }, osActor(), clock);
    const data = exportRulesCheckInput(ctx, values.from, values.to);
    const out = resolve(io.cwd, values.out);
    writeFileSync(out, JSON.stringify(data, null, 2) + '\n');
    io.out(`${data.incidents.length} incidents written to ${out}`);
    return 0;
  } finally {
    closeDatabase(db);
  }
};
