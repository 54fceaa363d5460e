// Runs in plain Node: `duty init --db PATH`: creates the database and brings its schema up to
// date. Idempotent: on an up-to-date database it changes nothing.
import { closeDatabase, openDatabase } from '../../db/connection.js';
import { latestVersion, migrate, schemaVersion } from '../../db/migrate.js';
import { dbPathOf, DB_OPTION } from '../db-flag.js';
import { parseFlags, type Command } from '../io.js';

export const init: Command = async (argv, io) => {
  const { values } = parseFlags(argv, DB_OPTION);
  const path = dbPathOf(io, values.db);
  const db = openDatabase(path);
  try {
    // openDatabase already migrated; ask again only to report what state it is in.
    const pending = migrate(db, { dryRun: true });
    io.out(`ok: ${path} (schema ${schemaVersion(db)} of ${latestVersion()}${pending.length ? `, ${pending.length} pending` : ''})`);
    return 0;
  } finally {
    closeDatabase(db);
  }
};
