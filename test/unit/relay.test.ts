// Runs in plain Node (tests): judging a notice's relay, receipts and feedback (shared/domain/relay.ts)
// at the deadline minute, and properties over random steps (fast-check).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_RELAY_LIMITS, judgeRelay, relayLimitMin, type StepFact } from '../../shared/domain/relay.js';
import { parseRuleSet, relayLimitsOf } from '../../shared/domain/rules/rule-set.js';
import { RULE_PACKS } from '../../shared/domain/rules/packs/index.js';

const MIN = 60_000;
const T0 = Date.parse('2026-07-20T20:00:00+08:00');
const notice = (over: Partial<Parameters<typeof judgeRelay>[0]> = {}) => ({
  kind: 'warning' as const,
  levelText: '暴雨红色预警',
  receivedAt: T0,
  receiptDeadlineMin: 30,
  feedbackDueAt: null,
  unitIds: [1, 2],
  ...over,
});
const relay = (unitId: number, at: number): StepFact => ({ unitId, step: 'relay', at, means: 'fax' });
const receipt = (unitId: number, at: number): StepFact => ({ unitId, step: 'receipt', at, person: '张三' });
const feedback = (unitId: number, at: number): StepFact => ({ unitId, step: 'feedback', at, text: '已转移' });

describe('relay limits', () => {
  test('a red warning within 30 minutes, everything else 60 (the defaults)', () => {
    assert.equal(relayLimitMin(DEFAULT_RELAY_LIMITS, 'warning', '暴雨红色预警'), 30);
    assert.equal(relayLimitMin(DEFAULT_RELAY_LIMITS, 'warning', '暴雨橙色预警'), 60);
    assert.equal(relayLimitMin(DEFAULT_RELAY_LIMITS, 'instruction', ''), 60);
  });

  test('the smallest limit of the words a level contains wins; a word not contained is ignored', () => {
    const limits = { byKindMin: { ...DEFAULT_RELAY_LIMITS.byKindMin, superior: 90 }, byLevelWordMin: { 红色: 30, Ⅰ级: 20, 橙色: 45 } };
    assert.equal(relayLimitMin(limits, 'superior', '防汛Ⅰ级应急响应 红色'), 20);
    assert.equal(relayLimitMin(limits, 'superior', '防汛Ⅳ级应急响应'), 90);
  });

  test('every pack reads without a relay section and takes the defaults; a relay section is read and checked', () => {
    for (const pack of RULE_PACKS) assert.deepEqual(relayLimitsOf(pack.ruleSet), DEFAULT_RELAY_LIMITS);
    const doc = { ...RULE_PACKS[0]!.ruleSet, relay: { byKindMin: { superior: 45, warning: 60, instruction: 30, local: 60 }, byLevelWordMin: { 红色: 15 } } };
    const ok = parseRuleSet(JSON.parse(JSON.stringify(doc)));
    assert.ok(ok.ok);
    assert.equal(relayLimitsOf(ok.value).byLevelWordMin['红色'], 15);
    const bad = parseRuleSet(JSON.parse(JSON.stringify({ ...doc, relay: { byKindMin: { superior: 0, warning: 60, instruction: 30, local: 60 }, byLevelWordMin: {} } })));
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.equal(bad.error.path, 'relay.byKindMin.superior');
  });
});

describe('RELAY_LATE (the duty room) at the deadline minute', () => {
  test('the last unit relayed exactly at the deadline is on time; one second later is 1 minute late', () => {
    const dl = T0 + 30 * MIN;
    const on = judgeRelay(notice(), [relay(1, T0 + MIN), relay(2, dl)], 30, dl + 10 * MIN);
    assert.equal(on.relayStatus, 'on_time');
    assert.equal(on.flags.filter((f) => f.code === 'RELAY_LATE').length, 0);
    const late = judgeRelay(notice(), [relay(1, T0 + MIN), relay(2, dl + 1000)], 30, dl + 10 * MIN);
    assert.deepEqual(late.flags.find((f) => f.code === 'RELAY_LATE'), { code: 'RELAY_LATE', status: 'late', unitId: null, step: 'relay', deadline: dl, actual: dl + 1000, minutesLate: 1 });
  });

  test('a unit not yet relayed: pending at the deadline, overdue one millisecond after', () => {
    const dl = T0 + 30 * MIN;
    assert.equal(judgeRelay(notice(), [relay(1, T0)], 30, dl).relayStatus, 'pending');
    assert.equal(judgeRelay(notice(), [relay(1, T0)], 30, dl).nextDeadline, dl);
    const over = judgeRelay(notice(), [relay(1, T0)], 30, dl + 1);
    assert.equal(over.relayStatus, 'overdue');
    assert.equal(over.flags.find((f) => f.code === 'RELAY_LATE')?.minutesLate, 1);
  });
});

describe('receipts and feedback at the deadline minute', () => {
  test('the receipt deadline runs from the relay to that unit; exactly at it is on time', () => {
    const r1 = T0 + 5 * MIN;
    const r2 = T0 + 20 * MIN;
    const facts = [relay(1, r1), relay(2, r2), receipt(1, r1 + 30 * MIN), receipt(2, r2 + 30 * MIN + 1)];
    const v = judgeRelay(notice(), facts, 30, T0 + 3 * 60 * MIN);
    assert.equal(v.cells[0]!.receipt, 'on_time');
    assert.equal(v.cells[1]!.receipt, 'late');
    assert.deepEqual(v.flags.filter((f) => f.step === 'receipt'), [{ code: 'RECEIPT_LATE', status: 'late', unitId: 2, step: 'receipt', deadline: r2 + 30 * MIN, actual: r2 + 30 * MIN + 1, minutesLate: 1 }]);
  });

  test('no receipt: pending up to the deadline, RECEIPT_MISSING strictly after; not relayed: no receipt deadline', () => {
    const dl = T0 + 30 * MIN;
    const at = judgeRelay(notice(), [relay(1, T0)], 30, dl);
    assert.equal(at.cells[0]!.receipt, 'pending');
    assert.equal(at.cells[1]!.receipt, 'not_relayed');
    assert.equal(at.cells[1]!.receiptDeadline, null);
    const after = judgeRelay(notice(), [relay(1, T0)], 30, dl + 59_999);
    assert.deepEqual(after.flags.find((f) => f.step === 'receipt'), { code: 'RECEIPT_MISSING', status: 'overdue', unitId: 1, step: 'receipt', deadline: dl, actual: null, minutesLate: 1 });
  });

  test('feedback by the notice deadline for every unit; a later one is FEEDBACK_LATE, none FEEDBACK_MISSING', () => {
    const due = Date.parse('2026-07-21T18:00:00+08:00');
    const n = notice({ kind: 'instruction', levelText: '', feedbackDueAt: due });
    const facts = [relay(1, T0), relay(2, T0), feedback(1, due)];
    const before = judgeRelay(n, facts, 60, due);
    assert.deepEqual([before.cells[0]!.feedback, before.cells[1]!.feedback], ['on_time', 'pending']);
    const after = judgeRelay(n, [...facts, feedback(2, due + 61 * MIN)], 60, due + 2 * 60 * MIN);
    assert.deepEqual(after.flags.filter((f) => f.step === 'feedback').map((f) => [f.code, f.minutesLate]), [['FEEDBACK_LATE', 61]]);
    const none = judgeRelay(n, facts, 60, due + 1);
    assert.deepEqual(none.flags.filter((f) => f.step === 'feedback').map((f) => [f.code, f.unitId, f.minutesLate]), [['FEEDBACK_MISSING', 2, 1]]);
  });

  test('the first of several receipts counts; a receipt before the relay is on time', () => {
    const v = judgeRelay(notice({ unitIds: [1] }), [relay(1, T0 + 10 * MIN), receipt(1, T0 + 5 * MIN), receipt(1, T0 + 90 * MIN)], 30, T0 + 100 * MIN);
    assert.equal(v.cells[0]!.receipt, 'on_time');
    assert.equal(v.flags.length, 0);
  });
});

describe('properties', () => {
  const step = fc.record({ unitId: fc.integer({ min: 1, max: 4 }), step: fc.constantFrom('relay' as const, 'receipt' as const, 'feedback' as const), at: fc.integer({ min: 0, max: 300 * MIN }).map((d) => T0 + d) });
  const arb = fc.record({ facts: fc.array(step, { maxLength: 20 }), now: fc.integer({ min: 0, max: 400 * MIN }).map((d) => T0 + d), due: fc.option(fc.integer({ min: MIN, max: 300 * MIN }).map((d) => T0 + d), { nil: null }) });

  test('every flag is at least 1 minute late and strictly past its deadline; a late flag has its actual, an overdue one none', () => {
    fc.assert(
      fc.property(arb, ({ facts, now, due }) => {
        const v = judgeRelay(notice({ unitIds: [1, 2, 3, 4], feedbackDueAt: due }), facts, 30, now);
        for (const f of v.flags) {
          assert.ok(f.minutesLate >= 1);
          if (f.status === 'late') assert.ok(f.actual !== null && f.actual > f.deadline && f.minutesLate === Math.ceil((f.actual - f.deadline) / MIN));
          else assert.ok(f.actual === null && now > f.deadline);
        }
        // One flag per unit and step at most.
        assert.equal(new Set(v.flags.map((f) => `${f.unitId}|${f.step}`)).size, v.flags.length);
        if (v.nextDeadline !== null) assert.ok(v.nextDeadline >= now);
      }),
    );
  });

  test('the order the steps are given in does not change the verdict', () => {
    fc.assert(
      fc.property(arb, ({ facts, now, due }) => {
        const n = notice({ unitIds: [1, 2, 3, 4], feedbackDueAt: due });
        const distinct = facts.filter((f, i) => facts.findIndex((g) => g.unitId === f.unitId && g.step === f.step && g.at === f.at) === i);
        assert.deepEqual(judgeRelay(n, [...distinct].reverse(), 30, now).flags.sort((a, b) => `${a.unitId}${a.step}`.localeCompare(`${b.unitId}${b.step}`)), judgeRelay(n, distinct, 30, now).flags.sort((a, b) => `${a.unitId}${a.step}`.localeCompare(`${b.unitId}${b.step}`)));
      }),
    );
  });
});
