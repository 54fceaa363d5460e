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
import { FLAG_CODES, FLAG_NAMES_ZH } from '../../../shared/domain/rules/flag.js';

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

test('flag codes are listed in sorted order and all have a Chinese name', () => {
  assert.deepEqual([...FLAG_CODES], [...FLAG_CODES].sort());
  assert.equal(FLAG_NAMES_ZH.OMITTED_UNREPORTED, '漏报');
  assert.equal(FLAG_NAMES_ZH.SUSPECT_CONCEALED, '瞒报疑点');
  for (const code of FLAG_CODES) assert.ok(FLAG_NAMES_ZH[code]);
});
