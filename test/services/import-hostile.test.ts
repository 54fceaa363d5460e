// Hostile import files through the roster import's contract method (roster.import): each ends
// with a clear, translated error within 5 s and writes nothing (every table and the audit log
// compared before and after). The checks live in electron/services/import-guard.ts, for every
// Excel import.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Db } from '../../electron/db/connection.js';
import { createDispatcher } from '../../electron/services/dispatcher.js';
import { assertXlsx, MAX_ROWS, zipEntries } from '../../electron/services/import-guard.js';
import { readWorkbookInWorker } from '../../electron/services/import-workbook.js';
import { exportRosterBuffer } from '../../electron/services/roster/excel.js';
import { testContext } from '../helpers/context.js';
import { deflated, lyingBomb, manyRows, SHEET_HEAD, SHEET_TAIL, workbookParts, zipOf } from '../helpers/zip.js';

/** The highest resident memory sampled every 5 ms while `run` runs (the worker's included). */
async function peakRss<T>(run: () => Promise<T>): Promise<{ value: T | unknown; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const value = await run().catch((e: unknown) => e);
    return { value, peakMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

function snapshot(db: Db): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  const h = createHash('sha256');
  for (const { name } of tables) h.update(name).update(JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all()));
  return h.digest('hex');
}

async function setup() {
  const ctx = testContext({ now: Date.UTC(2026, 10, 24, 1) });
  const dispatch = createDispatcher(ctx, { logError: () => {} });
  for (const [name, roles] of [['王领导', ['leader']], ['张三', ['officer']], ['李四', ['officer']]] as const) {
    const r = await dispatch('people.create', { name, phone: '13800000000', roles: [...roles] });
    assert.equal(r.ok, true, JSON.stringify(r));
  }
  const good = await exportRosterBuffer(ctx, '2026-12');
  return { ctx, dispatch, good };
}

/** Imports `file` and checks: refused within 5 s with a readable message matching `expect`, nothing written. */
async function refused(s: Awaited<ReturnType<typeof setup>>, file: Buffer, expect: RegExp, code = 'invalid_input'): Promise<string> {
  const before = snapshot(s.ctx.db);
  const started = performance.now();
  const r = await s.dispatch('roster.import', { contentBase64: file.toString('base64'), reason: '测试' });
  const ms = performance.now() - started;
  assert.ok(ms < 5000, `answered in ${Math.round(ms)} ms`);
  assert.equal(r.ok, false);
  if (r.ok) return '';
  assert.equal(r.error.code, code, r.error.message);
  assert.match(r.error.message, expect);
  assert.match(r.error.message, /未写入任何数据|不像是/);
  assert.equal(snapshot(s.ctx.db), before, 'nothing written');
  return r.error.message;
}

describe('hostile import files', () => {
  test('a truncated workbook (a download cut off) is refused', async () => {
    const s = await setup();
    for (const cut of [0.5, 0.9, 0.999]) await refused(s, s.good.subarray(0, Math.floor(s.good.length * cut)), /不完整/);
  });

  test('not a workbook: random bytes, a renamed .txt, a PDF, an old .xls, a zip without a workbook', async () => {
    const s = await setup();
    await refused(s, randomBytes(256 * 1024), /不是 Excel 工作簿/);
    await refused(s, Buffer.from('日期,带班领导,值班员\n2026-12-01,王领导,张三\n'), /不是 Excel 工作簿/);
    await refused(s, Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'), /PDF/);
    await refused(s, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(4096)]), /\.xls/);
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    await refused(s, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), /不是 Excel 工作簿/);
  });

  test('a workbook whose sheet is not a roster (wrong sheet name, no headers) is refused', async () => {
    const s = await setup();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['姓名', '电话']);
    wb.addWorksheet('数据').addRow(['张三', '138']);
    await refused(s, Buffer.from(await wb.xlsx.writeBuffer()), /找不到值班表/);
  });

  test('a 50 MB file is refused at the contract (and by the guard, for other callers)', async () => {
    const s = await setup();
    const big = Buffer.concat([s.good, randomBytes(50 * 1024 * 1024)]);
    await refused(s, big, /文件过大/);
    assert.throws(() => assertXlsx(big), (e: { key: string }) => e.key === 'import.tooLarge');
  });

  test('cells with formulas are refused, naming row and column, never taken for their cached value', async () => {
    const s = await setup();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(s.good as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = ws.getRow(2);
    const col = (name: string) => (header.values as unknown[]).indexOf(name);
    ws.getRow(3).getCell(col('带班领导')).value = { formula: 'HYPERLINK("http://evil.example/","王领导")', result: '王领导' } as ExcelJS.CellFormulaValue;
    ws.getRow(4).getCell(col('值班员')).value = { formula: 'CONCAT("张","三")', result: '张三' } as ExcelJS.CellFormulaValue;
    const message = await refused(s, Buffer.from(await wb.xlsx.writeBuffer()), /公式/);
    assert.match(message, /第 3 行“带班领导”列：单元格含公式/);
    assert.match(message, /第 4 行“值班员”列：单元格含公式/);
  });

  test('a zip bomb (a workbook with a part inflating a thousandfold) is refused before inflating', async () => {
    const s = await setup();
    const zip = await JSZip.loadAsync(s.good);
    zip.file('xl/media/image1.bin', Buffer.alloc(30 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    assert.ok(bomb.length < 1024 * 1024, `the bomb is small: ${bomb.length} bytes`);
    await refused(s, bomb, /解压后超过 100 MB/);
  });

  test('a zip whose directory lies about its sizes (1 GB stated as 2 KB) is refused once the real bytes pass the cap, in bounded memory', async () => {
    const s = await setup();
    const bomb = await lyingBomb(1024);
    assert.ok(bomb.length < 4 * 1024 * 1024, `the bomb is small: ${bomb.length} bytes`);
    assert.doesNotThrow(() => assertXlsx(bomb), 'the directory alone passes: only inflating tells');
    const before = process.memoryUsage().rss / 1024 / 1024;
    const { peakMb } = await peakRss(() => refused(s, bomb, /文件过大：解压后超过 100 MB/));
    console.log(`lying 1 GB bomb: rss ${before.toFixed(0)} MB before, peak ${peakMb.toFixed(0)} MB`);
    assert.ok(peakMb - before < 200, `peak memory grew by ${(peakMb - before).toFixed(0)} MB`);
  });

  test('a part whose real size differs from the stated one (within the caps) is refused as damaged', async () => {
    const s = await setup();
    const sheet = await deflated([SHEET_HEAD, '<row r="1"><c r="A1" t="inlineStr"><is><t>日期</t></is></c></row>', SHEET_TAIL]);
    const lie = zipOf(workbookParts(sheet), { stated: (name, real) => (name.endsWith('sheet1.xml') ? real + 10 : real) });
    await refused(s, lie, /文件已损坏/);
    const garbage = zipOf(workbookParts({ packed: randomBytes(4096), size: 100_000, crc: 0 }));
    await refused(s, garbage, /文件已损坏/);
  });

  test(`a 1,000,000-row sheet within every size cap is refused as too many rows (over ${MAX_ROWS}), quickly`, async () => {
    const s = await setup();
    const big = await manyRows(1_000_000);
    assert.doesNotThrow(() => assertXlsx(big), 'within the size caps');
    const before = process.memoryUsage().rss / 1024 / 1024;
    const { peakMb } = await peakRss(() => refused(s, big, /行数过多：工作表超过 20000 行/));
    console.log(`1,000,000 rows (${(big.length / 1024 / 1024).toFixed(1)} MB): rss ${before.toFixed(0)} MB before, peak ${peakMb.toFixed(0)} MB`);
    assert.ok(peakMb - before < 200, `peak memory grew by ${(peakMb - before).toFixed(0)} MB`);
  });

  test('too many cells in few rows, and links to other workbooks, are refused', async () => {
    const s = await setup();
    function* cells() {
      for (let i = 0; i < 500_000; i++) yield `<c><v>${i}</v></c>`;
    }
    const wide = await deflated([SHEET_HEAD, '<row r="1">', ...cells(), '</row>', SHEET_TAIL]);
    await refused(s, zipOf(workbookParts(wide)), /单元格过多/);
    const zip = await JSZip.loadAsync(s.good);
    zip.file('xl/externalLinks/externalLink1.xml', '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></externalLink>');
    await refused(s, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), /外部链接/);
  });

  test('a workbook the worker cannot read within its time budget is stopped and refused', async () => {
    const s = await setup();
    const err = await readWorkbookInWorker(s.good, { kind: 'roster' }, undefined, 1).catch((e: unknown) => e);
    assert.equal((err as { key?: string }).key, 'import.tooSlow');
    const ok = await readWorkbookInWorker(s.good, { kind: 'roster' });
    assert.equal(ok.ok, true, 'the same file within the budget reads');
  });

  test('the guard passes a real workbook and reads its parts without inflating', async () => {
    const s = await setup();
    assert.doesNotThrow(() => assertXlsx(s.good));
    const z = zipEntries(s.good);
    assert.ok(z.ok && z.entries.some((e) => e.name === 'xl/workbook.xml'));
    const r = await s.dispatch('roster.import', { contentBase64: s.good.toString('base64'), reason: '' });
    assert.ok(r.ok || !/不完整|不是 Excel|过大|公式/.test(r.error.message), 'a real workbook is not taken for a hostile one');
  });
});
