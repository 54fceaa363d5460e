// The period report's pure rules: the same range last year (leap days, whole months), the periods a
// date belongs to, an incident's current figures, and the ranking order with shared ranks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  addDays,
  bothDown,
  changeOf,
  currentFigures,
  dayCount,
  isIsoDate,
  periodContaining,
  rankUnits,
  sameRangeLastYear,
  zeroCounts,
  type FigureReport,
  type RankingRow,
} from '../../shared/domain/stats.js';

test('the same range last year: dates move back a year, 29 February becomes 28, whole months stay whole', () => {
  const cases: [string, string, string, string][] = [
    ['2025-02-01', '2025-02-28', '2024-02-01', '2024-02-29'], // whole February against the leap one
    ['2024-02-01', '2024-02-29', '2023-02-01', '2023-02-28'],
    ['2024-02-29', '2024-02-29', '2023-02-28', '2023-02-28'], // the leap day alone
    ['2024-02-10', '2024-02-20', '2023-02-10', '2023-02-20'],
    ['2025-02-01', '2025-02-27', '2024-02-01', '2024-02-27'], // month to date stays to date
    ['2025-01-01', '2025-02-28', '2024-01-01', '2024-02-29'], // year to date at the end of February
    ['2026-10-01', '2026-12-31', '2025-10-01', '2025-12-31'],
    ['2026-01-01', '2026-12-31', '2025-01-01', '2025-12-31'],
    ['2026-11-01', '2026-11-24', '2025-11-01', '2025-11-24'],
    ['2025-12-15', '2026-01-14', '2024-12-15', '2025-01-14'],
  ];
  for (const [from, to, lf, lt] of cases) assert.deepEqual(sameRangeLastYear({ from, to }), { from: lf, to: lt }, `${from}..${to}`);
});

test('property: last year’s range is a real, ordered range of about the same length', () => {
  const date = fc.date({ min: new Date(Date.UTC(2001, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  fc.assert(
    fc.property(date, fc.integer({ min: 0, max: 800 }), (from, len) => {
      const to = addDays(from, len);
      const back = sameRangeLastYear({ from, to });
      assert.ok(isIsoDate(back.from) && isIsoDate(back.to));
      assert.ok(back.from <= back.to);
      assert.ok(Math.abs(dayCount(back) - (len + 1)) <= 1);
      assert.equal(Number(back.from.slice(0, 4)), Number(from.slice(0, 4)) - 1);
    }),
  );
});

test('a date’s month, quarter and year', () => {
  assert.deepEqual(periodContaining('month', '2024-02-10'), { from: '2024-02-01', to: '2024-02-29' });
  assert.deepEqual(periodContaining('quarter', '2026-11-24'), { from: '2026-10-01', to: '2026-12-31' });
  assert.deepEqual(periodContaining('quarter', '2026-03-31'), { from: '2026-01-01', to: '2026-03-31' });
  assert.deepEqual(periodContaining('year', '2026-11-24'), { from: '2026-01-01', to: '2026-12-31' });
  assert.equal(isIsoDate('2025-02-29'), false);
  assert.equal(isIsoDate('2024-02-29'), true);
});

/** Reports of one unit by one channel unless told: the seq, the time received and what they state. */
const reportsOf =
  (channel: FigureReport['channel'], fromUnit: string) =>
  (seq: number, at: number, over: Partial<FigureReport>): FigureReport => ({
    seq,
    channel,
    fromUnit,
    receivedAt: at,
    deaths: null,
    missing: null,
    seriouslyInjured: null,
    injured: null,
    directLossYuan: null,
    ...over,
  });

test('current figures: the latest official statement wins, else the latest of any channel, else 0', () => {
  const r = reportsOf('phone', '东城区');
  const reports = [
    r(1, 100, { deaths: 3, injured: 4 }),
    r(2, 300, { channel: 'media', fromUnit: '市融媒体中心', deaths: 5, missing: 2 }),
    r(3, 200, { channel: 'fax', deaths: 2, directLossYuan: 150_000 }), // a correction received before the media report
    r(4, 400, { channel: 'phone', fromUnit: '西城区', deaths: 9 }), // another unit's call is not official
  ];
  assert.deepEqual(currentFigures('东城区', reports), {
    deaths: 2,
    missing: 2,
    seriouslyInjured: 0,
    injured: 4,
    directLossYuan: 150_000,
    directLossStated: true,
    affected: null,
    evacuated: null,
    housesCollapsed: null,
  });
  // Same instant: the order entered decides.
  assert.equal(currentFigures('东城区', [r(2, 100, { deaths: 1 }), r(1, 100, { deaths: 7 })]).deaths, 1);
  // No loss stated: 0 in the counts, and said to be unstated.
  assert.deepEqual([currentFigures('东城区', [r(1, 100, { deaths: 1 })]).directLossYuan, currentFigures('东城区', [r(1, 100, { deaths: 1 })]).directLossStated], [0, false]);
});

test('current natural-disaster figures: by the same rule as deaths, and null (not 0) where no report stated one', () => {
  const r = reportsOf('fax', '新洲区');
  const reports = [
    r(1, 100, { affected: 800, evacuated: 120 }),
    r(2, 200, { affected: 1500, housesCollapsed: 0 }), // the follow-up's count: a stated 0 stays 0
    r(3, 300, { channel: 'media', fromUnit: '市融媒体中心', affected: 5000, evacuated: 900 }), // the media's figures lose to the unit's
    r(4, 150, { evacuated: 300 }), // received before the follow-up, entered after it
  ];
  const f = currentFigures('新洲区', reports);
  assert.deepEqual([f.affected, f.evacuated, f.housesCollapsed], [1500, 300, 0]);
  // Only the media stated it: its figure, as with deaths.
  assert.equal(currentFigures('新洲区', [r(1, 100, { channel: 'media', fromUnit: '市融媒体中心', affected: 40 })]).affected, 40);
  // A reader from before the figures (no such keys): not stated.
  const { affected: _a, evacuated: _e, housesCollapsed: _h, ...old } = r(1, 100, { deaths: 1 });
  assert.deepEqual([currentFigures('新洲区', [old]).affected, currentFigures('新洲区', [old]).housesCollapsed], [null, null]);
});

test('the change against last year and the 双下降 check', () => {
  assert.deepEqual(changeOf(8, 10), { delta: -2, ratio: -0.2 });
  assert.deepEqual(changeOf(3, 0), { delta: 3, ratio: null });
  const c = (incidents: number, deaths: number) => ({ ...zeroCounts(), incidents, deaths });
  assert.equal(bothDown({ current: c(8, 2), lastYear: c(10, 3) }), true);
  assert.equal(bothDown({ current: c(8, 3), lastYear: c(10, 3) }), false);
});

test('ranking: rate, then fewer confirmed findings, then more reports due; equal keys share a rank; nothing due comes last', () => {
  const row = (unit: string, due: number, onTime: number, confirmedTotal = 0): RankingRow => ({
    rank: null,
    unit,
    unitId: null,
    incidents: due,
    first: { due, onTime },
    written: { due: 0, onTime: 0 },
    followup: { due: 0, onTime: 0 },
    rate: due === 0 ? null : onTime / due,
    confirmed: { late: confirmedTotal, omitted: 0, falsified: 0, concealed: 0 },
    confirmedTotal,
    zeroMissing: null,
    zeroLate: null,
  });
  const ranked = rankUnits([row('北湖区', 0, 0), row('西城区', 4, 3, 1), row('江岸区', 4, 4), row('南湖区', 4, 3), row('东城区', 4, 4), row('汉阳区', 8, 6)]);
  assert.deepEqual(
    ranked.map((r) => [r.unit, r.rank]),
    [
      ['东城区', 1],
      ['江岸区', 1],
      ['汉阳区', 3], // 75 % over 8 reports before 75 % over 4
      ['南湖区', 4],
      ['西城区', 5], // same rate as 南湖区 but a confirmed finding
      ['北湖区', null],
    ],
  );
});
