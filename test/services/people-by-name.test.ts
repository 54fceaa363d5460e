// Services on a real SQLite file with a test clock: people by name, never by their stored actor
// (`user:leader1`), in the handover, the roster's history, the daily reports, the incident's audit
// trail and the bulletin's editions; the handover's deadlines say what is due, and only a
// deadline already passed is called overdue.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dailyReportSchema, periodFieldsSchema } from '../../shared/domain/special-period.js';
import { findUnitByName } from '../../electron/db/repositories/units.js';
import { actorName } from '../../electron/services/actors.js';
import { issueBulletin, listRevisions } from '../../electron/services/bulletin/bulletin.js';
import { handoverSummary } from '../../electron/services/incidents/handover-summary.js';
import { incidentDetail } from '../../electron/services/incidents/queries.js';
import { runRulesClock } from '../../electron/services/incidents/rules-clock.js';
import { createPeriod, logReport, reportsOfCell } from '../../electron/services/periods/periods.js';
import { getHandover, listHandovers, prepareHandover } from '../../electron/services/roster/handover.js';
import { history } from '../../electron/services/roster/roster.js';
import { rosteredShiftAt } from '../../electron/db/repositories/roster.js';
import { createUser } from '../../electron/services/users.js';
import type { TestContext } from '../helpers/context.js';
import { sceneIncident, withNovemberRoster } from '../helpers/scenes.js';

const MIN = 60_000;
/** 2026-11-24 09:00 in Shanghai. */
const T0 = Date.UTC(2026, 10, 24, 1, 0, 0);

/** The roster planned by test:officer; then 王建国 (leader1) signs in and works. */
async function asLeader(): Promise<TestContext> {
  const ctx = withNovemberRoster(T0, ['东城区', '西城区']);
  await createUser(ctx, { username: 'leader1', displayName: '王建国', role: 'leader', password: 'a long enough password', personId: null });
  ctx.actor = 'user:leader1';
  return ctx;
}

describe('people by name', () => {
  test('an actor reads as a person: the display name, the command line account, the demo, nobody', async () => {
    const ctx = await asLeader();
    assert.equal(actorName(ctx, 'user:leader1'), '王建国');
    assert.equal(actorName(ctx, 'user:gone'), 'gone', 'an account not in the table: its username, not the stored form');
    assert.equal(actorName(ctx, 'os:zhang'), 'zhang（命令行）');
    assert.equal(actorName(ctx, 'demo'), '演示数据');
    assert.equal(actorName(ctx, 'anon:http'), '未登录');
  });

  test('the handover record says who prepared it by name, and the stored actor stays as it was', async () => {
    const ctx = await asLeader();
    const shift = rosteredShiftAt(ctx.db, T0)!;
    const h = prepareHandover(ctx, shift.id);
    assert.deepEqual([h.createdBy, h.createdByName], ['user:leader1', '王建国']);
    assert.equal(getHandover(ctx, h.id).createdByName, '王建国');
    assert.equal(listHandovers(ctx)[0]!.createdByName, '王建国');
  });

  test("the roster's history, a daily report, an incident's audit trail and a bulletin's edition name people", async () => {
    const ctx = await asLeader();
    assert.ok(history(ctx, '2026-11').every((c) => c.actor === 'test:officer' && c.actorName === 'officer'));

    const east = findUnitByName(ctx.db, '东城区')!.id;
    const period = createPeriod(ctx, periodFieldsSchema.parse({ name: '冬季安全生产', startDay: '2026-11-24', endDay: '2026-11-26', unitIds: [east], covers: ['险情'] }));
    logReport(ctx, dailyReportSchema.parse({ periodId: period.id, unitId: east, day: '2026-11-24', receivedAt: T0, nothingToReport: true, contents: { 险情: '无' } }));
    assert.deepEqual(
      reportsOfCell(ctx, period.id, east, '2026-11-24').map((r) => [r.actor, r.actorName]),
      [['user:leader1', '王建国']],
    );

    const incident = sceneIncident(ctx, { unit: '东城区', occurredAt: T0, receivedAt: T0 + 10 * MIN });
    const audit = incidentDetail(ctx, incident.id).audit;
    assert.ok(audit.length > 0);
    assert.ok(audit.every((a) => a.actorName === '王建国'));

    ctx.setNow(Date.UTC(2026, 10, 25, 2)); // the duty day of the 24th is over
    issueBulletin(ctx, '2026-11-24', '数据已核对');
    assert.deepEqual(
      listRevisions(ctx, '2026-11-24').map((r) => [r.issuedBy, r.issuedByName]),
      [['user:leader1', '王建国']],
    );
  });
});

describe("the handover's deadlines", () => {
  test('a deadline still to come says what is due and when; only a passed one is overdue', async () => {
    const ctx = await asLeader();
    // A quick report at 09:10 on an occurrence at 09:00: the written report is due at 13:00.
    const i = sceneIncident(ctx, { unit: '东城区', occurredAt: T0, receivedAt: T0 + 10 * MIN });
    const due = handoverSummary(ctx, ctx.now()).upcomingDeadlines.find((d) => d.incidentId === i.id)!;
    assert.equal(due.detail, '书面报告 截止 13:00');
    assert.doesNotMatch(due.detail, /迟报|逾期/);
    ctx.setNow(T0 + 250 * MIN);
    const late = handoverSummary(ctx, ctx.now()).upcomingDeadlines.find((d) => d.incidentId === i.id)!;
    assert.equal(late.detail, '书面报告 已逾期：截止 13:00，已超 10 分钟');
  });

  test('a suspicion handed over says what is wrong in words', async () => {
    const ctx = await asLeader();
    sceneIncident(ctx, { unit: '西城区', occurredAt: T0, receivedAt: T0 + 10 * MIN, report: { channel: 'media', fromUnit: '市融媒体中心' } });
    ctx.setNow(T0 + 150 * MIN);
    runRulesClock(ctx);
    const shift = rosteredShiftAt(ctx.db, ctx.now())!;
    const h = prepareHandover(ctx, shift.id);
    assert.deepEqual(
      h.summary.unconfirmedSuspicions.map((s) => s.detail),
      ['漏报（待核实）：首报截止 11-24 11:00 前责任单位未正式报告，至今未报'],
    );
  });
});
