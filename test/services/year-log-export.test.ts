// A year's incident log streamed to .xlsx by the worker thread, read back: one line per report of
// the year's incidents, in number order, under the title, the as-of line and the header.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { runBulkDemo } from '../../electron/services/demo/bulk-history.js';
import { yearLogRows } from '../../electron/db/repositories/incidents.js';
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
  assert.equal(sheet.pageSetup.horizontalCentered, true, 'centred on the page, as the other tables');
  // The header row is tall enough for 直接经济损失（元） to wrap onto a second line.
  assert.ok((sheet.getRow(3).height ?? 0) >= 2 * 15, `header row ${sheet.getRow(3).height} pt`);
});

test('the year log reads incidents in batches: the same lines as one join, whatever the batch size or id order', () => {
  const now = Date.UTC(2026, 1, 10, 1, 0, 0);
  const ctx = testContext({ now });
  runBulkDemo(ctx, { years: 0.02, seed: 7, now });
  // Number order is not id order (an incident renumbered, or entered late): reverse the numbers.
  const ids = (ctx.db.prepare('SELECT id FROM incidents WHERE year = 2026 ORDER BY seq').all() as { id: number }[]).map((r) => r.id);
  assert.ok(ids.length > 20, `${ids.length} incidents`);
  const renumber = ctx.db.prepare('UPDATE incidents SET seq = ? WHERE id = ?');
  ctx.db.transaction(() => {
    ids.forEach((id, k) => renumber.run(-1 - k, id));
    ids.forEach((id, k) => renumber.run(ids.length - k, id));
  })();
  const joined = ctx.db
    .prepare(
      `SELECT i.number, i.category, i.responsible_unit, i.occurred_at, i.place, i.current_level, i.status, i.flag_codes,
         r.seq, r.kind, r.channel, r.from_unit, r.received_at, r.summary, r.deaths, r.injured, r.direct_loss_yuan, r.affected, r.evacuated, r.houses_collapsed
       FROM incidents i JOIN incident_reports r ON r.incident_id = i.id WHERE i.year = 2026 ORDER BY i.seq, r.seq`,
    )
    .all() as Record<string, unknown>[];
  assert.ok(joined.length > ids.length, 'incidents with follow-ups');
  for (const size of [1, 3, 512]) {
    const lines = [...yearLogRows(ctx.db, 2026, size)];
    assert.deepEqual(
      lines.map(({ incident, ...report }) => ({ ...incident, ...report })),
      joined,
      `batch of ${size}`,
    );
    // An incident's lines share one object (its cells are made once).
    for (let k = 1; k < lines.length; k++) {
      if (lines[k]!.incident.number === lines[k - 1]!.incident.number) assert.equal(lines[k]!.incident, lines[k - 1]!.incident);
    }
  }
  assert.deepEqual([...yearLogRows(ctx.db, 2019)], [], 'a year without incidents');
});
