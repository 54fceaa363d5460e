// Runs in plain Node (tests): Decree 493 Art. 3 grading at every boundary.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareLevels,
  DECREE_493_THRESHOLDS,
  higherLevel,
  isLevel,
  LEVELS,
  levelOf,
  type Level,
} from '../../../shared/domain/levels.js';
import { zhCN } from '../../../shared/i18n/zh-cn.js';

describe('levelOf: deaths counted with the missing ("以上" includes the boundary)', () => {
  const cases: [number, number, Level][] = [
    [2, 0, 'IV'],
    [3, 0, 'III'],
    [1, 1, 'IV'],
    [2, 1, 'III'],
    [0, 3, 'III'],
    [9, 0, 'III'],
    [10, 0, 'II'],
    [5, 4, 'III'],
    [5, 5, 'II'],
    [29, 0, 'II'],
    [30, 0, 'I'],
    [20, 9, 'II'],
    [20, 10, 'I'],
    [0, 30, 'I'],
  ];
  for (const [deaths, missing, level] of cases)
    test(`${deaths} deaths + ${missing} missing → ${level}`, () => {
      assert.equal(levelOf({ deaths, missing }), level);
    });
});

describe('levelOf: serious injuries', () => {
  const cases: [number, Level][] = [
    [9, 'IV'],
    [10, 'III'],
    [49, 'III'],
    [50, 'II'],
    [99, 'II'],
    [100, 'I'],
  ];
  for (const [seriouslyInjured, level] of cases)
    test(`${seriouslyInjured} → ${level}`, () => assert.equal(levelOf({ seriouslyInjured }), level));
});

describe('levelOf: direct economic loss', () => {
  const cases: [number, Level][] = [
    [9_999_999, 'IV'],
    [9_999_999.99, 'IV'],
    [10_000_000, 'III'],
    [49_999_999, 'III'],
    [50_000_000, 'II'],
    [99_999_999, 'II'],
    [100_000_000, 'I'],
  ];
  for (const [directLossYuan, level] of cases)
    test(`${directLossYuan} yuan → ${level}`, () => assert.equal(levelOf({ directLossYuan }), level));
});

describe('levelOf: the highest any one measure reaches', () => {
  test('deaths III, injuries II, loss IV → II', () => {
    assert.equal(levelOf({ deaths: 3, missing: 0, seriouslyInjured: 50, directLossYuan: 0 }), 'II');
  });
  test('loss alone makes it I', () => {
    assert.equal(levelOf({ deaths: 0, missing: 0, seriouslyInjured: 0, directLossYuan: 1e8 }), 'I');
  });
  test('nothing stated, nulls and zeros → IV', () => {
    assert.equal(levelOf({}), 'IV');
    assert.equal(levelOf({ deaths: null, missing: null, seriouslyInjured: null, directLossYuan: null }), 'IV');
    assert.equal(levelOf({ deaths: 0, missing: 0, seriouslyInjured: 0, directLossYuan: 0 }), 'IV');
  });
  test('other thresholds can be given', () => {
    const strict = { ...DECREE_493_THRESHOLDS, III: { deathsAndMissing: 1, seriouslyInjured: 5, directLossYuan: 1e6 } };
    assert.equal(levelOf({ deaths: 1 }, strict), 'III');
    assert.equal(levelOf({ deaths: 1 }), 'IV');
  });
});

describe('level helpers', () => {
  test('compare and names', () => {
    assert.ok(compareLevels('I', 'II') > 0);
    assert.ok(compareLevels('IV', 'III') < 0);
    assert.equal(compareLevels('III', 'III'), 0);
    assert.equal(higherLevel('III', 'II'), 'II');
    assert.equal(higherLevel('IV', 'IV'), 'IV');
    assert.deepEqual(LEVELS.map((l) => zhCN[`level.${l}`]), ['特别重大', '重大', '较大', '一般']);
    assert.ok(isLevel('III'));
    assert.ok(!isLevel('V'));
    assert.ok(!isLevel(3));
  });
});
