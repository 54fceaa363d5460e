// CLI (in-process): `duty notices list|show|export` on a demo database with its notices: the list
// is the grid's notices of the last days with who is missing, show gives each unit's steps and the
// rows logged (a correction naming what it corrects), export writes the app's sheet; bad input is
// refused with exit status 2; nothing is written to the database.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { closeDatabase, openDatabase } from '../../electron/db/connection.js';
import { createContext } from '../../electron/services/context.js';
import { runDemo } from '../../electron/services/demo/seeders.js';
import { correctStep, relayGrid, stepsOfNotice } from '../../electron/services/notices/notices.js';
import { cli } from '../helpers/cli.js';
import { tempDbPath, tempDir } from '../helpers/temp.js';

const NOW = Date.parse('2026-11-24T09:00:00+08:00');
const AT = ['--now', '2026-11-24T09:00:00+08:00'];

describe('duty notices', () => {
  const path = tempDbPath('notices-cli.db');
  const db = openDatabase(path);
  const ctx = { ...createContext(db, { dbPath: path, transport: 'http', version: 'test' }, 'test'), now: () => NOW };
  runDemo(ctx, { days: 20, seed: 42, now: NOW });
  const grid = relayGrid(ctx, { days: 7 });
  // A receipt corrected: the log shows the correction beside the row it corrects.
  const withReceipt = grid.notices.find((s) => s.cells.some((c) => c.receivedAt !== null))!;
  const receipt = stepsOfNotice(ctx, withReceipt.notice.id).find((r) => r.step === 'receipt')!;
  const corrected = correctStep(ctx, { stepId: receipt.id, at: receipt.at, person: '更正后的接收人', reason: '接收人记错' });
  const audit = () => (db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
  const auditBefore = audit();
  closeDatabase(db);

  test('list: the notices of the last days, one line each, the units missing named', async () => {
    assert.ok(grid.notices.length >= 3, `the demo relays notices (${grid.notices.length} in 7 days)`);
    const r = await cli(['notices', 'list', '--db', path, '--days', '7', ...AT]);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n');
    assert.match(lines[0]!, /^编号\t收文时间\t类别\t通知/);
    assert.equal(lines.length - 1, grid.notices.length);
    for (const s of grid.notices) {
      const line = lines.find((l) => l.startsWith(`#${s.notice.id}\t`))!;
      assert.ok(line, `notice ${s.notice.id} listed`);
      assert.ok(line.includes(`\t${s.counts.units}/${s.counts.relayed}/${s.counts.received}/`));
      const missing = s.cells.filter((c) => c.receipt === 'missing').map((c) => grid.units.find((u) => u.id === c.unitId)!.name);
      if (missing.length) assert.ok(line.includes(`未回执 ${missing.join('、')}`), line);
    }
    assert.equal(r.err, `近 7 天 ${grid.notices.length} 份通知\n`);
    const json = await cli(['notices', 'list', '--db', path, '--days', '7', '--json', ...AT]);
    assert.deepEqual((JSON.parse(json.out) as { notices: { notice: { id: number } }[] }).notices.map((s) => s.notice.id), grid.notices.map((s) => s.notice.id));
  });

  test('show: each unit with its relay, receipt and feedback; every row logged, the correction naming what it corrects', async () => {
    const r = await cli(['notices', 'show', '--db', path, '--id', String(withReceipt.notice.id), ...AT]);
    assert.equal(r.code, 0, r.err);
    for (const c of withReceipt.cells) assert.match(r.out, new RegExp(`^${grid.units.find((u) => u.id === c.unitId)!.name}\\t`, 'm'));
    assert.match(r.out, new RegExp(`^#${corrected.id}\\t.*\\t回执\\t.*更正后的接收人.*更正 #${receipt.id}：接收人记错`, 'm'));
    assert.match(r.out, new RegExp(`^#${receipt.id}\\t`, 'm'), 'the corrected row is kept');
  });

  test('export: the grid as the app writes it, one row per notice and unit', async () => {
    const out = join(tempDir(), 'grid.xlsx');
    const r = await cli(['notices', 'export', '--db', path, '--id', String(withReceipt.notice.id), '--out', out, ...AT]);
    assert.equal(r.code, 0, r.err);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const text = wb.worksheets.map((ws) => ws.getSheetValues().flat().join(' ')).join(' ');
    for (const c of withReceipt.cells) assert.ok(text.includes(grid.units.find((u) => u.id === c.unitId)!.name));
  });

  test('bad input: exit 2 with the reason; the database is only read', async () => {
    const none = await cli(['notices', 'show', '--db', path, '--id', '99999', ...AT]);
    assert.equal(none.code, 2);
    assert.match(none.err, /--id 99999: no such notice/);
    const days = await cli(['notices', 'list', '--db', path, '--days', '40']);
    assert.equal(days.code, 2);
    assert.match(days.err, /--days must be 1 to 31, not 40/);
    const both = await cli(['notices', 'export', '--db', path, '--id', '1', '--days', '3', '--out', join(tempDir(), 'x.xlsx')]);
    assert.equal(both.code, 2);
    assert.equal((await cli(['notices', 'show', '--db', path])).code, 2);
    const again = openDatabase(path, { readonly: true });
    try {
      assert.equal((again.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n, auditBefore);
    } finally {
      closeDatabase(again);
    }
  });
});
