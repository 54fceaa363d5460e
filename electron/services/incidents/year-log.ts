// Runs in Electron's main process and in plain Node. A year's incident log as .xlsx: written by a
// worker thread (year-log-worker.ts) from its own read-only connection and streamed to a temp
// file, so a year of tens of thousands of lines neither freezes the window nor fills memory.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FilePayload } from '../../../shared/api/file-payload.js';
import type { YearLogOptions } from '../../export/year-log-xlsx.js';
import type { ServiceContext } from '../context.js';
import { getSettings } from '../settings.js';
import { startWorker } from '../worker.js';
import { utcOffsetMin } from './ledger.js';
import { yearPeriod } from '../../../shared/domain/accountability.js';

/** The year-log worker connection's page cache, in KiB. */
export const YEAR_LOG_CACHE_KIB = 65_536;

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function yearLogOptions(ctx: ServiceContext, year: number): YearLogOptions {
  const s = getSettings(ctx);
  const now = ctx.now();
  const period = yearPeriod(year, utcOffsetMin(s.timeZone, now));
  return { locale: s.locale, timeZone: s.timeZone, bureauName: s.bureauName, year, asOf: Math.min(now, period.end - 1) };
}

/** Runs the worker: the year's log written to `filename`; resolves with the number of lines. */
export function writeYearLogInWorker(dbPath: string, filename: string, options: YearLogOptions): Promise<number> {
  const worker = startWorker(import.meta.url, 'year-log-worker', { dbPath, filename, options });
  return new Promise((resolve, reject) => {
    worker.once('message', (m: { rows?: number; error?: string }) => (m.error ? reject(new Error(m.error)) : resolve(m.rows ?? 0)));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`year log worker exited with ${code}`)));
  });
}

export async function exportYearLog(ctx: ServiceContext, year: number): Promise<FilePayload> {
  const dir = mkdtempSync(join(tmpdir(), 'duty-year-log-'));
  try {
    const file = join(dir, `incident-log-${year}.xlsx`);
    await writeYearLogInWorker(ctx.instance.dbPath, file, yearLogOptions(ctx, year));
    return { fileName: `incident-log-${year}.xlsx`, mimeType: XLSX_MIME, contentBase64: readFileSync(file).toString('base64') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
