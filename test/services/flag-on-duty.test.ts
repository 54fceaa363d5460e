// Services on a real SQLite file with a test clock and a saved roster: the shift a flag names is
// the one on duty when its deadline fell, or when the report it is about came (docs/rules.md,
// "Who was on duty"), never the shift of a deadline still to come.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { incidentDetail } from '../../electron/services/incidents/queries.js';
import { runRulesClock } from '../../electron/services/incidents/rules-clock.js';
import { onDutyAt } from '../../electron/services/roster/on-duty.js';
import type { TestContext } from '../helpers/context.js';
import { sceneFollowup, sceneIncident, withNovemberRoster } from '../helpers/scenes.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** 2026-11-24 09:00 in Shanghai. Every time in these tests is set from it, never from today. */
const T0 = Date.UTC(2026, 10, 24, 1, 0, 0);
const UNITS = ['东城区', '西城区', '南湖区'];
describe('the shift a flag names', () => {
  const withRoster = () => withNovemberRoster(T0, UNITS);
  const names = (ctx: TestContext, at: number) => {
    const d = onDutyAt(ctx, at)!;
    return `${d.shiftName}：${d.leaders.map((p) => p.name).join('、')} / ${d.officers.map((p) => p.name).join('、')}`;
  };

  test('a level that rose within 24 h names the shift that received the report, not the shift when the 24 h end', () => {
    const ctx = withRoster();
    const today = names(ctx, T0);
    const tomorrow = names(ctx, T0 + 24 * HOUR);
    assert.notEqual(today, tomorrow, 'the roster rotates');
    const rose = sceneIncident(ctx, { unit: '南湖区', occurredAt: T0, receivedAt: T0 + 10 * MIN, report: { deaths: 1 } });
    sceneFollowup(ctx, rose.id, T0 + 5 * HOUR, { fromUnit: '南湖区', deaths: 3 });
    const flag = incidentDetail(ctx, rose.id).flags.find((f) => f.code === 'SUSPECT_CONCEALED')!;
    assert.equal(flag.reason, 'level_rose');
    assert.equal(flag.deadline, T0 + 10 * MIN + 24 * HOUR, 'its deadline falls in tomorrow’s shift');
    assert.equal(flag.onDutyText, today);
    assert.equal(flag.onDutyText, names(ctx, T0 + 5 * HOUR));
    // Later changes of the incident do not move it while its verdict stands.
    ctx.setNow(T0 + 25 * HOUR);
    runRulesClock(ctx);
    assert.equal(incidentDetail(ctx, rose.id).flags.find((f) => f.code === 'SUSPECT_CONCEALED')!.onDutyText, today);
  });

  test('a deadline that passed names the shift on duty at it; a report with missing items, the shift that received it', () => {
    const ctx = withRoster();
    // Occurred 07:00, before the 08:30 change of shift; the first report was due 09:00 (today's shift)
    // and came at 08:20 without a location (yesterday's shift received it).
    const early = T0 - 2 * HOUR;
    const i = sceneIncident(ctx, { unit: '东城区', occurredAt: early, receivedAt: early + 80 * MIN, report: { location: null } });
    ctx.setNow(T0 + 24 * HOUR);
    runRulesClock(ctx);
    const flags = incidentDetail(ctx, i.id).flags;
    const written = flags.find((f) => f.code === 'LATE_WRITTEN')!;
    assert.deepEqual([written.status, written.deadline], ['overdue', early + 240 * MIN]);
    assert.equal(written.onDutyText, names(ctx, early + 240 * MIN));
    const items = flags.find((f) => f.code === 'OMITTED_FIELDS')!;
    assert.equal(items.onDutyText, names(ctx, early + 80 * MIN));
    assert.notEqual(items.onDutyText, names(ctx, T0), 'the 08:20 report belongs to the night shift before the change');
  });

  test('an omission suspected from a media tip names the shift on duty when the first-report deadline passed', () => {
    const ctx = withRoster();
    // A tip at 07:30 about an event at 07:00; the unit's report was due 09:00 and never came.
    const early = T0 - 2 * HOUR;
    const tip = sceneIncident(ctx, { unit: '西城区', occurredAt: early, receivedAt: early + 30 * MIN, report: { channel: 'media', fromUnit: '市融媒体中心' } });
    ctx.setNow(T0 + 30 * HOUR);
    runRulesClock(ctx);
    const flags = incidentDetail(ctx, tip.id).flags;
    const omitted = flags.find((f) => f.code === 'OMITTED_UNREPORTED')!;
    assert.equal(omitted.onDutyText, names(ctx, early + 120 * MIN));
    const concealed = flags.find((f) => f.code === 'SUSPECT_CONCEALED')!;
    assert.equal(concealed.reason, 'unreported');
    assert.equal(concealed.onDutyText, names(ctx, early + 30 * MIN + 24 * HOUR), 'no official report by the end of the 24 h: the shift on duty then');
  });
});
