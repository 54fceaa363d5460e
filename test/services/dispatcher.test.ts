// The one dispatcher: validation before any service runs, errors in the UI's language, never throws.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contract, METHOD_NAMES } from '../../shared/api/contract.js';
import { issueMessage } from '../../shared/api/issue-message.js';
import { translate } from '../../shared/i18n/index.js';
import { createDispatcher } from '../../electron/services/dispatcher.js';
import { handlers } from '../../electron/services/handlers.js';
import { verifyAudit } from '../../electron/services/audit.js';
import { testContext } from '../helpers/context.js';

const handoverNotesIssue = () => contract['handover.updateNotes'].input.safeParse({ id: 1, notes: 'n'.repeat(4100) }).error!.issues[0]!;

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

  test('a text too long says the limit and its length, counted as checked (trimmed)', async () => {
    const dispatch = createDispatcher(testContext());
    const intake = (summary: string) => ({
      category: 'road_traffic',
      responsibleUnit: '东城区',
      occurredAt: Date.UTC(2026, 10, 24, 1),
      report: { kind: 'initial', channel: 'phone', fromUnit: '东城区', summary },
    });
    const r = await dispatch('incidents.create', intake('事'.repeat(5400)));
    assert.equal(!r.ok && r.error.code, 'invalid_input');
    if (r.ok) return;
    assert.deepEqual(r.error.fields, [{ path: 'report.summary', message: '内容过长：最多 4000 字，现有 5400 字' }]);
    assert.equal(r.error.message, '输入有误：内容过长：最多 4000 字，现有 5400 字');
    const padded = await dispatch('incidents.create', intake(`  ${'事'.repeat(4001)}  `));
    assert.equal(!padded.ok && padded.error.fields?.[0]?.message, '内容过长：最多 4000 字，现有 4001 字');
    await dispatch('settings.update', { locale: 'en' });
    const en = await dispatch('handover.updateNotes', { id: 1, notes: 'n'.repeat(4100) });
    assert.equal(!en.ok && en.error.fields?.[0]?.message, 'Too long: 4000 characters at most, this has 4100');
    // Checked before sending, without the input on the issue: the limit alone.
    const issue = handoverNotesIssue();
    assert.equal(issueMessage((k, p) => translate('zh-CN', k, p), issue), '内容过长：最多 4000 字');
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
