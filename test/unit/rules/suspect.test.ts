// Runs in plain Node (tests): SUSPECT_FALSE and SUSPECT_CONCEALED.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { briefs, flagsOf, HOUR, incident, report, SECOND, t, written } from './helpers.js';

const media = (at: number, over = {}) => report({ channel: 'media', fromUnit: '某报社', receivedAt: at, ...over });

describe('SUSPECT_FALSE', () => {
  test('deaths + missing fall between official reports without a correctionReason', () => {
    const inc = incident({ reports: [report({ deaths: 3 }), written({ receivedAt: t('02:00'), deaths: 2, missing: 0 })] });
    assert.deepEqual(briefs(inc, '02:00', 'SUSPECT_FALSE'), [
      { code: 'SUSPECT_FALSE', status: 'suspected', deadline: null, actual: '2026-11-23T18:00:00.000Z', minutesLate: null },
    ]);
    assert.equal(flagsOf(inc, '02:00', 'SUSPECT_FALSE')[0]?.reason, 'figures_fell');
  });
  test('with a correctionReason, or when only the split between deaths and missing changes, nothing', () => {
    const corrected = incident({ reports: [report({ deaths: 3 }), report({ receivedAt: t('02:00'), deaths: 2, correctionReason: '重复统计一人' })] });
    assert.deepEqual(flagsOf(corrected, '02:00', 'SUSPECT_FALSE'), []);
    const found = incident({ reports: [report({ deaths: 2, missing: 1 }), report({ receivedAt: t('02:00'), deaths: 3, missing: 0 })] });
    assert.deepEqual(flagsOf(found, '02:00', 'SUSPECT_FALSE'), []);
  });
  test('compared with the last official report that stated the figures', () => {
    const inc = incident({
      reports: [
        report({ deaths: 3 }),
        report({ receivedAt: t('02:00'), deaths: null, missing: null }),
        report({ receivedAt: t('03:00'), deaths: 1 }),
      ],
    });
    assert.deepEqual(flagsOf(inc, '03:00', 'SUSPECT_FALSE').map((f) => f.actual), [t('03:00')]);
  });
  test('a stated occurrence time more than 60 min before the first known one', () => {
    const at = (occurredAt: string) =>
      flagsOf(incident({ reports: [report({ occurredAt: t('01:00') }), report({ receivedAt: t('02:00'), occurredAt: t(occurredAt) })] }), '02:00', 'SUSPECT_FALSE').map(
        (f) => f.reason,
      );
    assert.deepEqual(at('00:00'), []);
    assert.deepEqual(at('00:00:01'), []);
    assert.deepEqual(at('2026-11-23T23:59:59+08:00'), ['occurrence_earlier']);
  });
  test('the first known occurrence time is the first report’s, else the incident’s', () => {
    // The first report says 03:00, so 01:30 (incident's own time is 01:00) is 90 min too early.
    const inc = incident({ reports: [report({ occurredAt: t('03:00'), receivedAt: t('03:10') }), report({ receivedAt: t('04:00'), occurredAt: t('01:30') })] });
    assert.equal(flagsOf(inc, '04:00', 'SUSPECT_FALSE').length, 1);
    const fromIncident = incident({ reports: [report({ receivedAt: t('01:10') }), report({ receivedAt: t('04:00'), occurredAt: t('00:00') - SECOND })] });
    assert.equal(flagsOf(fromIncident, '04:00', 'SUSPECT_FALSE').length, 1);
  });
  test('a non-official report with more deaths + missing than the latest official report before it', () => {
    const inc = incident({
      reports: [
        media(t('01:10'), { deaths: 5 }), // no official report before it: that is OMITTED_UNREPORTED's business
        report({ receivedAt: t('01:20'), deaths: 1 }),
        media(t('01:30'), { deaths: 1 }),
        media(t('01:40'), { deaths: 0, missing: 2 }),
        report({ channel: 'superior', fromUnit: '市政府', receivedAt: t('01:50'), deaths: 1, missing: 0 }),
      ],
    });
    assert.deepEqual(flagsOf(inc, '02:00', 'SUSPECT_FALSE').map((f) => [f.reason, f.actual, f.reportIndex]), [['non_official_higher', t('01:40'), 3]]);
  });
  test('a non-official report lower than the official one is not suspect', () => {
    const inc = incident({ reports: [report({ deaths: 3 }), media(t('02:00'), { deaths: 1 })] });
    assert.deepEqual(flagsOf(inc, '02:00', 'SUSPECT_FALSE'), []);
  });
  test('one flag per case, in order received', () => {
    const inc = incident({
      reports: [report({ deaths: 3, occurredAt: t('01:00') }), report({ receivedAt: t('02:00'), deaths: 1, occurredAt: t('2026-11-23T22:00:00+08:00') })],
    });
    assert.deepEqual(flagsOf(inc, '02:00', 'SUSPECT_FALSE').map((f) => f.reason), ['figures_fell', 'occurrence_earlier']);
  });
});

describe('SUSPECT_CONCEALED', () => {
  const first = t('01:30');
  test('a report within 24 h of the first with a higher level than the initial level', () => {
    const at = (gap: number) =>
      briefs(incident({ reports: [report(), written({ receivedAt: first + gap, deaths: 3 })] }), first + 2 * 24 * HOUR, 'SUSPECT_CONCEALED');
    assert.deepEqual(at(24 * HOUR), [
      { code: 'SUSPECT_CONCEALED', status: 'suspected', deadline: '2026-11-24T17:30:00.000Z', actual: '2026-11-24T17:30:00.000Z', minutesLate: null },
    ]);
    assert.deepEqual(at(24 * HOUR + SECOND), []);
  });
  test('any channel can show the higher level; at most one flag per incident', () => {
    const inc = incident({ reports: [report(), media(first + HOUR, { deaths: 3 }), written({ receivedAt: first + 2 * HOUR, deaths: 10 })] });
    const flags = flagsOf(inc, first + 3 * HOUR, 'SUSPECT_CONCEALED');
    assert.deepEqual(flags.map((f) => [f.reason, f.actual]), [['level_rose', first + HOUR]]);
  });
  test('levels set by hand never rise by themselves', () => {
    const inc = incident({ category: 'flood', level: 'III', reports: [report(), written({ receivedAt: first + HOUR, deaths: 40 })] });
    assert.deepEqual(flagsOf(inc, first + 3 * HOUR, 'SUSPECT_CONCEALED'), []);
  });
  test('omitted, and no official report within 24 h of the first report', () => {
    const heard = t('01:10');
    const at = (gap: number | null, now: number) =>
      briefs(incident({ reports: gap === null ? [media(heard)] : [media(heard), report({ receivedAt: heard + gap })] }), now, 'SUSPECT_CONCEALED');
    assert.deepEqual(at(24 * HOUR, heard + 30 * HOUR), []);
    assert.deepEqual(at(24 * HOUR + SECOND, heard + 30 * HOUR), [
      { code: 'SUSPECT_CONCEALED', status: 'suspected', deadline: '2026-11-24T17:10:00.000Z', actual: '2026-11-24T17:10:01.000Z', minutesLate: null },
    ]);
    assert.deepEqual(at(null, heard + 24 * HOUR), []);
    assert.deepEqual(at(null, heard + 24 * HOUR + SECOND), [
      { code: 'SUSPECT_CONCEALED', status: 'suspected', deadline: '2026-11-24T17:10:00.000Z', actual: null, minutesLate: null },
    ]);
  });
  test('not without OMITTED_UNREPORTED: a late official first report is only late', () => {
    const inc = incident({ reports: [report({ receivedAt: t('01:30') + 30 * HOUR })] });
    assert.deepEqual(flagsOf(inc, t('01:30') + 31 * HOUR, 'SUSPECT_CONCEALED'), []);
  });
});
