// Migrations on real SQLite files: each applies, the framework is all-or-nothing, a newer
// database is refused, and shipped migrations are never edited (checksums pinned).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { closeDatabase, openDatabase, WAL_AUTOCHECKPOINT_PAGES } from '../../electron/db/connection.js';
import { flagFilterTerm } from '../../electron/db/repositories/incidents.js';
import { FLAG_CODES } from '../../shared/domain/rules/flag.js';
import { DatabaseTooNewError, latestVersion, migrate, schemaVersion } from '../../electron/db/migrate.js';
import { MIGRATIONS } from '../../electron/db/migrations/index.js';
import { tempDbPath } from '../helpers/temp.js';

// When a migration ships, its file's SHA-256 goes here; changing a shipped file fails this test.
// Add a new migration instead.
const SHIPPED: Record<string, string> = {
  '0010-initial.ts': '97362e728a70f74a07e011414a11edcd975357cda4708b82458fda47fcc872eb',
  '0020-incidents.ts': '13ce91999285386b64693b55980006470bd207caccd36d02c0bf3b08cd357937',
  '0030-roster.ts': '51ffe527e9806ecec19c1d967186f9358871053c4379f1f61178ea9f21eda568',
  '0040-bulletins.ts': '5593873d67936ee72fe40fdbbdd50271c765aa8b0ca5a7eda4658a09bc24270b',
  '0070-users.ts': '38b690e48f04cfc9271e018724bdf2a26e137741d69af5b02103e469f2f2347b',
  '0050-zero-reports.ts': 'f032b1c56fc22fd3e93e806a682e21126fb5c0782bf2d2e996c767aa2a8bd215',
  '0060-search-grams.ts': '3df47ba2420f38b7a12f045f1e64502b95b84b2cfd23794ce825ae60f91195e6',
  '0080-incident-figures.ts': '773d8fe12ac62bdb67047eaef23358aa5fac826d6669139fad5f3d1e715fccd5',
  '0090-search-by-report.ts': '20bbc472e2f43341f531ebca17b4c9ac1f21727df0b347cf84d8b96b9d3527a6',
  '0100-flag-filter.ts': 'aa3a0277cc4dd24bf8222375f6a8b9d19628845ecf7304f6c5017b41eb563911',
  '0110-filter-indexes-carry-flags.ts': '2b75bc22ac369d879ccb7a802cf54454aa56e4a7a0eb30f15dae14a453f56bce',
  '0120-unit-aliases.ts': 'd3c6a0c301d3c43e3f3f1930d6889d597d860946161c7826bed4e7674202f6f1',
  '0130-incident-descriptions.ts': 'e905d8298b854f86f59931f20317cdf5f197f117372ac8b73f5f6f16c5e3c07a',
  '0140-rule-sets.ts': '8018e0193bdb52e935b86f7acbd84234af0ec971324adeeb4bad7474dc95ace3',
  '0150-natural-figures.ts': '48d4b25fb1bb4dc03b5989d690a11a32fca49b3e720094422f7a9a6aa5683ac2',
  '0160-seals.ts': 'f522894da999520c614273db0b3e5684c7e8eeae6ac01d3c864950b456395cc1',
  '0170-notices.ts': 'a22e58b9fda6e4d6c6882053d2dd3a27bb8b0025c75e3bd37af9f9d1efa721da',
  '0180-request-keys.ts': '168862a626d2078af14229db01b1dac1793d863807669ee1250e1f942695c6f5',
  '0190-room-seats.ts': 'f11c75ef00d14e089316492bd9df9e968726eb60fee7c7ecb3eec0d84709c55e',
};

describe('migrations', () => {
  test('a new file is migrated to the latest version with the pragmas set', () => {
    const path = tempDbPath();
    const db = openDatabase(path);
    assert.equal(schemaVersion(db), latestVersion());
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('synchronous', { simple: true }), 2); // FULL
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), WAL_AUTOCHECKPOINT_PAGES);
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    const strict = db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND strict = 0 AND name NOT LIKE 'sqlite_%'").all();
    assert.deepEqual(strict, [], 'every table is STRICT');
    closeDatabase(db);
  });

  test('each migration applies on its own, in order, on a real file', () => {
    const path = tempDbPath();
    const raw = new Database(path);
    for (const m of MIGRATIONS) {
      raw.transaction(() => {
        m.up(raw);
        raw.pragma(`user_version = ${m.version}`);
      })();
      assert.equal(schemaVersion(raw), m.version);
    }
    assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
    raw.close();
  });

  test('opening twice is idempotent', () => {
    const path = tempDbPath();
    closeDatabase(openDatabase(path));
    const db = openDatabase(path);
    assert.deepEqual(migrate(db), []);
    closeDatabase(db);
  });

  test('versions go up in tens', () => {
    let prev = 0;
    for (const m of MIGRATIONS) {
      assert.ok(m.version > prev && m.version % 10 === 0, `${m.version} ${m.name}`);
      prev = m.version;
    }
  });

  test('a database from a newer version is refused and left untouched', () => {
    const path = tempDbPath();
    const raw = new Database(path);
    raw.pragma(`user_version = ${latestVersion() + 10}`);
    raw.close();
    assert.throws(() => openDatabase(path), (e: unknown) => {
      assert.ok(e instanceof DatabaseTooNewError);
      assert.match((e as Error).message, /newer version of Duty Desk/);
      return true;
    });
    const again = new Database(path);
    assert.equal(schemaVersion(again), latestVersion() + 10);
    assert.equal((again.prepare("SELECT count(*) c FROM sqlite_master WHERE type = 'table'").get() as { c: number }).c, 0);
    again.close();
  });

  test('a failing migration leaves the database as it was (one transaction)', () => {
    const path = tempDbPath();
    const raw = new Database(path);
    const broken = { version: 10, name: 'broken', up: (db: Database.Database) => { db.exec('CREATE TABLE t (a) STRICT; CREATE TABLE t (a)'); } };
    assert.throws(() => raw.transaction(() => { broken.up(raw); raw.pragma('user_version = 10'); }).immediate());
    assert.equal(schemaVersion(raw), 0);
    assert.equal((raw.prepare("SELECT count(*) c FROM sqlite_master WHERE name = 't'").get() as { c: number }).c, 0);
    raw.close();
  });

  test('shipped migration files are unchanged', () => {
    const dir = join(import.meta.dirname, '..', '..', 'electron', 'db', 'migrations');
    for (const [file, sum] of Object.entries(SHIPPED)) {
      const actual = createHash('sha256').update(readFileSync(join(dir, file), 'utf8').replace(/\r\n/g, '\n')).digest('hex');
      assert.equal(actual, sum, `${file} was edited after it shipped: add a new migration instead`);
    }
  });
});

describe('the log flag filter (migration 0100)', () => {
  test('every flag code the engine raises, and "any", counts and pages through its own partial index', () => {
    const db = openDatabase(tempDbPath());
    for (const code of [...FLAG_CODES, 'any'] as const) {
      const index = code === 'any' ? 'incidents_flagged' : `incidents_flag_${code.toLowerCase()}`;
      for (const sql of [
        `SELECT COUNT(*) FROM incidents i WHERE ${flagFilterTerm(code)}`,
        `SELECT i.id FROM incidents i WHERE ${flagFilterTerm(code)} ORDER BY i.occurred_at DESC, i.id DESC LIMIT 100 OFFSET 200`,
      ]) {
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
        assert.match(plan, new RegExp(`USING (COVERING )?INDEX ${index}\\b`), `${code}: ${plan}`);
        assert.doesNotMatch(plan, /TEMP B-TREE/, `${code}: no sort (${plan})`);
      }
    }
    assert.throws(() => flagFilterTerm("x') OR 1=1 --"), /unknown flag code/);
    closeDatabase(db);
  });
});
