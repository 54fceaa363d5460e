// Runs in Electron's main process and in plain Node. The automatic backups: one a day (checked
// every few minutes, so a PC that sleeps through the night still gets one when it wakes) and one
// at each quit, into the folder from settings, keeping the newest N. Also backup and restore on
// demand for the settings page.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { BackupFile } from '../../shared/api/methods/backup.js';
import { closeDatabase, openDatabase } from '../db/connection.js';
import { sealStateOf } from '../db/seal.js';
import { appendAudit } from './audit.js';
import { backupToFolder, restoreDatabase, type BackupCheck, type RestoreResult } from './backup.js';
import { inWriteTransaction, type ServiceContext } from './context.js';
import { startCheck } from './record-status.js';
import { getSettings } from './settings.js';

export const DAY_MS = 24 * 60 * 60 * 1000;
const NAME = /^duty-desk-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.db$/;


/** The folder from settings, or "backups" beside the database. */
export function backupFolder(ctx: ServiceContext): string {
  const dir = getSettings(ctx).backupDir;
  if (!dir) return join(dirname(ctx.instance.dbPath), 'backups');
  return isAbsolute(dir) ? dir : resolve(dirname(ctx.instance.dbPath), dir);
}

export function listBackups(dir: string): BackupFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => ({ name, m: NAME.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => {
      const path = join(dir, name);
      const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
      return { name, path, at: Date.UTC(y!, mo! - 1, d!, h!, mi!, s!), size: statSync(path).size };
    })
    .sort((a, b) => b.at - a.at);
}

export async function backupNow(ctx: ServiceContext, reason: 'daily' | 'quit' | 'manual'): Promise<{ file: BackupFile; check: BackupCheck; removed: string[] }> {
  const dir = backupFolder(ctx);
  const { path, check, removed } = await backupToFolder(ctx.db, dir, ctx.now(), getSettings(ctx).backupKeep, sealStateOf(ctx.db)?.ring);
  // The backup is a copy taken before this row: the row records in the live chain that it was made.
  inWriteTransaction(ctx, () => appendAudit(ctx, { method: `backup.${reason}`, entity: 'database', entityId: null, before: null, after: { path, ...check, removed } }));
  const file = listBackups(dir).find((f) => f.path === path)!;
  return { file, check, removed };
}

/** Takes the daily backup when the newest in the folder is a day old or more (or there is none). */
export async function backupIfDue(ctx: ServiceContext): Promise<boolean> {
  const newest = listBackups(backupFolder(ctx))[0];
  if (newest && ctx.now() - newest.at < DAY_MS) return false;
  await backupNow(ctx, 'daily');
  return true;
}

/** The backup at quit, unless one was taken in the last minute (nothing new to keep). */
export async function backupBeforeQuit(ctx: ServiceContext): Promise<boolean> {
  const newest = listBackups(backupFolder(ctx))[0];
  if (newest && ctx.now() - newest.at < 60_000) return false;
  await backupNow(ctx, 'quit');
  return true;
}

/** Checks every `everyMs` whether the daily backup is due. Returns the stop function. */
export function startBackupSchedule(ctx: ServiceContext, opts: { everyMs?: number | undefined; onError?: (e: unknown) => void } = {}): () => void {
  let running = false;
  const tick = () => {
    if (running || !ctx.db.open) return;
    running = true;
    backupIfDue(ctx)
      .catch((e: unknown) => (opts.onError ?? ((err) => process.stderr.write(`[backup] ${(err as Error).message}\n`)))(e))
      .finally(() => (running = false));
  };
  tick();
  const timer = setInterval(tick, opts.everyMs ?? 5 * 60 * 1000);
  timer.unref?.();
  return () => clearInterval(timer);
}

/**
 * Restores the running instance's database from a backup: the connection is closed, the file
 * replaced (checked first, the old one kept) and reopened on the same context, so every later
 * call sees the restored data. On refusal the original connection is reopened unchanged.
 */
export function restoreInPlace(ctx: ServiceContext, fromPath: string): RestoreResult {
  const dbPath = ctx.instance.dbPath;
  const ring = sealStateOf(ctx.db)?.ring;
  closeDatabase(ctx.db);
  try {
    return restoreDatabase(dbPath, fromPath, ctx.now(), ctx.actor, ring);
  } finally {
    ctx.db = openDatabase(dbPath, ring ? { keys: ring } : {});
    startCheck(ctx);
  }
}
