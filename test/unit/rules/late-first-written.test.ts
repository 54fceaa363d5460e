// Runs in plain Node (tests): LATE_FIRST and LATE_WRITTEN at their boundaries.
// The incident of helpers.ts occurs at 01:00 (+08:00) = 17:00Z; level IV gives 120 min for the first
// report (03:00 = 19:00Z) and 240 min for the written one (05:00 = 21:00Z).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { briefs, incident, report, t, written, SECOND } from './helpers.js';

describe('LATE_FIRST', () => {
  test('exactly at the limit is on time', () => {
    assert.deepEqual(briefs(incident({ reports: [report({ receivedAt: t('03:00') })] }), '04:00', 'LATE_FIRST'), []);
  });
  test('one second after is late by 1 minute (rounded up)', () => {
    assert.deepEqual(briefs(incident({ reports: [report({ receivedAt: t('03:00:01') })] }), '04:00', 'LATE_FIRST'), [
      { code: 'LATE_FIRST', status: 'late', deadline: '2026-11-23T19:00:00.000Z', actual: '2026-11-23T19:00:01.000Z', minutesLate: 1 },
    ]);
  });
  test('minutes round up: 1 ms → 1, 60 s → 1, 61 s → 2', () => {
    for (const [late, minutes] of [
      [1, 1],
      [60 * SECOND, 1],
      [61 * SECOND, 2],
      [30 * 60 * SECOND, 30],
    ] as const) {
      const [f] = briefs(incident({ reports: [report({ receivedAt: t('03:00') + late })] }), '09:00', 'LATE_FIRST');
      assert.equal(f?.minutesLate, minutes);
    }
  });
  test('none yet: nothing at the deadline, overdue one second later', () => {
    assert.deepEqual(briefs(incident(), '03:00', 'LATE_FIRST'), []);
    assert.deepEqual(briefs(incident(), '03:00:01', 'LATE_FIRST'), [
      { code: 'LATE_FIRST', status: 'overdue', deadline: '2026-11-23T19:00:00.000Z', actual: null, minutesLate: 1 },
    ]);
    assert.equal(briefs(incident(), '05:00', 'LATE_FIRST')[0]?.minutesLate, 120);
  });
  test('limits follow the initial level: III 60 min, II and I 30 min', () => {
    const at = (deaths: number, time: string) =>
      briefs(incident({ reports: [report({ deaths, receivedAt: t(time) })] }), '09:00', 'LATE_FIRST').map((f) => f.minutesLate);
    assert.deepEqual(at(3, '02:00'), []);
    assert.deepEqual(at(3, '02:00:01'), [1]);
    assert.deepEqual(at(10, '01:30'), []);
    assert.deepEqual(at(10, '01:30:01'), [1]);
    assert.deepEqual(at(30, '01:30'), []);
    assert.deepEqual(at(30, '01:31'), [1]);
  });
  test('a written report is also a first report', () => {
    assert.deepEqual(briefs(incident({ reports: [written({ receivedAt: t('02:00') })] }), '09:00', 'LATE_FIRST'), []);
  });
  test('reports by other channels, or from another unit, are not the first report', () => {
    const inc = incident({
      reports: [
        report({ channel: 'media', receivedAt: t('01:10') }),
        report({ fromUnit: '西城区', receivedAt: t('01:20') }),
        report({ receivedAt: t('03:30') }),
      ],
    });
    assert.deepEqual(briefs(inc, '09:00', 'LATE_FIRST'), [
      { code: 'LATE_FIRST', status: 'late', deadline: '2026-11-23T19:00:00.000Z', actual: '2026-11-23T19:30:00.000Z', minutesLate: 30 },
    ]);
  });
  test('the initial level is that of the first report of any channel', () => {
    // A media report of 3 deaths (III) first: 60 min, so the unit's report at 02:30 is 30 min late.
    const inc = incident({
      reports: [report({ channel: 'media', fromUnit: '某报社', deaths: 3, receivedAt: t('01:10') }), report({ deaths: 3, receivedAt: t('02:30') })],
    });
    assert.deepEqual(briefs(inc, '02:30', 'LATE_FIRST').map((f) => f.minutesLate), [30]);
  });
});

describe('LATE_WRITTEN', () => {
  test('exactly at the limit is on time; one second after is late by 1', () => {
    const at = (time: string) => briefs(incident({ reports: [report(), written({ receivedAt: t(time) })] }), '09:00', 'LATE_WRITTEN');
    assert.deepEqual(at('05:00'), []);
    assert.deepEqual(at('05:00:01'), [
      { code: 'LATE_WRITTEN', status: 'late', deadline: '2026-11-23T21:00:00.000Z', actual: '2026-11-23T21:00:01.000Z', minutesLate: 1 },
    ]);
  });
  test('phone and sms reports do not count; overdue once past the deadline', () => {
    const inc = incident({ reports: [report(), report({ kind: 'followup', channel: 'sms', receivedAt: t('02:00') })] });
    assert.deepEqual(briefs(inc, '05:00', 'LATE_WRITTEN'), []);
    assert.deepEqual(briefs(inc, '05:00:01', 'LATE_WRITTEN'), [
      { code: 'LATE_WRITTEN', status: 'overdue', deadline: '2026-11-23T21:00:00.000Z', actual: null, minutesLate: 1 },
    ]);
  });
  test('fax, document and system all count; the first one is judged', () => {
    for (const channel of ['fax', 'document', 'system'] as const) {
      const inc = incident({ reports: [written({ channel, receivedAt: t('05:30') }), written({ channel, receivedAt: t('06:00') })] });
      assert.deepEqual(briefs(inc, '09:00', 'LATE_WRITTEN').map((f) => [f.status, f.minutesLate]), [['late', 30]]);
    }
  });
  test('a written report from another unit does not count', () => {
    const inc = incident({ reports: [report(), written({ fromUnit: '市交警支队', receivedAt: t('02:00') })] });
    assert.deepEqual(briefs(inc, '06:00', 'LATE_WRITTEN').map((f) => [f.status, f.minutesLate]), [['overdue', 60]]);
  });
  test('III: 120 min; I: 60 min', () => {
    const at = (deaths: number, time: string) =>
      briefs(incident({ reports: [report({ deaths, receivedAt: t('01:20') }), written({ deaths, receivedAt: t(time) })] }), '09:00', 'LATE_WRITTEN').map(
        (f) => f.minutesLate,
      );
    assert.deepEqual(at(3, '03:00'), []);
    assert.deepEqual(at(3, '03:00:01'), [1]);
    assert.deepEqual(at(30, '02:00'), []);
    assert.deepEqual(at(30, '02:00:01'), [1]);
  });
});
