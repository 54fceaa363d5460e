// Runs in plain Node, as a child of test/bench/run.ts, so its peak memory is the export's own:
// `tsx test/bench/year-export.ts DB YEAR app|raw OUT`. `app` is the app's year log export (the
// code the worker thread runs); `raw` streams the very same cells (values computed beforehand,
// the same shared style per column) through ExcelJS's streaming writer with no app code: no
// query, no formatting, no row heights. Prints one JSON line.
import ExcelJS from 'exceljs';
import { performance } from 'node:perf_hooks';
import { closeDatabase, openDatabase } from '../../electron/db/connection.js';
import { yearLogRows } from '../../electron/db/repositories/incidents.js';
import { BODY_FONT, BORDERS } from '../../electron/export/sheet-kit.js';
import { writeYearLog, yearLogColumns } from '../../electron/export/year-log-xlsx.js';
import { createContext } from '../../electron/services/context.js';
import { yearLogOptions } from '../../electron/services/incidents/year-log.js';

const [dbPath, yearText, mode, out] = process.argv.slice(2);
const year = Number(yearText);
const db = openDatabase(dbPath!, { readonly: true });
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
  // The same cells, computed before the clock starts; the clock covers ExcelJS alone.
  const columns = yearLogColumns(options);
  const cells = [...yearLogRows(db, year)].map((r) => columns.map((c) => c.value(r)));
  const t = performance.now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out!, useStyles: true, useSharedStrings: false });
  const sheet = wb.addWorksheet('raw');
  const styles = columns.map((c) => ({ font: BODY_FONT, border: BORDERS, alignment: { horizontal: c.align ?? 'left', vertical: 'top' as const, wrapText: false } }));
  for (const values of cells) {
    const row = sheet.addRow(values);
    for (let k = 0; k < styles.length; k++) row.getCell(k + 1).style = styles[k]!;
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
