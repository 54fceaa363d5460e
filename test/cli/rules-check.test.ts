// Runs in plain Node (tests): `duty rules check`, in-process through runCli and, once, as a real
// process, for exact output, exit statuses and error lines.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cliLines } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = 'test/fixtures/rules';
const fixtureText = (name: string) => readFileSync(new URL(`../fixtures/rules/${name}`, import.meta.url), 'utf8');
const fixture = (name: string): any => JSON.parse(fixtureText(name));

const run = (argv: string[], stdin = '') => cliLines(argv, stdin, ROOT);

describe('duty rules check (in process)', () => {
  test('the example of docs/rules.md prints exactly the output shown there', async () => {
    const r = await run(['rules', 'check', `${FIXTURES}/example.json`]);
    assert.equal(r.code, 0);
    assert.deepEqual(r.err, []);
    const expected = fixture('example.expected.json');
    assert.deepEqual(JSON.parse(r.out), expected);
    assert.equal(r.out, JSON.stringify(expected, null, 2));
  });
  test('reads standard input for -', async () => {
    const r = await run(['rules', 'check', '-'], fixtureText('example.json'));
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.out), fixture('example.expected.json'));
  });
  test('the scenarios file, judged by the version-1 default exported to a file', async () => {
    // Without --rules the CLI now judges by pack cn-default, whose natural-disaster profile follows
    // up daily at 09:00 (scenario D4, a flood): scenarios.cn-default.expected.json has that verdict.
    const r = await run(['rules', 'check', `${FIXTURES}/scenarios.json`, '--rules', `${FIXTURES}/cn-default.ruleset.json`]);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.out), fixture('scenarios.expected.json'));
  });
  test('--rules loads another rule set', async () => {
    const r = await run(['rules', 'check', `${FIXTURES}/example.json`, '--rules', `${FIXTURES}/strict.ruleset.json`]);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.out).incidents[0].flags, [
      { code: 'LATE_FIRST', status: 'late', deadline: '2026-11-23T18:00:00.000Z', actual: '2026-11-23T18:10:00.000Z', minutesLate: 10 },
      { code: 'LATE_WRITTEN', status: 'overdue', deadline: '2026-11-23T19:00:00.000Z', actual: null, minutesLate: 360 },
    ]);
    const same = await run(['rules', 'check', `${FIXTURES}/example.json`, '--rules', `${FIXTURES}/cn-default.ruleset.json`]);
    assert.deepEqual(JSON.parse(same.out), fixture('example.expected.json'));
  });
  test('--rules may come from standard input when the incidents come from a file', async () => {
    const r = await run(['rules', 'check', '--rules', '-', `${FIXTURES}/example.json`], fixtureText('strict.ruleset.json'));
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.out).incidents[0].flags.length, 2);
  });
  test('now left out means the current time', async () => {
    // The example's incident moved to ten hours before this moment: its written report (due four
    // hours after the occurrence) is six hours late by the real clock, on whatever day this runs.
    const input = fixture('example.json');
    delete input.now;
    const occurred = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 3_600_000;
    const incident = input.incidents[0];
    incident.occurredAt = new Date(occurred).toISOString();
    incident.reports[0].receivedAt = new Date(occurred + 70 * 60_000).toISOString();
    const r = await run(['rules', 'check', '-'], JSON.stringify(input));
    assert.equal(r.code, 0);
    const flag = JSON.parse(r.out).incidents[0].flags.find((f: { code: string }) => f.code === 'LATE_WRITTEN');
    assert.ok(flag, 'the written report is late by the real clock');
    const expected = Math.ceil((Date.now() - (occurred + 240 * 60_000)) / 60_000);
    assert.ok(Math.abs(flag.minutesLate - expected) <= 1, `${flag.minutesLate} minutes late, expected about ${expected}`);
    assert.ok(flag.minutesLate >= 359 && flag.minutesLate <= 362);
  });

  const bad: [string, string, RegExp][] = [
    ['unknown category', '"category": "road_traffic"|"category": "roadtraffic"', /^incidents\[0\]\.category: unknown category "roadtraffic"/],
    ['unknown channel', '"channel": "phone"|"channel": "wechat"', /^incidents\[0\]\.reports\[0\]\.channel: unknown channel "wechat"/],
    ['a time without an offset', '"2026-11-24T02:10:00+08:00"|"2026-11-24T02:10:00"', /^incidents\[0\]\.reports\[0\]\.receivedAt: expected an ISO 8601 time with an offset/],
    ['a negative count', '"deaths": 1|"deaths": -1', /^incidents\[0\]\.reports\[0\]\.deaths: expected a whole number ≥ 0, got -1/],
    ['a missing receivedAt', '"receivedAt": "2026-11-24T02:10:00+08:00", |', /^incidents\[0\]\.reports\[0\]\.receivedAt: required/],
    ['bad JSON', '"reports": [|"reports": [[', /^\(root\): not valid JSON/],
  ];
  for (const [name, edit, message] of bad)
    test(`bad input (${name}): exit 2, one line on stderr naming the field, nothing on stdout`, async () => {
      const [from, to] = edit.split('|') as [string, string];
      const text = fixtureText('example.json');
      assert.ok(text.includes(from));
      const r = await run(['rules', 'check', '-'], text.replace(from, to));
      assert.equal(r.code, 2);
      assert.equal(r.out, '');
      assert.equal(r.err.length, 1);
      assert.ok(!r.err[0]!.includes('\n'));
      assert.match(r.err[0]!, message);
      assert.match(r.err[0]!, /\(in standard input\)$/);
    });
  test('a field error in the second report of a file names it', async () => {
    const input = fixture('example.json');
    input.incidents[0].reports.push({ ...input.incidents[0].reports[0], receivedAt: 'yesterday' });
    const r = await run(['rules', 'check', '-'], JSON.stringify(input));
    assert.equal(r.code, 2);
    assert.match(r.err[0]!, /^incidents\[0\]\.reports\[1\]\.receivedAt: expected an ISO 8601 time with an offset.*got "yesterday"/);
  });
  test('an invalid rule set is refused with the path of the bad value', async () => {
    const r = await run(['rules', 'check', `${FIXTURES}/example.json`, '--rules', `${FIXTURES}/bad-limit.ruleset.json`]);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.deepEqual(r.err, [`limits.III.firstReportMin: expected a positive number (in rule set ${FIXTURES}/bad-limit.ruleset.json)`]);
  });
  test('a missing file, no file, or two files', async () => {
    const missing = await run(['rules', 'check', 'no-such.json']);
    assert.equal(missing.code, 2);
    assert.equal(missing.out, '');
    assert.match(missing.err[0]!, /cannot read file no-such\.json: no such file/);
    for (const argv of [['rules', 'check'], ['rules', 'check', 'a.json', 'b.json'], ['rules', 'check', 'a.json', '--nope']]) {
      const r = await run(argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.equal(r.out, '');
      assert.equal(r.err.length, 1);
    }
  });
});

describe('duty rules check (a real process)', () => {
  const opts = { cwd: ROOT, encoding: 'utf8' as const, timeout: 60_000 };
  test('npx tsx electron/cli/bin.ts rules check - prints the exact output and exits 0', () => {
    const r = spawnSync('npx', ['tsx', 'electron/cli/bin.ts', 'rules', 'check', '-'], { ...opts, input: fixtureText('example.json') });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, JSON.stringify(fixture('example.expected.json'), null, 2) + '\n');
  });
  test('npm run --silent duty -- rules check FILE: bad input exits 2 with nothing on stdout', () => {
    const r = spawnSync('npm', ['run', '--silent', 'duty', '--', 'rules', 'check', `${FIXTURES}/bad-limit.ruleset.json`], opts);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^incidents: required \(a list\) \(in test\/fixtures\/rules\/bad-limit\.ruleset\.json\)$/m);
  });
});
