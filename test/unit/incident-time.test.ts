// The times a duty officer types, read in the duty room's zone whatever the machine's zone is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTypedTime } from '../../shared/domain/incident-time.js';

const NOW = Date.UTC(2026, 10, 24, 1, 30); // 2026-11-24 09:30 in Shanghai
const TZ = 'Asia/Shanghai';

test('full, month-day and time-only forms, in the zone of the setting', () => {
  assert.equal(parseTypedTime('2026-11-24 09:05', TZ, NOW), Date.UTC(2026, 10, 24, 1, 5));
  assert.equal(parseTypedTime('2026/11/24 9:05', TZ, NOW), Date.UTC(2026, 10, 24, 1, 5));
  assert.equal(parseTypedTime('11-23 23:59', TZ, NOW), Date.UTC(2026, 10, 23, 15, 59));
  assert.equal(parseTypedTime('09:05', TZ, NOW), Date.UTC(2026, 10, 24, 1, 5));
  assert.equal(parseTypedTime('0905', TZ, NOW), Date.UTC(2026, 10, 24, 1, 5));
  assert.equal(parseTypedTime('09：05', TZ, NOW), Date.UTC(2026, 10, 24, 1, 5));
  // "Today" is the zone's today: at 00:30 UTC it is already the 24th in Shanghai.
  assert.equal(parseTypedTime('08:00', TZ, Date.UTC(2026, 10, 24, 0, 30)), Date.UTC(2026, 10, 24, 0, 0));
  assert.equal(parseTypedTime('08:00', 'UTC', Date.UTC(2026, 10, 24, 0, 30)), Date.UTC(2026, 10, 24, 8, 0));
});

test('not a time: null, never a rolled-over date', () => {
  for (const bad of ['', 'abc', '24:00', '09:60', '2026-02-30 10:00', '2026-13-01 10:00', '9'])
    assert.equal(parseTypedTime(bad, TZ, NOW), null, bad);
});
