// Services on a real SQLite file with a test clock: the rule set in force is stored, versioned and
// audited (issue 17 item 3). Saving a version re-judges the open incidents at once (the dashboard's
// countdown moves), every flag records the version that judged it, and a flag a leader confirmed
// is never re-judged or removed by another version.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../shared/api/app-error.js';
import { DEFAULT_RULE_SET } from '../../shared/domain/rules/default-rule-set.js';
import { rulePack } from '../../shared/domain/rules/packs/index.js';
import type { RuleSetV2 } from '../../shared/domain/rules/rule-set.js';
import { addReport, getIncident } from '../../electron/services/incidents/intake.js';
import { reportFieldsSchema } from '../../shared/domain/incident.js';
import { incidentDetail } from '../../electron/services/incidents/queries.js';
import { reviewFlag } from '../../electron/services/incidents/followup.js';
import { runRulesClock } from '../../electron/services/incidents/rules-clock.js';
import { exportRuleSet, previewRuleSet, readDocument, ruleSetInForce, ruleSetInfo, saveRuleSet } from '../../electron/services/rule-sets.js';
import { createDispatcher } from '../../electron/services/dispatcher.js';
import { testContext, ensureUnits, type TestContext } from '../helpers/context.js';
import { sceneFollowup, sceneIncident, STATED } from '../helpers/scenes.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** 2026-11-24 09:00 in Shanghai; every time here is set from it, never from today. */
const T0 = Date.UTC(2026, 10, 24, 1, 0, 0);

const pack = (id: string): RuleSetV2 => structuredClone(rulePack(id)!.ruleSet);
const auditCount = (ctx: TestContext, entity: string) => (ctx.db.prepare('SELECT count(*) AS n FROM audit_log WHERE entity = ?').get(entity) as { n: number }).n;
const flagsOf = (ctx: TestContext, id: number) => incidentDetail(ctx, id).flags;

function room(): TestContext {
  const ctx = testContext({ now: T0 });
  ensureUnits(ctx, ['东城区', '西城区', '南湖区']);
  return ctx;
}

describe('the rule set in force', () => {
  test('a new database judges by version 1, the built-in default as it stood, and every flag says so', () => {
    const ctx = room();
    const inForce = ruleSetInForce(ctx);
    assert.equal(inForce.version, 1);
    assert.deepEqual(inForce.ruleSet, DEFAULT_RULE_SET, 'migration 0140 stored the version-1 default exactly');
    const info = ruleSetInfo(ctx);
    assert.equal(info.basedOn, 'built-in');
    assert.equal(info.inForce, true);
    // Occurred 5 h before the first report: LATE_FIRST (level IV: 120 min).
    const late = sceneIncident(ctx, { unit: '东城区', occurredAt: T0 - 5 * HOUR, receivedAt: T0 });
    const flag = flagsOf(ctx, late.id).find((f) => f.code === 'LATE_FIRST')!;
    assert.equal(flag.status, 'late');
    assert.equal(flag.ruleSetVersion, 1);
  });

  test('saving Henan moves the open incident’s written deadline from 240 to 360 min at once; the preview said so first', () => {
    const ctx = room();
    const open = sceneIncident(ctx, { unit: '东城区', occurredAt: T0, receivedAt: T0 + 10 * MIN });
    assert.equal(getIncident(ctx, open.id).nextDeadline, T0 + 240 * MIN);
    assert.equal(getIncident(ctx, open.id).nextDeadlineCode, 'LATE_WRITTEN');
    const henan = pack('cn-henan');

    const before = ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get();
    const preview = previewRuleSet(ctx, henan);
    assert.equal(preview.version, 2);
    assert.equal(preview.incidents, 1);
    assert.equal(preview.nextDeadlineChanged, 1);
    assert.deepEqual(ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get(), before, 'a preview writes nothing');
    assert.equal(getIncident(ctx, open.id).nextDeadline, T0 + 240 * MIN);
    assert.equal(ruleSetInForce(ctx).version, 1);

    const saved = saveRuleSet(ctx, { document: henan, basedOn: 'cn-henan', basedOnVersion: 1, note: '执行河南省时限' });
    assert.equal(saved.version, 2);
    assert.equal(saved.nextDeadlineChanged, 1);
    assert.equal(getIncident(ctx, open.id).nextDeadline, T0 + 360 * MIN, 'the dashboard’s countdown moved with the save');
    assert.equal(ruleSetInForce(ctx).version, 2);
    assert.equal(auditCount(ctx, 'rule_set'), 1);
    const row = ctx.db.prepare("SELECT actor, after FROM audit_log WHERE entity = 'rule_set'").get() as { actor: string; after: string };
    assert.equal(row.actor, ctx.actor);
    assert.equal((JSON.parse(row.after) as { version: number }).version, 2);

    // Past the new deadline: the overdue flag is version 2's.
    ctx.setNow(T0 + 7 * HOUR);
    runRulesClock(ctx);
    const written = flagsOf(ctx, open.id).find((f) => f.code === 'LATE_WRITTEN')!;
    assert.deepEqual([written.status, written.deadline, written.ruleSetVersion], ['overdue', T0 + 360 * MIN, 2]);
  });

  test('a confirmed flag survives a version that would not raise it; an unreviewed one is cleared; closed incidents are left', () => {
    const ctx = room();
    // Both first reports came 3 h after the event: late by 60 min under version 1 (IV: 120 min).
    const confirmed = sceneIncident(ctx, { unit: '东城区', occurredAt: T0 - 3 * HOUR, receivedAt: T0 });
    const pending = sceneIncident(ctx, { unit: '西城区', occurredAt: T0 - 3 * HOUR, receivedAt: T0 });
    const closed = sceneIncident(ctx, { unit: '南湖区', occurredAt: T0 - 3 * HOUR, receivedAt: T0 });
    ctx.setNow(T0 + 30 * MIN);
    const final = { kind: 'final', channel: 'fax', fromUnit: '南湖区', receivedAt: T0 + 30 * MIN, ...STATED, summary: '处置完毕', measuresTaken: '已清理现场', directLossYuan: 0 };
    addReport(ctx, closed.id, reportFieldsSchema.parse(final), 'incidents.addReport', { closesIncident: true });
    assert.equal(getIncident(ctx, closed.id).status, 'closed');
    const lateFirst = (id: number) => flagsOf(ctx, id).find((f) => f.code === 'LATE_FIRST')!;
    ctx.setNow(T0 + HOUR);
    reviewFlag(ctx, { flagId: lateFirst(confirmed.id).id, decision: 'confirmed', leader: '张局', reason: '核实属迟报' });

    // A place that gives level IV ten hours for the first report.
    const lenient = pack('cn-default');
    (lenient.profiles.accident.limits.IV as { firstReportMin: number }).firstReportMin = 600;
    const preview = previewRuleSet(ctx, lenient);
    assert.equal(preview.keptReviewed, 1);
    assert.ok(preview.changes.some((c) => c.incidentId === pending.id && c.code === 'LATE_FIRST' && c.kind === 'cleared'));
    assert.ok(!preview.changes.some((c) => c.incidentId === confirmed.id && c.code === 'LATE_FIRST'));
    assert.ok(!preview.changes.some((c) => c.incidentId === closed.id), 'closed incidents are not re-judged');
    saveRuleSet(ctx, { document: lenient, basedOn: 'cn-default', basedOnVersion: 1, note: '' });

    const kept = lateFirst(confirmed.id);
    assert.deepEqual([kept.status, kept.review, kept.ruleSetVersion, kept.minutesLate], ['late', 'confirmed', 1, 60]);
    assert.equal(lateFirst(pending.id).status, 'cleared');
    assert.equal(lateFirst(pending.id).ruleSetVersion, 2);
    assert.equal(lateFirst(closed.id).status, 'late', 'a closed incident keeps the verdict it was closed with');
    assert.equal(lateFirst(closed.id).ruleSetVersion, 1);

    // Later changes of the incident go on judging the confirmed flag by its own version.
    sceneFollowup(ctx, confirmed.id, T0 + 2 * HOUR, { fromUnit: '东城区' });
    runRulesClock(ctx);
    assert.deepEqual([lateFirst(confirmed.id).status, lateFirst(confirmed.id).ruleSetVersion], ['late', 1]);
    assert.ok(getIncident(ctx, confirmed.id).flagCodes.includes('LATE_FIRST'), 'the log still lists the confirmed flag');
  });

  test('refused, with nothing changed: a bad file naming the field, a stale base, an unchanged copy; a file round-trips', () => {
    const ctx = room();
    const bad = pack('cn-default') as unknown as { profiles: { natural: { limits: { II: { firstReportMin: unknown } } } } };
    bad.profiles.natural.limits.II.firstReportMin = -5;
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        assert.ok(e instanceof AppError);
        return e;
      }
      assert.fail('expected a refusal');
    };
    const invalid = refusal(() => saveRuleSet(ctx, { document: bad, basedOn: 'file', basedOnVersion: 1, note: '' }));
    assert.equal(invalid.code, 'invalid_input');
    assert.equal(invalid.params.path, 'profiles.natural.limits.II.firstReportMin');
    assert.equal(ruleSetInForce(ctx).version, 1);
    assert.equal(auditCount(ctx, 'rule_set'), 0);

    saveRuleSet(ctx, { document: pack('cn-wuhan'), basedOn: 'cn-wuhan', basedOnVersion: 1, note: '' });
    const stale = refusal(() => saveRuleSet(ctx, { document: pack('cn-henan'), basedOn: 'cn-henan', basedOnVersion: 1, note: '' }));
    assert.equal(stale.code, 'conflict');
    assert.equal(stale.key, 'rules.changedMeanwhile');
    const same = refusal(() => saveRuleSet(ctx, { document: pack('cn-wuhan'), basedOn: 'cn-wuhan', basedOnVersion: 2, note: '' }));
    assert.equal(same.key, 'rules.unchanged');
    assert.equal(ruleSetInForce(ctx).version, 2);

    const file = exportRuleSet(ctx);
    assert.equal(file.fileName, 'rule-set-v2.json');
    assert.deepEqual(readDocument(JSON.parse(file.text)), pack('cn-wuhan'));
  });

  test('through the dispatcher: a file is read as version 2, or refused in words naming the field', async () => {
    const dispatch = createDispatcher(room());
    const v1 = await dispatch('rules.read', { text: JSON.stringify(DEFAULT_RULE_SET) });
    assert.equal(v1.ok && (v1.value as { document: { version: number } }).document.version, 2);
    const notJson = await dispatch('rules.read', { text: '{"schema": ' });
    assert.equal(!notJson.ok && notJson.error.code, 'invalid_input');
    assert.match(!notJson.ok ? notJson.error.message : '', /JSON/);
    const bad = pack('cn-henan') as unknown as { timeZone: string };
    bad.timeZone = 'Mars/Olympus';
    const refused = await dispatch('rules.read', { text: JSON.stringify(bad) });
    assert.match(!refused.ok ? refused.error.message : '', /^规则文件有误，未作任何修改：timeZone：/);
  });
});

describe('daily follow-ups stored', () => {
  test('each missed 08:00/17:00 deadline is its own flag, and keeps its identity when the report comes', () => {
    const ctx = room();
    // Level II by its figures (10 dead): Henan owes a follow-up every day by 08:00 and 17:00.
    const i = sceneIncident(ctx, { unit: '东城区', occurredAt: T0 - 20 * MIN, receivedAt: T0 - 10 * MIN, report: { deaths: 10 } });
    saveRuleSet(ctx, { document: pack('cn-henan'), basedOn: 'cn-henan', basedOnVersion: 1, note: '' });
    // Two days later at noon: 25th 08:00 and 17:00, 26th 08:00 missed.
    ctx.setNow(T0 + 51 * HOUR);
    runRulesClock(ctx);
    const daily = () => flagsOf(ctx, i.id).filter((f) => f.code === 'LATE_FOLLOWUP').sort((a, b) => a.deadline! - b.deadline!);
    const before = daily();
    assert.equal(before.length, 3);
    assert.deepEqual(before.map((f) => f.status), ['overdue', 'overdue', 'overdue']);
    assert.equal(new Set(before.map((f) => f.slot)).size, 3);
    assert.ok(before.every((f) => !f.slot.includes('+')), before.map((f) => f.slot).join(' '));
    sceneFollowup(ctx, i.id, T0 + 51 * HOUR, { fromUnit: '东城区', deaths: 10 });
    const after = daily();
    assert.deepEqual(after.map((f) => [f.id, f.status]), before.map((f) => [f.id, 'late']), 'the same three flags, now late');
  });
});
