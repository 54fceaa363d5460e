// Runs in Electron's main process and in plain Node. Every Excel import reads its file here: the
// quick checks on the main thread (size, signature, the zip's directory: assertXlsx), then the
// inflating and parsing in a worker thread (import-worker.ts) with a heap cap and a time budget,
// so a hostile file (a zip that lies about its sizes, a million-row sheet) neither stalls the
// window or the server's other callers nor stays in memory: the worker is ended when it is done,
// over budget or out of heap, and its memory goes with it. Refusals are AppErrors saying why.
import type { ErrorCode } from '../../shared/api/app-error.js';
import { AppError } from '../../shared/api/app-error.js';
import type { MessageKey } from '../../shared/i18n/index.js';
import type { ReadProblem, ReadRow } from '../export/daily-report-excel.js';
import type { RosterRead } from '../export/roster-excel.js';
import { assertXlsx, MAX_IMPORT_BYTES } from './import-guard.js';
import { startWorker } from './worker.js';

/** How long the worker may take once running; a workbook a person fills in reads in well under 1 s. */
export const IMPORT_TIME_BUDGET_MS = 4000;
/** How long the worker may take to load its modules before the budget starts. */
const IMPORT_STARTUP_LIMIT_MS = 30_000;
/** The worker's heap cap: ExcelJS holds a workbook within the caps in far less. */
export const IMPORT_HEAP_MB = 256;

export type ImportJob = { kind: 'roster' } | { kind: 'daily'; covers: string[] };
type Read<J extends ImportJob> = J extends { kind: 'roster' } ? RosterRead : { rows: ReadRow[]; problems: ReadProblem[]; missingHeaders: string[] } | null;

/** What the worker posts back: the sheet's rows, or an AppError's parts. */
export type WorkerAnswer = { ok: true; value: unknown } | { ok: false; code: ErrorCode; key: MessageKey; params: Record<string, string | number> };

/** Reads `content` as the sheet `job` names, off this thread; refuses a file that is no workbook to import. */
export function readWorkbookInWorker<J extends ImportJob>(content: Buffer, job: J, maxBytes = MAX_IMPORT_BYTES, budgetMs = IMPORT_TIME_BUDGET_MS): Promise<Read<J>> {
  assertXlsx(content, maxBytes);
  // The worker gets its own copy (transferred, not cloned again): the caller's buffer stays usable.
  const copy = new Uint8Array(content);
  const worker = startWorker(import.meta.url, 'import-worker', { content: copy, job }, { transferList: [copy.buffer], resourceLimits: { maxOldGenerationSizeMb: IMPORT_HEAP_MB } });
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      f();
    };
    const refuse = (key: MessageKey, params: Record<string, string | number> = {}) => settle(() => reject(new AppError('invalid_input', key, params)));
    // The budget starts once the worker has loaded its modules (slow on a busy machine, and not the
    // file's doing); until then only a generous start-up limit applies.
    timer = setTimeout(() => refuse('import.tooSlow', { seconds: Math.ceil(IMPORT_STARTUP_LIMIT_MS / 1000) }), IMPORT_STARTUP_LIMIT_MS);
    worker.on('message', (m: WorkerAnswer | { ready: true }) => {
      if ('ready' in m) {
        clearTimeout(timer);
        timer = setTimeout(() => refuse('import.tooSlow', { seconds: Math.ceil(budgetMs / 1000) }), budgetMs);
        return;
      }
      settle(() => (m.ok ? resolve(m.value as Read<J>) : reject(new AppError(m.code, m.key, m.params))));
    });
    worker.once('error', (e: Error & { code?: string }) => (e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? refuse('import.zipBomb', { max: IMPORT_HEAP_MB }) : settle(() => reject(e))));
    worker.once('exit', () => refuse('import.damaged'));
  });
}
