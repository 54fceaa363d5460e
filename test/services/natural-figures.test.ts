// Services on a real SQLite file: a natural-disaster report's 受灾人口, 紧急转移安置人口 and 倒塌房屋
// (issue 17 item 5). Intake stores and returns them; an accident refuses them by name; each
// incident's current figure follows deaths' rule (the unit's latest official statement); the
// bulletin and the period report add up the natural incidents' figures, a figure nobody stated
// staying unstated (null, not 0). The day is fixed (2026-07-20, Asia/Shanghai, boundary 08:30).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import Database from 'better-sqlite3';
import { intakeSchema, reportFieldsSchema, type Intake, type ReportFields } from '../../shared/domain/incident.js';
import { bulletinTexts } from '../../shared/domain/bulletin-text.js';
import { MIGRATIONS } from '../../electron/db/migrations/index.js';
import { yearLogRows } from '../../electron/db/repositories/incidents.js';
import { bulletinWorkbook } from '../../electron/export/bulletin-xlsx.js';
import { yearLogColumns } from '../../electron/export/year-log-xlsx.js';
import { previewBulletin } from '../../electron/services/bulletin/bulletin.js';
import { createDispatcher } from '../../electron/services/dispatcher.js';
import { addReport, createIncident } from '../../electron/services/incidents/intake.js';
import { incidentDetail } from '../../electron/services/incidents/queries.js';
import { periodReport } from '../../electron/services/stats/period-report.js';
import { statsWorkbook } from '../../electron/export/stats-xlsx.js';
import { ensureUnits, testContext, type TestContext } from '../helpers/context.js';
import { tempDbPath } from '../helpers/temp.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Duty day 2026-07-20 begins at 08:30 Shanghai (00:30 UTC). */
const DAY = '2026-07-20';
const START = Date.UTC(2026, 6, 20, 0, 30);

function ctxAt(ms: number): TestContext {
  const ctx = testContext({ now: ms });
  ensureUnits(ctx, ['新洲区', '黄陂区', '东城区']);
  return ctx;
}

const report = (over: Partial<ReportFields> & { receivedAt: number }): ReportFields =>
  reportFieldsSchema.parse({ kind: 'followup', channel: 'fax', fromUnit: '新洲区', location: '某村', summary: '续报', deaths: 0, missing: 0, seriouslyInjured: 0, ...over });

function disaster(ctx: TestContext, over: Partial<Intake>, rep: Partial<ReportFields>) {
  const input = intakeSchema.parse({
    category: 'flood',
    responsibleUnit: '新洲区',
    occurredAt: ctx.now() - 30 * MIN,
    place: '某村',
    report: { kind: 'initial', channel: 'phone', fromUnit: '新洲区', receivedAt: ctx.now(), location: '某村', summary: '强降雨致河水漫堤', deaths: 0, missing: 0, seriouslyInjured: 0, ...rep },
    ...over,
  });
  return createIncident(ctx, input, 'incidents.create', { scripted: true });
}

const figuresOf = (ctx: TestContext, id: number) =>
  ctx.db.prepare('SELECT fig_affected AS affected, fig_evacuated AS evacuated, fig_houses_collapsed AS housesCollapsed, fig_loss_stated AS lossStated FROM incidents WHERE id = ?').get(id);

describe('natural-disaster figures', () => {
  test('intake stores and returns them; a stated 0 stays 0, one not stated stays null', () => {
    const ctx = ctxAt(START + HOUR);
    const { incident, report: r } = disaster(ctx, {}, { affected: 1200, evacuated: 0 });
    assert.deepEqual([r.affected, r.evacuated, r.housesCollapsed], [1200, 0, null]);
    const stored = incidentDetail(ctx, incident.id).reports[0]!;
    assert.deepEqual([stored.affected, stored.evacuated, stored.housesCollapsed], [1200, 0, null]);
    assert.deepEqual(figuresOf(ctx, incident.id), { affected: 1200, evacuated: 0, housesCollapsed: null, lossStated: 0 });
    // A follow-up states the houses and the loss; the affected count it leaves out stays as it was.
    ctx.setNow(START + 3 * HOUR);
    addReport(ctx, incident.id, report({ receivedAt: ctx.now(), housesCollapsed: 12, directLossYuan: 0 }));
    assert.deepEqual(figuresOf(ctx, incident.id), { affected: 1200, evacuated: 0, housesCollapsed: 12, lossStated: 1 });
  });

  test('an accident refuses them, naming the field in Chinese, at intake and on a follow-up; nothing is saved', async () => {
    const ctx = ctxAt(START + HOUR);
    const dispatch = createDispatcher(ctx, { logError: () => {} });
    const road = {
      category: 'road_traffic',
      responsibleUnit: '东城区',
      occurredAt: ctx.now() - 20 * MIN,
      place: '建设大道',
      report: { kind: 'initial', channel: 'phone', fromUnit: '东城区', receivedAt: ctx.now(), location: '建设大道', deaths: 0, missing: 0, seriouslyInjured: 0 },
    };
    const refused = await dispatch('incidents.create', { ...road, report: { ...road.report, housesCollapsed: 0 } });
    assert.equal(refused.ok, false);
    if (!refused.ok) {
      assert.equal(refused.error.code, 'invalid_input');
      assert.deepEqual(refused.error.fields?.map((f) => f.path), ['report.housesCollapsed']);
      assert.match(refused.error.message, /倒塌房屋只填于自然灾害类事件/);
    }
    assert.equal((ctx.db.prepare('SELECT COUNT(*) AS n FROM incidents').get() as { n: number }).n, 0);
    // Null is "not stated": accepted for any class.
    const ok = await dispatch('incidents.create', { ...road, report: { ...road.report, affected: null } });
    assert.equal(ok.ok, true, JSON.stringify(ok));
    const id = ok.ok ? (ok.value as { incident: { id: number } }).incident.id : 0;
    const followup = await dispatch('incidents.addReport', { incidentId: id, report: { kind: 'followup', channel: 'fax', fromUnit: '东城区', receivedAt: ctx.now(), affected: 30 } });
    assert.equal(followup.ok, false);
    if (!followup.ok) assert.match(followup.error.message, /受灾人口只填于自然灾害类事件/);
    assert.equal(incidentDetail(ctx, id).reports.length, 1);
    // The service refuses it too, whoever calls it.
    assert.throws(() => addReport(ctx, id, report({ receivedAt: ctx.now(), fromUnit: '东城区', evacuated: 5 })), /naturalOnly\.evacuated/);
  });

  test('each incident’s current figure is the unit’s latest official one, as for deaths', () => {
    const ctx = ctxAt(START + HOUR);
    const { incident } = disaster(ctx, {}, { affected: 800, evacuated: 100 });
    ctx.setNow(START + 2 * HOUR);
    addReport(ctx, incident.id, report({ receivedAt: ctx.now(), channel: 'media', fromUnit: '市融媒体中心', affected: 5000 }));
    assert.equal((figuresOf(ctx, incident.id) as { affected: number }).affected, 800, 'the media’s figure does not replace the unit’s');
    ctx.setNow(START + 4 * HOUR);
    addReport(ctx, incident.id, report({ receivedAt: ctx.now(), affected: 1500 }));
    assert.equal((figuresOf(ctx, incident.id) as { affected: number }).affected, 1500);
  });
});

describe('natural-disaster figures added up', () => {
  const ctx = ctxAt(START + HOUR);
  // 09:30 a flood in 新洲区: 800 affected, 100 evacuated, loss 350万.
  const flood = disaster(ctx, {}, { affected: 800, evacuated: 100, directLossYuan: 3_500_000 }).incident.id;
  // 10:30 a landslide in 黄陂区: 2 houses (rooms) collapsed, nobody counted affected; loss not stated.
  ctx.setNow(START + 2 * HOUR);
  const slide = disaster(ctx, { category: 'geological', responsibleUnit: '黄陂区' }, { fromUnit: '黄陂区', housesCollapsed: 2 }).incident.id;
  // 11:30 a road accident: its loss is not a natural disaster's.
  ctx.setNow(START + 3 * HOUR);
  createIncident(
    ctx,
    intakeSchema.parse({
      category: 'road_traffic',
      responsibleUnit: '东城区',
      occurredAt: ctx.now() - 20 * MIN,
      report: { kind: 'initial', channel: 'phone', fromUnit: '东城区', receivedAt: ctx.now(), location: '建设大道', deaths: 1, missing: 0, seriouslyInjured: 0, directLossYuan: 90_000 },
    }),
    'incidents.create',
    { scripted: true },
  );
  // 18:30 the flood's follow-up: the count rises to 1500, 12 rooms collapsed.
  ctx.setNow(START + 10 * HOUR);
  addReport(ctx, flood, report({ receivedAt: ctx.now(), affected: 1500, housesCollapsed: 12 }));
  // Next morning 09:00 (the next duty day): the landslide's follow-up states 40 affected and a loss of 0.
  ctx.setNow(START + 24.5 * HOUR);
  addReport(ctx, slide, report({ receivedAt: ctx.now(), fromUnit: '黄陂区', affected: 40, directLossYuan: 0 }));

  test('the bulletin: each incident as stated by the end of the day, summed; the unstated left out', async () => {
    const d = previewBulletin(ctx, DAY).data;
    assert.deepEqual(d.summary.natural, { incidents: 2, affected: 1500, evacuated: 100, housesCollapsed: 14, directLossYuan: 3_500_000 });
    const x = bulletinTexts('zh-CN', d);
    assert.equal(x.naturalLine, '自然灾害（2 起）：受灾人口 1500 人、紧急转移安置 100 人、倒塌房屋 14 间、直接经济损失 350 万元');
    const slideRow = d.incidents.find((i) => i.id === slide)!;
    assert.deepEqual([slideRow.affected, slideRow.housesCollapsed], [null, 2], 'the next morning’s count belongs to the next bulletin');
    assert.equal(x.naturalOf(slideRow), '倒塌房屋 2 间');
    // The next day: the landslide's 40 (the flood had no report that day: not in it).
    const next = previewBulletin(ctx, '2026-07-21').data;
    assert.deepEqual(next.summary.natural, { incidents: 1, affected: 40, evacuated: null, housesCollapsed: 2, directLossYuan: 0 });
    assert.equal(bulletinTexts('zh-CN', next).naturalLine, '自然灾害（1 起）：受灾人口 40 人、倒塌房屋 2 间、直接经济损失 0 万元');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await bulletinWorkbook(d, { revision: null, issuedAt: null, issuedBy: null }, { locale: 'zh-CN' })) as unknown as ExcelJS.Buffer);
    const front = wb.getWorksheet('值班日报')!.getSheetValues().flat().map(String).join('|');
    assert.ok(front.includes(x.naturalLine), front);
    const sheet = wb.getWorksheet('事件信息')!;
    const header = (sheet.getRow(3).values as unknown[]).map(String);
    const col = header.indexOf('自然灾害灾情');
    assert.ok(col > 0, header.join('|'));
    const flood = Array.from({ length: sheet.rowCount }, (_, k) => sheet.getRow(k + 1)).find((r) => String(r.getCell(5).value) === '洪涝')!;
    assert.equal(flood.getCell(col).value, '受灾人口 1500 人\n紧急转移安置 100 人\n倒塌房屋 12 间');
  });

  test('a day with no natural figure stated says nothing of them', async () => {
    const quiet = ctxAt(START + HOUR);
    disaster(quiet, {}, {});
    const d = previewBulletin(quiet, DAY).data;
    assert.deepEqual(d.summary.natural, { incidents: 1, affected: null, evacuated: null, housesCollapsed: null, directLossYuan: null });
    assert.equal(bulletinTexts('zh-CN', d).naturalLine, '');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await bulletinWorkbook(d, { revision: null, issuedAt: null, issuedBy: null }, { locale: 'zh-CN' })) as unknown as ExcelJS.Buffer);
    assert.ok(!wb.worksheets.map((w) => w.getSheetValues().flat().map(String).join('|')).join('|').includes('自然灾害灾情'));
  });

  test('the period report: the sum of each natural incident’s current figure, the accident’s loss not among them', async () => {
    const r = periodReport(ctx, { from: '2026-07-01', to: '2026-07-31' });
    assert.deepEqual(r.natural.current, { incidents: 2, affected: 1540, evacuated: 100, housesCollapsed: 14, directLossYuan: 3_500_000 });
    assert.deepEqual(r.natural.lastYear, { incidents: 0, affected: null, evacuated: null, housesCollapsed: null, directLossYuan: null });
    assert.equal(r.total.current.directLossYuan, 3_590_000);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await statsWorkbook(r, { locale: 'zh-CN', bureauName: '江城市应急管理局' })) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('自然灾害灾情')!;
    const rows = Array.from({ length: ws.rowCount - 4 }, (_, k) => (ws.getRow(k + 5).values as unknown[]).slice(1, 4));
    assert.deepEqual(rows, [
      ['自然灾害事件（起）', 2, 0],
      ['受灾人口（人）', 1540, '未报灾情数据'],
      ['紧急转移安置人口（人）', 100, '未报灾情数据'],
      ['倒塌房屋（间）', 14, '未报灾情数据'],
      ['直接经济损失（万元）', 350, '未报灾情数据'],
    ]);
  });

  test('the year log: a column each, blank where a report did not state it', () => {
    const cols = yearLogColumns({ locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    const at = (h: string) => cols.findIndex((c) => c.header === h);
    const [a, e, h] = [at('受灾人口'), at('紧急转移安置人口'), at('倒塌房屋（间）')];
    assert.ok(a > 0 && e > 0 && h > 0);
    const lines = [...yearLogRows(ctx.db, 2026)].map((r) => [cols[0]!.value(r), cols[a]!.value(r), cols[e]!.value(r), cols[h]!.value(r)]);
    const floodNumber = incidentDetail(ctx, flood).incident.number;
    assert.deepEqual(
      lines.filter((l) => l[0] === floodNumber),
      [
        [floodNumber, 800, 100, null],
        [floodNumber, 1500, null, 12],
      ],
    );
  });
});

test('migration 0150: a loss stated before it counts as stated; the new figures start unstated', () => {
  const raw = new Database(tempDbPath());
  const upTo = (v: number, from = 0) => {
    for (const m of MIGRATIONS) if (m.version > from && m.version <= v) m.up(raw);
  };
  upTo(130);
  raw.exec(`INSERT INTO incidents (id, number, year, seq, category, responsible_unit, occurred_at, first_received_at, created_at, updated_at)
    VALUES (1, '2025-0001', 2025, 1, 'flood', '新洲区', 1, 2, 2, 2), (2, '2025-0002', 2025, 2, 'flood', '新洲区', 1, 2, 2, 2)`);
  raw.exec(`INSERT INTO incident_reports (incident_id, seq, kind, channel, from_unit, entered_at, received_at, direct_loss_yuan, actor, created_at)
    VALUES (1, 1, 'initial', 'phone', '新洲区', 2, 2, 0, 'test', 2), (2, 1, 'initial', 'phone', '新洲区', 2, 2, NULL, 'test', 2)`);
  upTo(150, 130);
  assert.deepEqual(raw.prepare('SELECT id, fig_loss_stated AS s, fig_affected AS a, fig_evacuated AS e, fig_houses_collapsed AS h FROM incidents ORDER BY id').all(), [
    { id: 1, s: 1, a: null, e: null, h: null },
    { id: 2, s: 0, a: null, e: null, h: null },
  ]);
  assert.throws(() => raw.exec(`INSERT INTO incident_reports (incident_id, seq, kind, channel, from_unit, entered_at, received_at, affected, actor, created_at) VALUES (1, 2, 'followup', 'fax', '新洲区', 3, 3, -1, 'test', 3)`), /CHECK/);
  raw.close();
});
