// Runs in plain Node (tests): OMITTED_UNREPORTED and OMITTED_FIELDS.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { briefs, flagsOf, incident, report, t, written } from './helpers.js';

const media = (time: string, over = {}) => report({ channel: 'media', fromUnit: '某报社', receivedAt: t(time), ...over });

describe('OMITTED_UNREPORTED', () => {
  test('heard of elsewhere first; the unit reporting exactly at the first-report deadline is no omission', () => {
    assert.deepEqual(briefs(incident({ reports: [media('01:10'), report({ receivedAt: t('03:00') })] }), '09:00', 'OMITTED_UNREPORTED'), []);
  });
  test('the unit reporting one second after the deadline is suspected', () => {
    assert.deepEqual(briefs(incident({ reports: [media('01:10'), report({ receivedAt: t('03:00:01') })] }), '09:00', 'OMITTED_UNREPORTED'), [
      { code: 'OMITTED_UNREPORTED', status: 'suspected', deadline: '2026-11-23T19:00:00.000Z', actual: '2026-11-23T19:00:01.000Z', minutesLate: null },
    ]);
  });
  test('no official report: suspected only once now is past the deadline', () => {
    const inc = incident({ reports: [media('01:10')] });
    assert.deepEqual(briefs(inc, '03:00', 'OMITTED_UNREPORTED'), []);
    assert.deepEqual(briefs(inc, '03:00:01', 'OMITTED_UNREPORTED'), [
      { code: 'OMITTED_UNREPORTED', status: 'suspected', deadline: '2026-11-23T19:00:00.000Z', actual: null, minutesLate: null },
    ]);
  });
  test('a phone call from another unit is not official', () => {
    const inc = incident({ reports: [report({ fromUnit: '市交警支队', receivedAt: t('01:10') })] });
    assert.equal(briefs(inc, '04:00', 'OMITTED_UNREPORTED').length, 1);
  });
  test('never when the first report is official, however late', () => {
    const inc = incident({ reports: [report({ receivedAt: t('08:00') }), media('08:10')] });
    assert.deepEqual(briefs(inc, '09:00', 'OMITTED_UNREPORTED'), []);
  });
});

describe('OMITTED_FIELDS', () => {
  test('quick report: location, deaths, missing, seriouslyInjured, listed sorted', () => {
    const inc = incident({ reports: [report({ location: null, missing: undefined, seriouslyInjured: null, deaths: 0 })] });
    const [f, ...rest] = flagsOf(inc, '02:00', 'OMITTED_FIELDS');
    assert.deepEqual(rest, []);
    assert.deepEqual(f?.fields, ['location', 'missing', 'seriouslyInjured']);
    assert.deepEqual(briefs(inc, '02:00', 'OMITTED_FIELDS'), [
      { code: 'OMITTED_FIELDS', status: 'suspected', deadline: null, actual: '2026-11-23T17:30:00.000Z', minutesLate: null },
    ]);
  });
  test('written report: also summary, directLossYuan, measuresTaken', () => {
    const inc = incident({ reports: [written({ summary: undefined, measuresTaken: '  ', directLossYuan: null, deaths: null })] });
    assert.deepEqual(flagsOf(inc, '02:00', 'OMITTED_FIELDS').map((f) => f.fields), [['deaths', 'directLossYuan', 'measuresTaken', 'summary']]);
  });
  test('0 is a statement; a complete report raises nothing', () => {
    assert.deepEqual(flagsOf(incident({ reports: [report(), written({ receivedAt: t('02:00') })] }), '02:00', 'OMITTED_FIELDS'), []);
  });
  test('only the first official quick report is judged; other channels and units are not judged', () => {
    const bare = { location: null, deaths: null, missing: null, seriouslyInjured: null };
    const inc = incident({
      reports: [
        report({ ...bare, receivedAt: t('01:10') }),
        media('01:20', bare),
        report({ ...bare, fromUnit: '西城区', receivedAt: t('01:30') }),
        report({ ...bare, kind: 'followup', receivedAt: t('01:40') }),
      ],
    });
    const flags = flagsOf(inc, '02:00', 'OMITTED_FIELDS');
    assert.deepEqual(flags.map((f) => [f.reportIndex, f.actual]), [[0, t('01:10')]]);
  });
  test('a follow-up stating only what changed raises nothing, by phone or in writing (rule-profiles.md)', () => {
    const changed = { location: null, missing: null, seriouslyInjured: null, summary: '核实后死亡1人', measuresTaken: null, directLossYuan: null };
    const inc = incident({
      reports: [
        report({ receivedAt: t('01:10') }),
        written({ receivedAt: t('02:00') }),
        report({ ...changed, kind: 'followup', receivedAt: t('03:00') }),
        written({ ...changed, kind: 'followup', receivedAt: t('05:00') }),
      ],
    });
    assert.deepEqual(flagsOf(inc, '06:00', 'OMITTED_FIELDS'), []);
  });
  test('the first official written report owes the written list even after a complete quick report', () => {
    const inc = incident({ reports: [report({ receivedAt: t('01:10') }), written({ receivedAt: t('02:00'), measuresTaken: null }), written({ receivedAt: t('03:00'), measuresTaken: null })] });
    assert.deepEqual(flagsOf(inc, '06:00', 'OMITTED_FIELDS').map((f) => [f.reportIndex, f.fields]), [[1, ['measuresTaken']]]);
  });
  test('the first quick report is judged even when a written report came before it', () => {
    const inc = incident({ reports: [written({ receivedAt: t('01:10') }), report({ receivedAt: t('01:20'), location: null }), report({ receivedAt: t('01:30'), location: null })] });
    assert.deepEqual(flagsOf(inc, '06:00', 'OMITTED_FIELDS').map((f) => [f.reportIndex, f.fields]), [[1, ['location']]]);
  });
});
