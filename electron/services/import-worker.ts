// Runs in a worker thread started by import-workbook.ts. Reads one Excel file a person handed in:
// counts its real inflated bytes, rows and cells (import-guard.ts scanWorkbook), and only then lets
// ExcelJS load it and reads the sheet into plain rows. Whatever the file does to this thread (a
// million rows, a part that lies about its size), the main process and the server's other callers
// never wait on it, and the thread is ended when it runs past its time budget or heap cap.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../shared/api/app-error.js';
import { readDailySheet } from '../export/daily-report-excel.js';
import { readRosterSheet } from '../export/roster-excel.js';
import { loadWorkbook } from '../export/workbook-import.js';
import { scanWorkbook } from './import-guard.js';
import type { ImportJob, WorkerAnswer } from './import-workbook.js';

const { content, job } = workerData as { content: Uint8Array; job: ImportJob };
// On Linux a priority set with pid 0 is this thread's alone: on a busy machine the window and the
// server's other callers come first. (Elsewhere it would be the whole process's, so it is left.)
if (process.platform === 'linux') {
  try {
    setPriority(19);
  } catch {
    // not allowed here: the worker runs at the normal priority
  }
}
// Modules loaded: the time budget starts now (loading them is not the file's doing).
parentPort!.postMessage({ ready: true });

async function run(): Promise<unknown> {
  const buf = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  await scanWorkbook(buf);
  const wb = await loadWorkbook(buf);
  return job.kind === 'roster' ? readRosterSheet(wb) : readDailySheet(wb, job.covers);
}

run()
  .then((value): WorkerAnswer => ({ ok: true, value }))
  .catch((e: unknown): WorkerAnswer =>
    e instanceof AppError ? { ok: false, code: e.code, key: e.key, params: e.params ?? {} } : { ok: false, code: 'invalid_input', key: 'import.damaged', params: {} },
  )
  .then((answer) => parentPort!.postMessage(answer));
