// Runs in Electron's main process and in plain Node (CLI, browser mode, tests).
// Opens the one SQLite file with the pragmas the design asks for, and brings its schema up to date.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { migrate } from './migrate.js';
import { defaultKeyFilePath } from './paths.js';
import { attachSeals, attachSealsReadOnly, rememberCheckpoint } from './seal.js';
import { fileKeyStore, KeyRing, type KeyStore } from './seal-keys.js';

export type Db = Database.Database;

/** Pages in the WAL before a commit checkpoints it into the database file (4 KiB pages). */
export const WAL_AUTOCHECKPOINT_PAGES = 4000;

export interface OpenOptions {
  /** Open without migrating or writing (audit verify, backups). */
  readonly?: boolean;
  /** Where the seal keys are (electron/db/seal-keys.ts): the key file beside the data folder when left out. */
  keys?: KeyStore | KeyRing;
}

/** The key ring of the CLI and browser mode: the key file (DUTY_DESK_KEY_FILE, or beside the data folder). */
export function defaultKeyRing(): KeyRing {
  return new KeyRing(fileKeyStore(defaultKeyFilePath()));
}

export function keyRingOf(keys: KeyStore | KeyRing | undefined): KeyRing {
  if (!keys) return defaultKeyRing();
  return keys instanceof KeyRing ? keys : new KeyRing(keys);
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  try {
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      // Checkpoint the WAL into the file every ~16 MB instead of SQLite's ~4 MB: a quarter as often,
      // and pages written again and again (the audit head, an incident's row, index pages) are
      // copied once per checkpoint instead of four times. The save that checkpoints pays ~20 ms
      // in one save of ~130 instead of ~6 ms in one of ~35. Commits are synced either way.
      db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    }
    db.pragma('foreign_keys = ON');
    const ring = keyRingOf(options.keys);
    if (options.readonly) {
      checkVersion(db);
      attachSealsReadOnly(db, ring);
    } else {
      // The seals' temp tables (noted changes of a transaction) stay in memory.
      db.pragma('temp_store = MEMORY');
      migrate(db, { ring });
      attachSeals(db, ring, path === ':memory:' ? null : resolve(path));
    }
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export function closeDatabase(db: Db): void {
  if (!db.open) return;
  if (!db.readonly) {
    try {
      rememberCheckpoint(db);
    } catch {
      // The key ring's memory of the file is advisory; a failure must not stop the close.
    }
    try {
      // 0x02: analyze the tables whose statistics look stale, reading every row. Plain optimize
      // (0x12) samples ~2000 rows of each index, and on a decade's log that estimated 678
      // incidents per status instead of 33,000: the planner then walked the status index for a
      // status with a flag or a unit (40-120 ms instead of 1-15). Rarely runs; ~1 s on a decade.
      db.pragma('optimize = 0x02');
    } catch {
      // optimize is advisory; a failure must not stop the close.
    }
  }
  db.close();
}

function checkVersion(db: Db): void {
  migrate(db, { dryRun: true });
}

const STATEMENTS = new WeakMap<Db, Map<string, Database.Statement>>();

/** More distinct SQL texts than the app has; a caller building SQL from values cannot grow it past this. */
const STATEMENT_CACHE_LIMIT = 1000;

/**
 * A prepared statement, prepared once per connection and SQL text: the one way repositories run
 * SQL (preparing costs more than running most of them; intake prepared ~20 per report). Not for
 * a statement iterated while the same text might run again inside the loop.
 */
export function statement(db: Db, sql: string): Database.Statement {
  let byText = STATEMENTS.get(db);
  if (!byText) STATEMENTS.set(db, (byText = new Map()));
  let s = byText.get(sql);
  if (!s) {
    if (byText.size >= STATEMENT_CACHE_LIMIT) byText.clear();
    byText.set(sql, (s = db.prepare(sql)));
  }
  return s;
}
