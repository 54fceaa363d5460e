// The one dispatcher: validation before any service runs, errors in the UI's language, never throws.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { METHOD_NAMES } from '../../shared/api/contract.js';
import { createDispatcher } from '../../electron/services/dispatcher.js';
import { handlers } from '../../electron/services/handlers.js';
import { verifyAudit } from '../../electron/services/audit.js';
import { testContext } from '../helpers/context.js';

const good = { name: '东城区', kind: 'district', dutyPhone: '027-85551234' };

describe('dispatcher', () => {
  test('every contract method has a handler', () => {
    assert.deepEqual(Object.keys(handlers).sort(), [...METHOD_NAMES].sort());
  });

  test('answers ok with the value', async () => {
    const dispatch = createDispatcher(testContext());
    const r = await dispatch('units.create', good);
    assert.equal(r.ok, true);
    assert.equal(r.ok && (r.value as { name: string }).name, '东城区');
  });

  test('unknown methods, including prototype names, are refused', async () => {
    const dispatch = createDispatcher(testContext());
    for (const m of ['units.drop', '__proto__', 'constructor', 'toString', 42, null, undefined, { a: 1 }]) {
      const r = await dispatch(m, {});
      assert.equal(r.ok, false, String(m));
      assert.equal(!r.ok && r.error.code, 'unknown_method');
    }
  });

  test('invalid input is refused with field paths, in Chinese by default, and writes nothing', async () => {
    const ctx = testContext();
    const dispatch = createDispatcher(ctx);
    const r = await dispatch('units.create', { name: '', kind: 'planet', dutyPhone: 'abc' });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.code, 'invalid_input');
    assert.deepEqual(r.error.fields?.map((f) => f.path), ['name', 'kind', 'dutyPhone']);
    assert.match(r.error.message, /请填写单位名称/);
    assert.deepEqual(verifyAudit(ctx.db), { ok: true, rows: 0 });
  });

  test('messages follow the language setting', async () => {
    const dispatch = createDispatcher(testContext());
    await dispatch('settings.update', { locale: 'en' });
    const r = await dispatch('units.create', { ...good, name: '' });
    assert.match(!r.ok ? r.error.message : '', /Enter the unit name/);
    await dispatch('units.create', good);
    const dup = await dispatch('units.create', good);
    assert.match(!dup.ok ? dup.error.message : '', /already exists/);
  });

  test('unknown keys, __proto__ and wrong types are refused', async () => {
    const dispatch = createDispatcher(testContext());
    const withProto = JSON.parse('{"name":"x","kind":"district","dutyPhone":"123","__proto__":{"admin":true}}');
    for (const input of [withProto, { ...good, extra: 1 }, { ...good, name: 5 }, 'text', [], null, { ...good, dutyPhone: 'x'.repeat(5000) }]) {
      const r = await dispatch('units.create', input);
      assert.equal(r.ok, false, JSON.stringify(input)?.slice(0, 60));
      assert.equal(!r.ok && r.error.code, 'invalid_input');
    }
    assert.equal(({} as Record<string, unknown>).admin, undefined);
  });

  test('an unexpected error becomes internal, is logged, and does not throw', async () => {
    const logged: string[] = [];
    const dispatch = createDispatcher(testContext(), {
      handlers: { ...handlers, 'units.list': () => { throw new Error('disk on fire'); } },
      logError: (m) => logged.push(m),
    });
    const r = await dispatch('units.list', {});
    assert.equal(!r.ok && r.error.code, 'internal');
    assert.match(!r.ok ? r.error.message : '', /disk on fire/);
    assert.deepEqual(logged, ['units.list']);
  });

  test('settings: partial update validated; bad values refused', async () => {
    const dispatch = createDispatcher(testContext());
    assert.equal((await dispatch('settings.update', { theme: 'night' })).ok, true);
    const s = await dispatch('settings.get', {});
    assert.equal(s.ok && (s.value as { theme: string }).theme, 'night');
    for (const bad of [{ theme: 'purple' }, { timeZone: 'Mars/Base' }, { dutyBoundary: '25:00' }, { locale: 'fr' }]) {
      assert.equal((await dispatch('settings.update', bad)).ok, false, JSON.stringify(bad));
    }
  });
});
