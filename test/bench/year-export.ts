// Runs in plain Node, as a child of test/bench/run.ts, so its peak memory is the export's own:
// `tsx test/bench/year-export.ts DB YEAR app|raw OUT`. `app` is the app's year log export (the
// code the worker thread runs); `raw` writes the very same file through ExcelJS's streaming writer
// with no app code per row: every row's cells (text already made safe) and height are computed
// before the clock starts, then each row is added, given the same shared style per column and its
// height, and committed: no query, no formatting, no measuring. The sheet's head (title, header,
// widths, print setup: a few cells) is the app's own in both. The two files are identical but
// for their time stamps. Prints one JSON line.
import type ExcelJS from 'exceljs';
import { performance } from 'node:perf_hooks';
import { closeDatabase, openDatabase } from '../../electron/db/connection.js';
import { yearLogRows } from '../../electron/db/repositories/incidents.js';
import { openStreamTable, streamRowValues } from '../../electron/export/sheet-stream.js';
import { writeYearLog, yearLogTable } from '../../electron/export/year-log-xlsx.js';
import { createContext } from '../../electron/services/context.js';
import { YEAR_LOG_CACHE_KIB, yearLogOptions } from '../../electron/services/incidents/year-log.js';

const [dbPath, yearText, mode, out] = process.argv.slice(2);
const year = Number(yearText);
const db = openDatabase(dbPath!, { readonly: true });
db.pragma(`cache_size = -${YEAR_LOG_CACHE_KIB}`); // as the app's worker connection
const ctx = { ...createContext(db, { dbPath: dbPath!, transport: 'http', version: 'bench' }, 'bench'), now: () => Date.parse('2026-11-24T01:00:00Z') };
const options = yearLogOptions(ctx, year);

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);

let rows = 0;
let ms = 0;
if (mode === 'app') {
  const t = performance.now();
  rows = await writeYearLog(out!, yearLogRows(db, year), options);
  ms = performance.now() - t;
} else {
  // The same cells and heights, computed before the clock starts; the clock covers ExcelJS alone.
  const { spec, meta } = yearLogTable(options);
  const wraps = spec.columns.map((_, k) => spec.wrapColumns?.includes(k) ?? false);
  const rowValues = streamRowValues(spec.columns, wraps);
  const lines = [...yearLogRows(db, year)].map((r) => {
    const values: ExcelJS.CellValue[] = [];
    return { values, height: rowValues(r, values) };
  });
  const t = performance.now();
  const { wb, sheet, styles } = openStreamTable(out!, spec, meta);
  for (const { values, height } of lines) {
    const row = sheet.addRow(values);
    for (let k = 0; k < styles.length; k++) row.getCell(k + 1).style = styles[k]!;
    if (height !== undefined) row.height = height;
    row.commit();
    if ((++rows & 1023) === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await sheet.commit();
  await wb.commit();
  ms = performance.now() - t;
}
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
closeDatabase(db);
process.stdout.write(`${JSON.stringify({ mode, rows, ms, peakMb: peak / 1024 / 1024 })}\n`);
