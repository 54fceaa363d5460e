// Runs in plain Node (tests): the shipped packs on the command line: `duty rules packs`,
// `duty rules check --pack ID` (cn-default when no rule set is named), and `duty rules export`,
// whose output `--rules` reads back with the same verdicts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliLines } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = 'test/fixtures/rules';
const fixture = (name: string): any => JSON.parse(readFileSync(new URL(`../fixtures/rules/${name}`, import.meta.url), 'utf8'));
const PACKS = ['cn-default', 'cn-wuhan', 'cn-henan'];

const run = (argv: string[], stdin = '') => cliLines(argv, stdin, ROOT);

describe('duty rules packs', () => {
  test('one line per shipped pack: id, name, sources', async () => {
    const r = await run(['rules', 'packs']);
    assert.equal(r.code, 0);
    const lines = r.out.split('\n');
    assert.deepEqual(lines.map((l) => l.split('\t')[0]), PACKS);
    for (const l of lines) assert.equal(l.split('\t').length, 3, l);
    assert.match(lines[1]!, /武政〔2020〕27号/);
    assert.match(lines[2]!, /河南省应急管理厅/);
  });
});

describe('duty rules check by pack: the profile scenarios (test/fixtures/rules/profiles.json)', () => {
  for (const pack of PACKS)
    test(`--pack ${pack} gives profiles.${pack}.expected.json`, async () => {
      const r = await run(['rules', 'check', `${FIXTURES}/profiles.json`, '--pack', pack]);
      assert.equal(r.code, 0, r.err.join('\n'));
      assert.deepEqual(JSON.parse(r.out), fixture(`profiles.${pack}.expected.json`));
    });
  test('without --rules or --pack the CLI judges by cn-default', async () => {
    const r = await run(['rules', 'check', `${FIXTURES}/profiles.json`]);
    assert.deepEqual(JSON.parse(r.out), fixture('profiles.cn-default.expected.json'));
    const s = await run(['rules', 'check', `${FIXTURES}/scenarios.json`]);
    assert.deepEqual(JSON.parse(s.out), fixture('scenarios.cn-default.expected.json'));
  });
  test('cn-default differs from the version-1 default only where its profiles say (scenarios: the flood D4)', () => {
    const v1 = fixture('scenarios.expected.json').incidents;
    const v2 = fixture('scenarios.cn-default.expected.json').incidents;
    const changed = v1.filter((e: { id: string }, i: number) => JSON.stringify(e) !== JSON.stringify(v2[i])).map((e: { id: string }) => e.id);
    assert.deepEqual(changed, ['D4']);
    // The 12 h gap is gone; the daily 09:00 deadline of 2026-11-26 is exactly 'now', so not yet overdue.
    assert.ok(!v2[2].flags.some((f: { code: string }) => f.code === 'LATE_FOLLOWUP'));
  });
  test('an unknown pack is bad usage, in one line naming the known ids', async () => {
    const r = await run(['rules', 'check', `${FIXTURES}/profiles.json`, '--pack', 'cn-beijing']);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.deepEqual(r.err, ['duty rules check: unknown pack "cn-beijing" (known: cn-default, cn-wuhan, cn-henan)']);
  });
  test('--rules and --pack together are bad usage', async () => {
    const r = await run(['rules', 'check', `${FIXTURES}/profiles.json`, '--pack', 'cn-henan', '--rules', `${FIXTURES}/strict.ruleset.json`]);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err[0]!, /--rules or --pack, not both/);
  });
});

describe('duty rules export --pack ID', () => {
  for (const pack of PACKS)
    test(`${pack}: a version-2 file that --rules reads back with the same verdicts`, async () => {
      const exported = await run(['rules', 'export', '--pack', pack]);
      assert.equal(exported.code, 0);
      const file = JSON.parse(exported.out);
      assert.equal(file.schema, 'duty-desk/ruleset');
      assert.equal(file.version, 2);
      assert.equal(file.timeZone, 'Asia/Shanghai');
      const back = await run(['rules', 'check', `${FIXTURES}/profiles.json`, '--rules', '-'], exported.out);
      assert.equal(back.code, 0, back.err.join('\n'));
      assert.deepEqual(JSON.parse(back.out), fixture(`profiles.${pack}.expected.json`));
      const scenarios = await run(['rules', 'check', `${FIXTURES}/scenarios.json`, '--rules', '-'], exported.out);
      const byPack = await run(['rules', 'check', `${FIXTURES}/scenarios.json`, '--pack', pack]);
      assert.equal(scenarios.out, byPack.out);
    });
  test('an edited export with a bad value is refused naming its path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duty-rules-'));
    try {
      const file = JSON.parse((await run(['rules', 'export', '--pack', 'cn-henan'])).out);
      file.profiles.natural.limits.III.followup = { dailyAt: ['08:00', '25:00'] };
      writeFileSync(join(dir, 'mine.json'), JSON.stringify(file));
      const r = await run(['rules', 'check', `${FIXTURES}/profiles.json`, '--rules', join(dir, 'mine.json')]);
      assert.equal(r.code, 2);
      assert.equal(r.out, '');
      assert.equal(r.err.length, 1);
      assert.match(r.err[0]!, /^profiles\.natural\.limits\.III\.followup\.dailyAt\[1\]: expected a local time HH:MM/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  test('no pack, or an unknown one: exit 2', async () => {
    for (const argv of [['rules', 'export'], ['rules', 'export', '--pack', 'nope']]) {
      const r = await run(argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.equal(r.out, '');
      assert.match(r.err[0]!, /cn-default, cn-wuhan, cn-henan/);
    }
  });
});
