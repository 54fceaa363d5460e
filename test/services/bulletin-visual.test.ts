// The bulletin as printed: the issued workbook rendered by LibreOffice to PDF (A4 landscape, one
// page per sheet at least) and by pdftoppm to PNG, kept in test-results/bulletin-page-*.png for a
// person to look at. The day as the leader issues it the morning after: the road accident's
// description rewritten in three paragraphs, the fire closed by its final report, and a long
// description (over a page of its column) that must go on to the next page, not be clipped. Under
// CI the tools are installed by .ci/run, so their absence fails there.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { exportBulletin, issueBulletin, previewBulletin } from '../../electron/services/bulletin/bulletin.js';
import { MAX_ROW_LINES } from '../../electron/export/sheet-kit.js';
import { describeIncident } from '../../electron/services/incidents/description.js';
import { bulletinTexts } from '../../shared/domain/bulletin-text.js';
import { BUSY_DAY, ROAD_DESCRIPTION, buildBusyDay, finishBusyDay } from '../helpers/bulletin-day.js';
import { testContext } from '../helpers/context.js';
import { flat, printWorkbook, skipPrintUnlessInstalled } from '../helpers/print.js';

test('the issued bulletin renders to A4 landscape pages (LibreOffice → PDF → PNG)', { skip: skipPrintUnlessInstalled(), timeout: 180_000 }, async () => {
  const ctx = testContext();
  const ids = buildBusyDay(ctx, { days: 10 });
  finishBusyDay(ctx, ids);
  // Eight numbered paragraphs, about 1,300 characters: in its column, more than a printed page.
  const long = Array.from({ length: 8 }, (_, k) => `（${k + 1}）${ROAD_DESCRIPTION.replace(/\n/g, '')}`).join('\n');
  describeIncident({ ...ctx, actor: 'user:leader1' }, { id: ids.fire, text: long, reason: '逐段补充核实情况' });
  issueBulletin(ctx, BUSY_DAY, '南山区燃气泄漏系媒体报道，正在核实');
  const file = Buffer.from((await exportBulletin(ctx, BUSY_DAY, 1)).contentBase64, 'base64');

  // No row taller than a page: a long text goes on over the rows under it (sheet-kit splitRow).
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ExcelJS.Buffer);
  for (const ws of wb.worksheets) ws.eachRow((row, n) => assert.ok((row.height ?? 0) <= MAX_ROW_LINES * 15 + 3, `${ws.name} row ${n}: ${row.height} pt`));

  const printed = printWorkbook(file, 'bulletin');
  assert.ok(printed.pages >= 7, `one page per sheet at least, and the long description over two, got ${printed.pages}`);
  // The words are all on the pages, in order (spaces and line breaks of the layout aside).
  const data = previewBulletin(ctx, BUSY_DAY, 1).data;
  const x = bulletinTexts('zh-CN', data);
  for (const i of data.incidents.filter((i) => data.keyItems.includes(i.id))) assert.ok(printed.flatText.includes(flat(x.keyItemLine(i))), `要情 of ${i.number}`);
  assert.ok(printed.flatText.includes(flat(ROAD_DESCRIPTION)), 'the road accident’s description');
  for (const para of long.split('\n')) assert.ok(printed.flatText.includes(flat(para)), para.slice(0, 4));
  assert.ok(printed.flatText.includes('处置结束'));
});
