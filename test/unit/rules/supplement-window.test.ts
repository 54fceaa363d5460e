// Runs in plain Node (tests): the supplement window (补报期): 7 days for road traffic and fire, 30
// for the rest; the current level and OUTSIDE_SUPPLEMENT_WINDOW.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { briefs, DAY, evaluate, flagsOf, HOUR, incident, iso, report, SECOND, t, written } from './helpers.js';

const occurred = t('01:00');
const late = (gap: number, over = {}) => written({ receivedAt: occurred + gap, ...over });

describe('supplement window', () => {
  for (const category of ['road_traffic', 'fire'] as const) {
    test(`${category}: 7 days, inclusive`, () => {
      const inside = incident({ category, reports: [report(), late(7 * DAY, { deaths: 3 })] });
      assert.equal(evaluate(inside, occurred + 8 * DAY).currentLevel, 'III');
      assert.deepEqual(flagsOf(inside, occurred + 8 * DAY, 'OUTSIDE_SUPPLEMENT_WINDOW'), []);
      const outside = incident({ category, reports: [report(), late(7 * DAY + SECOND, { deaths: 3 })] });
      const e = evaluate(outside, occurred + 8 * DAY);
      assert.equal(e.initialLevel, 'IV');
      assert.equal(e.currentLevel, 'IV');
      assert.deepEqual(briefs(outside, occurred + 8 * DAY, 'OUTSIDE_SUPPLEMENT_WINDOW'), [
        { code: 'OUTSIDE_SUPPLEMENT_WINDOW', status: 'suspected', deadline: iso(occurred + 7 * DAY), actual: iso(occurred + 7 * DAY + SECOND), minutesLate: null },
      ]);
    });
  }
  for (const category of ['coal_mine', 'construction', 'flood'] as const) {
    test(`${category}: 30 days`, () => {
      const level = category === 'flood' ? 'III' : null;
      const at8 = incident({ category, level, reports: [report(), late(8 * DAY, { deaths: 3 })] });
      assert.equal(evaluate(at8, occurred + 40 * DAY).currentLevel, 'III');
      assert.deepEqual(flagsOf(at8, occurred + 40 * DAY, 'OUTSIDE_SUPPLEMENT_WINDOW'), []);
      const at30 = incident({ category, level, reports: [report(), late(30 * DAY, { missing: 1 })] });
      assert.deepEqual(flagsOf(at30, occurred + 40 * DAY, 'OUTSIDE_SUPPLEMENT_WINDOW'), []);
      const after = incident({ category, level, reports: [report(), late(30 * DAY + SECOND, { missing: 1 })] });
      assert.deepEqual(flagsOf(after, occurred + 40 * DAY, 'OUTSIDE_SUPPLEMENT_WINDOW').map((f) => f.actual), [occurred + 30 * DAY + SECOND]);
    });
  }
  test('figures unchanged after the window raise nothing; serious injuries count too', () => {
    const same = incident({ reports: [report({ deaths: 1 }), late(9 * DAY, { deaths: 1 })] });
    assert.deepEqual(flagsOf(same, occurred + 10 * DAY, 'OUTSIDE_SUPPLEMENT_WINDOW'), []);
    const injured = incident({ reports: [report(), late(9 * DAY, { seriouslyInjured: 1 })] });
    assert.equal(flagsOf(injured, occurred + 10 * DAY, 'OUTSIDE_SUPPLEMENT_WINDOW').length, 1);
    // Light injuries and loss are not casualty figures of Art. 13.
    const light = incident({ reports: [report(), late(9 * DAY, { injured: 5, directLossYuan: 2e7 })] });
    assert.deepEqual(flagsOf(light, occurred + 10 * DAY, 'OUTSIDE_SUPPLEMENT_WINDOW'), []);
    assert.equal(evaluate(light, occurred + 10 * DAY).currentLevel, 'IV');
  });
  test('one flag per report after the window, each compared with the figures before it', () => {
    const inc = incident({ reports: [report(), late(8 * DAY, { deaths: 1 }), late(9 * DAY, { deaths: 1 }), late(10 * DAY, { deaths: 2 })] });
    assert.deepEqual(flagsOf(inc, occurred + 11 * DAY, 'OUTSIDE_SUPPLEMENT_WINDOW').map((f) => f.actual), [occurred + 8 * DAY, occurred + 10 * DAY]);
  });
  test('the window runs from the effective occurrence time, not from learnedAt', () => {
    const inc = incident({ learnedAt: occurred + 2 * DAY, reports: [report({ receivedAt: occurred + 2 * DAY }), late(7 * DAY + HOUR, { deaths: 3 })] });
    assert.equal(evaluate(inc, occurred + 8 * DAY).supplementWindowEnd, occurred + 7 * DAY);
    assert.equal(evaluate(inc, occurred + 8 * DAY).currentLevel, 'IV');
    const corrected = incident({ reports: [report(), late(7 * DAY + HOUR, { deaths: 3, occurredAt: occurred + 2 * HOUR })] });
    assert.equal(evaluate(corrected, occurred + 8 * DAY).currentLevel, 'III');
  });
});
