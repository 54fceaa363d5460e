// The dashboard's alarms: amber in a deadline's last 15 minutes, overdue for a day after it passed,
// then none (the deadline stays red in the lists). At the edges, to the millisecond.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ALARM_WINDOW_MS, AMBER_MS, alarmStageOf } from '../../shared/domain/incident.js';

const D = Date.UTC(2026, 10, 24, 8, 0, 0);

test('the edges: amber from 15 minutes before, overdue just after, silent a day later', () => {
  assert.equal(alarmStageOf(D, D - AMBER_MS - 1), null);
  assert.equal(alarmStageOf(D, D - AMBER_MS), 'amber');
  assert.equal(alarmStageOf(D, D), 'amber', 'at the deadline itself it is not yet late');
  assert.equal(alarmStageOf(D, D + 1), 'overdue');
  assert.equal(alarmStageOf(D, D + ALARM_WINDOW_MS), 'overdue');
  assert.equal(alarmStageOf(D, D + ALARM_WINDOW_MS + 1), null);
});

test('at any instant, exactly the alarm its distance from the deadline says', () => {
  fc.assert(
    fc.property(fc.integer({ min: -3 * ALARM_WINDOW_MS, max: 3 * ALARM_WINDOW_MS }), (offset) => {
      const expected = offset > 0 ? (offset <= ALARM_WINDOW_MS ? 'overdue' : null) : offset >= -AMBER_MS ? 'amber' : null;
      assert.equal(alarmStageOf(D, D + offset), expected);
    }),
    { numRuns: 2000, seed: 24 },
  );
});
