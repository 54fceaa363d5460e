// Runs in a worker thread started by year-log.ts. Writes a year's incident log to a file from its
// own read-only connection, so the main process (and the window it answers) never waits on it.
import { parentPort, workerData } from 'node:worker_threads';
import { closeDatabase, openDatabase } from '../../db/connection.js';
import { yearLogRows } from '../../db/repositories/incidents.js';
import { writeYearLog, type YearLogOptions } from '../../export/year-log-xlsx.js';

const job = workerData as { dbPath: string; filename: string; options: YearLogOptions };
const db = openDatabase(job.dbPath, { readonly: true });
writeYearLog(job.filename, yearLogRows(db, job.options.year), job.options)
  .then((rows) => parentPort!.postMessage({ rows }))
  .catch((e: unknown) => parentPort!.postMessage({ error: (e as Error)?.stack ?? String(e) }))
  .finally(() => closeDatabase(db));
