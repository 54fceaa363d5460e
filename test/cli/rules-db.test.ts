// CLI (in-process): the rule set stored in a database. `duty rules import` previews (--dry-run)
// and saves a rule-set file as the next version, re-judging the open incidents; `duty rules
// versions` lists them; `duty rules export --db` prints the version in force, which imports back
// as "unchanged"; a bad file is refused naming the field, with nothing changed.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { closeDatabase, openDatabase } from '../../electron/db/connection.js';
import { getIncident } from '../../electron/services/incidents/intake.js';
import { rulePack } from '../../shared/domain/rules/packs/index.js';
import { cli } from '../helpers/cli.js';
import { ensureUnits, testContext } from '../helpers/context.js';
import { sceneIncident } from '../helpers/scenes.js';
import { tempDir } from '../helpers/temp.js';

const MIN = 60_000;
/** 2026-11-24 09:00 in Shanghai. */
const T0 = Date.UTC(2026, 10, 24, 1, 0, 0);
const NOW = '2026-11-24T09:30:00+08:00';

describe('duty rules import | versions | export --db', () => {
  test('a dry run changes nothing; the import saves version 2 and moves the open incident’s deadline', async () => {
    const ctx = testContext({ now: T0 });
    ensureUnits(ctx, ['东城区']);
    const open = sceneIncident(ctx, { unit: '东城区', occurredAt: T0, receivedAt: T0 + 10 * MIN });
    closeDatabase(ctx.db);
    const dir = tempDir();
    const henan = join(dir, 'henan.json');
    writeFileSync(henan, JSON.stringify(rulePack('cn-henan')!.ruleSet, null, 2));

    const dry = await cli(['rules', 'import', henan, '--db', ctx.path, '--now', NOW, '--dry-run']);
    assert.equal(dry.code, 0, dry.err);
    assert.match(dry.out, /^would save version 2 \(in force: 1\): 1 open incidents judged, 1 changed: .*1 next deadlines moved/);
    const listed = await cli(['rules', 'versions', '--db', ctx.path]);
    assert.equal(listed.out.trim().split('\n').length, 2, 'header and version 1 only');

    const saved = await cli(['rules', 'import', henan, '--db', ctx.path, '--now', NOW, '--note', '河南省时限']);
    assert.equal(saved.code, 0, saved.err);
    assert.match(saved.out, /^saved version 2: /);
    const after = await cli(['rules', 'versions', '--db', ctx.path]);
    assert.match(after.out.split('\n')[1]!, /^2\t2026-11-24T01:30:00.000Z\tos:.*\tfile\t河南省时限$/);
    const db = openDatabase(ctx.path);
    assert.equal(getIncident({ db }, open.id).nextDeadline, T0 + 360 * MIN);
    closeDatabase(db);

    const exported = await cli(['rules', 'export', '--db', ctx.path]);
    assert.deepEqual(JSON.parse(exported.out), rulePack('cn-henan')!.ruleSet);
    const back = join(dir, 'back.json');
    writeFileSync(back, exported.out);
    const again = await cli(['rules', 'import', back, '--db', ctx.path, '--now', NOW]);
    assert.equal(again.code, 2);
    assert.match(again.err, /与现行第 2 版相同|Same as version 2/);
    const v1 = await cli(['rules', 'export', '--db', ctx.path, '--version', '1']);
    assert.equal(JSON.parse(v1.out).name, 'CN default');
  });

  test('a bad file is refused naming the field; nothing is saved', async () => {
    const ctx = testContext({ now: T0 });
    closeDatabase(ctx.db);
    const bad = structuredClone(rulePack('cn-default')!.ruleSet) as unknown as { profiles: { accident: { limits: { IV: { writtenReportMin: unknown } } } } };
    bad.profiles.accident.limits.IV.writtenReportMin = '四小时';
    const file = join(tempDir(), 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const r = await cli(['rules', 'import', file, '--db', ctx.path, '--now', NOW]);
    assert.equal(r.code, 2);
    assert.match(r.err, /profiles\.accident\.limits\.IV\.writtenReportMin/);
    const listed = await cli(['rules', 'versions', '--db', ctx.path]);
    assert.equal(listed.out.trim().split('\n').length, 2);
  });
});
