// Runs in a worker thread started by year-log.ts. Writes a year's incident log to a file from its
// own read-only connection, so the main process (and the window it answers) never waits on it.
import { parentPort, workerData } from 'node:worker_threads';
import { closeDatabase, openDatabase } from '../../db/connection.js';
import { yearLogRows } from '../../db/repositories/incidents.js';
import { writeYearLog, type YearLogOptions } from '../../export/year-log-xlsx.js';
import { YEAR_LOG_CACHE_KIB } from './year-log.js';

const job = workerData as { dbPath: string; filename: string; options: YearLogOptions };
const db = openDatabase(job.dbPath, { readonly: true });
// A 64 MiB page cache for this one read (SQLite's default is 2 MB): the cursor walks an incident
// and its reports at a time beside the zip writer, and with the default cache it re-read the same
// index pages from the file: the export took ~0.6 s more than reading the same rows first. Given
// to every connection, the larger cache made the log's and intake's first reads slower instead.
db.pragma(`cache_size = -${YEAR_LOG_CACHE_KIB}`);
writeYearLog(job.filename, yearLogRows(db, job.options.year), job.options)
  .then((rows) => parentPort!.postMessage({ rows }))
  .catch((e: unknown) => parentPort!.postMessage({ error: (e as Error)?.stack ?? String(e) }))
  .finally(() => closeDatabase(db));
