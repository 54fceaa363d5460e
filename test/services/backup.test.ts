// Backups and restores on real files: a backup is consistent and verified; a restore checks the
// file first, keeps the replaced database, and refuses corrupt or foreign files replacing nothing.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { unitFieldsSchema } from '../../shared/domain/unit.js';
import { closeDatabase, openDatabase } from '../../electron/db/connection.js';
import { latestVersion } from '../../electron/db/migrate.js';
import { verifyAudit } from '../../electron/services/audit.js';
import { backupDatabase, backupFileName, backupToFolder, checkDatabaseFile, restoreDatabase, rotateBackups } from '../../electron/services/backup.js';
import { createUnit, listUnits } from '../../electron/services/units.js';
import { cli } from '../helpers/cli.js';
import { testContext } from '../helpers/context.js';
import { tempDir } from '../helpers/temp.js';

/** When the restores here happen: a fixed instant (the name of the kept file carries it). */
const RESTORED_AT = Date.UTC(2026, 10, 24, 2, 0, 0);
const unit = (name: string) => unitFieldsSchema.parse({ name, kind: 'district', dutyPhone: '12345' });

function dbWith(names: string[]) {
  const ctx = testContext();
  for (const n of names) createUnit(ctx, unit(n));
  return ctx;
}

function unitNames(path: string): string[] {
  const db = openDatabase(path, { readonly: true });
  try {
    return (db.prepare('SELECT name FROM units ORDER BY id').all() as { name: string }[]).map((r) => r.name);
  } finally {
    closeDatabase(db);
  }
}

describe('backup', () => {
  test('copies the live database (WAL included) and verifies the copy', async () => {
    const ctx = dbWith(['东城区', '西城区']);
    const out = join(tempDir(), 'b.db');
    const check = await backupDatabase(ctx.db, out);
    assert.deepEqual(check, { schemaVersion: latestVersion(), auditRows: 2, units: 2 });
    assert.deepEqual(unitNames(out), ['东城区', '西城区']);
    assert.equal(existsSync(`${out}.partial`), false);
  });

  test('never overwrites an existing file', async () => {
    const ctx = dbWith(['A']);
    const out = join(tempDir(), 'b.db');
    writeFileSync(out, 'keep me');
    await assert.rejects(backupDatabase(ctx.db, out), /exists already/);
    assert.equal(readFileSync(out, 'utf8'), 'keep me');
  });

  test('time-named files in a folder, rotated to the newest N', async () => {
    const ctx = dbWith(['A']);
    const dir = tempDir();
    const base = Date.UTC(2026, 10, 1, 0, 30, 0);
    for (let d = 0; d < 5; d++) await backupToFolder(ctx.db, dir, base + d * 86_400_000, 3);
    assert.deepEqual(readdirSync(dir).sort(), [backupFileName(base + 2 * 86_400_000), backupFileName(base + 3 * 86_400_000), backupFileName(base + 4 * 86_400_000)]);
    assert.equal(backupFileName(base), 'duty-desk-20261101-003000.db');
    writeFileSync(join(dir, 'notes.txt'), 'x');
    assert.deepEqual(rotateBackups(dir, 1).length, 2);
    assert.ok(readdirSync(dir).includes('notes.txt'), 'other files are left alone');
  });
});

describe('restore', () => {
  async function setup() {
    const live = dbWith(['东城区']);
    const backupPath = join(tempDir(), 'good.db');
    await backupDatabase(live.db, backupPath);
    createUnit(live, unit('后来加的'));
    closeDatabase(live.db);
    return { dbPath: live.path, backupPath };
  }

  test('replaces the database, keeps the replaced one, and records the restore in the audit chain', async () => {
    const { dbPath, backupPath } = await setup();
    const r = restoreDatabase(dbPath, backupPath, Date.UTC(2026, 10, 24, 1, 0, 0), 'test:admin');
    assert.deepEqual(unitNames(dbPath), ['东城区']);
    assert.ok(r.replacedKeptAt && existsSync(r.replacedKeptAt));
    assert.deepEqual(unitNames(r.replacedKeptAt!), ['东城区', '后来加的']);
    const db = openDatabase(dbPath);
    const last = db.prepare('SELECT method, actor FROM audit_log ORDER BY id DESC LIMIT 1').get();
    assert.deepEqual(last, { method: 'backup.restore', actor: 'test:admin' });
    assert.deepEqual(verifyAudit(db), { ok: true, rows: 2 });
    closeDatabase(db);
  });

  const refusals: [string, (dir: string, good: string) => string, RegExp][] = [
    ['random bytes', (d) => (writeFileSync(join(d, 'x.db'), Buffer.alloc(8192, 7)), join(d, 'x.db')), /not a SQLite database|cannot open/],
    ['a truncated backup', (d, good) => (writeFileSync(join(d, 't.db'), readFileSync(good).subarray(0, 5000)), join(d, 't.db')), /damaged|not a SQLite|malformed|cannot open/],
    ['a foreign SQLite file', (d) => { const p = join(d, 'f.db'); const x = new Database(p); x.exec('CREATE TABLE t (a)'); x.pragma('user_version = 3'); x.close(); return p; }, /not a Duty Desk database/],
    ['an empty SQLite file', (d) => { const p = join(d, 'e.db'); new Database(p).close(); return p; }, /not a Duty Desk database/],
    ['a backup with a broken audit chain', (d, good) => {
      const p = join(d, 'tampered.db');
      writeFileSync(p, readFileSync(good));
      const x = new Database(p);
      // The trigger put back as it was, so only the chain (and the seals) can tell.
      x.exec(`DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'x' WHERE id = 1;
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`);
      x.close();
      return p;
    }, /audit chain broken at row 1/],
    // Issue 18: a trigger planted in the backup would go on moving every new incident's time.
    ['a backup carrying a foreign trigger', (d, good) => {
      const p = join(d, 'foreign-trigger.db');
      writeFileSync(p, readFileSync(good));
      const x = new Database(p);
      x.exec(`CREATE TRIGGER report_on_time AFTER INSERT ON incident_reports BEGIN
        UPDATE incidents SET occurred_at = NEW.received_at - 60000 WHERE id = NEW.incident_id; END;`);
      x.close();
      return p;
    }, /多出触发器 report_on_time/],
    ['a backup with an extra index and a view', (d, good) => {
      const p = join(d, 'foreign-view.db');
      writeFileSync(p, readFileSync(good));
      const x = new Database(p);
      x.exec('CREATE INDEX units_phone ON units(duty_phone); CREATE VIEW v_units AS SELECT * FROM units;');
      x.close();
      return p;
    }, /多出索引 units_phone；多出视图 v_units/],
    ['a backup whose trigger was replaced by another of the same name', (d, good) => {
      const p = join(d, 'replaced-trigger.db');
      writeFileSync(p, readFileSync(good));
      const x = new Database(p);
      x.exec('DROP TRIGGER units_no_delete; CREATE TRIGGER units_no_delete BEFORE DELETE ON units BEGIN SELECT 1; END;');
      x.close();
      return p;
    }, /触发器 units_no_delete 与本版本的定义不同/],
    ['a backup whose row was changed (its seal no longer matches)', (d, good) => {
      const p = join(d, 'changed-row.db');
      writeFileSync(p, readFileSync(good));
      const x = new Database(p);
      x.exec("UPDATE units SET duty_phone = '999' WHERE id = 1");
      x.close();
      return p;
    }, /units 1: the row does not match its seal/],
    ['a backup from a newer version', (d, good) => { const p = join(d, 'n.db'); writeFileSync(p, readFileSync(good)); const x = new Database(p); x.pragma(`user_version = ${latestVersion() + 10}`); x.close(); return p; }, /newer version/],
    ['a missing file', (d) => join(d, 'nope.db'), /no such file/],
  ];
  for (const [what, make, why] of refusals) {
    test(`refuses ${what} and replaces nothing`, async () => {
      const { dbPath, backupPath } = await setup();
      const before = unitNames(dbPath);
      const bad = make(tempDir(), backupPath);
      assert.throws(() => restoreDatabase(dbPath, bad, RESTORED_AT), why);
      assert.deepEqual(unitNames(dbPath), before);
      assert.ok(!readdirSync(join(dbPath, '..')).some((f) => f.includes('.replaced-') || f.endsWith('.restoring')));
    });
  }

  test('leaves nothing beside the file it restores from, even a WAL-mode copy', async () => {
    const { dbPath } = await setup();
    const other = dbWith(['南城区']);
    other.db.pragma('wal_checkpoint(TRUNCATE)');
    const dir = tempDir();
    const from = join(dir, 'wal-mode.db');
    writeFileSync(from, readFileSync(other.path));
    restoreDatabase(dbPath, from, RESTORED_AT);
    assert.deepEqual(readdirSync(dir), ['wal-mode.db']);
    assert.deepEqual(unitNames(dbPath), ['南城区']);
  });

  test('checkDatabaseFile reports what it found', async () => {
    const { backupPath } = await setup();
    assert.deepEqual(checkDatabaseFile(backupPath), { schemaVersion: latestVersion(), auditRows: 1, units: 1 });
  });
});

describe('duty backup / duty restore', () => {
  test('round trip through the CLI; a corrupt file is refused with exit 1', async () => {
    const dir = tempDir();
    const db = join(dir, 'live.db');
    await cli(['units', 'add', '--db', db, '--name', '东城区', '--phone', '123']);
    const b = await cli(['backup', '--db', db, '--out', join(dir, 'b.db')]);
    assert.equal(b.code, 0, b.err);
    assert.match(b.out, /chain verified/);
    await cli(['units', 'add', '--db', db, '--name', '西城区', '--phone', '123']);
    const r = await cli(['restore', '--db', db, '--from', join(dir, 'b.db')]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /kept at .*live\.db\.replaced-/);
    assert.deepEqual(listUnits({ db: openDatabase(db) } as never, {}).map((u) => u.name), ['东城区']);
    writeFileSync(join(dir, 'junk.db'), 'not a database at all');
    const bad = await cli(['restore', '--db', db, '--from', join(dir, 'junk.db')]);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /refused, nothing was replaced/);
    assert.equal((await cli(['backup', '--db', db])).code, 2);
  });
});
