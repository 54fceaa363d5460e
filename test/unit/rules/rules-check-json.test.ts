// Runs in plain Node (tests): the JSON contract of `duty rules check`: parsing with field paths,
// offsets other than +08:00, and the serialized form.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_RULE_SET } from '../../../shared/domain/rules/default-rule-set.js';
import { evaluateIncidents } from '../../../shared/domain/rules/evaluate-incident.js';
import { formatFieldError } from '../../../shared/domain/rules/field-error.js';
import { parseRulesCheckInput, serializeRulesCheckOutput } from '../../../shared/domain/rules/rules-check-json.js';

const fixture = (name: string): any => JSON.parse(readFileSync(new URL(`../../fixtures/rules/${name}`, import.meta.url), 'utf8'));

function check(json: unknown) {
  const parsed = parseRulesCheckInput(json);
  if (!parsed.ok) throw new Error(formatFieldError(parsed.error));
  return serializeRulesCheckOutput(evaluateIncidents(parsed.value.incidents, DEFAULT_RULE_SET, parsed.value.now ?? assert.fail('every fixture here states its now')));
}

function errorOf(json: unknown): string {
  const parsed = parseRulesCheckInput(json);
  assert.equal(parsed.ok, false, 'expected the input to be refused');
  return parsed.ok ? '' : formatFieldError(parsed.error);
}

describe('the example of docs/rules.md', () => {
  test('gives exactly the output shown there', () => {
    assert.deepEqual(check(fixture('example.json')), fixture('example.expected.json'));
  });
  test('the same instants with other offsets give the same output', () => {
    const utc = fixture('example.json');
    utc.now = '2026-11-24T01:00:00Z';
    utc.incidents[0].occurredAt = '2026-11-23T17:00:00.000Z';
    utc.incidents[0].reports[0].receivedAt = '2026-11-23T13:10:00-05:00';
    assert.deepEqual(check(utc), fixture('example.expected.json'));
    const nepal = fixture('example.json');
    nepal.incidents[0].occurredAt = '2026-11-23T22:45:00+05:45';
    assert.deepEqual(check(nepal), fixture('example.expected.json'));
  });
  test('a time without its offset would mean another instant, so it is refused', () => {
    const local = fixture('example.json');
    local.incidents[0].occurredAt = '2026-11-24T01:00:00';
    assert.match(errorOf(local), /^incidents\[0\]\.occurredAt: expected an ISO 8601 time with an offset/);
  });
});

describe('the scenarios file', () => {
  test('gives the expected output', () => {
    assert.deepEqual(check(fixture('scenarios.json')), fixture('scenarios.expected.json'));
  });
});

describe('parsing', () => {
  const base = () => fixture('example.json');
  test('left out and null are both "not stated"; now may be left out', () => {
    const input = base();
    delete input.now;
    Object.assign(input.incidents[0].reports[0], { missing: null, summary: null, occurredAt: null, correctionReason: null });
    delete input.incidents[0].closedAt;
    delete input.incidents[0].level;
    const parsed = parseRulesCheckInput(input);
    assert.ok(parsed.ok);
    assert.equal(parsed.value.now, null);
    assert.equal(parsed.value.incidents[0]!.reports[0]!.missing, null);
    assert.equal(parsed.value.incidents[0]!.occurredAt, Date.UTC(2026, 10, 23, 17));
  });
  test('unit names are trimmed, so a stray space does not make a report non-official', () => {
    const input = base();
    input.incidents[0].reports[0].fromUnit = '东城区 ';
    const parsed = parseRulesCheckInput(input);
    assert.ok(parsed.ok);
    assert.equal(parsed.value.incidents[0]!.reports[0]!.fromUnit, '东城区');
  });
  const bad: [string, (i: any) => void, RegExp][] = [
    ['unknown category', (i) => (i.incidents[0].category = 'roadtraffic'), /^incidents\[0\]\.category: unknown category "roadtraffic" \(expected one of road_traffic, /],
    ['unknown channel', (i) => (i.incidents[0].reports[0].channel = 'email'), /^incidents\[0\]\.reports\[0\]\.channel: unknown channel "email"/],
    ['unknown kind', (i) => (i.incidents[0].reports[0].kind = 'update'), /^incidents\[0\]\.reports\[0\]\.kind: unknown report kind "update"/],
    ['missing receivedAt', (i) => delete i.incidents[0].reports[0].receivedAt, /^incidents\[0\]\.reports\[0\]\.receivedAt: required \(an ISO 8601 time/],
    ['receivedAt without offset', (i) => (i.incidents[0].reports[0].receivedAt = '2026-11-24T02:10:00'), /^incidents\[0\]\.reports\[0\]\.receivedAt: expected an ISO 8601 time with an offset.*got "2026-11-24T02:10:00"$/],
    ['receivedAt as a number', (i) => (i.incidents[0].reports[0].receivedAt = 1763921400000), /^incidents\[0\]\.reports\[0\]\.receivedAt: expected an ISO 8601 time/],
    ['an impossible date', (i) => (i.incidents[0].occurredAt = '2026-02-30T01:00:00+08:00'), /^incidents\[0\]\.occurredAt: expected an ISO 8601 time/],
    ['negative count', (i) => (i.incidents[0].reports[0].deaths = -1), /^incidents\[0\]\.reports\[0\]\.deaths: expected a whole number ≥ 0, got -1$/],
    ['fractional count', (i) => (i.incidents[0].reports[0].seriouslyInjured = 1.5), /^incidents\[0\]\.reports\[0\]\.seriouslyInjured: expected a whole number ≥ 0, got 1.5$/],
    ['count as text', (i) => (i.incidents[0].reports[0].missing = '0'), /^incidents\[0\]\.reports\[0\]\.missing: expected a whole number ≥ 0, got "0"$/],
    ['negative loss', (i) => (i.incidents[0].reports[0].directLossYuan = -5), /^incidents\[0\]\.reports\[0\]\.directLossYuan: expected a number ≥ 0/],
    ['empty fromUnit', (i) => (i.incidents[0].reports[0].fromUnit = ' '), /^incidents\[0\]\.reports\[0\]\.fromUnit: expected a unit name$/],
    ['unknown field', (i) => (i.incidents[0].reports[0].recievedAt = 'x'), /^incidents\[0\]\.reports\[0\]\.recievedAt: unknown field/],
    ['level on an accident', (i) => (i.incidents[0].level = 'III'), /^incidents\[0\]\.level: must be null for road_traffic/],
    ['unknown level', (i) => ((i.incidents[0].category = 'flood'), (i.incidents[0].level = 'V')), /^incidents\[0\]\.level: unknown level "V"/],
    ['bad now', (i) => (i.now = 'now'), /^now: expected an ISO 8601 time/],
    ['bad closedAt', (i) => (i.incidents[0].closedAt = '2026-11-24'), /^incidents\[0\]\.closedAt: expected an ISO 8601 time/],
    ['missing reports', (i) => delete i.incidents[0].reports, /^incidents\[0\]\.reports: required \(a list\)$/],
    ['missing incidents', (i) => delete i.incidents, /^incidents: required \(a list\)$/],
    ['duplicate id', (i) => i.incidents.push(structuredClone(i.incidents[0])), /^incidents\[1\]\.id: duplicate id "A1" \(also incidents\[0\]\)$/],
    ['id as a number', (i) => (i.incidents[0].id = 7), /^incidents\[0\]\.id: expected text, got 7$/],
  ];
  for (const [name, mutate, message] of bad)
    test(`refused, naming the field: ${name}`, () => {
      const input = base();
      mutate(input);
      assert.match(errorOf(input), message);
    });
  test('not an object at all', () => {
    assert.match(errorOf([]), /^\(root\): expected an object, got a list$/);
    assert.match(errorOf(null), /^\(root\): expected an object, got null$/);
  });
  test('the first bad field is named when there are several', () => {
    const input = base();
    input.incidents[0].reports[0].deaths = -1;
    input.incidents[0].reports[0].channel = 'email';
    assert.match(errorOf(input), /^incidents\[0\]\.reports\[0\]\.channel:/);
  });
});

describe('serializing', () => {
  test('times in UTC with milliseconds; fields only on OMITTED_FIELDS; keys in the contract order', () => {
    const input = fixture('example.json');
    input.incidents[0].reports[0].location = null;
    const out = check(input);
    const flags = out.incidents[0]!.flags;
    assert.deepEqual(flags, [
      { code: 'LATE_WRITTEN', status: 'overdue', deadline: '2026-11-23T21:00:00.000Z', actual: null, minutesLate: 240 },
      { code: 'OMITTED_FIELDS', status: 'suspected', deadline: null, actual: '2026-11-23T18:10:00.000Z', minutesLate: null, fields: ['location'] },
    ]);
    assert.deepEqual(Object.keys(flags[1]!), ['code', 'status', 'deadline', 'actual', 'minutesLate', 'fields']);
    assert.deepEqual(Object.keys(out.incidents[0]!), ['id', 'initialLevel', 'currentLevel', 'flags']);
  });
});
