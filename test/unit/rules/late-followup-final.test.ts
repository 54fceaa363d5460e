// Runs in plain Node (tests): LATE_FOLLOWUP and LATE_FINAL at their boundaries.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { briefs, DAY, HOUR, incident, iso, report, SECOND, t, written } from './helpers.js';

const first = t('01:30');
const followup = (at: number, over = {}) => written({ kind: 'followup', receivedAt: at, ...over });
const final = (at: number, over = {}) => written({ kind: 'final', receivedAt: at, ...over });

describe('LATE_FOLLOWUP', () => {
  test('IV: a gap of exactly 24 h is on time; one second more is late by 1', () => {
    const at = (gap: number) => briefs(incident({ reports: [report(), followup(first + gap)] }), first + 2 * DAY, 'LATE_FOLLOWUP');
    assert.deepEqual(at(24 * HOUR), []);
    assert.deepEqual(at(24 * HOUR + SECOND), [
      { code: 'LATE_FOLLOWUP', status: 'late', deadline: iso(first + DAY), actual: iso(first + DAY + SECOND), minutesLate: 1 },
    ]);
  });
  test('open with no final report: overdue once now is past the gap after the last official report', () => {
    const inc = incident({ reports: [report(), followup(first + 10 * HOUR)] });
    const last = first + 10 * HOUR;
    assert.deepEqual(briefs(inc, last + DAY, 'LATE_FOLLOWUP'), []);
    assert.deepEqual(briefs(inc, last + DAY + SECOND, 'LATE_FOLLOWUP'), [
      { code: 'LATE_FOLLOWUP', status: 'overdue', deadline: iso(last + DAY), actual: null, minutesLate: 1 },
    ]);
  });
  test('one flag per gap', () => {
    const inc = incident({ reports: [report(), followup(first + 25 * HOUR), followup(first + 50 * HOUR), final(first + 60 * HOUR)] });
    assert.deepEqual(
      briefs(inc, first + 61 * HOUR, 'LATE_FOLLOWUP').map((f) => [f.status, f.deadline, f.minutesLate]),
      [
        ['late', iso(first + 24 * HOUR), 60],
        ['late', iso(first + 49 * HOUR), 60],
      ],
    );
  });
  test('I and II: 12 h; III: 24 h (the current level)', () => {
    for (const [deaths, gapHours] of [
      [30, 12],
      [10, 12],
      [3, 24],
    ] as const) {
      const at = (gap: number) =>
        briefs(incident({ reports: [report({ deaths, receivedAt: t('01:10') }), followup(t('01:10') + gap, { deaths })] }), t('01:10') + gap, 'LATE_FOLLOWUP');
      assert.deepEqual(at(gapHours * HOUR), [], `deaths ${deaths}`);
      assert.equal(at(gapHours * HOUR + SECOND)[0]?.minutesLate, 1, `deaths ${deaths}`);
    }
  });
  test('the gap limit follows the current level, raised by a later report', () => {
    // First report IV; a follow-up at 02:00 reports 10 deaths (II), so every gap is held to 12 h.
    const inc = incident({ reports: [report(), followup(t('02:00'), { deaths: 10 }), followup(t('14:00:01'), { deaths: 10 })] });
    assert.deepEqual(briefs(inc, t('15:00'), 'LATE_FOLLOWUP').map((f) => [f.status, f.deadline, f.minutesLate]), [
      ['late', '2026-11-24T06:00:00.000Z', 1],
    ]);
  });
  test('reports by other channels or units do not break a gap', () => {
    const inc = incident({
      reports: [report(), report({ channel: 'media', receivedAt: first + 20 * HOUR }), report({ fromUnit: '西城区', receivedAt: first + 22 * HOUR }), followup(first + 30 * HOUR)],
    });
    assert.deepEqual(briefs(inc, first + 31 * HOUR, 'LATE_FOLLOWUP').map((f) => f.minutesLate), [360]);
  });
  test('nothing is judged after the first final report', () => {
    const inc = incident({ reports: [report(), final(first + 10 * HOUR), followup(first + 50 * HOUR)] });
    assert.deepEqual(briefs(inc, first + 100 * HOUR, 'LATE_FOLLOWUP'), []);
  });
  test('a follow-up that would fall due only after closedAt was never owed', () => {
    const inc = incident({ closedAt: first + 20 * HOUR, reports: [report(), final(first + 32 * HOUR)] });
    assert.deepEqual(briefs(inc, first + 100 * HOUR, 'LATE_FOLLOWUP'), []);
    const exactly = incident({ closedAt: first + DAY, reports: [report(), final(first + 32 * HOUR)] });
    assert.deepEqual(briefs(exactly, first + 100 * HOUR, 'LATE_FOLLOWUP'), []);
  });
  test('a follow-up due while still open, that came only after closing, is late', () => {
    const inc = incident({ closedAt: first + 30 * HOUR, reports: [report(), final(first + 40 * HOUR)] });
    assert.deepEqual(briefs(inc, first + 100 * HOUR, 'LATE_FOLLOWUP'), [
      { code: 'LATE_FOLLOWUP', status: 'late', deadline: iso(first + DAY), actual: iso(first + 40 * HOUR), minutesLate: 960 },
    ]);
  });
  test('closed: no overdue follow-up, however long ago', () => {
    const inc = incident({ closedAt: first + 30 * HOUR, reports: [report()] });
    assert.deepEqual(briefs(inc, first + 100 * HOUR, 'LATE_FOLLOWUP'), []);
  });
  test('no official report: nothing (LATE_FIRST covers it)', () => {
    const inc = incident({ reports: [report({ channel: 'media', fromUnit: '某报社' })] });
    assert.deepEqual(briefs(inc, first + 100 * HOUR, 'LATE_FOLLOWUP'), []);
  });
});

describe('LATE_FINAL', () => {
  const closedAt = t('12:00');
  test('exactly 24 h after closedAt is on time; one second after is late by 1', () => {
    const at = (gap: number) => briefs(incident({ closedAt, reports: [report(), final(closedAt + gap)] }), closedAt + 2 * DAY, 'LATE_FINAL');
    assert.deepEqual(at(DAY), []);
    assert.deepEqual(at(DAY + SECOND), [
      { code: 'LATE_FINAL', status: 'late', deadline: '2026-11-25T04:00:00.000Z', actual: '2026-11-25T04:00:01.000Z', minutesLate: 1 },
    ]);
  });
  test('none: overdue once now is more than 24 h after closedAt', () => {
    const inc = incident({ closedAt, reports: [report()] });
    assert.deepEqual(briefs(inc, closedAt + DAY, 'LATE_FINAL'), []);
    assert.deepEqual(briefs(inc, closedAt + DAY + SECOND, 'LATE_FINAL'), [
      { code: 'LATE_FINAL', status: 'overdue', deadline: '2026-11-25T04:00:00.000Z', actual: null, minutesLate: 1 },
    ]);
  });
  test('a final report before closedAt is on time; only the first final counts', () => {
    const inc = incident({ closedAt, reports: [report(), final(closedAt - HOUR), final(closedAt + 3 * DAY)] });
    assert.deepEqual(briefs(inc, closedAt + 4 * DAY, 'LATE_FINAL'), []);
  });
  test('a final report from another unit or channel does not count', () => {
    const inc = incident({
      closedAt,
      reports: [report(), final(closedAt + HOUR, { fromUnit: '西城区' }), final(closedAt + HOUR, { channel: 'superior', fromUnit: '市政府' })],
    });
    assert.deepEqual(briefs(inc, closedAt + DAY + 60 * SECOND, 'LATE_FINAL').map((f) => [f.status, f.minutesLate]), [['overdue', 1]]);
  });
  test('not closed: never', () => {
    assert.deepEqual(briefs(incident({ reports: [report()] }), closedAt + 10 * DAY, 'LATE_FINAL'), []);
  });
});
