// Runs in plain Node (tests): properties of the engine over random incidents (fast-check).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { OFFICIAL_CHANNELS } from '../../../shared/domain/channels.js';
import { LEVELS } from '../../../shared/domain/levels.js';
import { DEFAULT_RULE_SET } from '../../../shared/domain/rules/default-rule-set.js';
import { evaluateIncident, type Evaluation } from '../../../shared/domain/rules/evaluate-incident.js';
import { compareFlags, type Flag } from '../../../shared/domain/rules/flag.js';
import type { Incident } from '../../../shared/domain/rules/incident.js';
import { withNow } from './arbitraries.js';
import { DAY, HOUR, MINUTE, UNIT } from './helpers.js';

const isLate = (f: Flag) => f.status === 'late' || f.status === 'overdue';
const withoutIndex = (e: Evaluation) => e.flags.map(({ reportIndex: _, ...f }) => f);

describe('engine properties', () => {
  test('never throws on valid input, and every flag keeps the contract', () => {
    fc.assert(
      fc.property(withNow(), ([inc, now]) => {
        const e = evaluateIncident(inc, DEFAULT_RULE_SET, now);
        assert.ok(LEVELS.includes(e.initialLevel) && LEVELS.includes(e.currentLevel));
        for (let i = 1; i < e.flags.length; i++) assert.ok(compareFlags(e.flags[i - 1]!, e.flags[i]!) <= 0, 'flags sorted');
        for (const f of e.flags) {
          if (f.status === 'late') {
            assert.ok(f.deadline !== null && f.actual !== null && f.actual > f.deadline);
            assert.equal(f.minutesLate, Math.ceil((f.actual - f.deadline) / MINUTE));
            assert.ok(f.minutesLate >= 1);
          } else if (f.status === 'overdue') {
            assert.ok(f.deadline !== null && f.actual === null && now > f.deadline);
            assert.equal(f.minutesLate, Math.ceil((now - f.deadline) / MINUTE));
          } else {
            assert.equal(f.minutesLate, null);
          }
          if (f.actual !== null) assert.equal(inc.reports[f.reportIndex!]!.receivedAt, f.actual);
        }
        assert.ok(e.flags.filter((f) => f.code === 'SUSPECT_CONCEALED').length <= 1);
        for (const code of ['LATE_FIRST', 'LATE_WRITTEN', 'LATE_FINAL', 'OMITTED_UNREPORTED'] as const)
          assert.ok(e.flags.filter((f) => f.code === code).length <= 1, code);
      }),
      { numRuns: 3000 },
    );
  });

  test('shifting every time, now included, by the same amount shifts the flags’ times and nothing else', () => {
    fc.assert(
      fc.property(withNow(), fc.integer({ min: -20 * 365 * DAY, max: 20 * 365 * DAY }), ([inc, now], delta) => {
        const s = (x: number | null | undefined) => (x == null ? x : x + delta);
        const shifted: Incident = {
          ...inc,
          occurredAt: inc.occurredAt + delta,
          learnedAt: s(inc.learnedAt),
          closedAt: s(inc.closedAt),
          reports: inc.reports.map((r) => ({ ...r, receivedAt: r.receivedAt + delta, occurredAt: s(r.occurredAt) })),
        };
        const a = evaluateIncident(inc, DEFAULT_RULE_SET, now);
        const b = evaluateIncident(shifted, DEFAULT_RULE_SET, now + delta);
        assert.deepEqual(
          b.flags,
          a.flags.map((f) => ({ ...f, deadline: s(f.deadline) as number | null, actual: s(f.actual) as number | null })),
        );
        assert.equal(b.initialLevel, a.initialLevel);
        assert.equal(b.currentLevel, a.currentLevel);
      }),
      { numRuns: 1500 },
    );
  });

  test('the order reports are given in does not matter', () => {
    fc.assert(
      fc.property(
        withNow().filter(([inc]) => new Set(inc.reports.map((r) => r.receivedAt)).size === inc.reports.length),
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        ([inc, now], keys) => {
          const it = keys[Symbol.iterator]();
          const shuffled = inc.reports.map((r) => [it.next().value as number, r] as const).sort((x, y) => x[0] - y[0]).map(([, r]) => r);
          assert.deepEqual(
            withoutIndex(evaluateIncident({ ...inc, reports: shuffled }, DEFAULT_RULE_SET, now)),
            withoutIndex(evaluateIncident(inc, DEFAULT_RULE_SET, now)),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('adding an on-time official report never adds a late or overdue flag', () => {
    // Reports received after the clock start and stating no occurrence time, so that the added
    // report cannot move the deadlines; it states no figures, so it cannot raise the level.
    const arb = withNow({ statesOccurredAt: false })
      .map(([inc, now]) => {
        const clockStart = inc.learnedAt ?? inc.occurredAt;
        return [{ ...inc, reports: inc.reports.filter((r) => r.receivedAt >= clockStart) }, now] as const;
      })
      .chain(([inc, now]) =>
        fc.tuple(
          fc.constant(inc),
          fc.constant(now),
          fc.record({
            kind: fc.constantFrom('initial' as const, 'followup' as const),
            channel: fc.constantFrom(...OFFICIAL_CHANNELS),
            fromUnit: fc.constant(UNIT),
            // 30 min: the shortest first-report limit, so on time whatever the level.
            receivedAt: fc.integer({ min: 0, max: 30 * MINUTE }).map((o) => (inc.learnedAt ?? inc.occurredAt) + o),
          }),
        ),
      );
    fc.assert(
      fc.property(arb, ([inc, now, extra]) => {
        // The unit's lateness only: an official report rightly starts the duty room's own upward
        // clock (UPWARD_LATE), which judges the duty room, not the reporting unit.
        const unitLate = (f: Flag) => isLate(f) && f.code !== 'UPWARD_LATE';
        const before = evaluateIncident(inc, DEFAULT_RULE_SET, now).flags.filter(unitLate);
        const after = evaluateIncident({ ...inc, reports: [...inc.reports, extra] }, DEFAULT_RULE_SET, now).flags.filter(unitLate);
        assert.ok(after.length <= before.length, `late flags ${before.length} → ${after.length}`);
        assert.ok(!after.some((f) => f.code === 'LATE_FIRST'));
      }),
      { numRuns: 3000 },
    );
  });

  test('a verified learnedAt later than the occurrence never adds a late flag', () => {
    fc.assert(
      fc.property(withNow({ statesOccurredAt: false }), fc.integer({ min: 0, max: 6 * HOUR }), ([inc, now], later) => {
        const before = evaluateIncident({ ...inc, learnedAt: null }, DEFAULT_RULE_SET, now).flags.filter(isLate);
        const after = evaluateIncident({ ...inc, learnedAt: inc.occurredAt + later }, DEFAULT_RULE_SET, now).flags.filter(isLate);
        assert.ok(after.length <= before.length);
      }),
      { numRuns: 1500 },
    );
  });
});
