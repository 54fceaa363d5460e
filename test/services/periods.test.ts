// Special periods and daily reports on a real SQLite file: periods, reports, corrections, the
// ZERO_REPORT_MISSING flags raised at the cutoff by moving the clock, the seams, and the Excel
// import of good and hostile files (nothing written on any error).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { AppError } from '../../shared/api/app-error.js';
import { dailyReportSchema, periodFieldsSchema } from '../../shared/domain/special-period.js';
import { createDispatcher } from '../../electron/services/dispatcher.js';
import { verifyAudit } from '../../electron/services/audit.js';
import { ledger } from '../../electron/services/incidents/ledger.js';
import { runRulesClock } from '../../electron/services/incidents/rules-clock.js';
import { exportTemplate, importReports } from '../../electron/services/periods/import.js';
import { createPeriod, logReport, periodGrid, reviewZeroFlag, updatePeriod, zeroFlagsOfPeriod, zeroToday } from '../../electron/services/periods/periods.js';
import { zeroCountsByUnit, zeroFlagsBetween, zeroReportsOfDay } from '../../electron/services/periods/seams.js';
import { createUnit } from '../../electron/services/units.js';
import { testContext, type TestContext } from '../helpers/context.js';
import { zipOf } from '../helpers/zip.js';

// 2026-07-20 in Beijing (UTC+8): 16:00 local is 08:00 UTC.
const at = (day: string, hm: string, s = 0) => Date.parse(`${day}T${hm}:${String(s).padStart(2, '0')}+08:00`);
const CUTOFF_0720 = at('2026-07-20', '16:00');

function setup(now = at('2026-07-20', '09:00')) {
  const ctx = testContext({ now });
  const unit = (name: string) => createUnit(ctx, { name, kind: 'district', dutyPhone: '027-8888 0000', fax: '', contactName: '', contactTitle: '', contactPhone: '', address: '', notes: '' }).id;
  const [a, b, c] = [unit('江岸区'), unit('江汉区'), unit('硚口区')];
  const period = createPeriod(ctx, periodFieldsSchema.parse({ name: '2026年汛期', startDay: '2026-07-19', endDay: '2026-07-22', unitIds: [a, b, c], covers: ['雨情', '险情', '转移人数'] }));
  return { ctx, a, b, c, period };
}

const report = (ctx: TestContext, periodId: number, unitId: number, day: string, receivedAt: number, extra: Record<string, unknown> = {}) =>
  logReport(ctx, dailyReportSchema.parse({ periodId, unitId, day, receivedAt, nothingToReport: true, contents: { 雨情: '无', 险情: '无', 转移人数: '无' }, ...extra }));

describe('special periods', () => {
  test('a period keeps its cutoff default 16:00; a change is audited with its reason and nothing is deleted', () => {
    const { ctx, a, b, period } = setup();
    assert.equal(period.cutoff, '16:00');
    const changed = updatePeriod(ctx, period.id, periodFieldsSchema.parse({ name: '2026年主汛期', startDay: '2026-07-19', endDay: '2026-07-31', cutoff: '17:00', unitIds: [a, b], covers: ['雨情'] }), '延长至月底');
    assert.equal(changed.endDay, '2026-07-31');
    assert.equal(changed.cutoff, '17:00');
    const audit = ctx.db.prepare("SELECT before, after FROM audit_log WHERE entity = 'special_period' AND method = 'periods.update'").get() as { before: string; after: string };
    assert.match(audit.before, /2026年汛期/);
    assert.match(audit.after, /延长至月底/);
    assert.throws(() => ctx.db.prepare('DELETE FROM special_periods').run(), /never deleted/);
    assert.deepEqual(verifyAudit(ctx.db).ok, true);
  });

  test('the form refuses an end before the start and a period without units', () => {
    assert.equal(periodFieldsSchema.safeParse({ name: 'x', startDay: '2026-07-20', endDay: '2026-07-19', unitIds: [1] }).success, false);
    assert.equal(periodFieldsSchema.safeParse({ name: 'x', startDay: '2026-07-20', endDay: '2026-07-21', unitIds: [] }).success, false);
    assert.equal(periodFieldsSchema.safeParse({ name: 'x', startDay: '2026-02-30', endDay: '2026-03-01', unitIds: [1] }).success, false);
  });

  test('a report for a unit not designated, or a day outside the period, is refused', () => {
    const { ctx, period } = setup();
    const other = createUnit(ctx, { name: '外区', kind: 'district', dutyPhone: '027-1234 5678', fax: '', contactName: '', contactTitle: '', contactPhone: '', address: '', notes: '' }).id;
    assert.throws(() => report(ctx, period.id, other, '2026-07-20', at('2026-07-20', '10:00')), (e: unknown) => e instanceof AppError && e.key === 'period.unitNotDesignated');
    assert.throws(() => report(ctx, period.id, period.unitIds[0]!, '2026-07-25', at('2026-07-20', '10:00')), (e: unknown) => e instanceof AppError && e.key === 'period.dayOutside');
  });
});

describe('ZERO_REPORT_MISSING at the cutoff', () => {
  test('exactly at the cutoff is on time, one second after is late, none is flagged when the cutoff passes', () => {
    const { ctx, a, b, c, period } = setup(at('2026-07-20', '15:00'));
    // Yesterday (07-19) nobody reported: three overdue flags as soon as the period exists.
    assert.equal(zeroFlagsOfPeriod(ctx, period.id).filter((f) => f.day === '2026-07-19' && f.status === 'overdue').length, 3);
    report(ctx, period.id, a, '2026-07-20', CUTOFF_0720 - 3_600_000);
    ctx.setNow(CUTOFF_0720);
    report(ctx, period.id, b, '2026-07-20', CUTOFF_0720);
    runRulesClock(ctx);
    assert.equal(zeroFlagsOfPeriod(ctx, period.id).filter((f) => f.day === '2026-07-20').length, 0, 'nothing is owed until the cutoff has passed');
    // One second after the cutoff: c is missing (overdue), its flag raised by the clock.
    ctx.setNow(CUTOFF_0720 + 1000);
    runRulesClock(ctx);
    let today = zeroFlagsOfPeriod(ctx, period.id).filter((f) => f.day === '2026-07-20');
    assert.deepEqual(today.map((f) => [f.unitId, f.status, f.minutesLate]), [[c, 'overdue', 1]]);
    assert.equal(today[0]!.deadline, CUTOFF_0720);
    // c reports one second after the cutoff: the same flag moves to late.
    report(ctx, period.id, c, '2026-07-20', CUTOFF_0720 + 1000);
    today = zeroFlagsOfPeriod(ctx, period.id).filter((f) => f.day === '2026-07-20');
    assert.deepEqual(today.map((f) => [f.unitId, f.status, f.actual, f.minutesLate]), [[c, 'late', CUTOFF_0720 + 1000, 1]]);
    const grid = periodGrid(ctx, period.id);
    const k = grid.days.indexOf('2026-07-20');
    assert.deepEqual(grid.cells.map((row) => row[k]!.status), ['on_time', 'on_time', 'late']);
    assert.equal(grid.cells[0]![grid.days.indexOf('2026-07-21')]!.status, 'not_required');
    assert.equal(verifyAudit(ctx.db).ok, true);
  });

  test('a correction of the time received re-judges the cell; the corrected row stays', () => {
    const { ctx, a, period } = setup(at('2026-07-20', '17:00'));
    const wrong = report(ctx, period.id, a, '2026-07-20', at('2026-07-20', '16:30'));
    assert.equal(zeroFlagsOfPeriod(ctx, period.id).find((f) => f.unitId === a && f.day === '2026-07-20')!.status, 'late');
    assert.throws(() => report(ctx, period.id, a, '2026-07-20', at('2026-07-20', '15:30'), { correctsId: wrong.id }), /correctionReason|incident\.correctionReasonRequired/);
    report(ctx, period.id, a, '2026-07-20', at('2026-07-20', '15:30'), { correctsId: wrong.id, correctionReason: '接报时间录错，电话记录为 15:30' });
    assert.equal(zeroFlagsOfPeriod(ctx, period.id).find((f) => f.unitId === a && f.day === '2026-07-20')!.status, 'cleared');
    assert.throws(() => ctx.db.prepare('UPDATE daily_reports SET received_at = 1').run(), /never changed/);
    assert.equal((ctx.db.prepare('SELECT count(*) AS n FROM daily_reports').get() as { n: number }).n, 2);
  });

  test('a flag takes the on-duty snapshot and a leader reviews it; the seams read it', () => {
    const { ctx, a, b, c, period } = setup(at('2026-07-20', '10:00'));
    report(ctx, period.id, a, '2026-07-20', at('2026-07-20', '10:00'));
    ctx.setNow(at('2026-07-20', '16:20'));
    report(ctx, period.id, b, '2026-07-20', at('2026-07-20', '16:20'), { nothingToReport: false, contents: { 雨情: '中雨', 险情: '1 处', 转移人数: '30' } });
    const flags = zeroFlagsOfPeriod(ctx, period.id).filter((f) => f.day === '2026-07-20');
    const missing = flags.find((f) => f.unitId === c)!;
    assert.equal(missing.status, 'overdue');
    assert.equal(missing.minutesLate, 20);
    const reviewed = reviewZeroFlag(ctx, { flagId: missing.id, decision: 'confirmed', leader: '王局', reason: '电话核实未报' });
    assert.equal(reviewed.review, 'confirmed');
    assert.throws(() => reviewZeroFlag(ctx, { flagId: missing.id, decision: 'dismissed', leader: '王局', reason: '再来' }), /alreadyConfirmed/);

    const rows = zeroReportsOfDay(ctx, '2026-07-20');
    assert.deepEqual(rows.map((r) => [r.unit, r.status]), [['江岸区', 'on_time'], ['江汉区', 'late'], ['硚口区', 'missing']]);
    assert.equal(rows[0]!.content, '无');
    assert.equal(rows[1]!.content, '雨情：中雨；险情：1 处；转移人数：30');
    assert.equal(rows[2]!.receivedAt, null);
    // By instant: 16:20 on 07-20 is in duty day 07-20.
    assert.deepEqual(zeroReportsOfDay(ctx, at('2026-07-20', '16:20')).length, 3);

    const between = zeroFlagsBetween(ctx, at('2026-07-20', '00:00'), at('2026-07-21', '00:00'));
    assert.deepEqual(between.map((f) => [f.unitName, f.status]), [['江汉区', 'late'], ['硚口区', 'overdue']]);
    const counts = zeroCountsByUnit(ctx, at('2026-07-19', '00:00'), at('2026-07-21', '00:00'));
    assert.deepEqual(counts.get(c), { missing: 2, late: 0 });
    assert.deepEqual(counts.get(b), { missing: 1, late: 1 });

    // The unit ledger counts each unit's omitted and late daily reports of the year.
    const book = ledger(ctx, 2026);
    assert.deepEqual(book.units.map((u) => [u.unit, u.zeroMissing, u.zeroLate]).sort(), [['江岸区', 1, 0], ['江汉区', 1, 1], ['硚口区', 2, 0]]);

    const today = zeroToday(ctx);
    assert.equal(today.length, 1);
    assert.deepEqual(today[0]!.missing.map((u) => u.name), ['硚口区']);
    assert.deepEqual(today[0]!.reported.map((u) => [u.name, u.late]), [['江岸区', false], ['江汉区', true]]);
  });
});

async function sheet(rows: (string | number | Date | ExcelJS.CellValue)[][], name = '每日报告', headers = ['单位', '日期', '接报时间', '雨情', '险情', '转移人数', '备注']): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  ws.addRow(['某某局汛期每日报告']);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const countReports = (ctx: TestContext) => (ctx.db.prepare('SELECT count(*) AS n FROM daily_reports').get() as { n: number }).n;

describe('daily report import', () => {
  test('the exported template, filled in, imports; the same file twice skips what is logged', async () => {
    const { ctx, period } = setup(at('2026-07-20', '18:00'));
    const tpl = await exportTemplate(ctx, period.id, '2026-07-20');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(tpl.contentBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('每日报告')!;
    // Title, subtitle, header; then one row per unit.
    assert.equal(ws.getRow(3).getCell(1).value, '单位');
    ws.getRow(4).getCell(3).value = '15:30';
    for (const c of [4, 5, 6]) ws.getRow(4).getCell(c).value = '无';
    ws.getRow(5).getCell(3).value = new Date(Date.UTC(2026, 6, 20, 16, 5)); // a date cell: 16:05 wall-clock
    ws.getRow(5).getCell(4).value = '大雨';
    ws.getRow(5).getCell(5).value = '2 处';
    ws.getRow(5).getCell(6).value = 120;
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    assert.deepEqual(await importReports(ctx, period.id, buf).catch((e: AppError) => e.params), { imported: 2, skipped: 0 });
    assert.deepEqual(await importReports(ctx, period.id, buf), { imported: 0, skipped: 2 });
    const day = zeroReportsOfDay(ctx, '2026-07-20');
    assert.deepEqual(day.map((r) => [r.unit, r.status, r.content]), [
      ['江岸区', 'on_time', '无'],
      ['江汉区', 'late', '雨情：大雨；险情：2 处；转移人数：120'],
      ['硚口区', 'missing', ''],
    ]);
    assert.equal(day[1]!.receivedAt, at('2026-07-20', '16:05'));
  });

  test('a bad row names its row and column and nothing is written', async () => {
    const { ctx, period } = setup(at('2026-07-20', '18:00'));
    const buf = await sheet([
      ['江岸区', '2026-07-20', '15:00', '无', '无', '无', ''],
      ['不存在区', '2026-07-20', '15:00', '无', '无', '无', ''],
      ['江汉区', '2026-07-32', '25:00', '无', '', '无', ''],
      ['硚口区', '2026-07-20', '15:00', { formula: 'SUM(1,2)', result: 3 }, '无', '无', ''],
    ]);
    const err = await importReports(ctx, period.id, buf).catch((e: unknown) => e);
    assert.ok(err instanceof AppError && err.key === 'dailyImport.failed', String(err));
    const details = String((err as AppError).params.details);
    assert.match(details, /第 4 行“单位”列：找不到单位“不存在区”/);
    assert.match(details, /第 5 行“日期”列/);
    assert.match(details, /第 5 行“接报时间”列/);
    assert.match(details, /第 5 行“险情”列：请填写内容/);
    assert.match(details, /第 6 行“雨情”列：不接受公式/);
    assert.equal(countReports(ctx), 0);
  });

  test('hostile files are refused clearly, quickly, and write nothing', async () => {
    const { ctx, period } = setup(at('2026-07-20', '18:00'));
    const good = await sheet([['江岸区', '2026-07-20', '15:00', '无', '无', '无', '']]);
    const cases: [string, Buffer, string][] = [
      ['truncated zip', good.subarray(0, Math.floor(good.length / 2)), 'import.truncated'],
      ['not a workbook', Buffer.from('单位,日期\n江岸区,2026-07-20\n'), 'import.notXlsx'],
      ['wrong sheet', await sheet([['江岸区', '2026-07-20', '15:00', '无', '无', '无', '']], 'Sheet1'), 'dailyImport.noSheet'],
      ['missing item column', await sheet([['江岸区', '2026-07-20', '15:00', '无']], '每日报告', ['单位', '日期', '接报时间', '雨情']), 'dailyImport.missingColumns'],
      ['50 MB', Buffer.concat([good, Buffer.alloc(50 * 1024 * 1024)]), 'import.tooLarge'],
      ['zip bomb', zipOf([['[Content_Types].xml', Buffer.from('<Types/>')], ['xl/workbook.xml', Buffer.from('<workbook/>')], ['xl/worksheets/sheet1.xml', Buffer.alloc(100 * 1024 * 1024, 0x20)]]), 'import.zipBomb'],
      ['a zip that is no workbook', zipOf([['readme.txt', Buffer.from('hello')]]), 'import.notXlsx'],
    ];
    for (const [name, buf, key] of cases) {
      const started = performance.now();
      const err = await importReports(ctx, period.id, buf).catch((e: unknown) => e);
      const ms = performance.now() - started;
      assert.ok(err instanceof AppError, `${name}: ${String(err)}`);
      assert.equal((err as AppError).key, key, name);
      assert.ok(ms < 5000, `${name} took ${ms} ms`);
    }
    assert.equal(countReports(ctx), 0);
  });

  test('through the contract: a 50 MB file is refused before it is decoded, with a message a person reads', async () => {
    const { ctx, period } = setup(at('2026-07-20', '18:00'));
    const dispatch = createDispatcher(ctx, { logError: () => {} });
    const started = performance.now();
    const r = await dispatch('periods.importReports', { periodId: period.id, contentBase64: Buffer.alloc(50 * 1024 * 1024).toString('base64') });
    assert.ok(performance.now() - started < 5000);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error.message + JSON.stringify(r.error.fields ?? []), /文件过大/);
    const bad = await dispatch('periods.importReports', { periodId: period.id, contentBase64: Buffer.from('not a workbook').toString('base64') });
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.match(bad.error.message, /不是 Excel 工作簿/);
    assert.equal(countReports(ctx), 0);
  });
});
