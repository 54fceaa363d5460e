// Services on a real SQLite file: intake, stored flags with stable identity, the rules clock,
// corrections, leader review and the unit ledger, search, duplicates, the handover seam.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Intake, ReportFields } from '../../shared/domain/incident.js';
import { ALARM_WINDOW_MS, intakeSchema, reportFieldsSchema } from '../../shared/domain/incident.js';
import { AppError } from '../../shared/api/app-error.js';
import { withPendingDeadline } from '../../electron/db/repositories/incidents.js';
import { ledgerWorkbook } from '../../electron/export/ledger-xlsx.js';
import { createDispatcher } from '../../electron/services/dispatcher.js';
import { auditForEntity, verifyAudit } from '../../electron/services/audit.js';
import { ackAlarm, completeFollowup, createFollowup, listQueue, reviewFlag } from '../../electron/services/incidents/followup.js';
import { handoverSummary } from '../../electron/services/incidents/handover-summary.js';
import { addReport, addUpward, createIncident, findDuplicates, updateFacts } from '../../electron/services/incidents/intake.js';
import { ledger } from '../../electron/services/incidents/ledger.js';
import { dashboard, incidentDetail, listLog } from '../../electron/services/incidents/queries.js';
import { runRulesClock } from '../../electron/services/incidents/rules-clock.js';
import { onDutySnapshot } from '../../electron/services/roster/on-duty.js';
import { createUnit } from '../../electron/services/units.js';
import { testContext, type TestContext } from '../helpers/context.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 24, 1, 0, 0); // 2026-11-24 09:00 in Shanghai

function report(over: Partial<ReportFields> & { receivedAt: number }): ReportFields {
  return reportFieldsSchema.parse({ kind: 'initial', channel: 'phone', fromUnit: '东城区', ...over });
}

function intake(ctx: TestContext, over: Partial<Intake> = {}, rep: Partial<ReportFields> = {}) {
  const input = intakeSchema.parse({
    category: 'road_traffic',
    responsibleUnit: '东城区',
    occurredAt: T0,
    place: '建设大道与发展路口',
    report: { kind: 'initial', channel: 'phone', fromUnit: '东城区', receivedAt: ctx.now(), location: '建设大道与发展路口', deaths: 1, missing: 0, seriouslyInjured: 2, ...rep },
    ...over,
  });
  return createIncident(ctx, input, 'incidents.create', { scripted: true });
}

function ctxAt(ms: number): TestContext {
  const ctx = testContext({ now: ms });
  createUnit(ctx, { name: '东城区', kind: 'district', dutyPhone: '027-85551234', fax: '', contactName: '', contactTitle: '', contactPhone: '', address: '', notes: '' });
  return ctx;
}

describe('incident intake and flags', () => {
  test('a phone report 2 h 01 min after the stated occurrence is a late first report (1 min); 2 h 00 is on time', () => {
    const ctx = ctxAt(T0 + 121 * MIN);
    const { incident } = intake(ctx);
    assert.match(incident.number, /^2026-0001$/);
    const d = incidentDetail(ctx, incident.id);
    const late = d.flags.find((f) => f.code === 'LATE_FIRST');
    assert.ok(late, 'LATE_FIRST raised');
    assert.equal(late.status, 'late');
    assert.equal(late.minutesLate, 1);
    assert.equal(late.deadline, T0 + 120 * MIN);
    assert.equal(late.onDutyText, null, 'no roster: stored as null, not invented');
    assert.equal(late.review, 'pending');

    ctx.setNow(T0 + 120 * MIN);
    const { incident: onTime } = intake(ctx);
    assert.equal(incidentDetail(ctx, onTime.id).flags.find((f) => f.code === 'LATE_FIRST'), undefined);
    assert.equal(onTime.number, '2026-0002');
  });

  test('the typed time of the call is what counts; the system stamp is kept beside it', () => {
    const ctx = ctxAt(T0 + 150 * MIN);
    const { incident, report: r } = intake(ctx, {}, { receivedAt: T0 + 100 * MIN });
    assert.equal(r.enteredAt, T0 + 150 * MIN);
    assert.equal(r.receivedAt, T0 + 100 * MIN);
    assert.equal(incidentDetail(ctx, incident.id).flags.find((f) => f.code === 'LATE_FIRST'), undefined);
  });

  test('a report with gaps is saved and raises the omitted-items flag', () => {
    const ctx = ctxAt(T0 + 10 * MIN);
    const { incident } = intake(ctx, {}, { location: null, deaths: null, missing: null, seriouslyInjured: null });
    const f = incidentDetail(ctx, incident.id).flags.find((x) => x.code === 'OMITTED_FIELDS');
    assert.deepEqual(f?.fields, ['deaths', 'location', 'missing', 'seriouslyInjured']);
  });

  test('a media tip with no official report: overdue on the clock, then late with the same identity when the report comes', () => {
    const ctx = ctxAt(T0 + 5 * MIN);
    const { incident } = intake(ctx, {}, { channel: 'media', fromUnit: '某新闻网' });
    assert.equal(incidentDetail(ctx, incident.id).flags.length, 0);
    const dash = dashboard(ctx);
    assert.equal(dash.items[0]?.code, 'LATE_FIRST');
    assert.equal(dash.items[0]?.deadline, T0 + 120 * MIN);

    // Exactly at the deadline nothing is due yet; one millisecond after, the clock raises it.
    ctx.setNow(T0 + 120 * MIN);
    runRulesClock(ctx);
    assert.equal(incidentDetail(ctx, incident.id).flags.length, 0);
    ctx.setNow(T0 + 120 * MIN + 1);
    const tick = runRulesClock(ctx);
    assert.equal(tick.incidents, 1);
    let flags = incidentDetail(ctx, incident.id).flags;
    const overdue = flags.find((f) => f.code === 'LATE_FIRST')!;
    assert.equal(overdue.status, 'overdue');
    assert.equal(overdue.minutesLate, 1);
    assert.equal(flags.find((f) => f.code === 'OMITTED_UNREPORTED')?.status, 'suspected');
    assert.equal(auditForEntity(ctx.db, 'flag', overdue.id)[0]?.method, 'rules.clock');

    ctx.setNow(T0 + 200 * MIN);
    addReport(ctx, incident.id, report({ receivedAt: ctx.now(), kind: 'initial', location: 'x', deaths: 0, missing: 0, seriouslyInjured: 0 }));
    flags = incidentDetail(ctx, incident.id).flags;
    const late = flags.find((f) => f.code === 'LATE_FIRST')!;
    assert.equal(late.id, overdue.id, 'same flag, verdict moved');
    assert.equal(late.status, 'late');
    assert.equal(late.minutesLate, 80);
    const history = auditForEntity(ctx.db, 'flag', late.id).map((a) => JSON.parse(a.after!).status);
    assert.deepEqual(history, ['overdue', 'late']);
  });

  test('a verified learnedAt clears a flag: marked cleared, never deleted', () => {
    const ctx = ctxAt(T0 + 180 * MIN);
    const { incident } = intake(ctx);
    const flag = incidentDetail(ctx, incident.id).flags.find((f) => f.code === 'LATE_FIRST')!;
    assert.equal(flag.status, 'late');
    updateFacts(ctx, incident.id, { learnedAt: T0 + 90 * MIN, reason: '核实：单位 10:30 才获知' });
    const after = incidentDetail(ctx, incident.id).flags.find((f) => f.id === flag.id)!;
    assert.equal(after.status, 'cleared');
    assert.throws(() => ctx.db.prepare('DELETE FROM flags WHERE id = ?').run(flag.id), /never deleted/);
  });

  test('a correction is a new report with a reason; reports cannot be updated or deleted', () => {
    const ctx = ctxAt(T0 + 30 * MIN);
    const { incident, report: first } = intake(ctx, {}, { deaths: 3 });
    assert.equal(incident.currentLevel, 'III');
    ctx.setNow(T0 + 60 * MIN);
    // Figures fell without a reason: suspected false report.
    addReport(ctx, incident.id, report({ receivedAt: ctx.now(), kind: 'followup', location: 'x', deaths: 1, missing: 0, seriouslyInjured: 0 }));
    assert.ok(incidentDetail(ctx, incident.id).flags.some((f) => f.code === 'SUSPECT_FALSE' && f.reason === 'figures_fell'));
    assert.throws(
      () => addReport(ctx, incident.id, report({ receivedAt: ctx.now(), kind: 'followup', correctsReportId: first.id })),
      /correctionReasonRequired/,
    );
    addReport(ctx, incident.id, report({ receivedAt: ctx.now(), kind: 'followup', deaths: 1, location: 'x', missing: 0, seriouslyInjured: 0, correctsReportId: first.id, correctionReason: '重复统计' }));
    assert.equal(incidentDetail(ctx, incident.id).reports.length, 3);
    assert.throws(() => ctx.db.prepare('UPDATE incident_reports SET deaths = 0 WHERE id = ?').run(first.id), /never changed/);
    assert.throws(() => ctx.db.prepare('DELETE FROM incident_reports WHERE id = ?').run(first.id), /never deleted/);
    assert.throws(() => ctx.db.prepare('DELETE FROM incidents WHERE id = ?').run(incident.id), /never deleted/);
  });
});

describe('follow-up, ledger, dashboard alarms', () => {
  test('a leader confirms a late report: it appears in the unit ledger; a second review is refused', async () => {
    const ctx = ctxAt(T0 + 121 * MIN);
    const { incident } = intake(ctx);
    const flag = listQueue(ctx, { review: 'pending' }).rows.find((f) => f.code === 'LATE_FIRST' && f.incidentId === incident.id)!;
    ctx.setNow(T0 + 200 * MIN);
    reviewFlag(ctx, { flagId: flag.id, decision: 'confirmed', leader: '张局', reason: '经核实，首报迟报 1 分钟' });
    // Refused naming who decided, when (12:20 in the duty zone, today) and what.
    assert.throws(() => reviewFlag(ctx, { flagId: flag.id, decision: 'dismissed', leader: '李', reason: '再次' }), (e: unknown) => e instanceof AppError && e.key === 'flag.alreadyConfirmed' && e.params.by === '张局' && e.params.at === '12:20');
    const l = ledger(ctx, 2026);
    assert.equal(l.units.length, 1);
    assert.equal(l.units[0]!.unit, '东城区');
    assert.equal(l.units[0]!.notices.length, 1);
    assert.equal(l.units[0]!.notices[0]!.confirmedBy, '张局');
    assert.equal(l.units[0]!.vetoed, false);
    assert.equal(ledger(ctx, 2025).units.length, 0, 'counts in the year of confirmation only');

    // Excel: text typed by a person stays text.
    const second = intake(ctx, { occurredAt: T0 }, { receivedAt: T0 + 190 * MIN }).incident;
    const flag2 = listQueue(ctx, { review: 'pending' }).rows.find((f) => f.code === 'LATE_FIRST' && f.incidentId === second.id)!;
    reviewFlag(ctx, { flagId: flag2.id, decision: 'confirmed', leader: '=HYPERLINK("x")', reason: '+1' });
    const buf = await ledgerWorkbook(ledger(ctx, 2026), { locale: 'zh-CN', timeZone: 'Asia/Shanghai', bureauName: '市应急管理局' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const sheet = wb.worksheets[1]!;
    const values: unknown[] = [];
    sheet.eachRow((row) => row.eachCell((c) => values.push(c.value)));
    assert.ok(values.includes('东城区'));
    for (const v of values) assert.ok(typeof v !== 'object' || v === null, `no formula cells: ${JSON.stringify(v)}`);
  });

  test('follow-ups have an owner, a due time and a result; all audited', () => {
    const ctx = ctxAt(T0 + 121 * MIN);
    const { incident } = intake(ctx);
    const f = createFollowup(ctx, { incidentId: incident.id, flagId: null, kind: 'urge', subject: '催报书面报告', owner: '王伟', dueAt: T0 + 240 * MIN });
    assert.equal(f.status, 'open');
    assert.equal(handoverSummary(ctx, ctx.now()).openFollowups.length, 1);
    const done = completeFollowup(ctx, f.id, '已电话催报，单位承诺 13:00 前传真');
    assert.equal(done.status, 'done');
    assert.throws(() => completeFollowup(ctx, f.id, 'again'), (e: unknown) => e instanceof AppError && e.key === 'followup.alreadyDone' && e.params.at === '11:01');
    assert.deepEqual(auditForEntity(ctx.db, 'followup', f.id).map((a) => a.method), ['followups.create', 'followups.complete']);
    assert.deepEqual(verifyAudit(ctx.db).ok, true);
  });

  test('dashboard: next deadline per open incident; acknowledgement stored once', () => {
    const ctx = ctxAt(T0 + 10 * MIN);
    const { incident } = intake(ctx);
    const item = dashboard(ctx).items.find((i) => i.incidentId === incident.id)!;
    // The quick report came; the written one is owed 240 min after the occurrence.
    assert.equal(item.code, 'LATE_WRITTEN');
    assert.equal(item.deadline, T0 + 240 * MIN);
    ackAlarm(ctx, { incidentId: incident.id, code: item.code, deadline: item.deadline, stage: 'amber' });
    ackAlarm(ctx, { incidentId: incident.id, code: item.code, deadline: item.deadline, stage: 'amber' });
    assert.deepEqual(dashboard(ctx).items.find((i) => i.incidentId === incident.id)!.acked, ['amber']);
    assert.equal(auditForEntity(ctx.db, 'alarm', 1).length, 1);
    const h = handoverSummary(ctx, ctx.now());
    assert.equal(h.openIncidents.length, 1);
    assert.equal(h.upcomingDeadlines.length, 1);
    assert.equal(handoverSummary(ctx, ctx.now(), 60 * MIN).upcomingDeadlines.length, 0, 'outside the horizon');
  });

  test('dashboard: live deadlines first, nearest first; then deadlines missed long ago, most recent first', () => {
    const ctx = ctxAt(T0 + 10 * MIN);
    const ids = Array.from({ length: 6 }, (_, k) => intake(ctx, { place: `路口${k}` }).incident.id);
    const DAY = 24 * 60 * MIN;
    // The derived column as the engine would leave it: two coming, one passed an hour ago (still
    // alarming), three missed days and years ago.
    const due = [ctx.now() + 60 * MIN, ctx.now() + 30 * MIN, ctx.now() - 60 * MIN, ctx.now() - 3 * DAY, ctx.now() - 900 * DAY, ctx.now() - 2 * DAY];
    ids.forEach((id, k) => ctx.db.prepare('UPDATE incidents SET next_deadline = ? WHERE id = ?').run(due[k], id));
    const order = (limit?: number) => withPendingDeadline(ctx.db, ctx.now() - ALARM_WINDOW_MS, limit).map((i) => ids.indexOf(i.id));
    assert.deepEqual(order(), [2, 1, 0, 5, 3, 4]);
    assert.deepEqual(order(4), [2, 1, 0, 5], 'the limit keeps the live ones and the most recent misses');
    assert.deepEqual(order(2), [2, 1]);
    assert.deepEqual(dashboard(ctx).items.map((i) => ids.indexOf(i.incidentId)), [2, 1, 0, 5, 3, 4]);
  });
});

describe('log search and duplicates', () => {
  test('full-text search: trigram for 3+ characters, LIKE below; filters', () => {
    const ctx = ctxAt(T0 + 10 * MIN);
    intake(ctx, { place: '光谷大道' }, { summary: '货车与公交车相撞', location: '光谷大道' });
    intake(ctx, { place: '江汉路步行街', category: 'fire' }, { summary: '商铺起火', location: '江汉路步行街' });
    assert.equal(listLog(ctx, { query: '公交车', offset: 0, limit: 100 }).total, 1);
    assert.equal(listLog(ctx, { query: '起火', offset: 0, limit: 100 }).total, 1, 'two characters fall back to LIKE');
    assert.equal(listLog(ctx, { query: '光', offset: 0, limit: 100 }).total, 1);
    assert.equal(listLog(ctx, { query: '2026-0002', offset: 0, limit: 100 }).rows[0]?.place, '江汉路步行街');
    assert.equal(listLog(ctx, { category: 'fire', offset: 0, limit: 100 }).total, 1);
    assert.equal(listLog(ctx, { flag: 'LATE_FIRST', offset: 0, limit: 100 }).total, 0);
    assert.equal(listLog(ctx, { offset: 0, limit: 1 }).rows.length, 1);
    assert.equal(listLog(ctx, { offset: 0, limit: 1 }).total, 2);
  });

  test('possible duplicates: same unit and category, place alike, within 6 h', () => {
    const ctx = ctxAt(T0 + 10 * MIN);
    intake(ctx, { place: '建设大道与发展路口' });
    assert.equal(findDuplicates(ctx, { unit: '东城区', category: 'road_traffic', occurredAt: T0 + 6 * 60 * MIN, place: '发展路口' }).length, 1);
    assert.equal(findDuplicates(ctx, { unit: '东城区', category: 'road_traffic', occurredAt: T0 + 6 * 60 * MIN + 1, place: '发展路口' }).length, 0);
    assert.equal(findDuplicates(ctx, { unit: '东城区', category: 'fire', occurredAt: T0, place: '发展路口' }).length, 0);
    assert.equal(findDuplicates(ctx, { unit: '东城区', category: 'road_traffic', occurredAt: T0, place: '长江大桥' }).length, 0);
  });
});

describe('the seams: on duty at the deadline, and the contract', () => {
  test('the shift on duty is stored as a text snapshot with person ids; null without a roster', () => {
    assert.deepEqual(onDutySnapshot(null), { text: null, ids: null });
    const snap = onDutySnapshot({
      start: T0,
      end: T0 + 24 * 60 * MIN,
      shiftName: '全天',
      leaders: [{ id: 7, name: '张局', phone: '' }],
      officers: [
        { id: 8, name: '李四', phone: '' },
        { id: 9, name: '王五', phone: '' },
      ],
      checkedIn: [],
    });
    assert.deepEqual(snap, { text: '全天：张局 / 李四、王五', ids: '[7,8,9]' });
  });

  test('through the dispatcher: a review without a leader or reason says what to fill in, in Chinese', async () => {
    const ctx = ctxAt(T0 + 121 * MIN);
    intake(ctx);
    const flag = listQueue(ctx, { review: 'pending' }).rows[0]!;
    const dispatch = createDispatcher(ctx, { logError: () => {} });
    const r = await dispatch('flags.review', { flagId: flag.id, decision: 'confirmed', leader: ' ', reason: '' });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.error.code, 'invalid_input');
      assert.match(r.error.message, /请填写确认的带班领导姓名/);
      assert.match(r.error.message, /请写明理由/);
    }
    const ok = await dispatch('flags.review', { flagId: flag.id, decision: 'dismissed', leader: '张局', reason: '核实为系统录入延迟' });
    assert.equal(ok.ok, true);
    const again = await dispatch('flags.review', { flagId: flag.id, decision: 'confirmed', leader: '张局', reason: '再次确认' });
    assert.equal(again.ok, false);
    if (!again.ok) assert.match(again.error.message, /该标记已由 张局 于 \d\d:\d\d 核定为“排除”/);
  });
});

describe("the duty room's upward reports (UPWARD_LATE)", () => {
  test('a level III incident owes the first upward report within 2 h; logging it late updates the same flag; on time clears it', () => {
    const ctx = ctxAt(T0 + 10 * MIN);
    const { incident } = intake(ctx, {}, { deaths: 3 }); // level III, received at T0 + 10 min
    const upwardFlags = () => incidentDetail(ctx, incident.id).flags.filter((f) => f.code === 'UPWARD_LATE');
    assert.deepEqual(upwardFlags(), [], 'not yet due');
    ctx.setNow(T0 + 131 * MIN);
    runRulesClock(ctx);
    const overdue = upwardFlags();
    assert.equal(overdue.length, 1);
    assert.deepEqual([overdue[0]!.status, overdue[0]!.deadline], ['overdue', T0 + 130 * MIN]);
    addUpward(ctx, { incidentId: incident.id, recipient: '省应急管理厅', channel: 'phone', sentAt: T0 + 131 * MIN, note: '' });
    const late = upwardFlags();
    assert.equal(late.length, 1);
    assert.equal(late[0]!.id, overdue[0]!.id, 'the same flag, its verdict moved');
    assert.deepEqual([late[0]!.status, late[0]!.minutesLate], ['late', 1]);

    const ctx2 = ctxAt(T0 + 10 * MIN);
    const second = intake(ctx2, {}, { deaths: 3 }).incident;
    ctx2.setNow(T0 + 130 * MIN);
    addUpward(ctx2, { incidentId: second.id, recipient: '市政府总值班室', channel: 'fax', sentAt: T0 + 130 * MIN, note: '' });
    ctx2.setNow(T0 + 200 * MIN);
    runRulesClock(ctx2);
    assert.deepEqual(incidentDetail(ctx2, second.id).flags.filter((f) => f.code === 'UPWARD_LATE' && f.status !== 'cleared'), []);
    assert.ok(verifyAudit(ctx.db).ok && verifyAudit(ctx2.db).ok);
  });
  test('a follow-up that lifts the incident to III starts the upward clock at that follow-up: exactly at 2 h after it is on time, the clock flags one second later', () => {
    const ctx = ctxAt(T0 + 10 * MIN);
    const { incident } = intake(ctx, {}, { deaths: 1 }); // level IV at first: nothing owed upward
    const live = () => incidentDetail(ctx, incident.id).flags.filter((f) => f.code === 'UPWARD_LATE' && f.status !== 'cleared');
    ctx.setNow(T0 + 300 * MIN);
    runRulesClock(ctx);
    assert.deepEqual(live(), [], 'level IV owes nothing upward, however long');
    addReport(ctx, incident.id, report({ receivedAt: T0 + 300 * MIN, kind: 'followup', location: 'x', deaths: 3, missing: 0, seriouslyInjured: 0 }));
    assert.equal(incidentDetail(ctx, incident.id).incident.currentLevel, 'III');
    assert.ok(incidentDetail(ctx, incident.id).pending.some((p) => p.code === 'UPWARD_LATE' && p.deadline === T0 + 420 * MIN), 'due 2 h after the lifting report');
    ctx.setNow(T0 + 420 * MIN);
    runRulesClock(ctx);
    assert.deepEqual(live(), [], 'exactly at the deadline nothing is overdue');
    ctx.setNow(T0 + 420 * MIN + 1000);
    runRulesClock(ctx);
    assert.deepEqual(live().map((f) => [f.status, f.deadline, f.minutesLate]), [['overdue', T0 + 420 * MIN, 1]]);
    addUpward(ctx, { incidentId: incident.id, recipient: '省应急管理厅', channel: 'phone', sentAt: T0 + 420 * MIN, note: '补登：按时电话上报' });
    assert.deepEqual(live(), [], 'an upward report sent exactly at the deadline is on time');
  });
});

describe('intake a tired officer can trust (issue 15)', () => {
  const AppErrorKey = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      return (e as { key?: string }).key ?? String(e);
    }
    assert.fail('expected a refusal');
  };

  test("the entry is stamped by the server's clock; an untyped call began startedMsAgo before the save", () => {
    const ctx = ctxAt(T0 + 30 * MIN);
    const { report: r } = intake(ctx, {}, { receivedAt: undefined, startedMsAgo: 95_000 });
    assert.equal(r.enteredAt, T0 + 30 * MIN);
    assert.equal(r.receivedAt, T0 + 30 * MIN - 95_000);
    const typed = addReport(ctx, r.incidentId, report({ kind: 'followup', receivedAt: T0 + 20 * MIN, startedMsAgo: 5_000 }));
    assert.deepEqual([typed.receivedAt, typed.enteredAt], [T0 + 20 * MIN, T0 + 30 * MIN], 'a typed time wins over the timer; the stamp is the server');
    assert.throws(() => reportFieldsSchema.strict().parse({ kind: 'initial', channel: 'phone', fromUnit: '东城区', enteredAt: T0 }), /Unrecognized key/, 'no client stamp is taken');
  });

  test('units come from the directory: an unknown responsible unit or official source is refused; others name their source', () => {
    const ctx = ctxAt(T0 + 30 * MIN);
    const before = verifyAudit(ctx.db).rows;
    assert.equal(AppErrorKey(() => intake(ctx, { responsibleUnit: '东城' })), 'incident.unitNotInDirectory');
    assert.equal(AppErrorKey(() => intake(ctx, {}, { fromUnit: '南湖区南湖区' })), 'incident.fromUnitNotInDirectory');
    // A pasted spreadsheet row (tabs) is not a unit's name: refused by the schema, before the directory.
    assert.throws(() => intake(ctx, {}, { fromUnit: '东城区\t张三\t138' }), /validation\.unsafeText/);
    assert.equal(verifyAudit(ctx.db).rows, before, 'nothing written');
    const { report: media } = intake(ctx, {}, { channel: 'media', fromUnit: '市融媒体中心' });
    assert.equal(media.fromUnit, '市融媒体中心');
  });

  test('a likely duplicate is refused until a person decides; the reason is kept in the audit', () => {
    const ctx = ctxAt(T0 + 30 * MIN);
    // As a person saves through the contract: not scripted, so the duplicate check runs.
    const asPerson = (over: Partial<Intake> = {}) =>
      createIncident(ctx, intakeSchema.parse({ category: 'road_traffic', responsibleUnit: '东城区', occurredAt: T0, place: '建设大道与发展路口', report: { kind: 'initial', channel: 'phone', fromUnit: '东城区', receivedAt: ctx.now() }, ...over }));
    const { incident: first } = asPerson();
    ctx.setNow(T0 + 40 * MIN);
    const n = verifyAudit(ctx.db).rows;
    assert.equal(AppErrorKey(() => asPerson()), 'incident.likelyDuplicate');
    assert.equal(verifyAudit(ctx.db).rows, n);
    assert.equal(AppErrorKey(() => asPerson({ notDuplicateOf: { ids: [first.id + 1], reason: '不是这一起' } })), 'incident.likelyDuplicate', 'the decision names the incident shown');
    const { incident: second } = asPerson({ notDuplicateOf: { ids: [first.id], reason: '同一路口另一起追尾' } });
    assert.notEqual(second.id, first.id);
    const audit = auditForEntity(ctx.db, 'incident', second.id);
    assert.match(audit[0]!.after ?? '', /"notDuplicateOf":\{"ids":\[1\],"reason":"同一路口另一起追尾"\}/);
  });

  test('a final report that says the response ended closes the incident in the same save; it leaves the handover', () => {
    const ctx = ctxAt(T0 + 30 * MIN);
    const { incident } = intake(ctx);
    ctx.setNow(T0 + 90 * MIN);
    assert.equal(AppErrorKey(() => addReport(ctx, incident.id, report({ kind: 'followup', receivedAt: T0 + 60 * MIN }), 'incidents.addReport', { closesIncident: true })), 'incident.closeNeedsFinal');
    addReport(ctx, incident.id, report({ kind: 'final', channel: 'fax', receivedAt: T0 + 80 * MIN, summary: '处置完毕' }), 'incidents.addReport', { closesIncident: true });
    const d = incidentDetail(ctx, incident.id);
    assert.equal(d.incident.closedAt, T0 + 80 * MIN);
    assert.equal(d.incident.status, 'closed');
    assert.equal(handoverSummary(ctx, T0 + 90 * MIN).openIncidents.some((i) => i.incidentId === incident.id), false);
    assert.ok(verifyAudit(ctx.db).ok);
  });
});
