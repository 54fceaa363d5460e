// UPWARD_LATE: the duty room's own reports upward, at every edge: exactly at the limit and one
// second after, each requirement and level, a level lifted by a follow-up, non-official lifts,
// reports outside the supplement window, and upward reports sent before the clock started.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_RULE_SET } from '../../../shared/domain/rules/default-rule-set.js';
import type { UpwardReport } from '../../../shared/domain/rules/incident.js';
import { parseRuleSet } from '../../../shared/domain/rules/rule-set.js';
import { DAY, SECOND, briefs, flagsOf, incident, report, t } from './helpers.js';

const up = (sentAt: number, channel: UpwardReport['channel'] = 'phone', to = '省应急管理厅'): UpwardReport => ({ to, channel, sentAt });
const levelIII = (over = {}) => report({ receivedAt: t('01:30'), deaths: 3, ...over });
const levelI = (over = {}) => report({ receivedAt: t('01:30'), deaths: 30, ...over });

describe('UPWARD_LATE for level III: the first upward report within 2 h of the first official report', () => {
  test('exactly at 2 h is on time; one second later is late by one minute', () => {
    assert.deepEqual(briefs(incident({ reports: [levelIII()], upward: [up(t('03:30'))] }), '12:00', 'UPWARD_LATE'), []);
    assert.deepEqual(briefs(incident({ reports: [levelIII()], upward: [up(t('03:30:01'))] }), '12:00', 'UPWARD_LATE'), [
      { code: 'UPWARD_LATE', status: 'late', deadline: '2026-11-23T19:30:00.000Z', actual: '2026-11-23T19:30:01.000Z', minutesLate: 1 },
    ]);
  });

  test('none sent: nothing before the deadline, overdue one second after', () => {
    assert.deepEqual(briefs(incident({ reports: [levelIII()] }), '03:30', 'UPWARD_LATE'), []);
    assert.deepEqual(briefs(incident({ reports: [levelIII()] }), '03:30:01', 'UPWARD_LATE'), [
      { code: 'UPWARD_LATE', status: 'overdue', deadline: '2026-11-23T19:30:00.000Z', actual: null, minutesLate: 1 },
    ]);
  });

  test('any official channel counts for the first upward report; the earliest one is judged', () => {
    for (const channel of ['phone', 'sms', 'fax', 'document', 'system'] as const) {
      assert.deepEqual(briefs(incident({ reports: [levelIII()], upward: [up(t('03:00'), channel)] }), '12:00', 'UPWARD_LATE'), [], channel);
    }
    assert.deepEqual(briefs(incident({ reports: [levelIII()], upward: [up(t('05:00')), up(t('03:00'), 'fax')] }), '12:00', 'UPWARD_LATE'), []);
  });

  test('level IV owes nothing upward', () => {
    assert.deepEqual(briefs(incident({ reports: [report({ deaths: 2 })] }), '2026-11-30T00:00:00+08:00', 'UPWARD_LATE'), []);
  });

  test('no official report yet: no upward clock (the unit has not reported)', () => {
    const tip = report({ channel: 'media', fromUnit: '某报社', deaths: 5 });
    assert.deepEqual(briefs(incident({ reports: [tip] }), '2026-11-30T00:00:00+08:00', 'UPWARD_LATE'), []);
  });
});

describe('UPWARD_LATE for levels I and II: phone within 30 min, written within 1 h, and the first within 2 h', () => {
  test('each requirement at its edge', () => {
    const onTime = incident({ reports: [levelI()], upward: [up(t('02:00'), 'phone'), up(t('02:30'), 'fax')] });
    assert.deepEqual(briefs(onTime, '12:00', 'UPWARD_LATE'), []);
    const late = incident({ reports: [levelI()], upward: [up(t('02:00:01'), 'sms'), up(t('02:30:01'), 'system')] });
    assert.deepEqual(briefs(late, '12:00', 'UPWARD_LATE'), [
      { code: 'UPWARD_LATE', status: 'late', deadline: '2026-11-23T18:00:00.000Z', actual: '2026-11-23T18:00:01.000Z', minutesLate: 1 },
      { code: 'UPWARD_LATE', status: 'late', deadline: '2026-11-23T18:30:00.000Z', actual: '2026-11-23T18:30:01.000Z', minutesLate: 1 },
    ]);
    assert.deepEqual(flagsOf(late, '12:00', 'UPWARD_LATE').map((f) => f.reason), ['upward_quick', 'upward_written']);
  });

  test('a written upward report does not meet the phone requirement, nor a phone call the written one', () => {
    const onlyFax = flagsOf(incident({ reports: [levelI()], upward: [up(t('01:45'), 'fax')] }), '12:00', 'UPWARD_LATE');
    assert.deepEqual(onlyFax.map((f) => [f.reason, f.status]), [['upward_quick', 'overdue']]);
    const onlyPhone = flagsOf(incident({ reports: [levelI()], upward: [up(t('01:45'), 'phone')] }), '12:00', 'UPWARD_LATE');
    assert.deepEqual(onlyPhone.map((f) => [f.reason, f.status]), [['upward_written', 'overdue']]);
  });

  test('nothing sent: three overdue flags, sorted by deadline', () => {
    assert.deepEqual(flagsOf(incident({ reports: [levelI()] }), '12:00', 'UPWARD_LATE').map((f) => f.reason), ['upward_quick', 'upward_written', 'upward_first']);
  });

  test('a manual level II outside the accident class', () => {
    const flood = incident({ category: 'flood', level: 'II', reports: [report({ channel: 'sms' })] });
    assert.deepEqual(flagsOf(flood, '12:00', 'UPWARD_LATE').map((f) => f.reason), ['upward_quick', 'upward_written', 'upward_first']);
  });
});

describe('a level lifted by a follow-up starts the clock at the report that lifted it', () => {
  const lifted = () => [report({ receivedAt: t('01:30'), deaths: 1 }), report({ kind: 'followup', receivedAt: t('06:00'), deaths: 3 })];

  test('IV → III at 06:00: first upward due 08:00', () => {
    assert.deepEqual(briefs(incident({ reports: lifted(), upward: [up(t('08:00'))] }), '12:00', 'UPWARD_LATE'), []);
    assert.deepEqual(briefs(incident({ reports: lifted() }), '08:00:01', 'UPWARD_LATE'), [
      { code: 'UPWARD_LATE', status: 'overdue', deadline: '2026-11-24T00:00:00.000Z', actual: null, minutesLate: 1 },
    ]);
  });

  test('an upward report sent before the lift does not meet the lifted level', () => {
    const sentEarly = incident({ reports: lifted(), upward: [up(t('02:00'))] });
    assert.equal(flagsOf(sentEarly, '12:00', 'UPWARD_LATE')[0]?.status, 'overdue');
  });

  test('III → I: the phone and written clocks start at the lift; the first-upward clock kept its start', () => {
    const reports = [levelIII(), report({ kind: 'followup', receivedAt: t('05:00'), deaths: 30 })];
    const f = flagsOf(incident({ reports, upward: [up(t('03:00'), 'phone')] }), '12:00', 'UPWARD_LATE');
    assert.deepEqual(f.map((x) => [x.reason, x.deadline && new Date(x.deadline).toISOString()]), [
      ['upward_quick', '2026-11-23T21:30:00.000Z'],
      ['upward_written', '2026-11-23T22:00:00.000Z'],
    ]);
  });

  test('a non-official report that lifts the level before the unit reports: the clock starts at the official report', () => {
    const tip = report({ channel: 'media', fromUnit: '某报社', receivedAt: t('01:10'), deaths: 4 });
    const official = report({ receivedAt: t('02:00'), deaths: 1 });
    assert.deepEqual(briefs(incident({ reports: [tip, official] }), '04:00:01', 'UPWARD_LATE'), [
      { code: 'UPWARD_LATE', status: 'overdue', deadline: '2026-11-23T20:00:00.000Z', actual: null, minutesLate: 1 },
    ]);
  });

  test('figures reported after the supplement window do not lift the level', () => {
    const after = report({ kind: 'followup', receivedAt: t('01:00') + 7 * DAY + SECOND, deaths: 3, correctionReason: '伤者死亡' });
    assert.deepEqual(briefs(incident({ reports: [report({ deaths: 1 }), after] }), '2026-12-10T00:00:00+08:00', 'UPWARD_LATE'), []);
  });
});

describe('the rule set', () => {
  test('upward limits are data: a file without them gets the defaults; null switches one off', () => {
    const { upward: _, ...withoutUpward } = DEFAULT_RULE_SET;
    const parsed = parseRuleSet(JSON.parse(JSON.stringify(withoutUpward)));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.ok && parsed.value.version === 1 && parsed.value.upward, DEFAULT_RULE_SET.upward);
    const off = { ...DEFAULT_RULE_SET, upward: { ...DEFAULT_RULE_SET.upward, firstMin: { I: 120, II: 120, III: null, IV: null } } };
    const strict = parseRuleSet(JSON.parse(JSON.stringify(off)));
    assert.ok(strict.ok);
    assert.deepEqual(briefs(incident({ reports: [levelIII()] }), '2026-11-30T00:00:00+08:00', 'UPWARD_LATE', strict.ok ? strict.value : undefined), []);
  });

  test('a bad upward limit is refused with its path', () => {
    const bad = parseRuleSet({ ...JSON.parse(JSON.stringify(DEFAULT_RULE_SET)), upward: { ...DEFAULT_RULE_SET.upward, quickMin: { I: -5, II: 30, III: null, IV: null } } });
    assert.equal(bad.ok, false);
    assert.match(!bad.ok ? bad.error.path : '', /^upward\.quickMin\.I$/);
  });
});
