// Runs in Electron's main process and in plain Node (browser mode). Moves WAL checkpoints off the
// write path. SQLite checkpoints from the connection that commits once the WAL passes 1000 pages:
// that save then also copies ~4 MB into the database file and syncs it (the slow tail of a saved
// report, 3 % of saves). Here a worker thread with its own connection checkpoints every few
// seconds instead (PASSIVE: it never waits for, or blocks, the writer), and the app's connection
// keeps a far higher threshold only as a backstop. Durability is unchanged: every commit is still
// synced to the WAL (synchronous = FULL) before it is acknowledged.
import type { Db } from '../db/connection.js';
import { startWorker } from './worker.js';

export const CHECKPOINT_EVERY_MS = 5_000;
/** SQLite's own default, restored when the worker stops or fails. */
export const DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;
/** The writer checkpoints itself only past this (about 40 MB): if the worker falls behind. */
export const BACKSTOP_AUTOCHECKPOINT_PAGES = 10_000;

export interface CheckpointerOptions {
  everyMs?: number;
  onError?: (e: unknown) => void;
}

/** Starts the checkpoint worker on the app's database; returns stop(). */
export function startCheckpointer(db: Db, dbPath: string, opts: CheckpointerOptions = {}): () => void {
  if (dbPath === ':memory:' || db.readonly) return () => undefined;
  const worker = startWorker(import.meta.url, 'checkpoint-worker', { dbPath, everyMs: opts.everyMs ?? CHECKPOINT_EVERY_MS });
  worker.unref(); // the process ends when the app does, not when the worker does
  let stopped = false;
  const fallBack = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
  };
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_PAGES}`);
  worker.on('error', (e) => {
    fallBack();
    opts.onError?.(e);
  });
  worker.on('exit', () => !stopped && fallBack());
  return () => {
    stopped = true;
    fallBack();
    void worker.terminate();
  };
}
