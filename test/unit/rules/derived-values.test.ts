// Runs in plain Node (tests): clock start (learnedAt, corrected occurrence times), report order,
// initial and current level, manual levels, and the order flags are listed in.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RULE_SET } from '../../../shared/domain/rules/default-rule-set.js';
import { evaluateIncidents } from '../../../shared/domain/rules/evaluate-incident.js';
import { briefs, evaluate, flagsOf, incident, report, t, written } from './helpers.js';

describe('clock start', () => {
  test('a corrected, earlier occurrence time makes a report late after the fact', () => {
    const before = incident({ reports: [report({ receivedAt: t('02:50') })] });
    assert.deepEqual(briefs(before, '04:00', 'LATE_FIRST'), []);
    const after = incident({ reports: [report({ receivedAt: t('02:50') }), written({ receivedAt: t('03:30'), occurredAt: t('00:30') })] });
    assert.deepEqual(briefs(after, '04:00', 'LATE_FIRST'), [
      { code: 'LATE_FIRST', status: 'late', deadline: '2026-11-23T18:30:00.000Z', actual: '2026-11-23T18:50:00.000Z', minutesLate: 20 },
    ]);
    assert.equal(evaluate(after, '04:00').effectiveOccurredAt, t('00:30'));
  });
  test('the latest report stating an occurrence time wins, whatever the others say', () => {
    const inc = incident({
      reports: [
        report({ receivedAt: t('02:50'), occurredAt: t('00:30') }),
        written({ receivedAt: t('03:30'), occurredAt: t('01:00') }),
        written({ receivedAt: t('03:40') }),
      ],
    });
    assert.equal(evaluate(inc, '04:00').clockStart, t('01:00'));
    assert.deepEqual(briefs(inc, '04:00', 'LATE_FIRST'), []);
  });
  test('a verified learnedAt clears a report that only looked late', () => {
    const inc = incident({ reports: [report({ receivedAt: t('03:30') })] });
    assert.deepEqual(briefs(inc, '04:00', 'LATE_FIRST').map((f) => f.minutesLate), [30]);
    const learned = { ...inc, learnedAt: t('02:00') };
    assert.deepEqual(briefs(learned, '04:00', 'LATE_FIRST'), []);
    assert.equal(evaluate(learned, '04:00').clockStart, t('02:00'));
    // The written deadline runs from it too: 02:00 + 240 min.
    assert.deepEqual(briefs(learned, '06:00:01', 'LATE_WRITTEN').map((f) => [f.status, f.deadline, f.minutesLate]), [
      ['overdue', '2026-11-23T22:00:00.000Z', 1],
    ]);
  });
  test('learnedAt takes precedence over a corrected occurrence time', () => {
    const inc = incident({ learnedAt: t('02:00'), reports: [report({ receivedAt: t('03:30'), occurredAt: t('00:00') })] });
    assert.equal(evaluate(inc, '04:00').clockStart, t('02:00'));
  });
});

describe('reports given out of order', () => {
  const inOrder = [report({ receivedAt: t('01:30'), deaths: 1 }), written({ receivedAt: t('05:30'), deaths: 3 }), written({ kind: 'followup', receivedAt: t('2026-11-25T08:00:00+08:00'), deaths: 2 })];
  test('are taken in the order of receivedAt', () => {
    const sorted = evaluate(incident({ reports: inOrder }), '2026-11-26T00:00:00+08:00');
    const shuffled = evaluate(incident({ reports: [inOrder[2]!, inOrder[0]!, inOrder[1]!] }), '2026-11-26T00:00:00+08:00');
    assert.equal(shuffled.initialLevel, 'IV');
    assert.equal(shuffled.currentLevel, 'III');
    assert.deepEqual(
      shuffled.flags.map(({ reportIndex: _, ...f }) => f),
      sorted.flags.map(({ reportIndex: _, ...f }) => f),
    );
    // Level III from 05:30 on: the duty room owed its first upward report by 07:30 (none logged).
    assert.deepEqual(sorted.flags.map((f) => f.code), ['LATE_FOLLOWUP', 'LATE_WRITTEN', 'SUSPECT_CONCEALED', 'SUSPECT_FALSE', 'UPWARD_LATE']);
  });
  test('reportIndex points into the reports as given', () => {
    const e = evaluate(incident({ reports: [inOrder[2]!, inOrder[0]!, inOrder[1]!] }), '2026-11-26T00:00:00+08:00');
    assert.deepEqual(e.flags.map((f) => [f.code, f.reportIndex]), [
      ['LATE_FOLLOWUP', 0],
      ['LATE_WRITTEN', 2],
      ['SUSPECT_CONCEALED', 2],
      ['SUSPECT_FALSE', 0],
      ['UPWARD_LATE', null],
    ]);
  });
  test('equal receivedAt keeps the given order (a stable sort)', () => {
    const a = report({ receivedAt: t('01:30'), deaths: 3 });
    const b = report({ receivedAt: t('01:30'), deaths: 0, channel: 'media', fromUnit: '某报社' });
    assert.equal(evaluate(incident({ reports: [a, b] }), '02:00').initialLevel, 'III');
    assert.equal(evaluate(incident({ reports: [b, a] }), '02:00').initialLevel, 'IV');
    assert.deepEqual(flagsOf(incident({ reports: [b, a] }), '02:00', 'SUSPECT_CONCEALED').map((f) => f.reportIndex), [1]);
  });
  test('many reports (past the small-sort path) are also sorted stably', () => {
    const reports = Array.from({ length: 50 }, (_, i) => report({ kind: 'followup', receivedAt: t('01:30') + ((i * 7) % 50) * 60_000, deaths: i === 0 ? 3 : 0, correctionReason: 'x' }));
    reports.push(report({ receivedAt: t('01:30'), deaths: 0 }));
    // The report at 01:30 given first (deaths 3) stays first among the two at 01:30.
    assert.equal(evaluate(incident({ reports }), '05:00').initialLevel, 'III');
  });
});

describe('levels', () => {
  test('initial level: first report of any channel; current: highest within the window', () => {
    const e = evaluate(incident({ reports: [report({ channel: 'public', fromUnit: '群众', deaths: 0 }), report({ receivedAt: t('02:00'), deaths: 12 }), written({ receivedAt: t('03:00'), deaths: 4, correctionReason: '核减' })] }), '03:00');
    assert.equal(e.initialLevel, 'IV');
    assert.equal(e.currentLevel, 'II');
  });
  test('a report is graded by every measure, deaths counted with the missing', () => {
    const level = (over: Parameters<typeof report>[0]) => evaluate(incident({ reports: [report(over)] }), '02:00').initialLevel;
    assert.equal(level({ deaths: 2, missing: 0 }), 'IV');
    assert.equal(level({ deaths: 2, missing: 1 }), 'III');
    assert.equal(level({ deaths: 9, missing: 1 }), 'II');
    assert.equal(level({ deaths: 29, missing: 1 }), 'I');
    assert.equal(level({ seriouslyInjured: 9 }), 'IV');
    assert.equal(level({ seriouslyInjured: 10 }), 'III');
    assert.equal(level({ directLossYuan: 49_999_999 }), 'III');
    assert.equal(level({ directLossYuan: 50_000_000 }), 'II');
    assert.equal(level({ deaths: null, missing: null, seriouslyInjured: null }), 'IV');
  });
  test('categories outside the accident class use the manual level, IV where none is set', () => {
    const flood = (level: 'I' | 'II' | 'III' | 'IV' | null) => incident({ category: 'flood', level, reports: [report({ receivedAt: t('01:31'), deaths: 50 })] });
    assert.equal(evaluate(flood('II'), '02:00').initialLevel, 'II');
    assert.equal(evaluate(flood('II'), '02:00').currentLevel, 'II');
    assert.deepEqual(briefs(flood('II'), '02:00', 'LATE_FIRST').map((f) => f.minutesLate), [1]);
    assert.equal(evaluate(flood(null), '02:00').currentLevel, 'IV');
    assert.deepEqual(briefs(flood(null), '02:00', 'LATE_FIRST'), []);
  });
  test('an incident with no reports is IV (accident) or its manual level', () => {
    assert.equal(evaluate(incident(), '02:00').initialLevel, 'IV');
    assert.equal(evaluate(incident({ category: 'earthquake', level: 'I' }), '02:00').currentLevel, 'I');
    assert.deepEqual(briefs(incident({ category: 'earthquake', level: 'I' }), '02:00').map((f) => [f.code, f.status, f.minutesLate]), [
      ['LATE_FIRST', 'overdue', 30],
    ]);
  });
});

describe('flag order', () => {
  test('by code, then deadline, then actual; null deadlines and actuals last', () => {
    const inc = incident({
      reports: [
        report({ channel: 'media', fromUnit: '某报社', receivedAt: t('01:05') }),
        report({ receivedAt: t('2026-11-25T03:00:00+08:00'), location: null }),
        written({ kind: 'followup', receivedAt: t('2026-11-26T05:00:00+08:00'), summary: null }),
      ],
    });
    const e = evaluate(inc, '2026-11-28T00:00:00+08:00');
    assert.deepEqual(e.flags.map((f) => [f.code, f.status, f.deadline === null ? null : f.deadline - t('01:00')]), [
      ['LATE_FIRST', 'late', 2 * 3600_000],
      ['LATE_FOLLOWUP', 'late', 50 * 3600_000],
      ['LATE_FOLLOWUP', 'overdue', 76 * 3600_000],
      ['LATE_WRITTEN', 'late', 4 * 3600_000],
      ['OMITTED_FIELDS', 'suspected', null],
      ['OMITTED_FIELDS', 'suspected', null],
      ['OMITTED_UNREPORTED', 'suspected', 2 * 3600_000],
      ['SUSPECT_CONCEALED', 'suspected', 24 * 3600_000 + 5 * 60_000],
    ]);
    assert.deepEqual(e.flags.filter((f) => f.code === 'OMITTED_FIELDS').map((f) => f.fields), [['location'], ['summary']]);
  });
});

describe('evaluateIncidents', () => {
  test('one evaluation per incident, in order, equal to evaluateIncident', () => {
    const incidents = [incident({ id: 'a' }), incident({ id: 'b', reports: [report()] }), incident({ id: 'c', category: 'fire', closedAt: t('03:00') })];
    const all = evaluateIncidents(incidents, DEFAULT_RULE_SET, t('09:00'));
    assert.deepEqual(all.map((e) => e.id), ['a', 'b', 'c']);
    assert.deepEqual(all, incidents.map((i) => evaluate(i, '09:00')));
  });
  test('the engine does not change its input', () => {
    const inc = incident({ reports: [written({ receivedAt: t('09:00') }), report()] });
    const copy = structuredClone(inc);
    evaluate(inc, '10:00');
    assert.deepEqual(inc, copy);
  });
});
