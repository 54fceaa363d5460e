// Runs in plain Node (tests): the domain's basic predicates (shared/domain/rules/predicates.ts),
// each defined once, at their edges to the millisecond, and the readers built on them agreeing
// with them (the alarm stage, the flags queue's minutes, stored reports' order, official).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { queueMinutesLate } from '../../../shared/domain/flag-queue.js';
import { alarmStageOf, ALARM_WINDOW_MS, AMBER_MS } from '../../../shared/domain/incident.js';
import { currentFigures } from '../../../shared/domain/stats.js';
import {
  byReceiptThenSeq,
  deadlineStage,
  isOfficialReport,
  isPastDeadline,
  minutesLate,
  minutesOverdue,
  overdueMinutesAsOf,
} from '../../../shared/domain/rules/predicates.js';
import { MINUTE, UNIT } from './helpers.js';

const D = Date.UTC(2026, 10, 24, 8, 0, 0);

describe('deadlines', () => {
  test('past only strictly after the deadline; a millisecond late is a minute late', () => {
    assert.equal(isPastDeadline(D, D), false);
    assert.equal(isPastDeadline(D, D + 1), true);
    assert.equal(minutesOverdue(D, D), null);
    assert.equal(minutesOverdue(D, D + 1), 1);
    assert.equal(minutesOverdue(D, D + MINUTE), 1);
    assert.equal(minutesOverdue(D, D + MINUTE + 1), 2);
  });

  test('a stored overdue flag read as of now: rounded up, never below 1', () => {
    assert.equal(overdueMinutesAsOf(D, D + 90 * MINUTE + 1), 91);
    assert.equal(overdueMinutesAsOf(D, D), 1);
    assert.equal(overdueMinutesAsOf(D, D - 5 * MINUTE), 1, 'a reader a moment behind the judge');
    assert.equal(queueMinutesLate({ status: 'overdue', deadline: D, minutesLate: 3 }, D + 61 * MINUTE + 1), 62);
    assert.equal(queueMinutesLate({ status: 'late', deadline: D, minutesLate: 3 }, D + 61 * MINUTE), 3);
  });

  test('stage: amber from amberMs before up to the deadline itself, overdue just after', () => {
    const H = 60 * MINUTE;
    assert.equal(deadlineStage(D, D - H - 1, H), 'ahead');
    assert.equal(deadlineStage(D, D - H, H), 'amber');
    assert.equal(deadlineStage(D, D, H), 'amber');
    assert.equal(deadlineStage(D, D + 1, H), 'overdue');
  });

  test('property: the alarm stage is the deadline stage with the 15-minute amber, silenced a day after', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3 * ALARM_WINDOW_MS, max: 3 * ALARM_WINDOW_MS }), (offset) => {
        const now = D + offset;
        const stage = deadlineStage(D, now, AMBER_MS);
        const expected = stage === 'ahead' ? null : stage === 'overdue' && now - D > ALARM_WINDOW_MS ? null : stage;
        assert.equal(alarmStageOf(D, now), expected);
        assert.equal(minutesOverdue(D, now) !== null, isPastDeadline(D, now));
        if (isPastDeadline(D, now)) assert.equal(overdueMinutesAsOf(D, now), minutesLate(D, now));
      }),
      { numRuns: 2000, seed: 17 },
    );
  });
});

describe('reports', () => {
  test('official: an official channel and the responsible unit, both', () => {
    assert.equal(isOfficialReport({ channel: 'phone', fromUnit: UNIT }, UNIT), true);
    assert.equal(isOfficialReport({ channel: 'fax', fromUnit: '西城区' }, UNIT), false);
    assert.equal(isOfficialReport({ channel: 'media', fromUnit: UNIT }, UNIT), false);
  });

  test('stored reports in the order received, then entered; the current figures follow it', () => {
    const row = (seq: number, receivedAt: number, deaths: number) => ({
      seq, receivedAt, channel: 'phone' as const, fromUnit: UNIT, deaths, missing: null, seriouslyInjured: null, injured: null, directLossYuan: null,
    });
    const rows = [row(3, D, 5), row(1, D + MINUTE, 9), row(2, D, 4)];
    assert.deepEqual([...rows].sort(byReceiptThenSeq).map((r) => r.seq), [2, 3, 1]);
    // The latest received wins; at the same instant, the one entered later.
    assert.equal(currentFigures(UNIT, rows).deaths, 9);
    assert.equal(currentFigures(UNIT, rows.slice(0, 1).concat(rows[2]!)).deaths, 5);
  });
});
