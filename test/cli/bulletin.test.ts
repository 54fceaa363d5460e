// CLI (in-process): `duty bulletin` writes the live draft until the day is issued, then the latest
// issued revision, and says which on standard output.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { issueBulletin } from '../../electron/services/bulletin/bulletin.js';
import { BUSY_DAY, buildBusyDay } from '../helpers/bulletin-day.js';
import { cli } from '../helpers/cli.js';
import { testContext } from '../helpers/context.js';
import { tempDir } from '../helpers/temp.js';

async function titleOf(path: string): Promise<unknown> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ExcelJS.Buffer);
  return wb.getWorksheet('值班日报')!.getCell('A1').value;
}

describe('duty bulletin', () => {
  const ctx = testContext();
  buildBusyDay(ctx, { days: 10 });
  const dir = tempDir();

  test('the draft before issuing, the latest revision after', async () => {
    const draft = join(dir, 'draft.xlsx');
    const r = await cli(['bulletin', '--db', ctx.path, '--date', BUSY_DAY, '--out', draft]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /DRAFT of 2026-11-23 \(not issued/);
    assert.equal(await titleOf(draft), '市应急管理局值班日报（草稿）');

    issueBulletin(ctx, BUSY_DAY, '已核实');
    issueBulletin(ctx, BUSY_DAY, '更正');
    const issued = join(dir, 'issued.xlsx');
    const s = await cli(['bulletin', '--db', ctx.path, '--date', BUSY_DAY, '--out', issued]);
    assert.equal(s.code, 0, s.err);
    assert.match(s.out, /revision 2 of 2026-11-23, issued by test:officer \(sha256 [0-9a-f]{64}\)/);
    assert.equal(await titleOf(issued), '市应急管理局值班日报（第2版）');
  });

  test('bad usage exits 2 with one line on standard error', async () => {
    const r = await cli(['bulletin', '--db', ctx.path, '--date', '2026/11/23', '--out', join(dir, 'x.xlsx')]);
    assert.equal(r.code, 2);
    assert.match(r.err, /--date must be YYYY-MM-DD/);
    const s = await cli(['bulletin', '--db', ctx.path, '--date', BUSY_DAY]);
    assert.equal(s.code, 2);
    assert.match(s.err, /usage: duty bulletin/);
    const t = await cli(['bulletin', '--db', ctx.path, '--date', '2026-02-30', '--out', join(dir, 'y.xlsx')]);
    assert.equal(t.code, 2);
    assert.match(t.err, /值班日应为/);
  });
});
