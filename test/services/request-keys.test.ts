// Issue 19, nothing saved twice: a seat that lost the host sends its save again with the same
// Idempotency-Key. The key commits in the write's own transaction (a throw after the write leaves
// neither), a committed key is answered its first answer without running the handler again, a key
// whose answer was lost is answered already_saved, and another user's or method's use is refused.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultKeyRing } from '../../electron/db/connection.js';
import { findRequestKey } from '../../electron/db/repositories/request-keys.js';
import { callContext, inWriteTransaction, type ServiceContext } from '../../electron/services/context.js';
import { createDispatcher } from '../../electron/services/dispatcher.js';
import { handlers } from '../../electron/services/handlers.js';
import { verifyRecord } from '../../electron/services/record-verify.js';
import { KEEP_MS } from '../../electron/services/request-keys.js';
import { createUnit } from '../../electron/services/units.js';
import { unitFieldsSchema } from '../../shared/domain/unit.js';
import { testContext } from '../helpers/context.js';

const KEY = 'k7Hq2mNc9XrT4vLp8ZsW';
const unitInput = (name: string) => ({ name, kind: 'district', dutyPhone: '027-85550000' });
const units = (ctx: ServiceContext) => (ctx.db.prepare('SELECT count(*) AS n FROM units').get() as { n: number }).n;
const audits = (ctx: ServiceContext) => (ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

describe('request keys', () => {
  test('a retry with the same key is answered the first answer and saves nothing again', async () => {
    const ctx = testContext();
    const dispatch = createDispatcher(ctx, { logError: () => {} });
    const first = await dispatch('units.create', unitInput('江岸区'), undefined, { requestKey: KEY });
    assert.ok(first.ok, JSON.stringify(first));
    const auditRows = audits(ctx);
    const again = await dispatch('units.create', unitInput('江岸区'), undefined, { requestKey: KEY });
    assert.deepEqual(again, first);
    assert.equal(units(ctx), 1);
    assert.equal(audits(ctx), auditRows, 'the retry left no audit row either');
    // A new submission (another key) is a new save: here refused as a duplicate name, never replayed.
    const other = await dispatch('units.create', unitInput('江岸区'), undefined, { requestKey: 'another-key-0123456789' });
    assert.equal(other.ok, false);
    assert.equal(units(ctx), 1);
    // The record still verifies: keys are not part of it (seal.ts LEFT_OUT).
    assert.equal(verifyRecord(ctx.db, defaultKeyRing()).state, 'ok');
  });

  test('a throw after the write inside the transaction leaves neither the write nor the key; the retry then saves once', async () => {
    const ctx = testContext();
    let killed = true;
    const dying = createDispatcher(ctx, {
      logError: () => {},
      handlers: {
        ...handlers,
        'units.create': (c, input) =>
          inWriteTransaction(c, () => {
            const unit = createUnit(c, unitFieldsSchema.parse(input));
            // The host dies after the handler wrote, before the commit.
            if (killed) throw new Error('host killed before the commit');
            return unit;
          }),
      },
    });
    const lost = await dying('units.create', unitInput('江汉区'), undefined, { requestKey: KEY });
    assert.equal(lost.ok, false);
    assert.equal(units(ctx), 0);
    assert.equal(findRequestKey(ctx.db, KEY), undefined, 'no key without its write');
    killed = false;
    const retry = await dying('units.create', unitInput('江汉区'), undefined, { requestKey: KEY });
    assert.ok(retry.ok, JSON.stringify(retry));
    assert.equal(units(ctx), 1);
    assert.equal(findRequestKey(ctx.db, KEY)?.method, 'units.create');
  });

  test('committed but its answer never kept (host stopped in between): the retry is answered already_saved, nothing saved again', async () => {
    const ctx = testContext();
    // The handler's write and its key, committed as the dispatcher would, without the answer after.
    const call = callContext(ctx, ctx.actor, { requestKey: KEY, method: 'units.create' });
    createUnit(call, unitFieldsSchema.parse(unitInput('硚口区')));
    assert.equal(findRequestKey(ctx.db, KEY)?.answer, null);
    const dispatch = createDispatcher(ctx, { logError: () => {} });
    const retry = await dispatch('units.create', unitInput('硚口区'), undefined, { requestKey: KEY });
    assert.equal(retry.ok, false);
    assert.equal(!retry.ok && retry.error.code, 'already_saved');
    assert.match(!retry.ok ? retry.error.message : '', /已保存/);
    assert.equal(units(ctx), 1);
  });

  test('the same key from another user or for another method is refused, and saves nothing', async () => {
    const ctx = testContext({ actor: 'user:zhang' });
    const mine = createDispatcher(ctx, { logError: () => {} });
    assert.ok((await mine('units.create', unitInput('汉阳区'), undefined, { requestKey: KEY })).ok);
    const other = createDispatcher({ ...ctx, actor: 'user:li' }, { logError: () => {} });
    const stolen = await other('units.create', unitInput('洪山区'), undefined, { requestKey: KEY });
    assert.equal(!stolen.ok && stolen.error.code, 'conflict');
    assert.match(!stolen.ok ? stolen.error.message : '', /请求键/);
    const otherMethod = await mine('units.update', { id: 1, ...unitInput('洪山区'), baseVersion: 0 }, undefined, { requestKey: KEY });
    assert.equal(!otherMethod.ok && otherMethod.error.code, 'conflict');
    assert.equal(units(ctx), 1);
    assert.equal((ctx.db.prepare('SELECT name FROM units').get() as { name: string }).name, '汉阳区');
    const malformed = await mine('units.create', unitInput('洪山区'), undefined, { requestKey: 'short' });
    assert.equal(!malformed.ok && malformed.error.code, 'invalid_input');
    assert.equal(units(ctx), 1);
  });

  test('a key is claimed once per call even when the handler commits twice; a call that wrote nothing leaves no key', async () => {
    const ctx = testContext();
    const dispatch = createDispatcher(ctx, {
      logError: () => {},
      handlers: {
        ...handlers,
        'units.create': (c, input) => {
          createUnit(c, unitFieldsSchema.parse(input));
          return createUnit(c, unitFieldsSchema.parse({ ...(input as object), name: '第二个' }));
        },
      },
    });
    assert.ok((await dispatch('units.create', unitInput('青山区'), undefined, { requestKey: KEY })).ok);
    assert.equal(units(ctx), 2);
    const read = await dispatch('units.list', {}, undefined, { requestKey: 'read-only-key-0123456789' });
    assert.ok(read.ok);
    assert.equal(findRequestKey(ctx.db, 'read-only-key-0123456789'), undefined);
  });

  test('keys older than 7 days are pruned when a new one is claimed', async () => {
    const ctx = testContext();
    const dispatch = createDispatcher(ctx, { logError: () => {} });
    await dispatch('units.create', unitInput('武昌区'), undefined, { requestKey: KEY });
    ctx.setNow(ctx.now() + KEEP_MS + 1);
    await dispatch('units.create', unitInput('东西湖区'), undefined, { requestKey: 'later-key-0123456789' });
    assert.equal(findRequestKey(ctx.db, KEY), undefined);
    assert.ok(findRequestKey(ctx.db, 'later-key-0123456789'));
  });
});
