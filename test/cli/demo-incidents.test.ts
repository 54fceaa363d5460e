// The CLI: `duty demo` fills a database reproducibly, `duty incidents export` writes the
// rules-check input, and `duty rules check` on that export agrees with the flags the app stored,
// to the minute.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { closeDatabase, openDatabase } from '../../electron/db/connection.js';
import { flagsOf } from '../../electron/db/repositories/flags.js';
import { findIncidentByNumber } from '../../electron/db/repositories/incidents.js';
import { formatIsoInstant } from '../../shared/domain/rules/iso-instant.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const NOW = '2026-11-24T09:00:00+08:00';

describe('duty demo and duty incidents export', () => {
  const dir = tempDir();
  const a = join(dir, 'a.db');
  const b = join(dir, 'b.db');

  test('the same seed gives the same data; every category class, late, omitted and corrected chains', async () => {
    const r1 = await cli(['demo', '--db', a, '--days', '20', '--seed', '42', '--now', NOW]);
    assert.equal(r1.code, 0, r1.err);
    assert.match(r1.out, /units: 12 units added/);
    assert.match(r1.out, /incidents: \d+ incidents/);
    const r2 = await cli(['demo', '--db', b, '--days', '20', '--seed', '42', '--now', NOW]);
    assert.equal(r2.out.replace(b, a), r1.out);
    const ea = join(dir, 'a.json');
    const eb = join(dir, 'b.json');
    assert.equal((await cli(['incidents', 'export', '--db', a, '--from', '2026-10-01', '--to', '2026-11-30', '--out', ea])).code, 0);
    assert.equal((await cli(['incidents', 'export', '--db', b, '--from', '2026-10-01', '--to', '2026-11-30', '--out', eb])).code, 0);
    const ja = JSON.parse(readFileSync(ea, 'utf8'));
    const jb = JSON.parse(readFileSync(eb, 'utf8'));
    assert.deepEqual(ja.incidents, jb.incidents);
    const incidents = ja.incidents as { category: string; reports: { channel: string; correctionReason?: string }[] }[];
    assert.ok(incidents.length >= 60, `about 4 a day, got ${incidents.length}`);
    assert.ok(incidents.some((i) => i.category === 'road_traffic'));
    assert.ok(incidents.some((i) => ['flood', 'drought', 'meteorological', 'geological', 'earthquake', 'forest_fire', 'other_natural', 'public_health', 'social_security'].includes(i.category)));
    assert.ok(incidents.some((i) => i.reports[0]?.channel === 'media' || i.reports[0]?.channel === 'public'), 'omitted chains');
    assert.ok(incidents.some((i) => i.reports.some((r) => r.correctionReason)), 'corrected chains');

    // A different seed, different data.
    const c = join(dir, 'c.db');
    await cli(['demo', '--db', c, '--days', '20', '--seed', '43', '--now', NOW]);
    const ec = join(dir, 'c.json');
    await cli(['incidents', 'export', '--db', c, '--from', '2026-10-01', '--to', '2026-11-30', '--out', ec]);
    assert.notDeepEqual(JSON.parse(readFileSync(ec, 'utf8')).incidents, ja.incidents);
  });

  test('duty rules check on the export agrees with the stored flags to the minute', async () => {
    const file = join(dir, 'a.json');
    const input = JSON.parse(readFileSync(file, 'utf8'));
    input.now = NOW;
    writeFileSync(file, JSON.stringify(input));
    // The app still judges by the version-1 default (ruleSetOf, until the rule set in force is
    // stored); `rules check` on its own now judges by pack cn-default, so name the app's rule set.
    const appRules = fileURLToPath(new URL('../fixtures/rules/cn-default.ruleset.json', import.meta.url));
    const r = await cli(['rules', 'check', file, '--rules', appRules]);
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out) as { incidents: { id: string; currentLevel: string; flags: { code: string; status: string; deadline: string | null; actual: string | null; minutesLate: number | null }[] }[] };
    const db = openDatabase(a, { readonly: true });
    try {
      let flags = 0;
      const now = Date.parse(NOW);
      for (const e of out.incidents) {
        const incident = findIncidentByNumber(db, e.id)!;
        assert.equal(incident.currentLevel, e.currentLevel, e.id);
        const stored = flagsOf(db, incident.id, now)
          .filter((f) => f.status !== 'cleared')
          .map((f) => ({ code: f.code, status: f.status, deadline: f.deadline === null ? null : formatIsoInstant(f.deadline), actual: f.actual === null ? null : formatIsoInstant(f.actual), minutesLate: f.minutesLate }));
        const key = (f: { code: string; deadline: string | null; actual: string | null }) => `${f.code}|${f.deadline}|${f.actual}`;
        const engine = e.flags.map(({ code, status, deadline, actual, minutesLate }) => ({ code, status, deadline, actual, minutesLate }));
        assert.deepEqual(stored.sort((x, y) => key(x).localeCompare(key(y))), engine.sort((x, y) => key(x).localeCompare(key(y))), e.id);
        flags += engine.length;
      }
      assert.ok(flags > 20, `the demo raises flags (${flags})`);
    } finally {
      closeDatabase(db);
    }
  });

  test('bad usage exits 2 with one line', async () => {
    assert.equal((await cli(['demo'])).code, 2);
    assert.equal((await cli(['demo', '--db', join(dir, 'x.db'), '--days', 'ten'])).code, 2);
    const r = await cli(['incidents', 'export', '--db', a, '--from', '2026-13-01', '--to', '2026-11-30', '--out', join(dir, 'x.json')]);
    assert.equal(r.code, 2);
    assert.match(r.err, /--from must be a date/);
  });
});
