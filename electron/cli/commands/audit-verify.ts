// Runs in plain Node: `duty audit verify --db PATH`: walks the audit chain read-only.
// Exit 0 with "ok: N rows" when it holds; exit 1 naming the first row that breaks it.
import { existsSync } from 'node:fs';
import { closeDatabase, openDatabase } from '../../db/connection.js';
import { verifyAudit } from '../../services/audit.js';
import { dbPathOf, DB_OPTION } from '../db-flag.js';
import { parseFlags, UsageError, type Command } from '../io.js';

export const auditVerify: Command = async (argv, io) => {
  const { values } = parseFlags(argv, DB_OPTION);
  const path = dbPathOf(io, values.db);
  if (!existsSync(path)) throw new UsageError(`no database at ${path}`);
  const db = openDatabase(path, { readonly: true });
  try {
    const result = verifyAudit(db);
    if (result.ok) {
      io.out(`ok: ${result.rows} rows`);
      return 0;
    }
    io.err(`audit chain broken at row ${result.badRow}: ${result.reason}`);
    return 1;
  } finally {
    closeDatabase(db);
  }
};
