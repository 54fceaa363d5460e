import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRng } from '../../shared/domain/random.js';

test('the same seed gives the same sequence; different seeds differ', () => {
  const a = seededRng(42);
  const b = seededRng(42);
  const xs = Array.from({ length: 50 }, () => a.next());
  assert.deepEqual(Array.from({ length: 50 }, () => b.next()), xs);
  assert.notDeepEqual(Array.from({ length: 50 }, () => seededRng(43).next()), xs);
  assert.ok(xs.every((x) => x >= 0 && x < 1));
});

test('int stays within bounds and reaches both ends', () => {
  const r = seededRng(7);
  const seen = new Set<number>();
  for (let i = 0; i < 2000; i++) seen.add(r.int(3, 6));
  assert.deepEqual([...seen].sort(), [3, 4, 5, 6]);
});
