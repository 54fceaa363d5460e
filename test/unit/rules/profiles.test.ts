// Runs in plain Node (tests): rule set version 2 (rule-profiles.md): the daily follow-up rule at its
// boundaries and against a plain reference, every null limit, per-level clock start, and version 1
// read as version 2.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TZDate } from '@date-fns/tz';
import { CATEGORY_CLASSES, categoryClassOf, type CategoryClass } from '../../../shared/domain/categories.js';
import { LEVELS, type Level } from '../../../shared/domain/levels.js';
import { DEFAULT_RULE_SET } from '../../../shared/domain/rules/default-rule-set.js';
import { evaluateIncident } from '../../../shared/domain/rules/evaluate-incident.js';
import type { Incident } from '../../../shared/domain/rules/incident.js';
import { compareFlags } from '../../../shared/domain/rules/flag.js';
import { CN_DEFAULT } from '../../../shared/domain/rules/packs/cn-default.js';
import { RULE_PACKS } from '../../../shared/domain/rules/packs/index.js';
import { inReceivedOrder, isOfficialReport, minutesLate } from '../../../shared/domain/rules/predicates.js';
import { parseRuleSet, toVersion2, type LevelRules, type Profile, type RuleSetV2 } from '../../../shared/domain/rules/rule-set.js';
import { brief, briefs, DAY, incident, iso, MINUTE, report, t, written } from './helpers.js';
import { withNow } from './arbitraries.js';

/** A copy of a rule set with every level of every class (or of the classes given) changed by fn. */
function mapLevels(rs: RuleSetV2, fn: (rules: LevelRules, level: Level, cls: CategoryClass) => LevelRules, classes: readonly CategoryClass[] = CATEGORY_CLASSES): RuleSetV2 {
  const profiles = { ...rs.profiles } as Record<CategoryClass, Profile>;
  for (const cls of classes) {
    const p = rs.profiles[cls];
    profiles[cls] = { ...p, limits: Object.fromEntries(LEVELS.map((l) => [l, fn(p.limits[l], l, cls)])) as Record<Level, LevelRules> };
  }
  return { ...rs, profiles };
}

/** A flood (natural, daily 09:00 in cn-default) at level III, first official report at `first`. */
function flood(first: string, over: Partial<Incident> = {}): Incident {
  return incident({ category: 'flood', level: 'III', occurredAt: t(first) - 30 * MINUTE, reports: [report({ receivedAt: t(first) })], ...over });
}
const followups = (inc: Incident, now: string | number, rs: RuleSetV2 = CN_DEFAULT) => briefs(inc, now, 'LATE_FOLLOWUP', rs);

describe('the daily follow-up rule (dailyAt)', () => {
  test('a first report at 23:59 local owes its first daily report the next morning', () => {
    const inc = flood('2026-11-24T23:59:00+08:00');
    assert.deepEqual(followups(inc, '2026-11-25T09:00:00+08:00'), []);
    assert.deepEqual(followups(inc, '2026-11-25T09:00:01+08:00'), [
      { code: 'LATE_FOLLOWUP', status: 'overdue', deadline: '2026-11-25T01:00:00.000Z', actual: null, minutesLate: 1 },
    ]);
  });

  test('a first report at 00:01 local owes it the morning of the following day', () => {
    const inc = flood('2026-11-25T00:01:00+08:00');
    assert.deepEqual(followups(inc, '2026-11-26T09:00:00+08:00'), []);
    assert.deepEqual(followups(inc, '2026-11-26T09:00:01+08:00').map((f) => f.deadline), ['2026-11-26T01:00:00.000Z']);
  });

  test('the window: a report exactly at the deadline meets it; one exactly at the first report does not', () => {
    const first = t('2026-11-24T10:00:00+08:00');
    const at = (receivedAt: number) => report({ kind: 'followup', receivedAt });
    assert.deepEqual(followups(flood('2026-11-24T10:00:00+08:00', { reports: [report({ receivedAt: first }), at(t('2026-11-25T09:00:00+08:00'))] }), '2026-11-25T12:00:00+08:00'), []);
    assert.deepEqual(
      followups(flood('2026-11-24T10:00:00+08:00', { reports: [report({ receivedAt: first }), at(first)] }), '2026-11-25T12:00:00+08:00').map((f) => f.status),
      ['overdue'],
    );
  });

  test('a deadline exactly at the end is owed; one after the end is not', () => {
    const base = flood('2026-11-24T10:00:00+08:00');
    const deadline = t('2026-11-25T09:00:00+08:00');
    assert.deepEqual(followups({ ...base, closedAt: deadline }, '2026-11-30T00:00:00+08:00'), [
      { code: 'LATE_FOLLOWUP', status: 'overdue', deadline: '2026-11-25T01:00:00.000Z', actual: null, minutesLate: Math.ceil((t('2026-11-30T00:00:00+08:00') - deadline) / MINUTE) },
    ]);
    assert.deepEqual(followups({ ...base, closedAt: deadline - 1 }, '2026-11-30T00:00:00+08:00'), []);
    // The end may be the first official final report, too; a report after the end is the actual.
    const final = written({ kind: 'final', receivedAt: deadline });
    assert.deepEqual(followups({ ...base, reports: [...base.reports, final] }, '2026-11-30T00:00:00+08:00'), []);
    const late = report({ kind: 'followup', receivedAt: deadline + 30 * MINUTE });
    assert.deepEqual(followups({ ...base, closedAt: deadline, reports: [...base.reports, late] }, '2026-11-30T00:00:00+08:00'), [
      { code: 'LATE_FOLLOWUP', status: 'late', deadline: '2026-11-25T01:00:00.000Z', actual: '2026-11-25T01:30:00.000Z', minutesLate: 30 },
    ]);
  });

  test('several missed days: one flag per deadline, each late by the first report after it', () => {
    const base = flood('2026-11-24T10:00:00+08:00');
    assert.deepEqual(
      followups(base, '2026-11-28T10:00:00+08:00').map((f) => [f.deadline, f.status, f.minutesLate]),
      [
        ['2026-11-25T01:00:00.000Z', 'overdue', 3 * 1440 + 60],
        ['2026-11-26T01:00:00.000Z', 'overdue', 2 * 1440 + 60],
        ['2026-11-27T01:00:00.000Z', 'overdue', 1440 + 60],
        ['2026-11-28T01:00:00.000Z', 'overdue', 60],
      ],
    );
    const back = report({ kind: 'followup', receivedAt: t('2026-11-28T09:30:00+08:00') });
    assert.deepEqual(
      followups({ ...base, reports: [...base.reports, back] }, '2026-11-28T10:00:00+08:00').map((f) => [f.deadline, f.status, f.actual, f.minutesLate]),
      [
        ['2026-11-25T01:00:00.000Z', 'late', '2026-11-28T01:30:00.000Z', 3 * 1440 + 30],
        ['2026-11-26T01:00:00.000Z', 'late', '2026-11-28T01:30:00.000Z', 2 * 1440 + 30],
        ['2026-11-27T01:00:00.000Z', 'late', '2026-11-28T01:30:00.000Z', 1440 + 30],
        ['2026-11-28T01:00:00.000Z', 'late', '2026-11-28T01:30:00.000Z', 30],
      ],
    );
  });

  test('only official reports count: another unit, or the media, meets no deadline', () => {
    const base = flood('2026-11-24T10:00:00+08:00');
    const others = [report({ fromUnit: '西城区', receivedAt: t('2026-11-25T08:00:00+08:00') }), report({ channel: 'media', fromUnit: '某报社', receivedAt: t('2026-11-25T08:10:00+08:00') })];
    assert.equal(followups({ ...base, reports: [...base.reports, ...others] }, '2026-11-25T10:00:00+08:00').length, 1);
  });

  test('in a time zone other than Shanghai, across a daylight-saving switch', () => {
    const ny: RuleSetV2 = { ...CN_DEFAULT, timeZone: 'America/New_York' };
    // 23:59 in New York on 7 March 2026 (EST): next morning is 8 March, the day clocks go forward.
    const inc = flood('2026-03-07T23:59:00-05:00');
    assert.deepEqual(followups(inc, '2026-03-10T00:00:00-04:00', ny).map((f) => f.deadline), [
      '2026-03-08T13:00:00.000Z', // 09:00 EDT
      '2026-03-09T13:00:00.000Z',
    ]);
    // The same instant is 12:59 on 8 March in Shanghai: its first deadline is 9 March, 09:00 CST.
    assert.deepEqual(followups(inc, '2026-03-10T00:00:00-04:00').map((f) => f.deadline), ['2026-03-09T01:00:00.000Z', '2026-03-10T01:00:00.000Z']);
  });

  test('a time skipped by the spring-forward switch that falls after the next listed time: flags still in order', () => {
    // 02:30 on 8 March 2026 in New York is read on EST (07:30Z), after 03:15 EDT (07:15Z).
    const ny: RuleSetV2 = { ...mapLevels(CN_DEFAULT, (r) => ({ ...r, followup: { dailyAt: ['02:30', '03:15'] } })), timeZone: 'America/New_York' };
    const inc = flood('2026-03-07T12:00:00-05:00');
    const flags = evaluateIncident(inc, ny, t('2026-03-09T12:00:00-04:00')).flags;
    for (let i = 1; i < flags.length; i++) assert.ok(compareFlags(flags[i - 1]!, flags[i]!) <= 0, `sorted at ${i}`);
    assert.deepEqual(
      flags.filter((f) => f.code === 'LATE_FOLLOWUP').map((f) => iso(f.deadline!)),
      ['2026-03-08T07:15:00.000Z', '2026-03-08T07:30:00.000Z', '2026-03-09T06:30:00.000Z', '2026-03-09T07:15:00.000Z'],
    );
  });

  test('Henan: twice a day at 08:00 and 17:00 from level III up; level IV keeps its class’s rule', () => {
    const henan = RULE_PACKS.find((p) => p.id === 'cn-henan')!.ruleSet;
    const road = (deaths: number) => incident({ reports: [report({ receivedAt: t('2026-11-24T10:00:00+08:00'), deaths })] });
    // From the day after the first report's: 17:00 on the day itself is not owed.
    assert.deepEqual(followups(road(3), '2026-11-25T18:00:00+08:00', henan).map((f) => f.deadline), ['2026-11-25T00:00:00.000Z', '2026-11-25T09:00:00.000Z']);
    // Level IV: the accident gap of 24 h after the last report, not 08:00 the next day.
    assert.deepEqual(followups(road(0), '2026-11-25T10:00:00+08:00', henan).map((f) => f.deadline), []);
    assert.deepEqual(followups(road(0), '2026-11-25T10:00:01+08:00', henan).map((f) => f.deadline), ['2026-11-25T02:00:00.000Z']);
  });

  const TIMES = ['00:00', '07:30', '08:00', '09:00', '17:00', '23:59'];
  const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Pacific/Chatham'];

  test('property: the daily flags are exactly those of a plain reading of the rule (TZDate, no caches)', () => {
    fc.assert(
      fc.property(withNow(), fc.uniqueArray(fc.constantFrom(...TIMES), { minLength: 1, maxLength: 3 }), fc.constantFrom(...ZONES), ([inc, now], times, timeZone) => {
        const rs: RuleSetV2 = { ...mapLevels(CN_DEFAULT, (r) => ({ ...r, followup: { dailyAt: times } })), timeZone };
        const got = evaluateIncident(inc, rs, now).flags.filter((f) => f.code === 'LATE_FOLLOWUP').map(brief);
        assert.deepEqual(got, referenceDaily(inc, times, timeZone, now));
      }),
      { numRuns: 1500 },
    );
  });
});

/** rule-profiles.md "The daily follow-up rule", read plainly: whole-list scans, dates by TZDate. */
function referenceDaily(inc: Incident, times: readonly string[], timeZone: string, now: number) {
  const official = inReceivedOrder(inc.reports).filter((r) => isOfficialReport(r, inc.responsibleUnit));
  if (official.length === 0) return [];
  const first = official[0]!.receivedAt;
  const final = official.find((r) => r.kind === 'final');
  const end = Math.min(inc.closedAt ?? Infinity, final?.receivedAt ?? Infinity);
  const limit = end === Infinity ? now : end;
  const local = new TZDate(first, timeZone);
  const sorted = [...times].sort();
  const out: ReturnType<typeof brief>[] = [];
  let previous = first;
  for (let i = 1; ; i++) {
    for (const hhmm of sorted) {
      const d = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + i, Number(hhmm.slice(0, 2)), Number(hhmm.slice(3)), 0, 0, timeZone).getTime();
      if (d > limit) return out.sort((a, b) => a.deadline!.localeCompare(b.deadline!));
      if (!official.some((r) => r.receivedAt > previous && r.receivedAt <= d)) {
        const after = official.find((r) => r.receivedAt > d);
        if (after) out.push({ code: 'LATE_FOLLOWUP', status: 'late', deadline: new Date(d).toISOString(), actual: new Date(after.receivedAt).toISOString(), minutesLate: minutesLate(d, after.receivedAt) });
        else if (now > d) out.push({ code: 'LATE_FOLLOWUP', status: 'overdue', deadline: new Date(d).toISOString(), actual: null, minutesLate: minutesLate(d, now) });
      }
      previous = d;
    }
  }
}

describe('null limits switch a rule off', () => {
  const codesOf = (inc: Incident, now: number, rs: RuleSetV2) => evaluateIncident(inc, rs, now).flags;

  test('writtenReportMin null: LATE_WRITTEN is never raised (property), and a number brings it back', () => {
    const off = mapLevels(CN_DEFAULT, (r) => ({ ...r, writtenReportMin: null }));
    fc.assert(
      fc.property(withNow(), ([inc, now]) => {
        const flags = codesOf(inc, now, off);
        assert.ok(!flags.some((f) => f.code === 'LATE_WRITTEN'));
        // Nothing else changes.
        const on = codesOf(inc, now, CN_DEFAULT).filter((f) => f.code !== 'LATE_WRITTEN');
        assert.deepEqual(flags, on);
      }),
      { numRuns: 1000 },
    );
    // Natural III/IV have none in cn-default; level II has 60 min.
    assert.deepEqual(briefs(flood('02:00'), '2026-11-30T00:00:00+08:00', 'LATE_WRITTEN', CN_DEFAULT), []);
    assert.equal(briefs(flood('02:00', { level: 'II' }), '2026-11-30T00:00:00+08:00', 'LATE_WRITTEN', CN_DEFAULT).length, 1);
  });

  for (const key of ['firstMin', 'quickMin', 'writtenMin'] as const) {
    const reason = ({ firstMin: 'upward_first', quickMin: 'upward_quick', writtenMin: 'upward_written' } as const)[key];
    test(`upward.${key} null: no ${reason} (property); the other requirements are unchanged`, () => {
      const off = mapLevels(CN_DEFAULT, (r) => ({ ...r, upward: { ...r.upward, [key]: null } }));
      fc.assert(
        fc.property(withNow(), ([inc, now]) => {
          const flags = codesOf(inc, now, off);
          assert.ok(!flags.some((f) => f.reason === reason));
          assert.deepEqual(flags, codesOf(inc, now, CN_DEFAULT).filter((f) => f.reason !== reason));
        }),
        { numRuns: 500 },
      );
    });
  }

  test('supplementWindowDays null: no OUTSIDE_SUPPLEMENT_WINDOW, every report grades the incident (property)', () => {
    const off: RuleSetV2 = { ...CN_DEFAULT, profiles: Object.fromEntries(CATEGORY_CLASSES.map((c) => [c, { ...CN_DEFAULT.profiles[c], supplementWindowDays: null }])) as RuleSetV2['profiles'] };
    fc.assert(
      fc.property(withNow(), ([inc, now]) => {
        const e = evaluateIncident(inc, off, now);
        assert.equal(e.supplementWindowEnd, Infinity);
        assert.ok(!e.flags.some((f) => f.code === 'OUTSIDE_SUPPLEMENT_WINDOW'));
        const byFigures = evaluateIncident({ ...inc, reports: [] }, off, now).initialLevel;
        const levels = inc.reports.map((r) => evaluateIncident({ ...inc, reports: [r] }, off, now).initialLevel);
        const highest = [...levels, ...(inc.reports.length ? [] : [byFigures])].sort()[0];
        assert.equal(e.currentLevel, highest);
      }),
      { numRuns: 1000 },
    );
    // A rise in deaths on day 10 of a road accident: outside the 7-day window with one, inside without.
    const late = report({ kind: 'followup', receivedAt: t('01:00') + 10 * DAY, deaths: 3, correctionReason: '伤者死亡' });
    const inc = incident({ reports: [report({ deaths: 1 }), late] });
    assert.equal(briefs(inc, '2026-12-10T00:00:00+08:00', 'OUTSIDE_SUPPLEMENT_WINDOW', CN_DEFAULT).length, 1);
    assert.equal(briefs(inc, '2026-12-10T00:00:00+08:00', 'OUTSIDE_SUPPLEMENT_WINDOW', off).length, 0);
    assert.equal(evaluateIncident(inc, off, t('2026-12-10T00:00:00+08:00')).currentLevel, 'III');
  });
});

describe('clock start per level', () => {
  test('occurrence: the deadlines run from the occurrence even where learnedAt is set, at that initial level only', () => {
    const wuhan = RULE_PACKS.find((p) => p.id === 'cn-wuhan')!.ruleSet;
    const learned = { learnedAt: t('02:00') };
    const big = incident({ ...learned, reports: [report({ receivedAt: t('02:20'), deaths: 10 })] });
    assert.equal(evaluateIncident(big, CN_DEFAULT, t('03:00')).clockStart, t('02:00'));
    assert.equal(evaluateIncident(big, wuhan, t('03:00')).clockStart, t('01:00'));
    assert.deepEqual(briefs(big, '02:30', 'LATE_FIRST', wuhan), [
      { code: 'LATE_FIRST', status: 'late', deadline: '2026-11-23T17:30:00.000Z', actual: '2026-11-23T18:20:00.000Z', minutesLate: 50 },
    ]);
    const small = incident({ ...learned, reports: [report({ receivedAt: t('02:20'), deaths: 1 })] });
    assert.equal(evaluateIncident(small, wuhan, t('03:00')).clockStart, t('02:00'));
  });
});

describe('version 1 read as version 2', () => {
  test('toVersion2 of the version-1 default is a valid version-2 file that judges alike (property)', () => {
    const v2 = toVersion2(DEFAULT_RULE_SET);
    const parsed = parseRuleSet(JSON.parse(JSON.stringify(v2)));
    assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.error));
    fc.assert(
      fc.property(withNow(), ([inc, now]) => {
        assert.deepEqual(evaluateIncident(inc, parsed.ok ? parsed.value : v2, now), evaluateIncident(inc, DEFAULT_RULE_SET, now));
      }),
      { numRuns: 1000 },
    );
  });
  test('cn-default judges accidents and social-security events exactly as the version-1 default', () => {
    fc.assert(
      fc.property(withNow().filter(([inc]) => !['natural', 'public_health'].includes(categoryClassOf(inc.category))), ([inc, now]) => {
        assert.deepEqual(evaluateIncident(inc, CN_DEFAULT, now), evaluateIncident(inc, DEFAULT_RULE_SET, now));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the version-2 format', () => {
  const clone = (): any => JSON.parse(JSON.stringify(CN_DEFAULT));
  const errorOf = (json: unknown) => {
    const r = parseRuleSet(json);
    return r.ok ? 'ok' : `${r.error.path}: ${r.error.message}`;
  };
  test('every shipped pack is valid, and the time zone defaults to Asia/Shanghai', () => {
    for (const p of RULE_PACKS) assert.equal(errorOf(JSON.parse(JSON.stringify(p.ruleSet))), 'ok', p.id);
    const rs = clone();
    delete rs.timeZone;
    const r = parseRuleSet(rs);
    assert.ok(r.ok && r.value.version === 2 && r.value.timeZone === 'Asia/Shanghai');
  });
  test('bad values are refused naming their path', () => {
    const cases: [(rs: any) => void, RegExp][] = [
      [(rs) => (rs.timeZone = 'Asia/Beijing'), /^timeZone: unknown time zone "Asia\/Beijing"/],
      [(rs) => (rs.profiles.natural.limits.I.followup = { dailyAt: [] }), /^profiles\.natural\.limits\.I\.followup\.dailyAt: expected at least one/],
      [(rs) => (rs.profiles.natural.limits.I.followup = { dailyAt: ['09:00', '09:00'] }), /^profiles\.natural\.limits\.I\.followup\.dailyAt\[1\]: "09:00" is listed twice/],
      [(rs) => (rs.profiles.natural.limits.I.followup = { gapHours: 12, dailyAt: ['09:00'] }), /^profiles\.natural\.limits\.I\.followup/],
      [(rs) => (rs.profiles.accident.limits.I.firstReportMin = null), /^profiles\.accident\.limits\.I\.firstReportMin: expected a positive number/],
      [(rs) => (rs.profiles.accident.limits.IV.clockStart = 'reported'), /^profiles\.accident\.limits\.IV\.clockStart: expected "learned" or "occurrence"/],
      [(rs) => (rs.profiles.natural.supplementWindowDays = { default: 30, byCategory: { fire: 7 } }), /^profiles\.natural\.supplementWindowDays\.byCategory\.fire: not a category of class natural/],
      [(rs) => delete rs.profiles.public_health, /^profiles\.public_health: required/],
      [(rs) => (rs.sources['profiles.accident.limits.V'] = 'x'), /^sources\["profiles\.accident\.limits\.V"\]: names no value/],
    ];
    for (const [edit, message] of cases) {
      const rs = clone();
      edit(rs);
      assert.match(errorOf(rs), message);
    }
  });
});

