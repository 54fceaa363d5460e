// Issue 18: the record cannot be rewritten unseen. Each of the tamperings is played
// against a demo database by an attacker holding the file but not the key (a second, raw
// better-sqlite3 connection: no app triggers, no key), and verify must name the table and row.
// Also: what the seals leave out, the migration that seals an existing file, and the app's own
// write over a tampered row (recorded, never resealed silently).
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { closeDatabase, defaultKeyRing, openDatabase } from '../../electron/db/connection.js';
import { MIGRATIONS } from '../../electron/db/migrations/index.js';
import type { Migration } from '../../electron/db/migrations/types.js';
import { latestVersion } from '../../electron/db/migrate.js';
import { LEFT_OUT, readCheckpoint, sealedTables, unlistedVirtualTables } from '../../electron/db/seal.js';
import { GENESIS_HASH, rowHash, type AuditRow } from '../../electron/services/audit.js';
import { runDemo } from '../../electron/services/demo/seeders.js';
import { updateSettings } from '../../electron/services/settings.js';
import { verifyRecord, type RecordVerifyResult } from '../../electron/services/record-verify.js';
import { testContext } from '../helpers/context.js';
import { tempDir } from '../helpers/temp.js';

const NOW = Date.UTC(2026, 10, 24, 1, 0, 0);

/** One demo database, closed, as the template each test copies. */
const template = (() => {
  const path = join(tempDir(), 'demo.db');
  const ctx = testContext({ path, now: NOW });
  runDemo(ctx, { days: 20, seed: 11, now: NOW });
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  closeDatabase(ctx.db);
  return path;
})();

function copy(): string {
  const path = join(tempDir(), 'copy.db');
  copyFileSync(template, path);
  return path;
}

/** The attacker: sqlite3 on the file, no key, no app triggers. */
function attack(path: string, fn: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    fn(db);
  } finally {
    db.close();
  }
}

function verifyFile(path: string): RecordVerifyResult {
  const db = openDatabase(path, { readonly: true });
  try {
    return verifyRecord(db, defaultKeyRing());
  } finally {
    closeDatabase(db);
  }
}

function names(r: RecordVerifyResult, table: string, id: string | number): boolean {
  return r.problems.some((p) => p.table === table && p.id === String(id));
}

const problemText = (r: RecordVerifyResult) => r.problems.map((p) => (p.id === null ? `${p.table}: ${p.detail}` : `${p.table} ${p.id}: ${p.detail}`)).join('\n');

describe('the seals of the record: each tampering of issue 18 is named by table and row', () => {
  test('a clean demo verifies: every table of the record sealed, the search index as the tables say', () => {
    const r = verifyFile(copy());
    assert.equal(r.state, 'ok', problemText(r));
    assert.ok(r.sealedRows > r.auditRows, `${r.sealedRows} sealed rows`);
    const db = new Database(template, { readonly: true });
    try {
      const sealed = [...sealedTables(db).keys()];
      for (const t of ['incidents', 'incident_reports', 'upward_reports', 'flags', 'zero_flags', 'followups', 'units', 'people', 'users', 'roster_shifts', 'roster_assignments', 'checkins', 'handovers', 'bulletins', 'special_periods', 'daily_reports', 'settings', 'audit_log', 'audit_head', 'incident_descriptions', 'alarm_acks', 'rule_sets', 'unit_groups', 'notices', 'notice_revisions', 'notice_steps', 'notice_flags']) {
        assert.ok(sealed.includes(t), `${t} is sealed`);
      }
      assert.deepEqual(unlistedVirtualTables(db), [], 'every virtual table is listed in LEFT_OUT with its reason');
      for (const left of Object.keys(LEFT_OUT)) assert.ok(!sealed.includes(left));
    } finally {
      db.close();
    }
  });

  test('1. an audit row’s text changed', () => {
    const path = copy();
    attack(path, (db) => db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET after = coalesce(after, '') || ' ' WHERE id = 5"));
    const r = verifyFile(path);
    assert.equal(r.state, 'failed');
    assert.ok(names(r, 'audit_log', 5), problemText(r));
  });

  test('2. an incident’s occurrence time moved by an hour', () => {
    const path = copy();
    attack(path, (db) => db.exec('UPDATE incidents SET occurred_at = occurred_at + 3600000 WHERE id = 3'));
    const r = verifyFile(path);
    assert.equal(r.state, 'failed');
    assert.ok(names(r, 'incidents', 3), problemText(r));
    assert.equal(r.problems.length, 1, problemText(r));
  });

  test('3. a report’s received and entered times moved two hours earlier (no-update trigger dropped)', () => {
    const path = copy();
    attack(path, (db) =>
      db.exec('DROP TRIGGER incident_reports_no_update; UPDATE incident_reports SET received_at = received_at - 7200000, entered_at = entered_at - 7200000 WHERE id = 7'),
    );
    const r = verifyFile(path);
    assert.ok(names(r, 'incident_reports', 7), problemText(r));
  });

  test('4. a late flag set to cleared', () => {
    const path = copy();
    let id = 0;
    attack(path, (db) => {
      id = db.prepare("SELECT id FROM flags WHERE status = 'late' ORDER BY id LIMIT 1").pluck().get() as number;
      db.prepare("UPDATE flags SET status = 'cleared' WHERE id = ?").run(id);
    });
    assert.ok(id > 0, 'the demo has a late flag');
    const r = verifyFile(path);
    assert.ok(names(r, 'flags', id), problemText(r));
  });

  test('5. an admin account inserted by hand', () => {
    const path = copy();
    let id = 0;
    attack(path, (db) => {
      id = Number(
        db
          .prepare("INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at) VALUES ('mallory', '马某', 'admin', 'scrypt$x', ?, ?)")
          .run(NOW, NOW).lastInsertRowid,
      );
    });
    const r = verifyFile(path);
    assert.ok(names(r, 'users', id), problemText(r));
    assert.match(problemText(r), /users \d+: the row has no seal/);
  });

  test('6. the last audit rows deleted and audit_head set to the new last row (no hashing needed)', () => {
    const path = copy();
    let last = 0;
    attack(path, (db) => {
      last = db.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
      db.exec(`DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id > ${last - 3};
        UPDATE audit_head SET last_id = ${last - 3}, last_hash = (SELECT hash FROM audit_log WHERE id = ${last - 3})`);
    });
    const r = verifyFile(path);
    assert.equal(r.chain.ok, true, 'the chain alone looks whole');
    assert.equal(r.state, 'failed');
    for (const id of [last - 2, last - 1, last]) assert.ok(names(r, 'audit_log', id), `${id}\n${problemText(r)}`);
    assert.match(problemText(r), new RegExp(`rows ${last - 2}-${last} were cut from the end`));
  });

  test('6b. …and the seals of those rows and the checkpoint’s numbers removed too: the checkpoint’s MAC fails', () => {
    const path = copy();
    attack(path, (db) => {
      const last = db.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
      db.exec(`DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id > ${last - 3};
        UPDATE audit_head SET last_id = ${last - 3}, last_hash = (SELECT hash FROM audit_log WHERE id = ${last - 3});
        DELETE FROM seals WHERE tbl = 'audit_log' AND k > ${last - 3};
        UPDATE seal_checkpoint SET audit_id = ${last - 3}, audit_hash = (SELECT hash FROM audit_log WHERE id = ${last - 3})`);
    });
    const r = verifyFile(path);
    assert.match(problemText(r), /checkpoint does not match its MAC/);
  });

  test('7. one audit row edited and the whole chain recomputed (the chain alone has no secret)', () => {
    const path = copy();
    attack(path, (db) => {
      db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'user:someone-else' WHERE id = 9");
      let prev = GENESIS_HASH;
      const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditRow[];
      const fix = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
      for (const row of rows) {
        const hash = rowHash(prev, row);
        fix.run(prev, hash, row.id);
        prev = hash;
      }
      db.prepare('UPDATE audit_head SET last_hash = ?').run(prev);
    });
    const r = verifyFile(path);
    assert.equal(r.chain.ok, true, 'the recomputed chain holds by itself');
    assert.equal(r.state, 'failed');
    assert.ok(names(r, 'audit_log', 9), problemText(r));
    assert.match(problemText(r), /chain was rewritten/);
  });

  test('8. a foreign trigger planted in the live file is named (the restore of such a backup: test/services/backup.test.ts)', () => {
    const path = copy();
    attack(path, (db) =>
      db.exec(`CREATE TRIGGER quiet_on_time AFTER INSERT ON incident_reports BEGIN
        UPDATE incidents SET occurred_at = NEW.received_at - 60000 WHERE id = NEW.incident_id; END`),
    );
    const r = verifyFile(path);
    assert.equal(r.state, 'failed');
    assert.match(problemText(r), /多出触发器 quiet_on_time/);
  });

  test('the rule set in force loosened behind the app’s back is named (issue 17: every flag’s verdict rests on it)', () => {
    const path = copy();
    attack(path, (db) => db.exec(`DROP TRIGGER rule_sets_no_update; UPDATE rule_sets SET document = replace(document, '"firstReportMin":30', '"firstReportMin":300') WHERE version = 1`));
    const r = verifyFile(path);
    assert.ok(names(r, 'rule_sets', 1), problemText(r));
  });

  test('a row removed with its seal: the table and, from the gap in its ids, the row', () => {
    const path = copy();
    attack(path, (db) => db.exec("DROP TRIGGER incidents_no_delete; PRAGMA foreign_keys = OFF; DELETE FROM incidents WHERE id = 4; DELETE FROM seals WHERE tbl = 'incidents' AND k = 4"));
    const r = verifyFile(path);
    assert.ok(names(r, 'incidents', 4), problemText(r));
  });

  test('a row put back as it was in an older copy, with its older seal: the table’s seals no longer add up', () => {
    const path = copy();
    const ctx = testContext({ path, now: NOW + 60_000 });
    updateSettings(ctx, { bureauName: '某市应急管理局' });
    updateSettings(ctx, { bureauName: '另一个局' });
    const mid = ctx.db.prepare("SELECT mac FROM seals WHERE tbl = 'settings' AND k = 'bureauName'").pluck().get() as Buffer;
    updateSettings(ctx, { bureauName: '第三个局' });
    closeDatabase(ctx.db);
    attack(path, (db) => {
      db.prepare("UPDATE settings SET value = ? WHERE key = 'bureauName'").run(JSON.stringify('另一个局'));
      db.prepare("UPDATE seals SET mac = ? WHERE tbl = 'settings' AND k = 'bureauName'").run(mid);
    });
    const r = verifyFile(path);
    assert.equal(r.state, 'failed');
    assert.match(problemText(r), /settings: its seals do not add up/);
  });

  test('the app writing over a row changed behind its back records the finding; it is never resealed silently', () => {
    const path = copy();
    const first = testContext({ path, now: NOW + 60_000 });
    updateSettings(first, { bureauName: '某市应急管理局' });
    closeDatabase(first.db);
    attack(path, (db) => db.exec("UPDATE settings SET value = '\"伪造的局名\"' WHERE key = 'bureauName'"));
    const ctx = testContext({ path, now: NOW + 120_000 });
    updateSettings(ctx, { bureauName: '某市应急管理局（更正）' });
    const finding = ctx.db.prepare('SELECT tbl, k, kind, content FROM seal_findings').get() as { tbl: string; k: string; kind: string; content: string };
    assert.equal(finding.tbl, 'settings');
    assert.equal(finding.k, 'bureauName');
    assert.equal(finding.kind, 'changed');
    assert.match(finding.content, /伪造的局名/);
    const r = verifyRecord(ctx.db, defaultKeyRing());
    assert.equal(r.state, 'failed');
    assert.ok(names(r, 'settings', 'bureauName'), problemText(r));
    // The finding is itself sealed: removing it shows.
    closeDatabase(ctx.db);
    attack(path, (db) => db.exec("DROP TRIGGER seal_findings_no_delete; DELETE FROM seal_findings; DELETE FROM seals WHERE tbl = 'seal_findings'"));
    assert.match(problemText(verifyFile(path)), /seal_findings/);
  });

  test('a later migration reseals what it changes, and a row tampered with before it is recorded, not laundered', () => {
    const path = copy();
    attack(path, (db) => db.exec("UPDATE units SET duty_phone = '000' WHERE id = 2"));
    // A migration of the future: a column added to a sealed table, and rows of another rewritten.
    const later: Migration = {
      version: 990,
      name: 'test-later',
      up(db) {
        db.exec("ALTER TABLE units ADD COLUMN region TEXT NOT NULL DEFAULT ''; UPDATE people SET notes = notes || '（迁移）' WHERE id = 1");
      },
    };
    (MIGRATIONS as Migration[]).push(later);
    try {
      const db = openDatabase(path);
      try {
        assert.equal(db.pragma('user_version', { simple: true }), 990);
        const r = verifyRecord(db, defaultKeyRing());
        assert.deepEqual(
          r.problems.map((p) => [p.table, p.id, p.kind]),
          [['units', '2', 'finding']],
          problemText(r),
        );
        assert.match((db.prepare('SELECT content FROM seal_findings').pluck().get() as string), /"duty_phone":"000"/);
      } finally {
        closeDatabase(db);
      }
    } finally {
      (MIGRATIONS as Migration[]).pop();
    }
  });

  test('a database from before the seals is sealed by the migration, under the key kept outside the file', () => {
    const path = join(tempDir(), 'old.db');
    const raw = new Database(path);
    // Schema 130 as an older app left it, with one unit and its audit row.
    raw.transaction(() => {
      for (const m of MIGRATIONS) {
        if (m.version > 130) break;
        m.up(raw);
        raw.pragma(`user_version = ${m.version}`);
      }
    })();
    raw.exec("INSERT INTO units (name, kind, duty_phone, created_at, updated_at) VALUES ('东城区', 'district', '027-1', 1, 1)");
    raw.close();
    const db = openDatabase(path);
    try {
      assert.equal(db.pragma('user_version', { simple: true }), latestVersion());
      const cp = readCheckpoint(db)!;
      assert.equal(cp.tables.units![0], 1);
      assert.equal(verifyRecord(db, defaultKeyRing()).state, 'ok');
    } finally {
      closeDatabase(db);
    }
  });
});
