// Issue 18: verifying on one snapshot while another connection writes; the start check (what was
// written since the last full verification); anchors printed on bulletins, and the rollback they
// catch; the CLI's output; the key's life cycle (export, import into a read-only database, rotation).
import assert from 'node:assert/strict';
import { copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { unitFieldsSchema } from '../../shared/domain/unit.js';
import { closeDatabase, defaultKeyRing, openDatabase } from '../../electron/db/connection.js';
import { readCheckpoint, sealStateOf } from '../../electron/db/seal.js';
import { KeyRing, fileKeyStore, memoryKeyStore } from '../../electron/db/seal-keys.js';
import { appendAudit, verifyAudit } from '../../electron/services/audit.js';
import { inWriteTransaction } from '../../electron/services/context.js';
import { exportKey, importKey, rotateKey } from '../../electron/services/audit-keys.js';
import { formatAnchor, verifyRecord } from '../../electron/services/record-verify.js';
import { fullCheck, fullCheckHere, recordStatus, startCheck } from '../../electron/services/record-status.js';
import { createUnit, setUnitActive } from '../../electron/services/units.js';
import { cli } from '../helpers/cli.js';
import { testContext } from '../helpers/context.js';
import { tempDir } from '../helpers/temp.js';

const unit = (name: string) => unitFieldsSchema.parse({ name, kind: 'district', dutyPhone: '027-85550000' });

function withUnits(n: number, path?: string) {
  const ctx = testContext(path ? { path } : {});
  for (let k = 0; k < n; k++) createUnit(ctx, unit(`单位${k}`));
  return ctx;
}

describe('verify on one snapshot', () => {
  test('a second connection writing while verify walks the chain: no false "rows removed from the end"', () => {
    const ctx = withUnits(3);
    const writer = testContext({ path: ctx.path });
    let wrote = 0;
    // Between reading the rows and reading the head (where two statements used to disagree), the
    // other connection commits a unit and its audit row.
    const chain = verifyAudit(ctx.db, { onRow: () => void (createUnit(writer, unit(`并发${wrote++}`))) });
    assert.ok(wrote > 0);
    assert.deepEqual(chain, { ok: true, rows: 3 });
    const record = verifyRecord(ctx.db, defaultKeyRing(), { onProgress: () => void createUnit(writer, unit(`并发${wrote++}`)) });
    assert.equal(record.state, 'ok', JSON.stringify(record.problems));
    assert.equal(record.auditRows, 3 + 1, 'the snapshot: the rows as they were when verify began');
    // The next verification sees all of it, still whole.
    const after = verifyRecord(ctx.db, defaultKeyRing());
    assert.equal(after.state, 'ok');
    assert.equal(after.auditRows, 3 + wrote);
  });
});

describe('the start check', () => {
  test('verifies what was written since the last full verification; counts catch rows added anywhere', () => {
    const ctx = withUnits(5);
    const full = fullCheckHere(ctx);
    assert.equal(full.state, 'ok');
    const cp = readCheckpoint(ctx.db)!;
    assert.equal(cp.verifiedAuditId, 5);
    createUnit(ctx, unit('新单位'));
    setUnitActive(ctx, 2, false, 'units.deactivate');
    assert.equal(startCheck(ctx).state, 'ok');
    const raw = new Database(ctx.path);
    raw.exec("UPDATE units SET duty_phone = '1' WHERE name = '新单位'");
    raw.close();
    const s = startCheck(ctx);
    assert.equal(s.state, 'failed');
    assert.ok(s.problems.some((p) => p.table === 'units' && p.id === '6'), JSON.stringify(s.problems));
    assert.equal(recordStatus(ctx).state, 'failed');
    // A row inserted behind the app's back into a table the app did not touch since: the count.
    const raw2 = new Database(ctx.path);
    raw2.exec("INSERT INTO people (name, phone, is_leader, is_officer, created_at, updated_at) VALUES ('某人', '1', 1, 0, 1, 1)");
    raw2.close();
    assert.ok(startCheck(ctx).problems.some((p) => p.table === 'people'));
  });

  test('a full verification in a worker thread; a clean one moves the start check’s starting point', async () => {
    const ctx = withUnits(4);
    const r = await fullCheck(ctx);
    assert.equal(r.state, 'ok');
    assert.equal(readCheckpoint(ctx.db)!.verifiedAuditId, 4);
    assert.equal(recordStatus(ctx).state, 'ok');
  });
});

describe('anchors printed on bulletins', () => {
  test('duty audit verify --anchor: holds now; a rollback to an older copy is caught by the later anchor', async () => {
    const ctx = withUnits(3);
    const older = join(tempDir(), 'older.db');
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(ctx.path, older);
    createUnit(ctx, unit('后来的单位'));
    const head = ctx.db.prepare('SELECT last_id, last_hash FROM audit_head').get() as { last_id: number; last_hash: string };
    const anchor = formatAnchor(head.last_id, head.last_hash);
    closeDatabase(ctx.db);
    const ok = await cli(['audit', 'verify', '--db', ctx.path, '--anchor', anchor]);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, new RegExp(`anchor ${anchor} holds`));
    // The older copy put back in place of the file: it verifies by itself (its seals are its own)…
    copyFileSync(older, ctx.path);
    assert.equal((await cli(['audit', 'verify', '--db', ctx.path])).code, 0);
    // …but not against the anchor printed after it.
    const rolled = await cli(['audit', 'verify', '--db', ctx.path, '--anchor', anchor]);
    assert.equal(rolled.code, 1);
    assert.match(rolled.err, new RegExp(`the chain no longer holds row ${head.last_id}`));
    const bad = await cli(['audit', 'verify', '--db', ctx.path, '--anchor', 'x:y']);
    assert.equal(bad.code, 2);
  });

  test('the app notices by itself a file rolled back behind its back (the key ring remembers the newest checkpoint)', () => {
    const ctx = withUnits(2);
    const older = join(tempDir(), 'older.db');
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(ctx.path, older);
    createUnit(ctx, unit('后来的单位'));
    closeDatabase(ctx.db);
    copyFileSync(older, ctx.path);
    const again = testContext({ path: ctx.path });
    const s = startCheck(again);
    assert.equal(s.state, 'failed');
    assert.ok(s.problems.some((p) => /rolled back/.test(p.detail)), JSON.stringify(s.problems));
  });
});

describe('duty audit verify names each table and row', () => {
  test('ok line with the head; a changed incident-like row named with its table and id; progress on stderr for long runs', async () => {
    const ctx = withUnits(2);
    closeDatabase(ctx.db);
    const ok = await cli(['audit', 'verify', '--db', ctx.path]);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /^ok: 2 audit rows, \d+ sealed rows; head 2:[0-9a-f]{12} \(/);
    const raw = new Database(ctx.path);
    raw.exec("UPDATE units SET name = '改名' WHERE id = 1");
    raw.close();
    const bad = await cli(['audit', 'verify', '--db', ctx.path]);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /units 1: the row does not match its seal/);
  });
});

describe('the seal key’s life cycle', () => {
  test('the key file is the owner’s only (0600)', () => {
    withUnits(1);
    const mode = statSync(process.env.DUTY_DESK_KEY_FILE!).mode & 0o777;
    assert.equal(mode, 0o600);
  });

  test('without its key a database is read-only but for sign-ins; the exported key, imported, makes it writable and names the rows written meanwhile', () => {
    const home = withUnits(2);
    const exported = exportKey(home, 'correct horse battery');
    assert.match(exported.text, /duty-desk-seal-key\/1/);
    assert.doesNotMatch(exported.text, new RegExp(sealStateOf(home.db)!.key!.secret.toString('base64').slice(0, 20).replace(/[+/]/g, '.')));
    home.db.pragma('wal_checkpoint(TRUNCATE)');
    const moved = join(tempDir(), 'moved.db');
    copyFileSync(home.path, moved);
    // Another machine: an empty key ring.
    const elsewhere = new KeyRing(memoryKeyStore());
    const db = openDatabase(moved, { keys: elsewhere });
    const ctx = { ...testContext({ path: join(tempDir(), 'unused.db') }), db, path: moved };
    assert.equal(sealStateOf(db)!.mode, 'key-missing');
    assert.equal(startCheck(ctx).state, 'key-missing');
    assert.throws(() => createUnit(ctx, unit('不该写入')), (e: Error) => e.message === 'seal.readOnly');
    assert.equal(db.prepare("SELECT count(*) FROM units WHERE name = '不该写入'").pluck().get(), 0);
    // Signing in still leaves its row on the audit log (it cannot be sealed yet).
    inWriteTransaction(ctx, () => appendAudit(ctx, { method: 'auth.login', entity: 'login', entityId: 'admin', before: null, after: { ok: true } }));
    // Wrong passphrase: refused in words.
    assert.throws(() => importKey(ctx, exported.text, 'wrong passphrase!'), /seal.keyRefused/);
    const r = importKey(ctx, exported.text, 'correct horse battery');
    assert.equal(r.matches, true);
    assert.deepEqual(r.unverified, [4, 4], 'the sign-in row written while the key was missing (after the export, row 3) is named');
    assert.equal(sealStateOf(db)!.mode, 'sealed');
    createUnit(ctx, unit('导入后的单位'));
    const after = verifyRecord(db, elsewhere);
    assert.equal(after.state, 'ok', JSON.stringify(after.problems));
    closeDatabase(db);
  });

  test('rotation: verified first, every row resealed under the new key, recorded; the old key still verifies old backups', () => {
    const keyFile = join(tempDir(), 'keys.json');
    const ring = new KeyRing(fileKeyStore(keyFile));
    const path = join(tempDir(), 'r.db');
    const db = openDatabase(path, { keys: ring });
    const ctx = { ...testContext({ path: join(tempDir(), 'unused.db') }), db, path };
    createUnit(ctx, unit('东城区'));
    const old = ring.current()!.id;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const backup = join(tempDir(), 'old-backup.db');
    copyFileSync(path, backup);
    const r = rotateKey(ctx, '年度更换');
    assert.equal(r.from, old);
    assert.notEqual(r.to, old);
    assert.equal(readCheckpoint(db)!.keyId, r.to);
    assert.equal(verifyRecord(db, ring).state, 'ok');
    const last = db.prepare('SELECT method, after FROM audit_log ORDER BY id DESC LIMIT 1').get() as { method: string; after: string };
    assert.equal(last.method, 'audit.keyRotate');
    assert.match(last.after, /年度更换/);
    const oldDb = openDatabase(backup, { readonly: true, keys: ring });
    assert.equal(verifyRecord(oldDb, ring).state, 'ok', 'the old key stays in the ring');
    closeDatabase(oldDb);
    // A rotation over a tampered record is refused: it would reseal the change.
    const raw = new Database(path);
    raw.exec("UPDATE units SET name = '篡改' WHERE id = 1");
    raw.close();
    assert.throws(() => rotateKey(ctx, '再换'), /seal.rotateRefused/);
    closeDatabase(db);
  });
});
