// CLI (in-process): `duty roster generate` prints a proposal with its fairness counts and saves only
// with --save; `duty roster export` writes the month's 值班表 workbook.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { closeDatabase, openDatabase } from '../../electron/db/connection.js';
import { createContext } from '../../electron/services/context.js';
import { rosterSeeder } from '../../electron/services/demo/roster-seeder.js';
import { getMonth } from '../../electron/services/roster/roster.js';
import { seededRng } from '../../shared/domain/random.js';
import { cli } from '../helpers/cli.js';
import { tempDbPath, tempDir } from '../helpers/temp.js';
import { lyingBomb, manyRows } from '../helpers/zip.js';

/** The clock of every command here: 24 November 2026, so January 2027 lies ahead on any day. */
const NOW = '2026-11-24T11:00:00+08:00';

function seeded(): string {
  const path = tempDbPath('roster-cli.db');
  const db = openDatabase(path);
  const ctx = { ...createContext(db, { dbPath: path, transport: 'http', version: 'test' }, 'test'), now: () => Date.UTC(2026, 10, 24, 3) };
  const summary = rosterSeeder.seed(ctx, { days: 30, seed: 1, now: ctx.now() }, seededRng(1));
  assert.match(summary, /17 people/);
  assert.equal(getMonth(ctx, '2026-11').shifts.length, 30, 'the demo rosters this month, past days included');
  closeDatabase(db);
  return path;
}

describe('duty roster', () => {
  test('generate prints the proposal and fairness, saves nothing without --save', async () => {
    const db = seeded();
    const r = await cli(['roster', 'generate', '--db', db, '--month', '2027-01', '--now', NOW]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^2027-01-01\t星期五\t全天\tholiday\(元旦\)\t\S+\t\S+、\S+$/m);
    assert.match(r.out, /spread officer: total [01], weekend [01], holiday [01]/);
    assert.match(r.err, /not saved/);
    const h = openDatabase(db);
    assert.equal(getMonth({ db: h }, '2027-01').shifts.length, 0);
    closeDatabase(h);
    const s = await cli(['roster', 'generate', '--db', db, '--month', '2027-01', '--save', '--now', NOW]);
    assert.equal(s.code, 0, s.err);
    assert.match(s.err, /saved: 31 shifts of 2027-01/);
    const bad = await cli(['roster', 'generate', '--db', db, '--month', '2027-1']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--month must be YYYY-MM/);
  });

  test('a month past the holidays entered is refused, saying so, unless --without-holidays', async () => {
    const db = seeded(); // the starter calendar: public holidays to 2027-10-07
    const later = '2027-11-20T09:00:00+08:00';
    const r = await cli(['roster', 'generate', '--db', db, '--month', '2027-12', '--now', later]);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /^duty roster generate: 节假日安排未录入：已录入的法定节假日只到 2027-10-07，2027-12 在此之后/);
    const ok = await cli(['roster', 'generate', '--db', db, '--month', '2027-12', '--without-holidays', '--now', later]);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /^2027-12-31\t星期五\t全天\tworkday\t/m);
  });

  test('--now must be an ISO time with its offset', async () => {
    const db = seeded();
    for (const bad of ['2026-11-24 09:00', 'tomorrow', '2026-11-24T09:00:00']) {
      const r = await cli(['roster', 'generate', '--db', db, '--month', '2027-01', '--now', bad]);
      assert.equal(r.code, 2);
      assert.match(r.err, /--now must be an ISO time with its offset, such as 2026-11-24T09:00:00\+08:00/);
    }
  });

  test('duty demo gains people and a roster, reproducibly', async () => {
    const dir = tempDir();
    const r = await cli(['demo', '--db', join(dir, 'd.db'), '--days', '20', '--seed', '7', '--now', '2026-11-24T09:00:00+08:00']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^roster: 17 people, 14 calendar entries, 61 shifts rostered \(2026-11 to 2026-12\), leave for \S+ from 2026-1[12]-\d\d$/m);
    const h = openDatabase(join(dir, 'd.db'));
    try {
      const ctx = { db: h };
      assert.equal(getMonth(ctx, '2026-11').shifts.length, 30);
      const { onDutyAt } = await import('../../electron/services/roster/on-duty.js');
      assert.equal(onDutyAt(ctx, Date.parse('2026-11-24T09:00:00+08:00'))!.officers.length, 2);
    } finally {
      closeDatabase(h);
    }
    const again = await cli(['demo', '--db', join(dir, 'e.db'), '--days', '20', '--seed', '7', '--now', '2026-11-24T09:00:00+08:00']);
    assert.equal(again.out.replace(join(dir, 'e.db'), join(dir, 'd.db')), r.out);
  });

  test('export writes a 值班表 workbook for the month', async () => {
    const db = seeded();
    const out = join(tempDir(), 'roster.xlsx');
    const r = await cli(['roster', 'export', '--db', db, '--month', '2026-12', '--out', out]);
    assert.equal(r.code, 0, r.err);
    assert.ok(existsSync(out));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('值班表')!;
    assert.match(String((ws.getCell('A1').value as { richText: { text: string }[] }).richText[0]!.text), /市应急管理局2026年12月值班表/);
    assert.equal(ws.getCell('A2').value, '日期');
    assert.equal(ws.getCell('A3').value, '2026-12-01');
    assert.equal(ws.pageSetup.fitToPage, true);
    assert.equal(ws.pageSetup.paperSize, 9);
    assert.equal((await cli(['roster', 'export', '--db', db, '--month', '2026-12'])).code, 2);
  });

  test('import reads back an exported roster, and says in Chinese why a hostile file is refused', async () => {
    const db = seeded();
    const dir = tempDir();
    const out = join(dir, 'roster.xlsx');
    assert.equal((await cli(['roster', 'export', '--db', db, '--month', '2026-12', '--out', out])).code, 0);
    const ok = await cli(['roster', 'import', '--db', db, '--file', out, '--reason', '导入测试']);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /imported 2026-12: \d+ shifts/);
    const files: [string, Buffer, RegExp][] = [
      ['bomb.xlsx', await lyingBomb(256), /文件过大：解压后超过 100 MB/],
      ['rows.xlsx', await manyRows(100_000), /行数过多：工作表超过 20000 行/],
      ['notes.xlsx', Buffer.from('日期,带班领导\n'), /文件不是 Excel 工作簿/],
      ['cut.xlsx', (await import('node:fs')).readFileSync(out).subarray(0, 2000), /文件不完整/],
    ];
    for (const [name, content, message] of files) {
      writeFileSync(join(dir, name), content);
      const r = await cli(['roster', 'import', '--db', db, '--file', join(dir, name)]);
      assert.equal(r.code, 2, name);
      assert.match(r.err, message, name);
    }
  });
});
