// Runs in plain Node (tests): ISO 8601 instants at the JSON boundary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatIsoInstant, parseIsoInstant } from '../../../shared/domain/rules/iso-instant.js';

test('offsets give the same instant', () => {
  const utc = Date.UTC(2026, 10, 23, 17, 0, 0);
  assert.equal(parseIsoInstant('2026-11-24T01:00:00+08:00'), utc);
  assert.equal(parseIsoInstant('2026-11-23T17:00:00Z'), utc);
  assert.equal(parseIsoInstant('2026-11-23T17:00:00.000Z'), utc);
  assert.equal(parseIsoInstant('2026-11-23T12:00:00-05:00'), utc);
  assert.equal(parseIsoInstant('2026-11-24T02:45:00+09:45'), utc);
  assert.equal(parseIsoInstant('2026-11-24T01:00+08:00'), utc);
  assert.equal(parseIsoInstant('2026-11-24T01:00:00+0800'), utc);
});

test('fractions to the millisecond; further digits dropped', () => {
  const base = Date.UTC(2026, 10, 23, 17, 0, 0);
  assert.equal(parseIsoInstant('2026-11-23T17:00:00.5Z'), base + 500);
  assert.equal(parseIsoInstant('2026-11-23T17:00:00.123456789Z'), base + 123);
});

test('matches Date for many instants', () => {
  for (let ms = Date.UTC(1999, 0, 1); ms < Date.UTC(2101, 0, 1); ms += 7_777_777_777) {
    assert.equal(parseIsoInstant(new Date(ms).toISOString()), ms);
  }
  assert.equal(parseIsoInstant('2028-02-29T00:00:00Z'), Date.UTC(2028, 1, 29));
  assert.equal(parseIsoInstant('2000-02-29T00:00:00Z'), Date.UTC(2000, 1, 29));
});

test('refuses times without an offset and impossible dates', () => {
  for (const bad of [
    '2026-11-24T09:00:00',
    '2026-11-24',
    '2026-11-24 09:00:00+08:00',
    '2026-13-01T00:00:00Z',
    '2026-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-11-24T24:00:00Z',
    '2026-11-24T09:60:00Z',
    '2026-11-24T09:00:60Z',
    '2026-11-24T09:00:00+24:00',
    '1763956800000',
    '',
    ' 2026-11-24T09:00:00Z',
  ])
    assert.equal(parseIsoInstant(bad), null, bad);
});

test('formats UTC with milliseconds', () => {
  assert.equal(formatIsoInstant(Date.UTC(2026, 10, 23, 21)), '2026-11-23T21:00:00.000Z');
});
