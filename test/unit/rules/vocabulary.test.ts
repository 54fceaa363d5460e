// Runs in plain Node (tests): categories, channels and flag codes of the domain README and rules.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CATEGORIES,
  categoryClassOf,
  categoryNameZh,
  isAccidentCategory,
  isCategory,
} from '../../../shared/domain/categories.js';
import { CHANNELS, channelKind, isChannel, OFFICIAL_CHANNELS } from '../../../shared/domain/channels.js';
import { FLAG_CODES } from '../../../shared/domain/rules/flag.js';
import { en } from '../../../shared/i18n/en.js';
import { zhCN } from '../../../shared/i18n/zh-cn.js';

test('23 categories, 14 of them accidents', () => {
  assert.equal(CATEGORIES.length, 23);
  assert.equal(CATEGORIES.filter((c) => isAccidentCategory(c.code)).length, 14);
  assert.equal(categoryClassOf('flood'), 'natural');
  assert.equal(categoryClassOf('public_health'), 'public_health');
  assert.equal(categoryNameZh('non_coal_mine'), '金属非金属矿山');
  assert.ok(isAccidentCategory('fire'));
  assert.ok(!isAccidentCategory('forest_fire'));
  assert.ok(isCategory('road_traffic'));
  assert.ok(!isCategory('roadtraffic'));
});

test('channels: official = quick + written', () => {
  assert.equal(CHANNELS.length, 9);
  assert.deepEqual([...OFFICIAL_CHANNELS].sort(), ['document', 'fax', 'phone', 'sms', 'system']);
  assert.equal(channelKind('sms'), 'quick');
  assert.equal(channelKind('system'), 'written');
  assert.equal(channelKind('media'), 'other');
  assert.ok(isChannel('other_department'));
  assert.ok(!isChannel('email'));
});

test('flag codes are listed in sorted order and all have a name in both languages', () => {
  assert.deepEqual([...FLAG_CODES], [...FLAG_CODES].sort());
  assert.equal(zhCN['flag.code.OMITTED_UNREPORTED'], '漏报');
  assert.equal(zhCN['flag.code.SUSPECT_CONCEALED'], '瞒报疑点');
  for (const code of FLAG_CODES) assert.ok(zhCN[`flag.code.${code}`] && en[`flag.code.${code}`], code);
});
