// The bulletin's incidents as a bureau would send them, on real SQLite: 事件经过 is the incident's
// own description (the leader's rewrite the morning after shows in the draft; an issued revision
// keeps what it had), 已采取措施 the measures the reports stated, 要情 one sentence in the usual
// form, and the status as at the end of the duty day: an incident whose response ended in the day
// is 处置结束 and not counted as still open. The day is fixed (2026-11-23), not today.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { BulletinData } from '../../shared/domain/bulletin.js';
import { bulletinTexts } from '../../shared/domain/bulletin-text.js';
import { assembleBulletin } from '../../electron/services/bulletin/assemble.js';
import { exportBulletin, issueBulletin, previewBulletin } from '../../electron/services/bulletin/bulletin.js';
import { bulletinWorkbook } from '../../electron/export/bulletin-xlsx.js';
import { addReport } from '../../electron/services/incidents/intake.js';
import { BUSY_DAY, BUSY_RANGE, ROAD_DESCRIPTION, buildBusyDay, finishBusyDay } from '../helpers/bulletin-day.js';
import { testContext } from '../helpers/context.js';

const MIN = 60_000;
const ROAD_KEY_ITEM = '11月23日9时30分，东城区=HYPERLINK("x")发生一起较大道路交通事故，造成3人死亡、2人重伤、6人受伤，交警、120 已到场；伤员已送医，道路恢复通行。';

async function sheetText(data: BulletinData, sheet: string): Promise<{ ws: ExcelJS.Worksheet; text: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await bulletinWorkbook(data, { revision: null, issuedAt: null, issuedBy: null }, { locale: 'zh-CN' })) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet(sheet)!;
  return { ws, text: ws.getSheetValues().flat().map(String).join('|') };
}

/** The row of an incident in 事件信息, by its number. */
function rowOf(ws: ExcelJS.Worksheet, number: string): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === number) return ws.getRow(r);
  throw new Error(`no row for ${number}`);
}

describe('the bulletin’s incidents', () => {
  const ctx = testContext();
  const ids = buildBusyDay(ctx, { days: 3 });

  test('before the morning’s work: the system’s description, the measures stated, the 要情 sentence', () => {
    const d = previewBulletin(ctx, BUSY_DAY).data;
    const road = d.incidents.find((i) => i.id === ids.serious)!;
    assert.equal(road.description, '=1+1', 'the first report’s summary, copied by the system');
    assert.equal(road.measures, '交警、120 已到场\n伤员已送医，道路恢复通行', 'each measure the reports stated, not only the latest');
    assert.equal(road.trapped, null);
    assert.equal(bulletinTexts('zh-CN', d).keyItemLine(road), ROAD_KEY_ITEM);
    const fire = d.incidents.find((i) => i.id === ids.fire)!;
    assert.equal(bulletinTexts('zh-CN', d).keyItemLine(fire), '11月23日9时，西湖区某仓库发生一起火灾，无人员伤亡，消防救援站出动 5 车。');
    assert.deepEqual(d.incidents.map((i) => i.status), ['open', 'open', 'open']);
    assert.equal(d.summary.stillOpen, 3);
  });

  test('issued now, then the leader rewrites the description and the fire’s final report closes it', async () => {
    const r1 = issueBulletin(ctx, BUSY_DAY, '南山区燃气泄漏系媒体报道，正在核实');
    finishBusyDay(ctx, ids);
    const d = previewBulletin(ctx, BUSY_DAY).data;
    const road = d.incidents.find((i) => i.id === ids.serious)!;
    const fire = d.incidents.find((i) => i.id === ids.fire)!;
    assert.equal(road.description, ROAD_DESCRIPTION);
    assert.equal(road.summary, '=1+1', 'the latest report’s summary is still there, but not shown as 事件经过');
    assert.equal(fire.status, 'closed');
    assert.equal(fire.closedAt, BUSY_RANGE.start + 810 * MIN);
    assert.equal(fire.latestKind, 'final');
    assert.equal(fire.measures, '消防救援站出动 5 车\n现场清理完毕，火灾原因正在调查');
    assert.equal(road.status, 'open');
    assert.equal(d.summary.stillOpen, 2, 'the closed fire is not counted as still open');
    const x = bulletinTexts('zh-CN', d);
    assert.equal(x.status(fire), '处置结束');
    assert.equal(x.keyItemLine(fire), '11月23日9时，西湖区某仓库发生一起火灾，无人员伤亡，消防救援站出动 5 车；现场清理完毕，火灾原因正在调查，现场处置已结束。');

    // The workbook: 事件经过 and 已采取措施 with their line breaks, the status, 要情, the count.
    const inc = await sheetText(d, '事件信息');
    const roadRow = rowOf(inc.ws, road.number);
    assert.equal(roadRow.getCell(13).value, ROAD_DESCRIPTION);
    assert.equal(roadRow.getCell(13).alignment?.wrapText, true);
    assert.equal(roadRow.getCell(14).value, '交警、120 已到场\n伤员已送医，道路恢复通行');
    assert.equal(roadRow.getCell(17).value, '处置中');
    assert.equal(rowOf(inc.ws, fire.number).getCell(17).value, '处置结束');
    const front = await sheetText(d, '值班日报');
    assert.match(front.text, /其中处置中/);
    assert.ok(front.text.includes(ROAD_KEY_ITEM), front.text);
    assert.doesNotMatch(front.text, /=1\+1。|死亡 3 人、失踪 0 人/, 'no report text, no "0人" in 要情');

    // Revision 1 was issued before: it keeps what it had.
    const issued = previewBulletin(ctx, BUSY_DAY, r1.revision).data;
    assert.equal(issued.incidents.find((i) => i.id === ids.serious)!.description, '=1+1');
    assert.equal(issued.incidents.find((i) => i.id === ids.fire)!.status, 'open');
    const r2 = issueBulletin(ctx, BUSY_DAY, '更正：事件经过、火灾处置结束');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((await exportBulletin(ctx, BUSY_DAY, r2.revision)).contentBase64, 'base64') as unknown as ExcelJS.Buffer);
    assert.equal(rowOf(wb.getWorksheet('事件信息')!, road.number).getCell(13).value, ROAD_DESCRIPTION);
  });

  test('a response that ended after the day is still 处置中 in that day’s bulletin, 处置结束 in the next', () => {
    const gas = assembleBulletin(ctx, BUSY_DAY).data.incidents.find((i) => i.id !== ids.serious && i.id !== ids.fire)!;
    ctx.setNow(BUSY_RANGE.end + 120 * MIN);
    addReport(
      ctx,
      gas.id,
      { kind: 'final', channel: 'phone', fromUnit: '南山区', receivedAt: BUSY_RANGE.end + 60 * MIN, callerName: '', callerTitle: '', callerPhone: '', occurredAt: null, location: null, summary: '经核实系燃气表漏气，已处置', measuresTaken: '燃气公司已关阀维修', deaths: 0, missing: 0, seriouslyInjured: 0, injured: 0, trapped: null, directLossYuan: null, correctionReason: null, correctsReportId: null },
      'incidents.addReport',
      { closesIncident: true },
    );
    const day = assembleBulletin(ctx, BUSY_DAY).data;
    const inDay = day.incidents.find((i) => i.id === gas.id)!;
    assert.equal(inDay.status, 'open');
    assert.equal(inDay.closedAt, null);
    assert.equal(inDay.measures, '', 'measures stated after the day belong to a later bulletin');
    assert.equal(day.summary.stillOpen, 2);
    const next = assembleBulletin(ctx, '2026-11-24').data.incidents.find((i) => i.id === gas.id)!;
    assert.equal(next.status, 'closed');
    assert.equal(next.measures, '燃气公司已关阀维修');
  });

  test('a bulletin issued before descriptions were kept still renders: 事件经过 from its summary, no count where none was kept', async () => {
    const data = structuredClone(assembleBulletin(ctx, BUSY_DAY).data);
    for (const i of data.incidents) {
      delete i.description;
      delete i.trapped;
      delete i.closedAt;
    }
    delete data.summary.stillOpen;
    const inc = await sheetText(data, '事件信息');
    assert.equal(rowOf(inc.ws, data.incidents.find((i) => i.id === ids.serious)!.number).getCell(13).value, '=1+1');
    const front = await sheetText(data, '值班日报');
    assert.ok(front.text.includes('11月23日9时30分，东城区=HYPERLINK("x")发生一起较大道路交通事故'));
  });
});
