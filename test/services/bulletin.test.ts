// The daily bulletin on real SQLite: a busy duty day assembled from the log, the flags, the
// follow-ups, the roster and the handover; the workbook read back with ExcelJS (sheet names, row
// counts against the database, totals, print setup, typed text never a formula); issuing stores
// an immutable, hashed snapshot with numbered revisions, exported byte for byte the same.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { AppError } from '../../shared/api/app-error.js';
import { BULLETIN_SHEETS, type BulletinData } from '../../shared/domain/bulletin.js';
import { assembleBulletin } from '../../electron/services/bulletin/assemble.js';
import { exportBulletin, issueBulletin, lastEndedDutyDay, listRevisions, previewBulletin } from '../../electron/services/bulletin/bulletin.js';
import { periodCompares } from '../../electron/services/bulletin/period-compare.js';
import { bulletinWorkbook } from '../../electron/export/bulletin-xlsx.js';
import { verifyAudit } from '../../electron/services/audit.js';
import { addReport, createIncident } from '../../electron/services/incidents/intake.js';
import { BUSY_DAY, BUSY_RANGE, CLOCK, buildBusyDay } from '../helpers/bulletin-day.js';
import { ensureUnits, testContext } from '../helpers/context.js';

async function readBack(base64OrBuf: string | Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const buf = typeof base64OrBuf === 'string' ? Buffer.from(base64OrBuf, 'base64') : base64OrBuf;
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

/** The data rows of a table sheet: between its header row (the frozen split) and the end, less a totals row. */
function dataRows(ws: ExcelJS.Worksheet): ExcelJS.Row[] {
  const header = (ws.views[0] as { ySplit: number }).ySplit;
  const rows: ExcelJS.Row[] = [];
  for (let r = header + 1; r <= ws.rowCount; r++) rows.push(ws.getRow(r));
  return rows;
}

const count = (ctx: ReturnType<typeof testContext>, sql: string, ...args: unknown[]) => (ctx.db.prepare(sql).get(...args) as { n: number }).n;

describe('daily bulletin', () => {
  const ctx = testContext();
  const { serious, fire } = buildBusyDay(ctx);
  const { start, end } = BUSY_RANGE;

  test('the duty day that just ended is the default, and its data come from the database', () => {
    assert.equal(lastEndedDutyDay(ctx), BUSY_DAY);
    const p = previewBulletin(ctx, undefined);
    assert.equal(p.day, BUSY_DAY);
    assert.equal(p.revision, null);
    assert.equal(p.running, false);
    const d = p.data;
    assert.equal(d.bureauName, '市应急管理局');
    assert.equal(d.incidents.length, count(ctx, 'SELECT COUNT(DISTINCT incident_id) AS n FROM incident_reports WHERE received_at >= ? AND received_at < ?', start, end));
    assert.equal(
      d.flags.length,
      count(ctx, "SELECT COUNT(*) AS n FROM flags WHERE status <> 'cleared' AND ((raised_at >= ? AND raised_at < ?) OR (review = 'confirmed' AND reviewed_at >= ? AND reviewed_at < ?))", start, end, start, end),
    );
    assert.equal(d.followups.length, 1);
    assert.equal(d.summary.followupsOpen, 1);
    assert.deepEqual(d.roster.map((s) => s.day), [BUSY_DAY, '2026-11-24']);
    assert.ok(d.leaders.length >= 1 && d.officers.length >= 1);
    // Figures: as last stated by the end of the day.
    const road = d.incidents.find((i) => i.id === serious)!;
    assert.equal(road.level, 'III');
    assert.equal(road.injured, 6);
    assert.equal(road.latestKind, 'followup');
    assert.equal(road.reportsInDay, 2);
    // 要情: level III and above, or marked important.
    assert.deepEqual(new Set(d.keyItems), new Set([serious, fire]));
    assert.equal(d.summary.byLevel.III, 1);
    assert.equal(d.summary.deaths, d.incidents.reduce((n, i) => n + (i.deaths ?? 0), 0));
    // UPWARD_LATE is the duty room's own lateness: no unit.
    const upward = d.flags.find((f) => f.code === 'UPWARD_LATE');
    assert.ok(upward, 'the serious accident was not reported upward in time');
    assert.equal(upward.unit, null);
    const confirmed = d.flags.find((f) => f.incidentId === fire && f.code === 'LATE_FIRST')!;
    assert.equal(confirmed.confirmedBy, '刘志强');
    assert.equal(confirmed.followupOwner, '冯雪');
    assert.equal(d.handovers.length, 1);
    assert.equal(d.handovers[0]!.acknowledged, true);
    assert.match(d.handovers[0]!.notes, /待终报/);
    // The completeness check: the media report lacks figures and is an unverified suspicion.
    const codes = p.problems.map((x) => x.code).sort();
    assert.deepEqual(codes, ['incident_missing_items', 'suspicion_unverified']);
    assert.deepEqual(p.problems.find((x) => x.code === 'incident_missing_items')!.detail, ['deaths', 'missing', 'seriouslyInjured']);
  });

  test('the workbook: sheet names, rows against the database, totals, print setup, text never a formula', async () => {
    const file = await exportBulletin(ctx, BUSY_DAY);
    assert.equal(file.fileName, `bulletin-${BUSY_DAY}-draft.xlsx`);
    const wb = await readBack(file.contentBase64);
    assert.deepEqual(wb.worksheets.map((w) => w.name), [...BULLETIN_SHEETS]);
    const data = previewBulletin(ctx, BUSY_DAY).data;

    const front = wb.getWorksheet('值班日报')!;
    assert.equal(front.getCell('A1').value, '市应急管理局值班日报（草稿）');
    assert.match(String(front.getCell('A2').value), /值班日：2026-11-23（2026-11-23 08:30 至 2026-11-24 08:30）/);
    assert.match(front.headerFooter.oddHeader ?? '', /草稿/);
    const text = front.getSheetValues().flat().map(String).join('|');
    assert.match(text, /本月累计/);
    assert.match(text, /东城区较大道路交通事故待终报/);

    const inc = wb.getWorksheet('事件信息')!;
    const rows = dataRows(inc);
    const totals = rows.pop()!;
    assert.equal(rows.length, data.incidents.length);
    assert.equal(totals.getCell(1).value, '合计');
    const deathsCol = 8;
    const sum = rows.reduce((n, r) => n + (typeof r.getCell(deathsCol).value === 'number' ? (r.getCell(deathsCol).value as number) : 0), 0);
    assert.equal(totals.getCell(deathsCol).value, sum);
    assert.equal(sum, data.summary.deaths);
    // A summary and a place typed as formulas stay text.
    const road = rows.find((r) => r.getCell(13).value === '=1+1')!;
    assert.ok(road, 'the typed =1+1 summary is there');
    assert.equal(road.getCell(13).type, ExcelJS.ValueType.String);
    assert.equal(road.getCell(13).formula, undefined);
    assert.equal(road.getCell(7).value, '=HYPERLINK("x")');
    assert.equal(road.getCell(7).type, ExcelJS.ValueType.String);

    const flags = wb.getWorksheet('迟报漏报')!;
    assert.equal(dataRows(flags).length, data.flags.length);
    assert.ok(dataRows(flags).some((r) => r.getCell(1).value === '本值班室（市应急管理局）' && r.getCell(3).value === '上报迟报'));
    assert.equal(dataRows(wb.getWorksheet('督办事项')!).length, count(ctx, "SELECT COUNT(*) AS n FROM followups WHERE status = 'open'"));
    assert.equal(dataRows(wb.getWorksheet('值班安排')!).length, 2);
    const zero = dataRows(wb.getWorksheet('零报告')!);
    assert.equal(zero.length, 1);
    assert.equal(zero[0]!.getCell(1).value, '本值班日无特殊时期零报告要求');

    for (const ws of wb.worksheets) {
      assert.equal(ws.pageSetup.paperSize, 9, ws.name);
      assert.equal(ws.pageSetup.orientation, 'landscape', ws.name);
      assert.equal(ws.pageSetup.fitToWidth, 1, ws.name);
      assert.equal(ws.pageSetup.fitToHeight, 0, ws.name);
      assert.match(ws.pageSetup.printTitlesRow ?? '', /^\d+:\d+$/, ws.name);
      assert.equal(ws.views[0]?.state, 'frozen', ws.name);
      assert.equal(ws.getCell('A1').font?.name, 'SimSun', ws.name);
    }
    assert.equal(inc.pageSetup.printTitlesRow, '3:3');
    assert.equal(inc.getCell('A4').border?.top?.style, 'thin');
    assert.equal(inc.getCell('M4').alignment?.wrapText, true);
  });

  test('issuing: a note is required with problems, revisions number up, snapshots are immutable and export the same bytes', async () => {
    assert.throws(() => issueBulletin(ctx, BUSY_DAY, ' '), (e: unknown) => e instanceof AppError && e.key === 'bulletin.noteRequired');
    assert.deepEqual(listRevisions(ctx, BUSY_DAY), []);
    const r1 = issueBulletin(ctx, BUSY_DAY, '南山区燃气泄漏系媒体报道，正在核实');
    assert.equal(r1.revision, 1);
    assert.equal(r1.problems, 2);
    assert.match(r1.sha256, /^[0-9a-f]{64}$/);
    const audit = ctx.db.prepare("SELECT * FROM audit_log WHERE method = 'bulletin.issue'").all() as { entity_id: string }[];
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.entity_id, String(r1.id));

    const a = await exportBulletin(ctx, BUSY_DAY, 1);
    // Later: the live log changes (a final report of the road accident), and time passes.
    ctx.setNow(BUSY_RANGE.end + 3 * 3600_000);
    addReport(ctx, serious, { kind: 'final', channel: 'document', fromUnit: '东城区', callerName: '', callerTitle: '', callerPhone: '', receivedAt: BUSY_RANGE.end - 60_000, occurredAt: null, location: '人民大道与建设路口', summary: '终报', measuresTaken: '善后处置完毕', deaths: 4, missing: 0, seriouslyInjured: 1, injured: 6, trapped: null, directLossYuan: 1_300_000, correctionReason: '一名重伤者经抢救无效死亡', correctsReportId: null });
    const b = await exportBulletin(ctx, BUSY_DAY, 1);
    assert.ok(Buffer.from(a.contentBase64, 'base64').equals(Buffer.from(b.contentBase64, 'base64')), 'an issued revision exports the same bytes');
    const wb1 = await readBack(b.contentBase64);
    assert.equal(wb1.getWorksheet('值班日报')!.getCell('A1').value, '市应急管理局值班日报');
    // Issue 18: the footer of every sheet pins the audit chain's head at issue (row and 12 hex),
    // which `duty audit verify --anchor` checks; the row before the bulletin's own.
    const issueRow = ctx.db.prepare("SELECT id FROM audit_log WHERE method = 'bulletin.issue'").pluck().get() as number;
    const anchorRow = ctx.db.prepare('SELECT id, hash FROM audit_log WHERE id = ?').get(issueRow - 1) as { id: number; hash: string };
    const anchor = `${anchorRow.id}:${anchorRow.hash.slice(0, 12)}`;
    assert.equal((previewBulletin(ctx, BUSY_DAY, 1).data as BulletinData).anchor, anchor);
    for (const ws of wb1.worksheets) assert.match(ws.headerFooter.oddFooter ?? '', new RegExp(`^&L&8审计链锚点 ${anchor}（核对：duty audit verify --anchor ${anchor}）&C&P / &N$`), ws.name);
    const draft = await readBack((await exportBulletin(ctx, BUSY_DAY)).contentBase64);
    assert.doesNotMatch(draft.worksheets[0]!.headerFooter.oddFooter ?? '', /审计链锚点/, 'a draft pins nothing');
    const issuedDeaths = (previewBulletin(ctx, BUSY_DAY, 1).data as BulletinData).summary.deaths;
    const liveDeaths = previewBulletin(ctx, BUSY_DAY).data.summary.deaths;
    assert.equal(liveDeaths, issuedDeaths + 1, 'the draft follows the log; the issued snapshot does not');

    const r2 = issueBulletin(ctx, BUSY_DAY, '更正：东城区事故死亡人数');
    assert.equal(r2.revision, 2);
    assert.notEqual(r2.sha256, r1.sha256);
    assert.deepEqual(listRevisions(ctx, BUSY_DAY).map((r) => r.revision), [2, 1]);
    const wb2 = await readBack((await exportBulletin(ctx, BUSY_DAY, 2)).contentBase64);
    assert.equal(wb2.getWorksheet('值班日报')!.getCell('A1').value, '市应急管理局值班日报（第2版）');

    assert.throws(() => ctx.db.prepare('UPDATE bulletins SET note = ? WHERE revision = 1').run('x'), /append-only/);
    assert.throws(() => ctx.db.prepare("UPDATE bulletins SET snapshot = '{}'").run(), /append-only/);
    assert.throws(() => ctx.db.prepare('DELETE FROM bulletins').run(), /append-only/);
    assert.equal(count(ctx, 'SELECT COUNT(*) AS n FROM bulletins'), 2);
    assert.ok(verifyAudit(ctx.db).ok);
  });

  test('a day not over cannot be issued; an unknown revision is not found', async () => {
    assert.throws(() => issueBulletin(ctx, '2026-11-24', 'x'), (e: unknown) => e instanceof AppError && e.key === 'bulletin.dayNotOver');
    assert.equal(previewBulletin(ctx, '2026-11-24').running, true);
    await assert.rejects(exportBulletin(ctx, BUSY_DAY, 9), (e: unknown) => e instanceof AppError && e.key === 'bulletin.revisionNotFound');
  });

  test('the zero-report and extra-flag seams fill their sheets', async () => {
    const { data } = assembleBulletin(ctx, BUSY_DAY, {
      zeroReports: () => [
        { unit: '东城区', period: '主汛期', cutoff: BUSY_RANGE.start + 7.5 * 3600_000, receivedAt: BUSY_RANGE.start + 3600_000, status: 'on_time', content: '无' },
        { unit: '西湖区', period: '主汛期', cutoff: BUSY_RANGE.start + 7.5 * 3600_000, receivedAt: null, status: 'missing', content: '' },
      ],
      extraFlags: (_c, s) => [
        { id: -1, incidentId: 0, incidentNumber: '', unit: '西湖区', code: 'LATE_FIRST', deadline: s, actual: null, minutesLate: 30, status: 'overdue', review: 'pending', confirmedBy: null, reviewedAt: null, raisedAt: s, followupOwner: null },
      ],
    });
    const wb = await readBack(await bulletinWorkbook(data, { revision: null, issuedAt: null, issuedBy: null }, { locale: 'zh-CN' }));
    const zero = dataRows(wb.getWorksheet('零报告')!);
    assert.deepEqual(zero.map((r) => [r.getCell(1).value, r.getCell(5).value]), [['东城区', '按时'], ['西湖区', '漏报']]);
    assert.equal(dataRows(wb.getWorksheet('迟报漏报')!).length, previewBulletin(ctx, BUSY_DAY).data.flags.length + 1);
  });
});

describe('month and year to date against last year (双下降)', () => {
  test('counts and deaths by occurrence time, same range a year earlier', () => {
    const ctx = testContext({ now: Date.UTC(2026, 10, 24, 1) });
    ensureUnits(ctx, ['东城区']);
    const make = (occurredAt: number, deaths: number) =>
      createIncident(ctx, {
        category: 'road_traffic',
        responsibleUnit: '东城区',
        occurredAt,
        place: 'X',
        level: null,
        important: false,
        report: { kind: 'initial', channel: 'phone', fromUnit: '东城区', callerName: '', callerTitle: '', callerPhone: '', receivedAt: occurredAt + 600_000, occurredAt, location: 'X', summary: 's', measuresTaken: null, deaths, missing: 0, seriouslyInjured: 0, injured: 0, trapped: null, directLossYuan: null, correctionReason: null, correctsReportId: null },
      }, 'incidents.create', { scripted: true });
    // This year: 2 in November (1 death), 1 in March (2 deaths). Last year: 3 in November (3 deaths).
    make(Date.UTC(2026, 10, 5, 4), 1);
    make(Date.UTC(2026, 10, 23, 4), 0);
    make(Date.UTC(2026, 2, 1, 4), 2);
    make(Date.UTC(2025, 10, 2, 4), 1);
    make(Date.UTC(2025, 10, 10, 4), 1);
    make(Date.UTC(2025, 10, 20, 4), 1);
    // After the same point last year: outside the comparison.
    make(Date.UTC(2025, 10, 28, 4), 5);
    // Before the month's first duty day starts (1 Nov 08:30 local): counted in October.
    make(Date.UTC(2026, 9, 31, 23), 9);
    const { monthToDate, yearToDate } = periodCompares(ctx, '2026-11-23', CLOCK);
    assert.deepEqual([monthToDate.count, monthToDate.deaths, monthToDate.lastYear.count, monthToDate.lastYear.deaths], [2, 1, 3, 3]);
    assert.equal(monthToDate.bothDown, true);
    assert.equal(monthToDate.lastYear.start, Date.UTC(2025, 10, 1, 0, 30));
    assert.deepEqual([yearToDate.count, yearToDate.deaths, yearToDate.lastYear.count, yearToDate.lastYear.deaths], [4, 12, 3, 3]);
    assert.equal(yearToDate.bothDown, false);
  });
});
