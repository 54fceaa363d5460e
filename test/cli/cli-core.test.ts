// The `duty` CLI over a real database: init, units, audit verify (including tampering by hand
// with the sqlite3 shell, as an insider would), and usage errors.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';
import { cli, cliProcess } from '../helpers/cli.js';
import { tempDbPath } from '../helpers/temp.js';

const sqlite3 = (db: string, sql: string) => execFileSync('sqlite3', [db, sql], { encoding: 'utf8' });

describe('duty init', () => {
  test('creates and migrates, and is idempotent', async () => {
    const db = tempDbPath();
    const first = await cli(['init', '--db', db]);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /^ok: .*\(schema \d+ of \d+\)/);
    assert.ok(existsSync(db));
    const second = await cli(['init', '--db', db]);
    assert.equal(second.code, 0);
    assert.equal(second.out, first.out);
  });
});

describe('duty units', () => {
  test('add, list, deactivate; list --all shows the inactive one', async () => {
    const db = tempDbPath();
    assert.equal((await cli(['units', 'add', '--db', db, '--name', '东城区', '--phone', '027-85551234', '--contact', '王伟'])).code, 0);
    assert.equal((await cli(['units', 'add', '--db', db, '--name', '市消防救援支队', '--kind', 'department', '--phone', '119'])).code, 0);
    const list = await cli(['units', 'list', '--db', db]);
    assert.match(list.out, /东城区\tdistrict\t027-85551234\t王伟/);
    assert.equal(list.out.trim().split('\n').length, 3);
    const off = await cli(['units', 'deactivate', '--db', db, '--name', '东城区']);
    assert.equal(off.code, 0, off.err);
    assert.doesNotMatch((await cli(['units', 'list', '--db', db])).out, /东城区/);
    const all = JSON.parse((await cli(['units', 'list', '--db', db, '--all', '--json'])).out);
    assert.deepEqual(all.map((u: { name: string; active: boolean }) => [u.name, u.active]), [['市消防救援支队', true], ['东城区', false]]);
  });

  test('invalid input: one line on stderr, exit 2, nothing written', async () => {
    const db = tempDbPath();
    const bad = await cli(['units', 'add', '--db', db, '--name', '东城区', '--phone', 'abc']);
    assert.equal(bad.code, 2);
    assert.equal(bad.err.trim().split('\n').length, 1);
    assert.match(bad.err, /电话号码格式不正确/);
    assert.match((await cli(['audit', 'verify', '--db', db])).out, /^ok: 0 audit rows, /);
    const dup = await cli(['units', 'add', '--db', db, '--name', 'A', '--phone', '123', '--kind', 'moon']);
    assert.equal(dup.code, 2);
    assert.equal((await cli(['units', 'deactivate', '--db', db, '--id', 'x'])).code, 2);
    assert.equal((await cli(['units', 'deactivate', '--db', db, '--name', '无此单位'])).code, 2);
  });
});

describe('duty audit verify', () => {
  async function seeded() {
    const db = tempDbPath();
    for (const name of ['东城区', '西城区', '南城区']) await cli(['units', 'add', '--db', db, '--name', name, '--phone', '12345']);
    await cli(['units', 'deactivate', '--db', db, '--name', '西城区']);
    return db;
  }

  test('ok with the row count when the chain holds', async () => {
    const r = await cli(['audit', 'verify', '--db', await seeded()]);
    assert.equal(r.code, 0);
    assert.match(r.out.trim(), /^ok: 4 audit rows, \d+ sealed rows; head 4:[0-9a-f]{12} \(\d+\.\d s\)$/);
  });

  test('a row changed by hand with sqlite3 fails and is named', async () => {
    const db = await seeded();
    sqlite3(db, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET after = replace(after, '西城区', '北城区') WHERE id = 2;");
    const r = await cli(['audit', 'verify', '--db', db]);
    assert.equal(r.code, 1);
    assert.match(r.err, /row 2\b/);
  });

  test('a row removed by hand fails and is named', async () => {
    const db = await seeded();
    sqlite3(db, 'DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 3;');
    const r = await cli(['audit', 'verify', '--db', db]);
    assert.equal(r.code, 1);
    assert.match(r.err, /row 3\b/);
  });

  test('a row inserted by hand fails and is named', async () => {
    const db = await seeded();
    sqlite3(db, "INSERT INTO audit_log (id, at, actor, method, entity, entity_id, before, after, prev_hash, hash) SELECT 5, at, 'os:intruder', 'units.create', 'unit', '9', NULL, NULL, hash, hash FROM audit_log WHERE id = 4;");
    const r = await cli(['audit', 'verify', '--db', db]);
    assert.equal(r.code, 1);
    assert.match(r.err, /row 5\b/);
  });

  test('verify reads only: the tampered file is not repaired or touched', async () => {
    const db = await seeded();
    const before = sqlite3(db, 'SELECT count(*), max(id) FROM audit_log;');
    await cli(['audit', 'verify', '--db', db]);
    assert.equal(sqlite3(db, 'SELECT count(*), max(id) FROM audit_log;'), before);
  });

  test('a missing database is a usage error', async () => {
    const r = await cli(['audit', 'verify', '--db', '/nonexistent/x.db']);
    assert.equal(r.code, 2);
    assert.match(r.err, /no database at/);
  });
});

describe('usage', () => {
  test('unknown commands and flags: exit 2 with one line', async () => {
    const a = await cli(['frobnicate']);
    assert.equal(a.code, 2);
    assert.match(a.err, /unknown command/);
    const b = await cli(['init', '--dbb', 'x']);
    assert.equal(b.code, 2);
    assert.equal(b.err.trim().split('\n').length, 1);
  });

  test('the real process, as the README says: npm run --silent duty -- ...', () => {
    const db = tempDbPath();
    const init = cliProcess(['init', '--db', db]);
    assert.equal(init.code, 0, init.err);
    assert.match(init.out, /^ok: /);
    const verify = cliProcess(['audit', 'verify', '--db', db]);
    assert.match(verify.out, /^ok: 0 audit rows, \d+ sealed rows; head 0:0{12} /);
    const bad = cliProcess(['units', 'add', '--db', db]);
    assert.equal(bad.code, 2);
    assert.equal(bad.out, '');
  });
});
