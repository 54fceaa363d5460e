// Runs in plain Node: `duty bulletin --db PATH --date YYYY-MM-DD --out FILE.xlsx` writes the daily
// bulletin of a duty day: its latest issued revision if there is one, else the live draft (marked
// 草稿), and says which on standard output.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FilePayload } from '../../../shared/api/file-payload.js';
import type { BulletinRevision } from '../../../shared/domain/bulletin.js';
import { DB_OPTION } from '../db-flag.js';
import { parseFlags, UsageError, type Command } from '../io.js';
import { withDispatcher } from '../with-dispatcher.js';

export const bulletin: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { ...DB_OPTION, date: { type: 'string' }, out: { type: 'string' } });
  const usage = 'usage: duty bulletin --db PATH --date YYYY-MM-DD --out FILE.xlsx [--now ISO-TIME]';
  if (!values.date || !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UsageError(values.date ? `--date must be YYYY-MM-DD, not '${values.date}'` : usage);
  if (!values.out) throw new UsageError(usage);
  const day = values.date;
  const out = resolve(io.cwd, values.out);
  return withDispatcher(io, values, async (call) => {
    const [latest] = await call<BulletinRevision[]>('bulletin.revisions', { day });
    const file = await call<FilePayload>('bulletin.export', latest ? { day, revision: latest.revision } : { day });
    writeFileSync(out, Buffer.from(file.contentBase64, 'base64'));
    io.out(
      latest
        ? `wrote ${out}: revision ${latest.revision} of ${day}, issued by ${latest.issuedBy} (sha256 ${latest.sha256})`
        : `wrote ${out}: DRAFT of ${day} (not issued; built from the live log)`,
    );
    return 0;
  });
};
