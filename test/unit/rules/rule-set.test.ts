// Runs in plain Node (tests): the rule set format and its validation.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_RULE_SET } from '../../../shared/domain/rules/default-rule-set.js';
import { formatFieldError } from '../../../shared/domain/rules/field-error.js';
import { parseRuleSet } from '../../../shared/domain/rules/rule-set.js';

const clone = (): any => JSON.parse(JSON.stringify(DEFAULT_RULE_SET));

function errorOf(json: unknown): string {
  const r = parseRuleSet(json);
  assert.equal(r.ok, false, 'expected the rule set to be refused');
  return r.ok ? '' : formatFieldError(r.error);
}

describe('the default rule set', () => {
  test('is valid and survives a JSON round trip unchanged', () => {
    const r = parseRuleSet(JSON.parse(JSON.stringify(DEFAULT_RULE_SET)));
    assert.ok(r.ok);
    assert.deepEqual(r.value, DEFAULT_RULE_SET);
  });
  test('has the numbers of docs/rules.md', () => {
    const { limits } = DEFAULT_RULE_SET;
    assert.deepEqual(
      [limits.I.firstReportMin, limits.II.firstReportMin, limits.III.firstReportMin, limits.IV.firstReportMin],
      [30, 30, 60, 120],
    );
    assert.deepEqual(
      [limits.I.writtenReportMin, limits.II.writtenReportMin, limits.III.writtenReportMin, limits.IV.writtenReportMin],
      [60, 60, 120, 240],
    );
    assert.deepEqual(
      [limits.I.followupGapHours, limits.II.followupGapHours, limits.III.followupGapHours, limits.IV.followupGapHours],
      [12, 12, 24, 24],
    );
    for (const l of ['I', 'II', 'III', 'IV'] as const) assert.equal(limits[l].finalReportHours, 24);
    assert.deepEqual(DEFAULT_RULE_SET.supplementWindowDays, { default: 30, byCategory: { road_traffic: 7, fire: 7 } });
    assert.equal(DEFAULT_RULE_SET.concealmentWindowHours, 24);
    assert.equal(DEFAULT_RULE_SET.occurrenceCorrectionMin, 60);
  });
  test('equals the fixture file test/fixtures/rules/cn-default.ruleset.json', () => {
    const file = JSON.parse(readFileSync(new URL('../../fixtures/rules/cn-default.ruleset.json', import.meta.url), 'utf8'));
    assert.deepEqual(file, JSON.parse(JSON.stringify(DEFAULT_RULE_SET)));
  });
});

describe('an invalid rule set is refused with the path of the bad value', () => {
  test('a negative limit', () => {
    const rs = clone();
    rs.limits.III.firstReportMin = -5;
    assert.equal(errorOf(rs), 'limits.III.firstReportMin: expected a positive number');
  });
  test('zero, text, or nothing where a limit belongs', () => {
    const rs = clone();
    rs.limits.I.followupGapHours = 0;
    assert.equal(errorOf(rs), 'limits.I.followupGapHours: expected a positive number');
    rs.limits.I.followupGapHours = '12';
    assert.equal(errorOf(rs), 'limits.I.followupGapHours: expected a positive number');
    delete rs.limits.I.followupGapHours;
    assert.equal(errorOf(rs), 'limits.I.followupGapHours: required (expected a positive number)');
  });
  test('a missing level', () => {
    const rs = clone();
    delete rs.limits.IV;
    assert.match(errorOf(rs), /^limits\.IV: required/);
  });
  test('an unknown field', () => {
    const rs = clone();
    rs.limits.II.firstReportMinutes = 30;
    assert.equal(errorOf(rs), 'limits.II.firstReportMinutes: unknown field (check its spelling)');
  });
  test('an unknown category in the supplement windows', () => {
    const rs = clone();
    rs.supplementWindowDays.byCategory.roadtraffic = 7;
    assert.match(errorOf(rs), /^supplementWindowDays\.byCategory\.roadtraffic: unknown category/);
    rs.supplementWindowDays.byCategory = { fire: -1 };
    assert.equal(errorOf(rs), 'supplementWindowDays.byCategory.fire: expected a positive number');
  });
  test('thresholds out of order', () => {
    const rs = clone();
    rs.levelThresholds.III.deathsAndMissing = 40;
    assert.equal(errorOf(rs), "levelThresholds.III.deathsAndMissing: must not exceed level II's 10");
  });
  test('required items', () => {
    const rs = clone();
    rs.requiredItems.quick = ['location', 'weather'];
    assert.match(errorOf(rs), /^requiredItems\.quick\[1\]: expected one of deaths, /);
    rs.requiredItems.quick = ['location', 'location'];
    assert.equal(errorOf(rs), 'requiredItems.quick[1]: "location" is listed twice');
  });
  test('not a rule set, or a newer version', () => {
    assert.match(errorOf([]), /^\(root\): expected an object/);
    const rs = clone();
    rs.schema = 'something/else';
    assert.match(errorOf(rs), /^schema: expected "duty-desk\/ruleset"/);
    const newer = clone();
    newer.version = 3;
    assert.equal(errorOf(newer), 'version: this app reads rule set versions 1 and 2; the file is version 3: update the app');
  });
  test('an occurrence correction of 0 minutes is allowed, a negative one is not', () => {
    const rs = clone();
    rs.occurrenceCorrectionMin = 0;
    assert.ok(parseRuleSet(rs).ok);
    rs.occurrenceCorrectionMin = -1;
    assert.equal(errorOf(rs), 'occurrenceCorrectionMin: expected a number ≥ 0');
  });
});
