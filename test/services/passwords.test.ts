// Password hashing and the failed-login slowdown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, loginDelayMs, verifyPassword } from '../../electron/services/passwords.js';

const FAST = { N: 1 << 10, r: 8, p: 1 };

test('a hash verifies its password only, and differs each time (per-user salt)', async () => {
  const a = await hashPassword('值班台-2026!', FAST);
  const b = await hashPassword('值班台-2026!', FAST);
  assert.notEqual(a, b);
  assert.match(a, /^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  assert.equal(await verifyPassword('值班台-2026!', a), true);
  assert.equal(await verifyPassword('值班台-2026', a), false);
  assert.equal(await verifyPassword('', a), false);
});

test('the same text in composed and decomposed Unicode is the same password', async () => {
  const h = await hashPassword('caf\u00e9', FAST);
  assert.equal(await verifyPassword('cafe\u0301', h), true);
});

test('the default parameters are the strong ones', async () => {
  const h = await hashPassword('x');
  assert.ok(h.startsWith('scrypt$32768$8$1$'));
  assert.equal(await verifyPassword('x', h), true);
});

test('a malformed or foreign stored value never verifies', async () => {
  for (const stored of ['', 'plain', 'scrypt$1$2$3', 'bcrypt$1024$8$1$c2FsdHNhbHQ=$aGFzaA==', 'scrypt$0$8$1$c2FsdHNhbHQ=$' + Buffer.alloc(32).toString('base64'), 'scrypt$1024$8$1$c2FsdA==$short']) {
    assert.equal(await verifyPassword('x', stored), false, stored);
  }
});

test('failed logins are slowed: free for three, then doubling to five minutes', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 10].map(loginDelayMs), [0, 0, 0, 1000, 2000, 4000, 128_000]);
  assert.equal(loginDelayMs(20), 300_000);
  assert.equal(loginDelayMs(1000), 300_000);
});
