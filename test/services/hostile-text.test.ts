// Text and times no one can use to mislead a reader: names refuse control characters, NUL, lone
// surrogates and bidirectional controls (a unit "\u202Egnp.exe" showed in the bulletin as
// "exe.png"); multi-line text keeps line breaks and tabs only; an instant before 2000-01-01 (an
// incident "in 1970") or past 2100 is refused with a message saying so. One shared helper
// (shared/domain/safe-text.ts) and one instant schema (shared/domain/incident-time.ts) do it all.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bulletinTexts } from '../../shared/domain/bulletin-text.js';
import { hasUnsafeText } from '../../shared/domain/safe-text.js';
import { readTypedTime } from '../../shared/domain/typed-time.js';
import { assembleBulletin } from '../../electron/services/bulletin/assemble.js';
import { createDispatcher } from '../../electron/services/dispatcher.js';
import { ensureUnits, testContext } from '../helpers/context.js';

const NOW = Date.UTC(2026, 10, 24, 1, 0, 0); // 2026-11-24 09:00 in Shanghai
const RLO = '\u202e';

function setup() {
  const ctx = testContext({ now: NOW });
  ensureUnits(ctx, ['东城区']);
  return { ctx, dispatch: createDispatcher(ctx, { logError: () => {} }) };
}

const intake = (over: Record<string, unknown> = {}, report: Record<string, unknown> = {}) => ({
  category: 'road_traffic',
  responsibleUnit: '东城区',
  occurredAt: NOW - 30 * 60_000,
  place: '建设大道与发展路口',
  report: { kind: 'initial', channel: 'phone', fromUnit: '东城区', receivedAt: NOW - 10 * 60_000, summary: '两车相撞', ...report },
  ...over,
});

describe('hostile text and implausible times', () => {
  test('the helper: names refuse every control, NUL, lone surrogate and bidi control; multi-line text keeps \\n and \\t', () => {
    for (const bad of ['a\u0000b', 'a\nb', 'a\tb', 'a\u0007', 'a\u007f', 'a\u0085', `${RLO}gnp.exe`, 'a\u202a', 'a\u2066b', 'a\u200e', 'a\u200f', 'a\ud800b', 'a\udc00']) {
      assert.equal(hasUnsafeText(bad, 'line'), true, JSON.stringify(bad));
    }
    for (const ok of ['东城区应急管理局', 'O’Brien (3)', '😀 表情', 'زید']) assert.equal(hasUnsafeText(ok, 'line'), false, ok);
    assert.equal(hasUnsafeText('第一行\n第二行\t缩进\r\n', 'multiLine'), false);
    for (const bad of ['a\u0000', 'a\u000b', `x${RLO}y`, 'a\u0008']) assert.equal(hasUnsafeText(bad, 'multiLine'), true, JSON.stringify(bad));
  });

  test('names of units, people and users, places and aliases are refused with a Chinese message naming the field', async () => {
    const { ctx, dispatch } = setup();
    const cases: [string, unknown, RegExp][] = [
      ['units.create', { name: `${RLO}gnp.exe`, kind: 'district', dutyPhone: '027-85551234' }, /单位名称含有控制字符或改变文字方向的字符/],
      ['units.create', { name: '西城区', kind: 'district', dutyPhone: '027-85551234', aliases: ['西\u0000城'] }, /含有控制字符/],
      ['people.create', { name: '张\u0000三', phone: '13800000000', roles: ['officer'] }, /姓名含有控制字符/],
      ['people.create', { name: '张三', phone: '138\n0000 0000', roles: ['officer'] }, /含有控制字符/],
      ['users.create', { username: 'zhang', displayName: `张${RLO}三`, role: 'officer', password: 'a-long-password', personId: null }, /含有控制字符/],
      ['incidents.create', intake({ place: `${RLO}gnp.exe` }), /地点含有控制字符/],
      ['incidents.create', intake({}, { summary: `事故${RLO}gnp.exe` }), /事件经过含有控制字符/],
    ];
    for (const [method, input, message] of cases) {
      const r = await dispatch(method, input);
      assert.equal(r.ok, false, `${method} ${JSON.stringify(input).slice(0, 80)}`);
      if (!r.ok) {
        assert.equal(r.error.code, 'invalid_input');
        assert.match(r.error.message, message);
      }
    }
    // Line breaks and tabs in multi-line text are kept.
    const ok = await dispatch('incidents.create', intake({}, { summary: '两车相撞\n\t一人受伤' }));
    assert.equal(ok.ok, true, JSON.stringify(ok));
    // The bulletin of the day can no longer show a reversed name.
    const { data } = assembleBulletin(ctx, '2026-11-24');
    assert.ok(data.incidents.length > 0, 'the day has the incident taken');
    assert.ok(!JSON.stringify(bulletinTexts('zh-CN', data)).includes(RLO), 'no bidi override in the bulletin');
    assert.ok(!JSON.stringify(data).includes(RLO));
  });

  test('an incident dated 1970, or any instant before 2000-01-01 or past 2100, is refused with a clear message', async () => {
    const { dispatch } = setup();
    for (const [input, message] of [
      [intake({ occurredAt: 0 }), /时间早于 2000 年 1 月 1 日/],
      [intake({ occurredAt: Date.UTC(1999, 11, 31, 15, 59) }), /时间早于 2000 年 1 月 1 日/],
      [intake({}, { receivedAt: 86_400_000 }), /时间早于 2000 年 1 月 1 日/],
      [intake({ occurredAt: Date.UTC(2200, 0, 1) }), /时间晚于 2100 年/],
    ] as const) {
      const r = await dispatch('incidents.create', input);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.error.message, message);
    }
    // 2000-01-01 00:00 in Beijing itself is the floor, and is taken by the schema (then refused by intake only if after now).
    const edge = await dispatch('incidents.create', intake({ occurredAt: Date.UTC(1999, 11, 31, 16, 0) }));
    assert.ok(edge.ok || !/2000 年/.test(edge.error.message), 'the floor itself is not refused as too early');
    // A time typed as 1970 at the form: refused as too early, not read.
    const typed = readTypedTime('1970-01-01 08:00', { timeZone: 'Asia/Shanghai', now: NOW, expect: 'past' });
    assert.deepEqual(typed, { ok: false, reason: 'tooEarly' });
  });
});
