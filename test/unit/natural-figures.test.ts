// Runs in plain Node (tests): the natural-disaster figures added up and said. A figure nobody
// stated stays unstated (null) in the total and is not said; a stated 0 is a figure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { naturalTotalsText, sumNaturalFigures, takesNaturalFigures, wanText, type NaturalFigures } from '../../shared/domain/natural-figures.js';
import { CATEGORIES } from '../../shared/domain/categories.js';
import { translate } from '../../shared/i18n/index.js';

const zh = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('zh-CN', key, params);
const none = { affected: null, evacuated: null, housesCollapsed: null, directLossYuan: null };

test('only the seven natural-disaster categories take the figures', () => {
  assert.deepEqual(
    CATEGORIES.filter((c) => takesNaturalFigures(c.code)).map((c) => c.code),
    ['flood', 'drought', 'meteorological', 'geological', 'earthquake', 'forest_fire', 'other_natural'],
  );
});

test('each figure is the sum of those stated; null where none was; 0 where only 0 was', () => {
  assert.deepEqual(sumNaturalFigures([]), { incidents: 0, ...none });
  assert.deepEqual(sumNaturalFigures([none, { ...none, housesCollapsed: 0 }]), { incidents: 2, ...none, housesCollapsed: 0 });
  assert.deepEqual(
    sumNaturalFigures([
      { affected: 800, evacuated: 100, housesCollapsed: null, directLossYuan: 3_500_000 },
      { affected: null, evacuated: null, housesCollapsed: 2, directLossYuan: null },
      { affected: 40, directLossYuan: 0 }, // an older bulletin row: the figures absent
    ]),
    { incidents: 3, affected: 840, evacuated: 100, housesCollapsed: 2, directLossYuan: 3_500_000 },
  );
});

test('property: a total is null exactly when no incident stated the figure, else the plain sum of the stated', () => {
  const figure = fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null });
  const incident = fc.record({ affected: figure, evacuated: figure, housesCollapsed: figure, directLossYuan: figure });
  fc.assert(
    fc.property(fc.array(incident, { maxLength: 20 }), (list) => {
      const total = sumNaturalFigures(list);
      assert.equal(total.incidents, list.length);
      for (const k of ['affected', 'evacuated', 'housesCollapsed', 'directLossYuan'] as const) {
        const stated = list.map((i) => i[k]).filter((v): v is number => v !== null);
        assert.equal(total[k], stated.length ? stated.reduce((a, b) => a + b, 0) : null);
      }
    }),
  );
});

test('said in the statistics system’s order, the unstated left out, the loss in 万元', () => {
  const all: NaturalFigures & { directLossYuan: number | null } = { affected: 1500, evacuated: 300, housesCollapsed: 0, directLossYuan: 3_512_345 };
  assert.equal(naturalTotalsText(zh, all), '受灾人口 1500 人、紧急转移安置 300 人、倒塌房屋 0 间、直接经济损失 351.23 万元');
  assert.equal(naturalTotalsText(zh, { ...none, housesCollapsed: 2 }), '倒塌房屋 2 间');
  assert.equal(naturalTotalsText(zh, none), '');
  assert.equal(naturalTotalsText((k, p) => translate('en', k, p), { ...none, affected: 40 }), '40 people affected');
  assert.deepEqual([wanText(3_500_000), wanText(0), wanText(12_345)], ['350', '0', '1.23']);
});
