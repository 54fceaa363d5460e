// The streamed table and the year log's per-cell helpers, read back or checked against the
// shared time formatting: the fast paths must write exactly what the plain ones would.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { formatInZone } from '../../shared/domain/duty-day.js';
import type { Column } from '../../electron/export/sheet-kit.js';
import { streamTableWorkbook } from '../../electron/export/sheet-stream.js';
import { zoneFormatter } from '../../electron/export/year-log-xlsx.js';

// Zones with summer time (one at half an hour), without, with a half-hour offset, and China's
// own summer time of 1986–1991.
const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/St_Johns', 'Asia/Kolkata'];

test('the zone formatter agrees with formatInZone through years with clock changes, minute by minute on their days', () => {
  const DAY = 86_400_000;
  for (const zone of ZONES) {
    const fmt = zoneFormatter(zone);
    for (const year of [1988, 2021]) {
      let changes = 0;
      for (let day = Date.UTC(year, 0, 1); day < Date.UTC(year + 1, 0, 1); day += DAY) {
        // A day whose clock changes (by the reference) is checked every minute, others every 97.
        const shift = (t: number) => Date.parse(`${formatInZone(t, zone).replace(' ', 'T')}Z`) - Math.floor(t / 60_000) * 60_000;
        const changing = shift(day) !== shift(day + DAY - 60_000);
        if (changing) changes++;
        for (let t = day; t < day + DAY; t += (changing ? 1 : 97) * 60_000) {
          if (fmt(t) !== formatInZone(t, zone)) assert.fail(`${zone} ${new Date(t).toISOString()}: ${fmt(t)} ≠ ${formatInZone(t, zone)}`);
        }
      }
      if (['America/New_York', 'Europe/London', 'Australia/Lord_Howe'].includes(zone) || (zone === 'Asia/Shanghai' && year === 1988)) assert.equal(changes, 2, `${zone} ${year}`);
    }
    assert.equal(fmt(null), '');
  }
});

test('the zone formatter agrees with formatInZone at any instant, in any order', () => {
  const fmt = new Map(ZONES.map((z) => [z, zoneFormatter(z)]));
  fc.assert(
    fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2060, 0, 1) }), (zone, t) => {
      assert.equal(fmt.get(zone)!(t), formatInZone(t, zone));
    }),
    { numRuns: 2000 },
  );
});

interface Line { text: string; n: number | null }
const columns: Column<Line>[] = [
  { header: '文字', width: 10, value: (r) => r.text },
  { header: '数', width: 6, value: (r) => r.n, align: 'right' },
];
const long = '很长的一段事件经过，要折行显示';
// Values repeat from one row to the next (as an incident's fields do on each of its reports).
const lines: Line[] = [
  { text: '=1+1', n: 1 },
  { text: '\u0001a\u0002b\u0003', n: Number.NaN },
  { text: long, n: null },
  { text: long, n: null },
  { text: '@SUM(A1)', n: 2.5 },
  { text: '@SUM(A1)', n: 1 },
];

async function streamed(rows: Iterable<Line> | AsyncIterable<Line>) {
  const dir = mkdtempSync(join(tmpdir(), 'sheet-stream-'));
  try {
    const file = join(dir, 't.xlsx');
    const count = await streamTableWorkbook(file, { name: '表', title: '标题', subtitle: ['截至'], columns, rows, wrapColumns: [0] }, { creator: 't', created: new Date(0) });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    return { count, sheet: wb.worksheets[0]! };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('rows from a plain iterable and from an async one are written alike: text stays text, control characters go', async () => {
  async function* later() {
    for (const line of lines) yield line;
  }
  const plain = await streamed(lines);
  const awaited = await streamed(later());
  for (const { count, sheet } of [plain, awaited]) {
    assert.equal(count, lines.length);
    assert.equal(sheet.rowCount, 3 + lines.length);
    assert.deepEqual(
      lines.map((_, k) => [sheet.getCell(4 + k, 1).value, sheet.getCell(4 + k, 2).value]),
      [['=1+1', 1], [' a b ', null], [long, null], [long, null], ['@SUM(A1)', 2.5], ['@SUM(A1)', 1]],
    );
    assert.equal(sheet.getCell(4, 1).type, ExcelJS.ValueType.String);
    assert.equal(sheet.getCell(4, 1).formula, undefined);
    // 30 display columns in a column 10 wide (9 usable): 4 lines of 14.5 pt; the others default.
    assert.deepEqual(
      lines.map((_, k) => sheet.getRow(4 + k).height),
      [undefined, undefined, 4 * 14.5, 4 * 14.5, undefined, undefined],
    );
    assert.equal(sheet.getCell(6, 1).alignment?.wrapText, true);
    assert.notEqual(sheet.getCell(6, 2).alignment?.wrapText, true);
    assert.equal(sheet.getCell(7, 2).alignment?.horizontal, 'right');
  }
});
