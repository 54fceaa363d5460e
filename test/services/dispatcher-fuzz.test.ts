// Hostile input: 10,000+ random and malformed payloads through the one dispatcher, for every
// method of the contract. No throw, no unhandled rejection, every answer a well-formed result with
// a message, and no failed call commits anything (every committed write moves the audit head).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { contract, METHOD_NAMES } from '../../shared/api/contract.js';
import { createDispatcher } from '../../electron/services/dispatcher.js';
import { verifyAudit } from '../../electron/services/audit.js';
import { testContext } from '../helpers/context.js';

const CODES = new Set(['invalid_input', 'not_found', 'conflict', 'forbidden', 'unknown_method', 'internal']);
const RUNS = 10_000;

/** Keys a method's input schema knows, so payloads hit real fields, not only unknown keys. */
function keysOf(method: string): string[] {
  const schema = (contract as Record<string, { input: { shape?: Record<string, unknown> } }>)[method]!.input;
  return schema.shape ? Object.keys(schema.shape) : [];
}

const nasty = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, -1e308, 2 ** 53 + 1, 8.64e15 + 1, -1, 0, 1.5, null, undefined, true, ''),
  fc.constantFrom('__proto__', 'constructor', 'prototype', '<script>alert(1)</script>', "'; DROP TABLE units; --", '=1+1', '\u0000', '\uFFFF', '𠮷'.repeat(10)),
  fc.string({ maxLength: 50 }),
  fc.constant('x'.repeat(200_000)),
  fc.integer(),
  fc.double(),
  fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())),
  fc.array(fc.anything(), { maxLength: 5 }),
  fc.anything(),
);

function payloadFor(method: string) {
  const keys = keysOf(method);
  const known = keys.length ? fc.dictionary(fc.constantFrom(...keys), nasty, { maxKeys: keys.length }) : fc.constant({});
  return fc.oneof(
    known,
    fc.tuple(known, fc.dictionary(fc.string({ maxLength: 12 }), nasty, { maxKeys: 3 })).map(([a, b]) => ({ ...b, ...a })),
    known.map((o) => Object.assign(JSON.parse('{"__proto__": {"polluted": true}}'), o)),
    known.map((o) => ({ ...o, constructor: { prototype: { polluted: true } } })),
    nasty,
  );
}

test(`${RUNS} hostile payloads: answered, never thrown, nothing partially written`, { timeout: 180_000 }, async () => {
  const ctx = testContext();
  const dispatch = createDispatcher(ctx, { logError: () => {} });
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  const head = () => (ctx.db.prepare('SELECT last_id FROM audit_head').get() as { last_id: number } | undefined)?.last_id ?? 0;
  const methods = fc.oneof(fc.constantFrom(...METHOD_NAMES), fc.constantFrom('units.drop', '__proto__', 'toString', '', 'units.', '.list'), fc.anything());
  let calls = 0;
  let failures = 0;
  try {
    await fc.assert(
      fc.asyncProperty(methods.chain((m) => fc.tuple(fc.constant(m), typeof m === 'string' && METHOD_NAMES.includes(m as never) ? payloadFor(m) : fc.anything())), async ([method, input]) => {
        calls++;
        const before = head();
        let result;
        try {
          result = await dispatch(method, input);
        } catch (e) {
          assert.fail(`dispatch threw for ${String(method)}: ${(e as Error).message}`);
        }
        assert.equal(typeof result.ok, 'boolean');
        if (!result.ok) {
          failures++;
          assert.ok(CODES.has(result.error.code), `unknown error code ${result.error.code}`);
          assert.equal(typeof result.error.message, 'string');
          assert.ok(result.error.message.length > 0 && result.error.message.length < 5000, 'a readable message');
          assert.notEqual(result.error.code, 'internal', `internal error for ${String(method)}: ${result.error.message}`);
          assert.equal(head(), before, `a failed ${String(method)} committed a write`);
        }
        assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype polluted');
      }),
      { numRuns: RUNS, seed: 20261124 },
    );
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(unhandled, []);
  assert.ok(calls >= RUNS);
  assert.ok(failures > RUNS / 2, 'most hostile payloads are refused');
  assert.deepEqual(verifyAudit(ctx.db), { ok: true, rows: head() });
  assert.equal(ctx.db.pragma('integrity_check', { simple: true }), 'ok');
});
