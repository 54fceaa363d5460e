// Runs in Electron's main process and in plain Node. Backups with SQLite's online backup API
// (consistent while the app keeps writing), verified before they are trusted: a backup is kept
// only if its integrity check and the record's verification pass (chain, seals, schema), and a
// restore replaces nothing until the file it restores from has passed the same checks, its schema
// being exactly the app's own for its version (a planted trigger is named). The replaced file is
// kept beside the database.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, copyFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Db } from '../db/connection.js';
import { closeDatabase, keyRingOf, openDatabase } from '../db/connection.js';
import { latestVersion } from '../db/migrate.js';
import { describeDifference, schemaDifferences } from '../db/schema-check.js';
import { attachSealsReadOnly } from '../db/seal.js';
import type { KeyRing } from '../db/seal-keys.js';
import { appendAudit } from './audit.js';
import { verifyRecord } from './record-verify.js';
import { createContext, inWriteTransaction, osActor } from './context.js';

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface BackupCheck {
  schemaVersion: number;
  auditRows: number;
  units: number;
}

/**
 * Checks that a file is an intact Duty Desk database whose schema is the app's own for its version
 * and whose record verifies (chain and seals, under a key of `ring`). Reads only.
 */
export function checkDatabaseFile(path: string, label = path, ring?: KeyRing): BackupCheck {
  if (!existsSync(path)) throw new BackupError(`no such file: ${label}`);
  if (!statSync(path).isFile()) throw new BackupError(`not a file: ${label}`);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new BackupError(`cannot open ${label} as a database: ${(e as Error).message}`);
  }
  try {
    let integrity: string;
    try {
      integrity = String(db.pragma('integrity_check', { simple: true }));
    } catch (e) {
      throw new BackupError(`${label} is not a SQLite database (${(e as Error).message})`);
    }
    if (integrity !== 'ok') throw new BackupError(`${label} is damaged: integrity check says "${integrity}"`);
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    if (version === 0 || !tables.has('audit_log') || !tables.has('audit_head') || !tables.has('units')) {
      throw new BackupError(`${label} is not a Duty Desk database`);
    }
    if (version > latestVersion()) {
      throw new BackupError(`${label} was written by a newer version of Duty Desk (schema ${version}; this version knows up to ${latestVersion()})`);
    }
    // Every table, index, trigger and view must be the app's own: a planted trigger would go on
    // rewriting what the app writes after the restore.
    const foreign = schemaDifferences(db);
    if (foreign.length) {
      throw new BackupError(`${label} 的数据库结构不是本应用第 ${version} 版的：${foreign.slice(0, 10).map(describeDifference).join('；')}${foreign.length > 10 ? `；另有 ${foreign.length - 10} 处` : ''}`);
    }
    const keys = keyRingOf(ring);
    attachSealsReadOnly(db, keys);
    const record = verifyRecord(db, keys);
    if (!record.chain.ok) throw new BackupError(`${label}: audit chain broken at row ${record.chain.badRow}: ${record.chain.reason}`);
    if (record.state === 'key-missing') {
      throw new BackupError(`${label} is sealed with key ${record.keyId}, which is not on this computer: import that key first (duty audit key import, or Settings → 审计封印)`);
    }
    if (record.state === 'failed') {
      const first = record.problems.slice(0, 5).map((p) => (p.id === null ? `${p.table}: ${p.detail}` : `${p.table} ${p.id}: ${p.detail}`));
      throw new BackupError(`${label} does not verify (${record.problems.length} problem(s)): ${first.join('; ')}`);
    }
    const units = (db.prepare('SELECT count(*) AS n FROM units').get() as { n: number }).n;
    return { schemaVersion: version, auditRows: record.auditRows, units };
  } finally {
    db.close();
  }
}

/**
 * Makes a copied database one self-contained file: the copy inherits WAL mode, and a WAL file
 * that is opened leaves -wal and -shm files beside it, which a backup folder must not collect.
 */
function makeSingleFile(path: string, label = path): void {
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
  } catch (e) {
    throw new BackupError(`cannot open ${label} as a database: ${(e as Error).message}`);
  }
  try {
    db.pragma('journal_mode = DELETE');
  } catch (e) {
    throw new BackupError(`${label} is not a SQLite database (${(e as Error).message})`);
  } finally {
    db.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
}

/** A file name that sorts by time: duty-desk-20261124-083000.db (UTC). */
export function backupFileName(at: number): string {
  const iso = new Date(at).toISOString(); // 2026-11-24T08:30:00.000Z
  return `duty-desk-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}.db`;
}

/**
 * Writes a consistent copy of the open database to `outPath` through a temporary file, checks it,
 * then moves it into place. Never leaves a half-written or unchecked file at outPath.
 */
export async function backupDatabase(db: Db, outPath: string, ring?: KeyRing): Promise<BackupCheck> {
  mkdirSync(dirname(outPath), { recursive: true });
  if (existsSync(outPath)) throw new BackupError(`${outPath} exists already; choose another name`);
  const tmp = `${outPath}.partial`;
  rmSync(tmp, { force: true });
  try {
    await db.backup(tmp);
    makeSingleFile(tmp);
    const check = checkDatabaseFile(tmp, tmp, ring);
    renameSync(tmp, outPath);
    return check;
  } catch (e) {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
    throw e;
  }
}

/** Keeps the newest `keep` backups in `dir` (by their time-sorted names); returns the removed. */
export function rotateBackups(dir: string, keep: number): string[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => /^duty-desk-\d{8}-\d{6}\.db$/.test(f))
    .sort();
  const removed = files.slice(0, Math.max(0, files.length - keep));
  for (const f of removed) rmSync(join(dir, f), { force: true });
  return removed;
}

/** A backup into `dir` named by time, then rotation. */
export async function backupToFolder(db: Db, dir: string, now: number, keep = 30, ring?: KeyRing): Promise<{ path: string; check: BackupCheck; removed: string[] }> {
  const path = join(dir, backupFileName(now));
  const check = await backupDatabase(db, path, ring);
  return { path, check, removed: rotateBackups(dir, keep) };
}

export interface RestoreResult {
  restored: BackupCheck;
  /** Where the database that was replaced now lies (null when there was none). */
  replacedKeptAt: string | null;
}

/**
 * Replaces the database at `dbPath` with the backup at `fromPath`. The database must not be open
 * elsewhere (the app restores through a restart). Checks the backup first; on any failure
 * nothing is replaced. Records the restore in the restored database's audit chain.
 */
export function restoreDatabase(dbPath: string, fromPath: string, now: number, actor = osActor(), ring?: KeyRing): RestoreResult {
  const keys = keyRingOf(ring);
  if (!existsSync(fromPath)) throw new BackupError(`no such file: ${fromPath}`);
  let replacedKeptAt: string | null = null;
  // Checked as a private copy: opening the user's file itself could leave -wal/-shm beside it.
  const staging = `${dbPath}.restoring`;
  rmSync(staging, { force: true });
  copyFileSync(fromPath, staging);
  let restored: BackupCheck;
  try {
    makeSingleFile(staging, fromPath);
    restored = checkDatabaseFile(staging, fromPath, keys);
  } catch (e) {
    for (const f of [staging, `${staging}-wal`, `${staging}-shm`]) rmSync(f, { force: true });
    throw e;
  }
  if (existsSync(dbPath)) {
    // Fold the WAL into the main file so the kept copy is complete on its own.
    const old = new Database(dbPath);
    try {
      old.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      old.close();
    }
    replacedKeptAt = join(dirname(dbPath), `${basename(dbPath)}.replaced-${backupFileName(now).slice('duty-desk-'.length, -3)}`);
    renameSync(dbPath, replacedKeptAt);
    for (const suffix of ['-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  }
  try {
    renameSync(staging, dbPath);
  } catch (e) {
    if (replacedKeptAt) renameSync(replacedKeptAt, dbPath);
    throw e;
  }
  // The key ring remembers the newest checkpoint it saw of this path: an older backup put back on
  // purpose is not a rollback behind the app's back.
  keys.forgetSealed(resolve(dbPath));
  const db = openDatabase(dbPath, { keys });
  try {
    const ctx = { ...createContext(db, { dbPath, transport: 'http', version: 'restore' }, actor), now: () => now };
    inWriteTransaction(ctx, () =>
      appendAudit(ctx, {
        method: 'backup.restore',
        entity: 'database',
        entityId: null,
        before: replacedKeptAt ? { keptAt: replacedKeptAt } : null,
        after: { from: fromPath, ...restored },
      }),
    );
  } finally {
    closeDatabase(db);
  }
  return { restored, replacedKeptAt };
}
