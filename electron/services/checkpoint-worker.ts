// Runs in a worker thread started by checkpointer.ts: its own connection to the app's database,
// checkpointing the WAL into the database file every few seconds (PASSIVE: never waits for the
// writer, never blocks it). Posts each result for tests.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/connection.js';

const job = workerData as { dbPath: string; everyMs: number };
const db = openDatabase(job.dbPath);
setInterval(() => {
  const [r] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
  parentPort?.postMessage(r);
}, job.everyMs);
