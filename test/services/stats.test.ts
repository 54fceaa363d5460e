// The period report on a real SQLite file, against hand-computed figures: the duty room's zone
// decides which day an incident belongs to (not UTC), February 2025 compares with the leap
// February 2024, corrected and media figures, the duty-day basis, the 24-hour clock, the unit
// ranking from stored flags and a leader's review, and the Excel workbook read back.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { createDispatcher } from '../../electron/services/dispatcher.js';
import { listQueue, reviewFlag } from '../../electron/services/incidents/followup.js';
import { addReport, createIncident } from '../../electron/services/incidents/intake.js';
import { runRulesClock } from '../../electron/services/incidents/rules-clock.js';
import { statsWorkbook } from '../../electron/export/stats-xlsx.js';
import { compareWithLastYear, countsBetween } from '../../electron/services/stats/period-counts.js';
import { dayOf, periodReport } from '../../electron/services/stats/period-report.js';
import { createUnit } from '../../electron/services/units.js';
import type { Category } from '../../shared/domain/categories.js';
import { dutyDayOf } from '../../shared/domain/duty-day.js';
import { intakeSchema, reportFieldsSchema, type ReportFields } from '../../shared/domain/incident.js';
import type { Level } from '../../shared/domain/levels.js';
import type { PeriodReport } from '../../shared/domain/stats.js';
import { testContext, type TestContext } from '../helpers/context.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** A wall-clock time in Shanghai (UTC+8, no daylight saving). */
const sh = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h - 8, mi);

interface Spec {
  at: number;
  unit?: string;
  category?: Category;
  level?: Level | null;
  deaths?: number;
  missing?: number;
  injured?: number;
  loss?: number;
  /** Later reports: minutes after occurrence and what they state. */
  more?: { after: number; fields: Partial<ReportFields> }[];
}

function units(ctx: TestContext, names: string[]) {
  for (const name of names)
    createUnit(ctx, { name, kind: 'district', dutyPhone: '027-85551234', fax: '', contactName: '', contactTitle: '', contactPhone: '', address: '', notes: '' });
}

/** Writes incidents in time order (the clock only moves forward), first report 20 min after occurrence. */
function seed(ctx: TestContext, specs: Spec[]) {
  const events: { at: number; run: () => void }[] = [];
  for (const s of specs) {
    const unit = s.unit ?? '东城区';
    let id = 0;
    const first = s.at + 20 * MIN;
    events.push({
      at: first,
      run: () => {
        id = createIncident(
          ctx,
          intakeSchema.parse({
            category: s.category ?? 'road_traffic',
            responsibleUnit: unit,
            occurredAt: s.at,
            level: s.level ?? null,
            report: {
              kind: 'initial',
              channel: 'phone',
              fromUnit: unit,
              receivedAt: first,
              location: '建设大道',
              deaths: s.deaths ?? 0,
              missing: s.missing ?? 0,
              seriouslyInjured: 0,
              injured: s.injured ?? null,
              directLossYuan: s.loss ?? null,
            },
          }),
         'incidents.create', { scripted: true }).incident.id;
      },
    });
    for (const m of s.more ?? [])
      events.push({
        at: s.at + m.after * MIN,
        run: () => void addReport(ctx, id, reportFieldsSchema.parse({ kind: 'followup', channel: 'fax', fromUnit: unit, receivedAt: s.at + m.after * MIN, ...m.fields })),
      });
  }
  events.sort((a, b) => a.at - b.at);
  for (const e of events) {
    ctx.setNow(e.at);
    e.run();
  }
}

describe('period figures against last year', () => {
  const ctx = testContext({ now: sh(2024, 1, 1) });
  units(ctx, ['东城区', '西城区']);
  seed(ctx, [
    // Last year's February (2024, 29 days).
    { at: sh(2024, 1, 31, 23, 50) }, // the day before: out
    { at: sh(2024, 2, 1, 0, 10), deaths: 1 }, // 2024-01-31 16:10 UTC, but 1 February in Shanghai: in
    { at: sh(2024, 2, 29, 10, 0), deaths: 2, category: 'fire', unit: '西城区' }, // the leap day: in
    { at: sh(2024, 3, 1, 0, 0) }, // out
    // This February (2025, 28 days).
    { at: sh(2025, 1, 31, 23, 59) }, // out
    { at: sh(2025, 2, 1, 0, 0), deaths: 1, injured: 3, loss: 200_000 }, // in, exactly at the start
    { at: sh(2025, 2, 1, 7, 0), category: 'flood', level: 'III', unit: '西城区', missing: 1 }, // natural, graded by hand
    // 3 dead by phone, corrected to 2 by fax with a reason; the media's 5 do not count.
    {
      at: sh(2025, 2, 14, 15, 30),
      deaths: 3,
      more: [
        { after: 90, fields: { deaths: 2, missing: 0, correctionReason: '重复统计一人' } },
        { after: 120, fields: { channel: 'media', fromUnit: '市融媒体中心', deaths: 5 } },
      ],
    },
    { at: sh(2025, 2, 28, 23, 30), unit: '西城区', category: 'gas' }, // 15:30 UTC on the 28th: in
    { at: sh(2025, 3, 1, 0, 5), deaths: 4 }, // 2025-02-28 16:05 UTC, but 1 March in Shanghai: out
  ]);
  ctx.setNow(sh(2025, 3, 10));

  test('countsBetween and compareWithLastYear: February 2025 against the leap February 2024', () => {
    const feb = compareWithLastYear(ctx.db, { from: '2025-02-01', to: '2025-02-28' }, { timeZone: 'Asia/Shanghai', boundary: '00:00' });
    assert.deepEqual(feb.lastYearRange, { from: '2024-02-01', to: '2024-02-29' });
    assert.deepEqual(feb.current, { incidents: 4, deaths: 3, missing: 1, seriouslyInjured: 0, injured: 3, directLossYuan: 200_000 });
    assert.deepEqual(feb.lastYear, { incidents: 2, deaths: 3, missing: 0, seriouslyInjured: 0, injured: 0, directLossYuan: 0 });
    // Half-open: the last millisecond of 29 February is in, midnight of 1 March is not.
    assert.equal(countsBetween(ctx.db, sh(2024, 2, 29), sh(2024, 3, 1)).incidents, 1);
    assert.equal(countsBetween(ctx.db, sh(2024, 2, 29), sh(2024, 3, 1) + 1).incidents, 2);
    // And the leap February against its 28-day predecessor (nothing there).
    const leap = compareWithLastYear(ctx.db, { from: '2024-02-01', to: '2024-02-29' }, { timeZone: 'Asia/Shanghai', boundary: '00:00' });
    assert.deepEqual(leap.lastYearRange, { from: '2023-02-01', to: '2023-02-28' });
    assert.equal(leap.current.incidents, 2);
    assert.equal(leap.lastYear.incidents, 0);
  });

  test('the report: by class, category, level and unit; trend by day; the 24-hour clock', () => {
    const r = periodReport(ctx, { from: '2025-02-01', to: '2025-02-28' });
    assert.equal(r.total.current.incidents, 4);
    assert.equal(r.total.lastYear.deaths, 3);
    const cls = Object.fromEntries(r.byClass.map((c) => [c.key, [c.current.incidents, c.lastYear.incidents]]));
    assert.deepEqual(cls, { accident: [3, 2], natural: [1, 0], public_health: [0, 0], social_security: [0, 0] });
    assert.deepEqual(
      r.byCategory.map((c) => [c.key, c.current.incidents, c.current.deaths, c.lastYear.incidents, c.lastYear.deaths]),
      [
        ['road_traffic', 2, 3, 1, 1],
        ['gas', 1, 0, 0, 0],
        ['fire', 0, 0, 1, 2],
        ['flood', 1, 0, 0, 0],
      ],
    );
    // Levels: the flood graded III by hand; the corrected collision stays III, the highest level
    // its reports reached (the engine's current level), though it now counts 2 deaths.
    assert.deepEqual(
      r.byLevel.map((l) => [l.key, l.current.incidents, l.lastYear.incidents]),
      [
        ['I', 0, 0],
        ['II', 0, 0],
        ['III', 2, 0],
        ['IV', 2, 2],
      ],
    );
    assert.deepEqual(
      r.byUnit.map((u) => [u.key, u.current.incidents, u.lastYear.incidents]),
      [
        ['东城区', 2, 1],
        ['西城区', 2, 1],
      ],
    );
    assert.equal(r.trend.current.length, 28);
    assert.equal(r.trend.lastYear.length, 29);
    assert.deepEqual(r.trend.current[0], { date: '2025-02-01', incidents: 2, deaths: 1 });
    assert.deepEqual(r.trend.current[13], { date: '2025-02-14', incidents: 1, deaths: 2 });
    assert.deepEqual(r.trend.current[27], { date: '2025-02-28', incidents: 1, deaths: 0 });
    assert.deepEqual(r.trend.lastYear[28], { date: '2024-02-29', incidents: 1, deaths: 2 });
    assert.equal(r.trend.current.reduce((n, p) => n + p.incidents, 0), 4);
    // Hours of occurrence in Shanghai: 00, 07, 15, 23.
    assert.deepEqual(
      r.byHour.filter((h) => h.incidents > 0).map((h) => [h.hour, h.incidents, h.deaths]),
      [
        [0, 1, 1],
        [7, 1, 0],
        [15, 1, 2],
        [23, 1, 0],
      ],
    );
  });

  test('a period still running ends today, and so does last year’s', () => {
    ctx.setNow(sh(2025, 3, 10, 9));
    const march = periodReport(ctx, { from: '2025-03-01', to: '2025-03-31' });
    assert.deepEqual(march.requested, { from: '2025-03-01', to: '2025-03-31' });
    assert.deepEqual(march.range, { from: '2025-03-01', to: '2025-03-10' });
    assert.deepEqual(march.lastYearRange, { from: '2024-03-01', to: '2024-03-10' });
    assert.equal(march.trend.current.length, 10);
    assert.deepEqual([march.total.current.incidents, march.total.current.deaths, march.total.lastYear.incidents], [1, 4, 1]);
    // A period wholly past or wholly to come is left as asked.
    assert.deepEqual(periodReport(ctx, { from: '2025-04-01', to: '2025-04-30' }).range, { from: '2025-04-01', to: '2025-04-30' });
    assert.deepEqual(periodReport(ctx, { from: '2025-02-01', to: '2025-02-28' }).range, { from: '2025-02-01', to: '2025-02-28' });
  });

  test('duty days run from the boundary: 1 February 00:00 belongs to the duty day of 31 January', () => {
    const r = periodReport(ctx, { from: '2025-02-01', to: '2025-02-28', basis: 'duty' });
    assert.equal(r.bounds.start, sh(2025, 2, 1, 8, 30));
    // Out: 1 Feb 00:00 and 07:00 (duty day 31 Jan). In: 1 Mar 00:05 (duty day 28 Feb).
    assert.equal(r.total.current.incidents, 3);
    assert.deepEqual(r.trend.current[27], { date: '2025-02-28', incidents: 2, deaths: 4 });
  });

  test('through the dispatcher: a reversed range is refused with a message', async () => {
    const dispatch = createDispatcher(ctx, { logError: () => {} });
    const bad = await dispatch('stats.period', { from: '2025-02-28', to: '2025-02-01' });
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.error.code, 'invalid_input');
    const notADate = await dispatch('stats.period', { from: '2025-02-30', to: '2025-03-01' });
    assert.equal(notADate.ok, false);
    const tooLong = await dispatch('stats.period', { from: '2020-01-01', to: '2025-02-28' });
    assert.equal(!tooLong.ok && tooLong.error.message, '统计区间最长 1100 天');
    const unknownKey = await dispatch('stats.period', { from: '2025-02-01', to: '2025-02-28', unit: '东城区' });
    assert.equal(unknownKey.ok, false);
    const ok = await dispatch('stats.period', { from: '2025-02-01', to: '2025-02-28' });
    assert.ok(ok.ok && (ok.value as PeriodReport).total.current.incidents === 4);
  });

  test('the workbook: sheet names, totals equal to the service, print setup, text stays text', async () => {
    const report = periodReport(ctx, { from: '2025-02-01', to: '2025-02-28' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await statsWorkbook(report, { locale: 'zh-CN', bureauName: '=江城市应急管理局' })) as unknown as ExcelJS.Buffer);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['总体情况', '分类别', '分等级', '分单位', '及时率排名', '每日趋势'],
    );
    const overview = wb.getWorksheet('总体情况')!;
    // Title, two subtitle lines, the header on row 4, the total on row 5.
    assert.equal(overview.getCell('A1').type, ExcelJS.ValueType.String);
    assert.match(String(overview.getCell('A1').value), /^=江城市应急管理局突发事件统计分析（2025-02-01 至 2025-02-28）$/);
    assert.equal(overview.getCell('A4').value, '类别');
    assert.equal(overview.getCell('B4').value, '事件起数\n本期');
    assert.deepEqual([overview.getCell('A5').value, overview.getCell('B5').value, overview.getCell('C5').value], ['合计', 4, 2]);
    assert.equal(overview.getCell('E5').value, 1); // +100 %
    assert.equal(overview.getCell('E5').numFmt, '0.0%');
    assert.deepEqual([overview.getCell('F5').value, overview.getCell('G5').value, overview.getCell('H5').value, overview.getCell('I5').value], [3, 3, 0, 0]);
    assert.deepEqual([overview.getCell('N5').value, overview.getCell('O5').value], [3, 0]); // injured
    assert.equal(overview.getCell('P5').value, 20); // 200,000 yuan in 万元
    assert.equal(overview.getCell('P4').value, '直接经济损失（万元）\n本期');
    assert.equal(overview.getCell('A5').font?.bold, true);
    for (const ws of wb.worksheets) {
      assert.equal(ws.pageSetup.paperSize, 9, ws.name);
      assert.equal(ws.pageSetup.fitToWidth, 1, ws.name);
      assert.equal(ws.pageSetup.fitToHeight, 0, ws.name);
      assert.equal(ws.views[0]?.state, 'frozen', ws.name);
      assert.ok(ws.pageSetup.printTitlesRow, ws.name);
      assert.equal(ws.getCell('A4').font?.name, 'SimSun', ws.name);
    }
    assert.equal(overview.pageSetup.orientation, 'landscape');
    // By category: subtotals by class, then the grand total equal to the service's.
    const cat = wb.getWorksheet('分类别')!;
    const labels: string[] = [];
    cat.eachRow((row, n) => n > 4 && labels.push(String(row.getCell(1).value)));
    assert.deepEqual(labels, ['事故灾难小计', '　道路交通', '　城镇燃气', '　火灾', '自然灾害小计', '　洪涝', '合计']);
    const last = cat.getRow(4 + labels.length);
    assert.deepEqual([last.getCell(2).value, last.getCell(3).value], [report.total.current.incidents, report.total.lastYear.incidents]);
    // The trend: 29 rows (a leap day on last year's side) and a total.
    const trend = wb.getWorksheet('每日趋势')!;
    assert.equal(trend.getCell('A5').value, '2025-02-01');
    assert.equal(trend.getCell('D33').value, '2024-02-29');
    assert.equal(trend.getCell('A33').value, '');
    assert.deepEqual([trend.getCell('A34').value, trend.getCell('B34').value, trend.getCell('E34').value], ['合计', 4, 2]);
    // In English too.
    const en = new ExcelJS.Workbook();
    await en.xlsx.load((await statsWorkbook(report, { locale: 'en', bureauName: 'City EMB' })) as unknown as ExcelJS.Buffer);
    assert.deepEqual(
      en.worksheets.map((w) => w.name),
      ['Overview', 'By category', 'By level', 'By unit', 'Timeliness', 'Daily trend'],
    );
    assert.equal(en.worksheets[0]!.getCell('A1').value, 'City EMB: incident statistics, 2025-02-01 to 2025-02-28');
  });
});

describe('unit timeliness ranking from the stored flags', () => {
  test('on-time rates of first, written and follow-up reports; confirmed findings; the order', async () => {
    const ctx = testContext({ now: sh(2026, 11, 10, 8) });
    units(ctx, ['东城区', '西城区', '南湖区', '北湖区', '江岸区']);
    const base = sh(2026, 11, 10, 9); // level IV: first 120 min, written 240 min, gap 24 h
    const write = (at: number, fn: () => void) => {
      ctx.setNow(at);
      fn();
    };
    const open = (unit: string, firstAfter: number) =>
      createIncident(
        ctx,
        intakeSchema.parse({
          category: 'road_traffic',
          responsibleUnit: unit,
          occurredAt: base,
          report: { kind: 'initial', channel: 'phone', fromUnit: unit, receivedAt: base + firstAfter * MIN, location: '路口', deaths: 0, missing: 0, seriouslyInjured: 0 },
        }),
       'incidents.create', { scripted: true }).incident.id;
    const fax = (id: number, unit: string, after: number) =>
      addReport(
        ctx,
        id,
        reportFieldsSchema.parse({ kind: 'followup', channel: 'fax', fromUnit: unit, receivedAt: base + after * MIN, location: '路口', summary: '经过', measuresTaken: '措施', deaths: 0, missing: 0, seriouslyInjured: 0, directLossYuan: 0 }),
      );
    let a = 0;
    let e = 0;
    let b = 0;
    write(base + 30 * MIN, () => (a = open('东城区', 30))); // all on time
    write(base + 30 * MIN, () => (e = open('江岸区', 30))); // all on time
    write(base + 30 * MIN, () => void open('南湖区', 30)); // no written report: overdue at +240 min
    write(base + 100 * MIN, () => void fax(a, '东城区', 100));
    write(base + 100 * MIN, () => void fax(e, '江岸区', 100));
    write(base + 150 * MIN, () => (b = open('西城区', 150))); // first report 30 min late
    write(base + 200 * MIN, () => void fax(b, '西城区', 200));
    write(base + 5 * HOUR, () => void runRulesClock(ctx));
    const late = listQueue(ctx, { review: 'pending' }).rows.find((f) => f.source === 'incident' && f.responsibleUnit === '西城区' && f.code === 'LATE_FIRST')!;
    write(base + 6 * HOUR, () => void reviewFlag(ctx, { flagId: late.id, decision: 'confirmed', leader: '赵建国', reason: '经核实首报迟报' }));

    const r = periodReport(ctx, { from: '2026-11-01', to: '2026-11-30' });
    const view = r.ranking.map((u) => ({
      unit: u.unit,
      rank: u.rank,
      first: `${u.first.onTime}/${u.first.due}`,
      written: `${u.written.onTime}/${u.written.due}`,
      followup: `${u.followup.onTime}/${u.followup.due}`,
      rate: u.rate === null ? null : Math.round(u.rate * 1000) / 1000,
      confirmed: u.confirmedTotal,
    }));
    assert.deepEqual(view, [
      { unit: '东城区', rank: 1, first: '1/1', written: '1/1', followup: '1/1', rate: 1, confirmed: 0 },
      { unit: '江岸区', rank: 1, first: '1/1', written: '1/1', followup: '1/1', rate: 1, confirmed: 0 },
      { unit: '西城区', rank: 3, first: '0/1', written: '1/1', followup: '1/1', rate: 0.667, confirmed: 1 },
      { unit: '南湖区', rank: 4, first: '1/1', written: '0/1', followup: '0/0', rate: 0.5, confirmed: 0 },
      { unit: '北湖区', rank: null, first: '0/0', written: '0/0', followup: '0/0', rate: null, confirmed: 0 },
    ]);
    assert.deepEqual(r.ranking[2]!.confirmed, { late: 1, omitted: 0, falsified: 0, concealed: 0 });
    // Without a zero-report source the columns are not tracked; with one they are filled per unit id.
    assert.equal(r.zeroTracked, false);
    assert.equal(r.ranking[0]!.zeroMissing, null);
    const east = r.ranking[0]!.unitId!;
    const withZero = periodReport(ctx, { from: '2026-11-01', to: '2026-11-30' }, { zeroCounts: () => new Map([[east, { missing: 2, late: 1 }]]) });
    assert.equal(withZero.zeroTracked, true);
    assert.deepEqual(
      withZero.ranking.map((u) => [u.unit, u.zeroMissing, u.zeroLate]).slice(0, 2),
      [
        ['东城区', 2, 1],
        ['江岸区', 0, 0],
      ],
    );
    // The ranking sheet lists the units in the same order.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await statsWorkbook(r, { locale: 'zh-CN', bureauName: '市应急管理局' })) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('及时率排名')!;
    const header = 1 + 3 + 1; // title, three subtitle lines, header
    assert.equal(ws.getCell(header, 2).value, '单位');
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((k) => [ws.getCell(header + k, 1).value, ws.getCell(header + k, 2).value]),
      [
        [1, '东城区'],
        [1, '江岸区'],
        [3, '西城区'],
        [4, '南湖区'],
        ['—', '北湖区'],
      ],
    );
    assert.equal(ws.getCell(header + 3, 4).value, '0/1');
    assert.equal(ws.getCell(header + 3, 10).value, 2 / 3);
  });
});

test('property: the report’s fast day of an instant is dutyDayOf, in any zone and at any boundary', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
      fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham'),
      fc.constantFrom('00:00', '08:30', '02:30', '23:45'),
      (ms, timeZone, boundary) => {
        const clock = { timeZone, boundary };
        assert.equal(dayOf(clock)(ms), dutyDayOf(ms, clock));
      },
    ),
    { numRuns: 2000 },
  );
});

describe('传达回执 in the statistics', () => {
  test('the notices received in the period: relayed, on time, receipts and feedback; the workbook lists them', async () => {
    const { ensureUnits } = await import('../helpers/context.js');
    const { findUnitByName } = await import('../../electron/db/repositories/units.js');
    const { createNotice, recordFeedback, recordReceipt, recordRelay } = await import('../../electron/services/notices/notices.js');
    const { noticeFieldsSchema } = await import('../../shared/domain/notice.js');
    const ctx = testContext({ now: sh(2026, 7, 20, 20, 0) });
    ensureUnits(ctx, ['江岸区', '江汉区', '硚口区']);
    const ids = ['江岸区', '江汉区', '硚口区'].map((n) => findUnitByName(ctx.db, n)!.id);
    const notice = (fields: Record<string, unknown>) => createNotice(ctx, noticeFieldsSchema.parse({ source: '市气象台', text: '预警', unitIds: ids, ...fields }));
    // A red warning at 20:00 relayed at 20:10 (on time): 江岸区 confirms at once, 江汉区 45 minutes
    // after (late), 硚口区 never (missing).
    const red = notice({ kind: 'warning', levelText: '暴雨红色预警', receivedAt: sh(2026, 7, 20, 20, 0) });
    ctx.setNow(sh(2026, 7, 20, 20, 10));
    recordRelay(ctx, { noticeId: red.id, unitIds: ids, means: 'fax', answeredBy: '' });
    recordReceipt(ctx, { noticeId: red.id, unitId: ids[0]!, receiver: '王' });
    ctx.setNow(sh(2026, 7, 20, 20, 55));
    recordReceipt(ctx, { noticeId: red.id, unitId: ids[1]!, receiver: '李' });
    // A leader's instruction at 21:00, feedback due the next day 18:00, relayed at 21:05 to two
    // units, both confirming at once; one feeds back, the other never.
    const instruction = notice({ kind: 'instruction', source: '市长', receivedAt: sh(2026, 7, 20, 21, 0), feedbackDueAt: sh(2026, 7, 21, 18, 0), feedbackRequired: '落实情况', unitIds: ids.slice(0, 2) });
    ctx.setNow(sh(2026, 7, 20, 21, 5));
    recordRelay(ctx, { noticeId: instruction.id, unitIds: ids.slice(0, 2), means: 'system', answeredBy: '' });
    for (const u of ids.slice(0, 2)) recordReceipt(ctx, { noticeId: instruction.id, unitId: u, receiver: '值班员' });
    ctx.setNow(sh(2026, 7, 21, 17, 0));
    recordFeedback(ctx, { noticeId: instruction.id, unitId: ids[0]!, text: '已落实' });
    // Another notice the next month: outside July.
    ctx.setNow(sh(2026, 8, 2, 12, 0));
    notice({ kind: 'superior', receivedAt: sh(2026, 8, 1, 9, 0) });

    const r = periodReport(ctx, { from: '2026-07-01', to: '2026-07-31' });
    assert.deepEqual(r.notices, {
      notices: 2,
      byKind: { superior: 0, warning: 1, instruction: 1, local: 0 },
      relayed: 2,
      relayOnTime: { due: 2, onTime: 2 },
      targets: 5,
      receipts: { onTime: 3, late: 1, missing: 1, pending: 0 },
      feedback: { asked: 2, onTime: 1, late: 0, missing: 1, pending: 0 },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await statsWorkbook(r, { locale: 'zh-CN', bureauName: '市应急管理局' })) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('传达回执')!;
    const lines = new Map<string, unknown[]>();
    ws.eachRow((row) => lines.set(String(row.getCell(1).value).trim(), [row.getCell(2).value, row.getCell(3).value]));
    assert.deepEqual(lines.get('收到通知（份）'), [2, null]);
    assert.deepEqual(lines.get('按时传达率'), [null, 1]);
    assert.deepEqual(lines.get('回执迟'), [1, null]);
    assert.deepEqual(lines.get('未反馈'), [1, null]);
  });
});
