// The audit chain on a real file: it holds after writes, and a row changed, inserted or removed
// behind the app's back (triggers dropped, as a person with sqlite3 could) is caught and named.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appendAudit, checkClock, verifyAudit, rowHash, GENESIS_HASH, type AuditRow } from '../../electron/services/audit.js';
import { inWriteTransaction } from '../../electron/services/context.js';
import { testContext } from '../helpers/context.js';

function seed(n: number) {
  const ctx = testContext();
  for (let i = 1; i <= n; i++) {
    inWriteTransaction(ctx, () => appendAudit(ctx, { method: 'test.write', entity: 'thing', entityId: i, before: null, after: { n: i, text: '东城区' } }));
  }
  return ctx;
}

function dropGuards(ctx: ReturnType<typeof testContext>) {
  ctx.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
}

describe('audit chain', () => {
  test('a row from a seat names it, its hash covers the seat, and rows without one hash as before', () => {
    const ctx = seed(2);
    const fromSeat = { ...ctx, seat: '带班领导办公室' };
    inWriteTransaction(fromSeat, () => appendAudit(fromSeat, { method: 'test.write', entity: 'thing', entityId: 3, before: null, after: null }));
    const rows = ctx.db.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditRow[];
    assert.deepEqual(rows.map((r) => r.seat), [null, null, '带班领导办公室']);
    // A row without a seat hashes exactly as rows did before migration 0190 (no seat in the body).
    const { seat: _none, ...old } = rows[0]!;
    assert.equal(rowHash(GENESIS_HASH, old), rows[0]!.hash);
    assert.notEqual(rowHash(rows[1]!.hash, { ...rows[2]!, seat: null }), rows[2]!.hash, 'the seat is covered');
    assert.deepEqual(verifyAudit(ctx.db), { ok: true, rows: 3 });
    dropGuards(ctx);
    ctx.db.prepare("UPDATE audit_log SET seat = '另一个席位' WHERE id = 3").run();
    const r = verifyAudit(ctx.db);
    assert.equal(!r.ok && r.badRow, 3);
  });

  test('holds over many writes and names the row count', () => {
    const ctx = seed(25);
    assert.deepEqual(verifyAudit(ctx.db), { ok: true, rows: 25 });
  });

  test('an empty chain holds', () => {
    assert.deepEqual(verifyAudit(testContext().db), { ok: true, rows: 0 });
  });

  test('must be written inside the transaction of the write', () => {
    const ctx = testContext();
    assert.throws(() => appendAudit(ctx, { method: 'm', entity: 'e', entityId: null, before: null, after: null }), /inside the write transaction/);
  });

  test('the app cannot update or delete audit rows (triggers)', () => {
    const ctx = seed(2);
    assert.throws(() => ctx.db.prepare("UPDATE audit_log SET actor = 'x' WHERE id = 1").run(), /append-only/);
    assert.throws(() => ctx.db.prepare('DELETE FROM audit_log WHERE id = 2').run(), /append-only/);
  });

  test('a changed row is named', () => {
    const ctx = seed(5);
    dropGuards(ctx);
    ctx.db.prepare(`UPDATE audit_log SET after = '{"n":3,"text":"西城区"}' WHERE id = 3`).run();
    const r = verifyAudit(ctx.db);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.badRow, 3);
  });

  test('a changed actor or time is named', () => {
    const ctx = seed(4);
    dropGuards(ctx);
    ctx.db.prepare('UPDATE audit_log SET at = at - 60000 WHERE id = 2').run();
    const r = verifyAudit(ctx.db);
    assert.equal(!r.ok && r.badRow, 2);
  });

  test('a removed middle row is named', () => {
    const ctx = seed(5);
    dropGuards(ctx);
    ctx.db.prepare('DELETE FROM audit_log WHERE id = 2').run();
    const r = verifyAudit(ctx.db);
    assert.equal(!r.ok && r.badRow, 2);
  });

  test('rows removed from the end are named', () => {
    const ctx = seed(5);
    dropGuards(ctx);
    ctx.db.prepare('DELETE FROM audit_log WHERE id >= 4').run();
    const r = verifyAudit(ctx.db);
    assert.equal(!r.ok && r.badRow, 4);
  });

  test('a row inserted in the middle with a recomputed hash still breaks the next link', () => {
    const ctx = seed(3);
    dropGuards(ctx);
    // Shift rows 2..3 up and slip a forged row 2 in, hashing it correctly against row 1.
    ctx.db.exec('UPDATE audit_log SET id = id + 10 WHERE id >= 2; UPDATE audit_log SET id = id - 9 WHERE id >= 12;');
    const prev = (ctx.db.prepare('SELECT hash FROM audit_log WHERE id = 1').get() as { hash: string }).hash;
    const forged = { id: 2, at: 1, actor: 'x', method: 'forged', entity: 'thing', entity_id: '9', before: null, after: null };
    ctx.db.prepare('INSERT INTO audit_log (id, at, actor, method, entity, entity_id, before, after, prev_hash, hash) VALUES (@id, @at, @actor, @method, @entity, @entity_id, @before, @after, @prev_hash, @hash)').run({ ...forged, prev_hash: prev, hash: rowHash(prev, forged) });
    const r = verifyAudit(ctx.db);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.badRow, 3);
  });

  test('a row appended behind the app is named', () => {
    const ctx = seed(2);
    const head = ctx.db.prepare('SELECT hash FROM audit_log WHERE id = 2').get() as { hash: string };
    const forged = { id: 3, at: 1, actor: 'x', method: 'forged', entity: 'thing', entity_id: '1', before: null, after: null };
    ctx.db.prepare('INSERT INTO audit_log (id, at, actor, method, entity, entity_id, before, after, prev_hash, hash) VALUES (@id, @at, @actor, @method, @entity, @entity_id, @before, @after, @prev_hash, @hash)').run({ ...forged, prev_hash: head.hash, hash: rowHash(head.hash, forged) });
    const r = verifyAudit(ctx.db);
    assert.equal(!r.ok && r.badRow, 3);
  });

  test('the first row links to the genesis hash', () => {
    const ctx = seed(1);
    const row = ctx.db.prepare('SELECT prev_hash FROM audit_log WHERE id = 1').get() as { prev_hash: string };
    assert.equal(row.prev_hash, GENESIS_HASH);
  });
});

describe('system clock going back', () => {
  test('a write more than 5 minutes behind the newest stamp records both times, and the chain holds', () => {
    const ctx = testContext({ now: Date.UTC(2026, 10, 24, 2, 0, 0) });
    const write = (n: number) => inWriteTransaction(ctx, () => appendAudit(ctx, { method: 'test.write', entity: 'thing', entityId: n, before: null, after: null }));
    write(1);
    ctx.setNow(Date.UTC(2026, 10, 24, 1, 55, 0)); // exactly 5 min behind: tolerated
    write(2);
    assert.equal(checkClock(ctx).behind, false);
    ctx.setNow(Date.UTC(2026, 10, 24, 1, 54, 59)); // 5 min 1 s behind
    assert.equal(checkClock(ctx).behind, true);
    write(3);
    const rows = ctx.db.prepare('SELECT id, method, at, before, after FROM audit_log ORDER BY id').all() as { id: number; method: string; at: number; before: string; after: string }[];
    assert.deepEqual(rows.map((r) => r.method), ['test.write', 'test.write', 'clock.behind', 'test.write']);
    assert.deepEqual(JSON.parse(rows[2]!.before), { lastStampedAt: Date.UTC(2026, 10, 24, 2, 0, 0) });
    assert.equal(JSON.parse(rows[2]!.after).systemNow, Date.UTC(2026, 10, 24, 1, 54, 59));
    assert.deepEqual(verifyAudit(ctx.db), { ok: true, rows: 4 });
    // Still behind the newest stamp: the next write is recorded again; once the clock is right, not.
    write(4);
    assert.equal((ctx.db.prepare("SELECT count(*) AS n FROM audit_log WHERE method = 'clock.behind'").get() as { n: number }).n, 2);
    ctx.setNow(Date.UTC(2026, 10, 24, 2, 1, 0));
    write(5);
    assert.equal(checkClock(ctx).behind, false);
    assert.equal((ctx.db.prepare("SELECT count(*) AS n FROM audit_log WHERE method = 'clock.behind'").get() as { n: number }).n, 2);
  });
});
