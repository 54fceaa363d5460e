// Daily reports in special periods: on time, late, missing, pending, at the cutoff's edges.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { cutoffOf, daysOf, judgeDailyReports, reportingDayOf, zeroReportFlags, type ReportingPeriod } from '../../shared/domain/zero-reports.js';

const TZ = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(iso);
const flood: ReportingPeriod = {
  name: '2026年主汛期（七下八上）',
  startDay: '2026-07-16',
  endDay: '2026-08-15',
  cutoff: '16:00',
  units: ['东城区', '西城区', '市水务局'],
  covers: ['雨情', '险情', '转移人数'],
};
const report = (unit: string, day: string, iso: string, nothingToReport = true) => ({ unit, day, receivedAt: at(iso), nothingToReport });

describe('the cutoff', () => {
  test('16:00 in the duty room\'s zone, whatever the process zone', () => {
    assert.equal(cutoffOf('2026-07-20', '16:00', TZ), at('2026-07-20T08:00:00Z'));
    assert.equal(cutoffOf('2026-07-20', '16:00', 'UTC'), at('2026-07-20T16:00:00Z'));
  });

  test('exactly at the cutoff is on time; one second after is late by one minute', () => {
    const day = '2026-07-20';
    const [onTime, late] = [report('东城区', day, '2026-07-20T16:00:00+08:00'), report('西城区', day, '2026-07-20T16:00:01+08:00')];
    const entries = judgeDailyReports(flood, [onTime, late], at('2026-07-20T18:00:00+08:00'), TZ, day).filter((e) => e.day === day);
    assert.deepEqual(
      entries.map((e) => [e.unit, e.status, e.minutesLate]),
      [
        ['东城区', 'on_time', null],
        ['西城区', 'late', 1],
        ['市水务局', 'missing', 120],
      ],
    );
  });

  test('nothing yet: pending until the cutoff, missing one second after', () => {
    const day = '2026-07-20';
    const before = judgeDailyReports(flood, [], at('2026-07-20T16:00:00+08:00'), TZ, day).filter((e) => e.day === day);
    assert.ok(before.every((e) => e.status === 'pending'));
    const after = judgeDailyReports(flood, [], at('2026-07-20T16:00:01+08:00'), TZ, day).filter((e) => e.day === day);
    assert.ok(after.every((e) => e.status === 'missing' && e.minutesLate === 1));
  });
});

describe('a period', () => {
  test('every day, start and end included, across the month', () => {
    const days = daysOf(flood);
    assert.equal(days.length, 31);
    assert.equal(days[0], '2026-07-16');
    assert.equal(days.at(-1), '2026-08-15');
    assert.ok(days.includes('2026-07-31') && days.includes('2026-08-01'));
  });

  test('the first report of a unit and day counts; later ones do not make it late', () => {
    const entries = judgeDailyReports(
      flood,
      [report('东城区', '2026-07-16', '2026-07-16T17:00:00+08:00'), report('东城区', '2026-07-16', '2026-07-16T09:00:00+08:00', false)],
      at('2026-07-17T00:00:00+08:00'),
      TZ,
      '2026-07-16',
    );
    const dc = entries.find((e) => e.unit === '东城区')!;
    assert.deepEqual([dc.status, dc.nothingToReport], ['on_time', false]);
  });

  test('flags: late reports and missing ones, with the deadline flag fields', () => {
    const entries = judgeDailyReports(flood, [report('西城区', '2026-07-16', '2026-07-16T16:30:00+08:00')], at('2026-07-16T20:00:00+08:00'), TZ, '2026-07-16');
    assert.deepEqual(
      zeroReportFlags(entries).map((f) => [f.unit, f.status, f.minutesLate, f.actual === null]),
      [
        ['东城区', 'overdue', 240, true],
        ['西城区', 'late', 30, false],
        ['市水务局', 'overdue', 240, true],
      ],
    );
  });

  test('a report received on a day counts for that local day by default', () => {
    assert.equal(reportingDayOf(at('2026-07-16T23:30:00+08:00'), TZ), '2026-07-16');
    assert.equal(reportingDayOf(at('2026-07-16T16:30:00Z'), TZ), '2026-07-17');
  });
});

test('property: the verdict depends only on the receipt against the cutoff, or on now when nothing came', () => {
  const day = '2026-07-20';
  const cutoff = cutoffOf(day, '16:00', TZ);
  const base = at('2026-07-20T00:00:00+08:00');
  fc.assert(
    fc.property(fc.option(fc.integer({ min: 0, max: 48 * 3600 }), { nil: null }), fc.integer({ min: 0, max: 48 * 3600 }), (reportSec, nowSec) => {
      const now = base + nowSec * 1000;
      const reports = reportSec === null ? [] : [{ unit: '东城区', day, receivedAt: base + reportSec * 1000, nothingToReport: true }];
      const e = judgeDailyReports(flood, reports, now, TZ, day).find((x) => x.unit === '东城区' && x.day === day)!;
      if (reportSec !== null) {
        const received = base + reportSec * 1000;
        assert.equal(e.status, received <= cutoff ? 'on_time' : 'late');
        assert.equal(e.minutesLate, received <= cutoff ? null : Math.ceil((received - cutoff) / 60_000));
      } else {
        assert.equal(e.status, now > cutoff ? 'missing' : 'pending');
        assert.equal(e.minutesLate, now > cutoff ? Math.ceil((now - cutoff) / 60_000) : null);
      }
      assert.equal(zeroReportFlags([e]).length, e.status === 'late' || e.status === 'missing' ? 1 : 0);
    }),
    { numRuns: 3000 },
  );
});
