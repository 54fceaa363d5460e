// Runs in plain Node: `duty stats --db PATH --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx
// [--basis calendar|duty]`. The period report against the same period last year, as the app's
// Excel export, through the same dispatcher (validation and messages in the settings' language).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FilePayload } from '../../../shared/api/file-payload.js';
import { DB_OPTION } from '../db-flag.js';
import { parseFlags, UsageError, type Command } from '../io.js';
import { withDispatcher } from '../with-dispatcher.js';

const USAGE = 'usage: duty stats --db PATH --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx [--basis calendar|duty] [--now ISO-TIME]';

export const stats: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { ...DB_OPTION, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, basis: { type: 'string' } });
  if (!values.from || !values.to || !values.out) throw new UsageError(USAGE);
  const out = resolve(io.cwd, values.out);
  return withDispatcher(
    io,
    values,
    async (call) => {
      const file = await call<FilePayload>('stats.export', { from: values.from, to: values.to, basis: values.basis ?? 'calendar' });
      writeFileSync(out, Buffer.from(file.contentBase64, 'base64'));
      io.out(`statistics ${values.from} to ${values.to} written to ${out}`);
      return 0;
    },
    { readonly: true, fieldsAsFlags: true },
  );
};
