// The change bus: every committed write tells its listeners which tables it changed, once, after
// the commit; a write that rolled back tells nobody; a nested transaction tells once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChangeBus, type Change } from '../../electron/services/changes.js';
import { callContext, inWriteTransaction } from '../../electron/services/context.js';
import { createUnit } from '../../electron/services/units.js';
import { unitFieldsSchema } from '../../shared/domain/unit.js';
import { testContext } from '../helpers/context.js';

test('a committed write is published once with its tables, actor and seat; a rolled-back one is not', () => {
  const ctx = testContext();
  ctx.changes = new ChangeBus();
  const seen: Change[] = [];
  ctx.changes.subscribe((c) => {
    // Published after the commit: another reader of the file already sees the row.
    assert.equal(ctx.db.inTransaction, false);
    seen.push(c);
  });
  const seat = callContext(ctx, 'user:zhang', { seat: '带班领导办公室' });
  createUnit(seat, unitFieldsSchema.parse({ name: '江岸区', kind: 'district', dutyPhone: '027-85550000' }));
  assert.equal(seen.length, 1);
  assert.equal(seen[0]!.seq, 1);
  assert.equal(seen[0]!.actor, 'user:zhang');
  assert.equal(seen[0]!.seat, '带班领导办公室');
  assert.ok(seen[0]!.tables.includes('units'), seen[0]!.tables.join());
  assert.ok(seen[0]!.tables.includes('audit_log'));
  assert.deepEqual(seen[0]!.tables, [...seen[0]!.tables].sort());

  assert.throws(() =>
    inWriteTransaction(ctx, () => {
      createUnit(ctx, unitFieldsSchema.parse({ name: '江汉区', kind: 'district', dutyPhone: '027-85550001' }));
      throw new Error('rolled back');
    }),
  );
  assert.equal(seen.length, 1, 'nothing published for a rollback');

  inWriteTransaction(ctx, () => {
    createUnit(ctx, unitFieldsSchema.parse({ name: '硚口区', kind: 'district', dutyPhone: '027-85550002' }));
    createUnit(ctx, unitFieldsSchema.parse({ name: '汉阳区', kind: 'district', dutyPhone: '027-85550003' }));
  });
  assert.equal(seen.length, 2, 'a nested write is told once, with the outer commit');
  assert.equal(seen[1]!.seq, 2);
});

test('a listener that throws does not undo the write or stop the others', () => {
  const ctx = testContext();
  ctx.changes = new ChangeBus();
  let told = 0;
  ctx.changes.subscribe(() => {
    throw new Error('socket closed');
  });
  ctx.changes.subscribe(() => void (told += 1));
  createUnit(ctx, unitFieldsSchema.parse({ name: '青山区', kind: 'district', dutyPhone: '027-85550004' }));
  assert.equal(told, 1);
  assert.equal((ctx.db.prepare('SELECT count(*) AS n FROM units').get() as { n: number }).n >= 1, true);
});
