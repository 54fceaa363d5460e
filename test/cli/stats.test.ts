// CLI (in-process): `duty stats` writes the period report's workbook for a date range, with the
// same totals as the service; bad dates and a reversed range are refused with exit status 2.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { closeDatabase, openDatabase } from '../../electron/db/connection.js';
import { createContext } from '../../electron/services/context.js';
import { runDemo } from '../../electron/services/demo/seeders.js';
import { periodReport } from '../../electron/services/stats/period-report.js';
import { cli } from '../helpers/cli.js';
import { tempDbPath, tempDir } from '../helpers/temp.js';

const NOW = Date.UTC(2026, 10, 24, 3);

describe('duty stats', () => {
  const path = tempDbPath('stats-cli.db');
  const db = openDatabase(path);
  const ctx = { ...createContext(db, { dbPath: path, transport: 'http', version: 'test' }, 'test'), now: () => NOW };
  runDemo(ctx, { days: 60, seed: 3, now: NOW, perDay: 2 });
  const expected = periodReport(ctx, { from: '2026-10-01', to: '2026-11-24' });
  closeDatabase(db);

  test('writes the workbook; its totals are the service’s', async () => {
    const out = join(tempDir(), 'stats.xlsx');
    const r = await cli(['stats', '--db', path, '--from', '2026-10-01', '--to', '2026-11-24', '--out', out]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /statistics 2026-10-01 to 2026-11-24 written to/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    // The demo's floods and landslides state their figures: the natural-disaster sheet is there, with the service's totals.
    assert.ok(expected.natural.current.affected !== null, 'the demo states natural-disaster figures');
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['总体情况', '分类别', '自然灾害灾情', '分等级', '分单位', '及时率排名', '每日趋势', '传达回执'],
    );
    const natural = wb.getWorksheet('自然灾害灾情')!;
    assert.deepEqual([natural.getCell('A5').value, natural.getCell('B5').value], ['自然灾害事件（起）', expected.natural.current.incidents]);
    assert.deepEqual([natural.getCell('A6').value, natural.getCell('B6').value], ['受灾人口（人）', expected.natural.current.affected]);
    const overview = wb.getWorksheet('总体情况')!;
    assert.ok(expected.total.current.incidents > 0);
    assert.deepEqual([overview.getCell('B5').value, overview.getCell('F5').value], [expected.total.current.incidents, expected.total.current.deaths]);
    assert.equal(wb.getWorksheet('及时率排名')!.getCell(6, 2).value, expected.ranking[0]!.unit);
  });

  test('bad input: exit 2 with the reason, nothing written', async () => {
    const out = join(tempDir(), 'bad.xlsx');
    const reversed = await cli(['stats', '--db', path, '--from', '2026-11-24', '--to', '2026-10-01', '--out', out]);
    assert.equal(reversed.code, 2);
    assert.match(reversed.err, /--to 结束日期不能早于开始日期/);
    const notADate = await cli(['stats', '--db', path, '--from', '2026-02-30', '--to', '2026-03-01', '--out', out]);
    assert.equal(notADate.code, 2);
    assert.match(notADate.err, /--from 日期应为 YYYY-MM-DD/);
    assert.equal((await cli(['stats', '--db', path])).code, 2);
    assert.equal(existsSync(out), false);
  });
});
