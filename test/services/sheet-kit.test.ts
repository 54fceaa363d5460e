// The print-ready sheet kit, read back with ExcelJS: layout, print setup, text never a formula, a
// row taller than a page continued over the rows under it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { addTableSheet, workbookBuffer } from '../../electron/export/sheet-kit.js';

interface Row { unit: string; deaths: number | null; note: string }

async function roundTrip(rows: Row[], emptyText?: string) {
  const wb = new ExcelJS.Workbook();
  addTableSheet<Row>(wb, {
    name: '事件信息',
    title: '江城市应急管理局值班日报',
    subtitle: ['值班日 2026-11-24', '带班领导 张三'],
    columns: [
      { header: '责任单位', width: 16, value: (r) => r.unit },
      { header: '死亡', width: 6, value: (r) => r.deaths, align: 'right' },
      { header: '备注', width: 40, value: (r) => r.note },
    ],
    rows,
    emptyText,
  });
  const back = new ExcelJS.Workbook();
  // ExcelJS declares its own older Buffer type; the bytes are the same.
  await back.xlsx.load((await workbookBuffer(wb)) as unknown as ExcelJS.Buffer);
  return back.getWorksheet('事件信息')!;
}

test('title, subtitles, header and rows land where expected, with the print setup', async () => {
  const ws = await roundTrip([
    { unit: '东城区', deaths: 1, note: '普通文字' },
    { unit: '=HYPERLINK("http://evil")', deaths: null, note: '+86 123' },
    { unit: '@SUM(A1)', deaths: 0, note: '-1\u0007' },
  ]);
  assert.equal(ws.getCell('A1').value, '江城市应急管理局值班日报');
  assert.equal(ws.getCell('A2').value, '值班日 2026-11-24');
  assert.equal(ws.getCell('A4').value, '责任单位');
  assert.equal(ws.getCell('B5').value, 1);
  assert.equal(ws.getCell('B6').value, null);
  // Typed text that looks like a formula stays text.
  for (const addr of ['A6', 'A7', 'C6', 'C7']) {
    assert.equal(ws.getCell(addr).type, ExcelJS.ValueType.String, addr);
    assert.equal(ws.getCell(addr).formula, undefined, addr);
  }
  assert.equal(ws.getCell('A6').value, '=HYPERLINK("http://evil")');
  assert.equal(ws.getCell('C7').value, '-1 ');
  assert.equal(ws.pageSetup.paperSize, 9);
  assert.equal(ws.pageSetup.orientation, 'landscape');
  assert.equal(ws.pageSetup.fitToWidth, 1);
  assert.equal(ws.pageSetup.fitToHeight, 0);
  assert.equal(ws.pageSetup.printTitlesRow, '4:4');
  assert.equal(ws.views[0]?.state, 'frozen');
  assert.equal((ws.views[0] as { ySplit?: number }).ySplit, 4);
  assert.equal(ws.getCell('A5').border?.top?.style, 'thin');
  assert.equal(ws.getCell('A5').font?.name, 'SimSun');
  assert.equal(ws.getCell('C5').alignment?.wrapText, true);
});

test('an empty section says so instead of printing a bare header', async () => {
  const ws = await roundTrip([], '本值班日无');
  assert.equal(ws.getCell('A5').value, '本值班日无');
  assert.equal(ws.rowCount, 5);
});

test('rows are as tall as their wrapped text needs (CJK counts double)', async () => {
  const { displayWidth, linesNeeded } = await import('../../electron/export/sheet-kit.js');
  assert.equal(displayWidth('东城区'), 6);
  assert.equal(displayWidth('ab东'), 4);
  assert.equal(linesNeeded('一'.repeat(20), 11), 4);
  assert.equal(linesNeeded('short', 40), 1);
  assert.equal(linesNeeded('a\nb\nc', 40), 3);
  const ws = await roundTrip([{ unit: '东城区', deaths: 1, note: '一辆小型客车与一辆电动自行车相撞，造成人员受伤，现场已处置完毕，交通恢复正常。' }]);
  assert.ok((ws.getRow(5).height ?? 0) >= 2 * 14, `row height ${ws.getRow(5).height}`);
});

test('a row taller than a page goes on over the rows under it: nothing clipped, nothing lost', async () => {
  const { splitText, splitRow, linesNeeded, MAX_ROW_LINES } = await import('../../electron/export/sheet-kit.js');
  const para = '事故造成3人死亡、2人重伤，伤员已送医救治，道路于当日14时恢复通行，事故原因正在调查。';
  assert.deepEqual(splitText(para, 30), [para], 'a text that fits stays whole');
  const long = Array.from({ length: 20 }, (_, k) => `（${k + 1}）${para}`).join('\n');
  const pieces = splitText(long, 30);
  assert.ok(pieces.length > 1);
  for (const p of pieces) assert.ok(linesNeeded(p, 30) <= MAX_ROW_LINES, p);
  assert.equal(pieces.join('\n'), long, 'paragraphs that fill a piece exactly split at their line breaks');
  // Any text: every piece fits, and read in order the pieces are the text.
  const chars = fc.constantFrom('字', '经', 'a', '1', ' ', '，', '\n');
  fc.assert(
    fc.property(fc.array(chars, { maxLength: 3000 }).map((a) => a.join('')), fc.integer({ min: 4, max: 60 }), fc.integer({ min: 1, max: 30 }), (text, width, max) => {
      const ps = splitText(text, width, max);
      for (const p of ps) assert.ok(linesNeeded(p, width) <= max, `${JSON.stringify(p)} at ${width}`);
      assert.equal(ps.join('').replace(/\n/g, ''), text.replace(/\n/g, ''));
      assert.ok(ps.length === 1 || ps.every((p) => p !== ''), 'no empty row continues another');
    }),
    { numRuns: 300 },
  );
  assert.deepEqual(splitRow(['短', 1, null, long], [10, 6, 6, 30]).map((r) => r.slice(0, 3)), [['短', 1, null], ...Array(pieces.length - 1).fill([null, null, null])]);

  const ws = await roundTrip([{ unit: '东城区', deaths: 3, note: long }, { unit: '西湖区', deaths: 0, note: '短' }]);
  // The note (width 40) needs more than a page: it goes on over the rows under it, without a line between.
  const notes: string[] = [];
  let r = 5;
  for (; ws.getCell(r, 1).value !== '西湖区'; r++) {
    notes.push(String(ws.getCell(r, 3).value));
    assert.ok((ws.getRow(r).height ?? 0) <= MAX_ROW_LINES * 15 + 3, `row ${r} ${ws.getRow(r).height}`);
    assert.equal(ws.getCell(r, 1).value, r === 5 ? '东城区' : null);
    if (r > 5) assert.equal(ws.getCell(r, 3).border?.top?.style, undefined);
  }
  assert.ok(notes.length > 1);
  assert.equal(notes.join('\n'), long);
  assert.equal(ws.getCell(r - 1, 3).border?.bottom?.style, 'thin', 'the last piece closes the cell');
});
