// A year's incident log streamed to .xlsx by the worker thread, read back: one line per report of
// the year's incidents, in number order, under the title, the as-of line and the header.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { runBulkDemo } from '../../electron/services/demo/bulk-history.js';
import { exportYearLog } from '../../electron/services/incidents/year-log.js';
import { testContext } from '../helpers/context.js';

test('the year log export, written by the worker, reads back line for line', async () => {
  const now = Date.UTC(2026, 1, 10, 1, 0, 0);
  const ctx = testContext({ now });
  runBulkDemo(ctx, { years: 0.08, seed: 4, now });
  const payload = await exportYearLog(ctx, 2026);
  assert.equal(payload.fileName, 'incident-log-2026.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(payload.contentBase64, 'base64') as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  assert.equal(sheet.name, '事件台账');
  const expected = ctx.db.prepare('SELECT i.number, r.seq, r.from_unit FROM incidents i JOIN incident_reports r ON r.incident_id = i.id WHERE i.year = 2026 ORDER BY i.seq, r.seq').all() as {
    number: string;
    seq: number;
    from_unit: string;
  }[];
  assert.ok(expected.length > 300, `${expected.length} lines`);
  assert.equal(sheet.rowCount, 3 + expected.length);
  assert.match(String(sheet.getCell(1, 1).value), /2026 年度事件台账/);
  assert.equal(sheet.getCell(3, 1).value, '编号');
  assert.equal(sheet.getCell(4, 1).value, expected[0]!.number);
  const last = expected[expected.length - 1]!;
  assert.equal(sheet.getCell(3 + expected.length, 1).value, last.number);
  assert.equal(sheet.getCell(3 + expected.length, 11).value, last.from_unit);
  assert.match(String(sheet.getCell(4, 4).value), /^2026-\d\d-\d\d \d\d:\d\d$/);
  assert.equal((sheet.views[0] as { ySplit?: number } | undefined)?.ySplit, 3, 'the header stays in view');
  // Printed on A4 landscape, every column on the page's width (fitToPage is what makes Excel and
  // LibreOffice use fitToWidth), the header on every page.
  assert.equal(sheet.pageSetup.fitToPage, true);
  assert.equal(sheet.pageSetup.fitToWidth, 1);
  assert.equal(sheet.pageSetup.fitToHeight, 0);
  assert.equal(sheet.pageSetup.paperSize, 9);
  assert.equal(sheet.pageSetup.orientation, 'landscape');
  assert.equal(sheet.pageSetup.printTitlesRow, '3:3');
});
