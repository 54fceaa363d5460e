// Units service on a real SQLite file: every write audited with before/after, nothing deleted.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../shared/api/app-error.js';
import { unitFieldsSchema, type UnitFieldsInput } from '../../shared/domain/unit.js';
import { auditForEntity, verifyAudit } from '../../electron/services/audit.js';
import { createUnit, getUnit, listUnits, setUnitActive, updateUnit } from '../../electron/services/units.js';
import { testContext } from '../helpers/context.js';
import { createUser } from '../../electron/services/users.js';
import { translate } from '../../shared/i18n/index.js';

const fields = (over: Partial<UnitFieldsInput> = {}) =>
  unitFieldsSchema.parse({ name: '东城区', kind: 'district', dutyPhone: '027-85551234', contactName: '王伟', ...over });

describe('units service', () => {
  test('create stores the unit and appends an audit row by the actor at the clock time', () => {
    const ctx = testContext({ actor: 'test:张三', now: 1_800_000_000_000 });
    const u = createUnit(ctx, fields());
    assert.equal(u.name, '东城区');
    assert.equal(u.active, true);
    assert.equal(u.createdAt, 1_800_000_000_000);
    const rows = auditForEntity(ctx.db, 'unit', u.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.actor, 'test:张三');
    assert.equal(rows[0]!.method, 'units.create');
    assert.equal(rows[0]!.before, null);
    assert.deepEqual(JSON.parse(rows[0]!.after!), u);
  });

  test('update records before and after', () => {
    const ctx = testContext();
    const u = createUnit(ctx, fields());
    ctx.setNow(ctx.now() + 1000);
    const after = updateUnit(ctx, u.id, fields({ dutyPhone: '027-85559999' }));
    assert.equal(after.dutyPhone, '027-85559999');
    assert.equal(after.updatedAt, u.createdAt + 1000);
    const rows = auditForEntity(ctx.db, 'unit', u.id);
    assert.equal(rows.length, 2);
    assert.equal(JSON.parse(rows[1]!.before!).dutyPhone, '027-85551234');
    assert.equal(JSON.parse(rows[1]!.after!).dutyPhone, '027-85559999');
  });

  test('names are unique; a clash is a conflict and writes nothing', () => {
    const ctx = testContext();
    createUnit(ctx, fields());
    const other = createUnit(ctx, fields({ name: '西城区' }));
    assert.throws(() => createUnit(ctx, fields()), (e: unknown) => e instanceof AppError && e.code === 'conflict' && e.key === 'unit.nameTaken');
    assert.throws(() => updateUnit(ctx, other.id, fields()), (e: unknown) => e instanceof AppError && e.code === 'conflict');
    assert.equal(listUnits(ctx, {}).length, 2);
    assert.deepEqual(verifyAudit(ctx.db), { ok: true, rows: 2 });
  });

  test('aliases are kept on the unit; a name or alias stands for one unit only, and a clash writes nothing', () => {
    const ctx = testContext();
    const base = { kind: 'district', dutyPhone: '027-85551234' } as const;
    const east = createUnit(ctx, unitFieldsSchema.parse({ ...base, name: '东城区', aliases: ['东城', '东城应急局'] }));
    assert.deepEqual(getUnit(ctx, east.id).aliases, ['东城', '东城应急局']);
    const rows = verifyAudit(ctx.db).rows;
    for (const [fields, key] of [
      [{ ...base, name: '西城区', aliases: ['东城'] }, 'unit.aliasTaken'],
      [{ ...base, name: '东城' }, 'unit.aliasTaken'],
      [{ ...base, name: '西城区', aliases: ['东城区'] }, 'unit.aliasTaken'],
      [{ ...base, name: '西城区', aliases: ['西城', '西城'] }, 'unit.aliasRepeated'],
    ] as const)
      assert.throws(() => createUnit(ctx, unitFieldsSchema.parse(fields)), (e: unknown) => e instanceof AppError && e.key === key, JSON.stringify(fields));
    assert.equal(verifyAudit(ctx.db).rows, rows);
    // Its own aliases may be kept when the unit is edited.
    assert.deepEqual(updateUnit(ctx, east.id, unitFieldsSchema.parse({ ...base, name: '东城区', aliases: ['东城'] })).aliases, ['东城']);
  });

  test('deactivate hides from the default list, keeps the row, and is audited; reactivate restores', () => {
    const ctx = testContext();
    const u = createUnit(ctx, fields());
    setUnitActive(ctx, u.id, false, 'units.deactivate');
    assert.deepEqual(listUnits(ctx, {}), []);
    assert.equal(listUnits(ctx, { includeInactive: true }).length, 1);
    assert.equal(getUnit(ctx, u.id).active, false);
    assert.throws(() => setUnitActive(ctx, u.id, false, 'units.deactivate'), /unit.alreadyInactive/);
    setUnitActive(ctx, u.id, true, 'units.reactivate');
    assert.equal(listUnits(ctx, {}).length, 1);
    assert.deepEqual(auditForEntity(ctx.db, 'unit', u.id).map((r) => r.method), ['units.create', 'units.deactivate', 'units.reactivate']);
  });

  test('units cannot be deleted, even by SQL', () => {
    const ctx = testContext();
    const u = createUnit(ctx, fields());
    assert.throws(() => ctx.db.prepare('DELETE FROM units WHERE id = ?').run(u.id), /never deleted/);
  });

  test('search matches name, phones, contact and address, literally', () => {
    const ctx = testContext();
    createUnit(ctx, fields());
    createUnit(ctx, fields({ name: '市交通运输局', kind: 'department', dutyPhone: '027-12345', contactName: '李娜', address: '解放大道100%号' }));
    assert.deepEqual(listUnits(ctx, { query: '交通' }).map((u) => u.name), ['市交通运输局']);
    assert.deepEqual(listUnits(ctx, { query: '8555' }).map((u) => u.name), ['东城区']);
    assert.deepEqual(listUnits(ctx, { query: '李娜' }).map((u) => u.name), ['市交通运输局']);
    assert.deepEqual(listUnits(ctx, { query: '100%' }).map((u) => u.name), ['市交通运输局']);
    assert.deepEqual(listUnits(ctx, { query: '_' }), []);
  });

  test('a missing unit is not_found', () => {
    const ctx = testContext();
    assert.throws(() => getUnit(ctx, 99), (e: unknown) => e instanceof AppError && e.code === 'not_found');
  });

  test('a write that fails midway leaves neither the row nor an audit row', () => {
    const ctx = testContext();
    const u = createUnit(ctx, fields());
    ctx.db.exec("CREATE TRIGGER boom BEFORE UPDATE ON units WHEN NEW.notes = 'boom' BEGIN SELECT RAISE(ABORT, 'boom'); END;");
    assert.throws(() => updateUnit(ctx, u.id, fields({ notes: 'boom' })), /boom/);
    assert.equal(getUnit(ctx, u.id).notes, '');
    assert.equal(auditForEntity(ctx.db, 'unit', u.id).length, 1);
  });
});

describe('unit validation (shared schema)', () => {
  test('accepts common Chinese phone formats', () => {
    for (const p of ['027-85551234', '(027) 8555 1234', '13800138000', '+86 27 8555 1234', '85551234转8001', '110']) {
      assert.equal(unitFieldsSchema.safeParse({ name: 'x', kind: 'other', dutyPhone: p }).success, true, p);
    }
  });
  test('refuses letters, too few digits, empty required fields, and trims', () => {
    for (const p of ['abc', '12', '', '   ', 'call 123456']) {
      assert.equal(unitFieldsSchema.safeParse({ name: 'x', kind: 'other', dutyPhone: p }).success, false, p);
    }
    assert.equal(unitFieldsSchema.safeParse({ name: '  ', kind: 'other', dutyPhone: '123' }).success, false);
    assert.equal(unitFieldsSchema.parse({ name: ' 东城区 ', kind: 'other', dutyPhone: ' 123 ' }).name, '东城区');
  });
});

test('two admins edit the same unit: the later save, made on what it read, is refused naming who and when; nothing written', async () => {
  const a = testContext({ actor: 'user:wang' });
  const b = testContext({ path: a.path, actor: 'user:zhao' });
  await createUser(a, { username: 'zhao', displayName: '赵管理员', role: 'admin', password: 'correct horse battery', personId: null });
  const u = createUnit(a, fields());
  const read = getUnit(a, u.id);
  b.setNow(a.now() + 60_000);
  updateUnit(b, u.id, fields({ dutyPhone: '027-85551111' }), 'units.update', read.updatedAt);
  const end = a.db.prepare('SELECT last_id FROM audit_head').get();
  a.setNow(a.now() + 120_000);
  try {
    updateUnit(a, u.id, fields({ dutyPhone: '027-85552222' }), 'units.update', read.updatedAt);
    assert.fail('expected a refusal');
  } catch (e) {
    assert.ok(e instanceof AppError && e.code === 'conflict');
    assert.match(translate('zh-CN', e.key as never, e.params), /已被 赵管理员 于 \d\d:\d\d 修改/);
  }
  assert.deepEqual(a.db.prepare('SELECT last_id FROM audit_head').get(), end);
  assert.equal(getUnit(a, u.id).dutyPhone, '027-85551111');
  // Read again, then saved.
  assert.equal(updateUnit(a, u.id, fields({ dutyPhone: '027-85552222' }), 'units.update', getUnit(a, u.id).updatedAt).dutyPhone, '027-85552222');
});
