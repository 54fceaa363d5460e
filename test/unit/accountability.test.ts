// Runs in plain Node (tests): accountability per unit from confirmed flags.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assessSummons,
  assessUnits,
  heavierPenaltyMarks,
  isAnnualAssessmentVetoed,
  noticeList,
  twelveMonthsBefore,
  yearPeriod,
  type ConfirmedFinding,
} from '../../shared/domain/accountability.js';
import type { FlagCode } from '../../shared/domain/rules/flag.js';
import { parseIsoInstant } from '../../shared/domain/rules/iso-instant.js';

const t = (s: string) => parseIsoInstant(s)!;
let seq = 0;
function finding(unit: string, code: FlagCode, confirmedAt: string): ConfirmedFinding {
  return { unit, incidentId: `I${++seq}`, code, confirmedAt: t(confirmedAt), deadline: null, actual: null, minutesLate: null };
}

describe('periods', () => {
  test('a year in China Standard Time', () => {
    assert.deepEqual(yearPeriod(2026), { start: t('2026-01-01T00:00:00+08:00'), end: t('2027-01-01T00:00:00+08:00') });
    assert.deepEqual(yearPeriod(2026, 0), { start: t('2026-01-01T00:00:00Z'), end: t('2027-01-01T00:00:00Z') });
  });
  test('twelve months before, by the local calendar', () => {
    assert.equal(twelveMonthsBefore(t('2026-11-24T09:00:00+08:00')), t('2025-11-24T09:00:00+08:00'));
    // 01:00 local on 1 March is still 28 February in UTC: the local calendar decides.
    assert.equal(twelveMonthsBefore(t('2026-03-01T01:00:00+08:00')), t('2025-03-01T01:00:00+08:00'));
    assert.equal(twelveMonthsBefore(t('2028-02-29T12:00:00+08:00')), t('2027-02-28T12:00:00+08:00'));
    assert.equal(twelveMonthsBefore(t('2029-02-28T12:00:00+08:00')), t('2028-02-28T12:00:00+08:00'));
    assert.equal(twelveMonthsBefore(t('2026-12-31T23:59:59+08:00')), t('2025-12-31T23:59:59+08:00'));
  });
});

describe('notice, penalty and veto', () => {
  const all = [
    finding('西城区', 'LATE_FIRST', '2026-03-01T10:00:00+08:00'),
    finding('东城区', 'LATE_WRITTEN', '2026-05-01T10:00:00+08:00'),
    finding('东城区', 'LATE_FINAL', '2026-02-01T10:00:00+08:00'),
    finding('东城区', 'OMITTED_FIELDS', '2026-02-02T10:00:00+08:00'),
    finding('西城区', 'OMITTED_UNREPORTED', '2026-06-01T10:00:00+08:00'),
    finding('西城区', 'SUSPECT_CONCEALED', '2026-12-31T23:59:59+08:00'),
    finding('西城区', 'SUSPECT_FALSE', '2026-07-01T10:00:00+08:00'),
    finding('西城区', 'OUTSIDE_SUPPLEMENT_WINDOW', '2026-07-02T10:00:00+08:00'),
    finding('东城区', 'LATE_FOLLOWUP', '2025-12-31T23:59:59+08:00'),
  ];
  const y2026 = yearPeriod(2026);
  test('every confirmed late flag is listed for notice, by unit then time', () => {
    assert.deepEqual(noticeList(all, y2026).map((f) => [f.unit, f.code]), [
      ['东城区', 'LATE_FINAL'],
      ['东城区', 'LATE_WRITTEN'],
      ['西城区', 'LATE_FIRST'],
    ]);
    assert.equal(noticeList(all).length, 4);
  });
  test('omissions and concealment are marked for heavier penalty', () => {
    assert.deepEqual(heavierPenaltyMarks(all, y2026).map((f) => f.code), ['OMITTED_FIELDS', 'OMITTED_UNREPORTED', 'SUSPECT_CONCEALED']);
  });
  test('a confirmed concealment vetoes the unit’s year, and only that year', () => {
    assert.ok(isAnnualAssessmentVetoed(all, '西城区', y2026));
    assert.ok(!isAnnualAssessmentVetoed(all, '西城区', yearPeriod(2027)));
    assert.ok(!isAnnualAssessmentVetoed(all, '东城区', y2026));
  });
});

describe('summons', () => {
  const asOf = t('2026-11-24T09:00:00+08:00');
  test('three findings in the twelve months ending at asOf recommend a summons; two do not', () => {
    const two = [finding('东城区', 'LATE_FIRST', '2026-01-10T10:00:00+08:00'), finding('东城区', 'OMITTED_FIELDS', '2026-06-10T10:00:00+08:00')];
    assert.equal(assessSummons(two, '东城区', asOf).recommended, false);
    const three = [...two, finding('东城区', 'SUSPECT_CONCEALED', '2026-11-24T09:00:00+08:00')];
    const s = assessSummons(three, '东城区', asOf);
    assert.equal(s.recommended, true);
    assert.equal(s.findings.length, 3);
    assert.equal(s.windowStart, t('2025-11-24T09:00:00+08:00'));
    assert.equal(s.windowEnd, asOf);
  });
  test('the window excludes its start and anything after asOf', () => {
    const edge = [
      finding('东城区', 'LATE_FIRST', '2025-11-24T09:00:00+08:00'),
      finding('东城区', 'LATE_FIRST', '2025-11-24T09:00:01+08:00'),
      finding('东城区', 'LATE_WRITTEN', '2026-06-10T10:00:00+08:00'),
      finding('东城区', 'LATE_FINAL', '2026-11-24T09:00:01+08:00'),
    ];
    assert.equal(assessSummons(edge, '东城区', asOf).findings.length, 2);
    assert.equal(assessSummons(edge, '东城区', asOf).recommended, false);
    // One second later the window has slid: the finding at its old start+1s is now on its start.
    assert.deepEqual(assessSummons(edge, '东城区', asOf + 1000).findings.map((f) => f.code), ['LATE_WRITTEN', 'LATE_FINAL']);
  });
  test('false-report and supplement-window findings, and other units, do not count', () => {
    const mixed = [
      finding('东城区', 'LATE_FIRST', '2026-01-10T10:00:00+08:00'),
      finding('东城区', 'SUSPECT_FALSE', '2026-02-10T10:00:00+08:00'),
      finding('东城区', 'OUTSIDE_SUPPLEMENT_WINDOW', '2026-03-10T10:00:00+08:00'),
      finding('西城区', 'LATE_FIRST', '2026-04-10T10:00:00+08:00'),
      finding('东城区', 'OMITTED_UNREPORTED', '2026-05-10T10:00:00+08:00'),
    ];
    assert.equal(assessSummons(mixed, '东城区', asOf).findings.length, 2);
  });
});

describe('assessUnits', () => {
  test('one entry per unit, sorted, with the year and the rolling window', () => {
    const findings = [
      finding('西城区', 'SUSPECT_CONCEALED', '2026-03-01T10:00:00+08:00'),
      finding('东城区', 'LATE_FIRST', '2025-12-20T10:00:00+08:00'),
      finding('东城区', 'LATE_WRITTEN', '2026-01-05T10:00:00+08:00'),
      finding('东城区', 'LATE_FINAL', '2026-02-05T10:00:00+08:00'),
      finding('海淀区', 'LATE_FIRST', '2024-02-05T10:00:00+08:00'),
    ];
    const report = assessUnits(findings, { year: yearPeriod(2026), asOf: t('2026-11-24T09:00:00+08:00') });
    assert.deepEqual(
      report.map((u) => [u.unit, u.notices.length, u.heavierPenalty.length, u.vetoed, u.summons.recommended]),
      [
        ['东城区', 2, 0, false, true],
        ['西城区', 0, 1, true, false],
      ],
    );
  });
});
