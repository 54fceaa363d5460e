// Browser mode's sessions: each browser gets its own HttpOnly session cookie; signing in replaces
// it with a fresh id, so an id planted beforehand (session fixation) is never signed in; the
// token alone reaches nothing but signing in.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startBrowserServer, type BrowserServer } from '../../electron/main/browser-server.js';
import { createSessionDispatcher } from '../../electron/services/dispatcher.js';
import { createUser } from '../../electron/services/users.js';
import { request } from 'node:http';
import { testContext, type TestContext } from '../helpers/context.js';
import { tempDir } from '../helpers/temp.js';

const PASSWORD = 'officer-password';

describe('browser mode sessions', () => {
  let server: BrowserServer;
  let ctx: TestContext;
  const notices: string[] = [];
  const cookieName = () => `duty_session_${server.port}`;
  /** One API call; `from` is the local address the call is sent from (any 127.x reaches the server). */
  const call = (method: string, input: unknown, session?: string, from = '127.0.0.1') =>
    new Promise<{ body: { ok: boolean; error?: { code: string; message: string } }; issued: string | undefined; set: string }>((resolve, reject) => {
      const data = JSON.stringify(input);
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          localAddress: from,
          method: 'POST',
          path: `/api/${method}`,
          headers: { Host: `127.0.0.1:${server.port}`, 'Content-Type': 'application/json', 'X-Duty-Token': server.token, ...(session ? { Cookie: `${cookieName()}=${session}` } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const set = String(res.headers['set-cookie'] ?? '');
            const issued = new RegExp(`${cookieName()}=([\\w-]+)`).exec(set)?.[1];
            resolve({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')), issued, set });
          });
        },
      );
      req.on('error', reject);
      req.end(data);
    });
  const auditRows = () => (ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

  before(async () => {
    ctx = testContext();
    await createUser(ctx, { username: 'wang', displayName: '王', role: 'officer', password: PASSWORD, personId: null });
    await createUser(ctx, { username: 'li', displayName: '李', role: 'officer', password: PASSWORD, personId: null });
    server = await startBrowserServer({ dispatch: createSessionDispatcher(ctx, { logError: () => {}, logNotice: (line) => void notices.push(line) }), staticDir: tempDir(), port: 0 });
  });
  after(() => server.close());

  test('a caller without a session gets one (HttpOnly, SameSite=Strict) and is not signed in', async () => {
    const r = await call('units.list', {});
    assert.equal(r.body.error?.code, 'unauthenticated');
    assert.match(r.issued ?? '', /^[\w-]{32}$/);
    assert.match(r.set, /HttpOnly/);
    assert.match(r.set, /SameSite=Strict/);
    const again = await call('units.list', {}, r.issued);
    assert.equal(again.issued, undefined, 'a known-format id is kept until sign-in');
  });

  test('signing in issues a fresh id; the planted one stays signed out', async () => {
    const planted = 'A'.repeat(32);
    const login = await call('auth.login', { username: 'wang', password: PASSWORD }, planted);
    assert.equal(login.body.ok, true);
    assert.ok(login.issued && login.issued !== planted);
    assert.equal((await call('units.list', {}, planted)).body.error?.code, 'unauthenticated');
    assert.equal((await call('units.list', {}, login.issued)).body.ok, true);
    // Two browsers are two sessions: signing out one leaves the other.
    const other = await call('auth.login', { username: 'wang', password: PASSWORD });
    await call('auth.logout', {}, login.issued);
    assert.equal((await call('units.list', {}, login.issued)).body.error?.code, 'unauthenticated');
    assert.equal((await call('units.list', {}, other.issued)).body.ok, true);
  });

  test('signing in on a browser ends that browser’s previous session (someone else signing in there after)', async () => {
    const first = await call('auth.login', { username: 'wang', password: PASSWORD });
    assert.equal((await call('units.list', {}, first.issued)).body.ok, true);
    // Li signs in on the same browser: it sends wang's cookie, and gets a fresh one.
    const second = await call('auth.login', { username: 'li', password: PASSWORD }, first.issued);
    assert.equal(second.body.ok, true);
    assert.ok(second.issued && second.issued !== first.issued);
    assert.equal((await call('units.list', {}, first.issued)).body.error?.code, 'unauthenticated', 'wang’s old token is no longer signed in');
    assert.equal((await call('units.list', {}, second.issued)).body.ok, true);
    // A failed sign-in on the browser ends its previous session too: the browser has the new cookie.
    const third = await call('auth.login', { username: 'li', password: 'wrong' }, second.issued);
    assert.equal(third.body.ok, false);
    assert.equal((await call('units.list', {}, second.issued)).body.error?.code, 'unauthenticated');
  });

  test('300 calls without a session write no audit row, cost little, and are reported as a line per source and minute', async () => {
    const rows = auditRows();
    ctx.setNow(ctx.now() + 60_000); // a new minute: earlier tests' refusals were counted in theirs
    notices.length = 0;
    const started = performance.now();
    for (let i = 0; i < 300; i++) assert.equal((await call('incidents.list', {})).body.error?.code, 'unauthenticated');
    const ms = performance.now() - started;
    console.log(`300 calls without a session: ${ms.toFixed(0)} ms`);
    assert.equal(auditRows(), rows, 'no audit row');
    assert.ok(ms < 3000, `300 refusals took ${ms.toFixed(0)} ms`);
    assert.deepEqual(
      notices.filter((l) => l.startsWith('call without a session')),
      ['call without a session from http:127.0.0.1: incidents.list (refused; more this minute are counted, not logged)'],
    );
    assert.ok(notices.length <= 2, 'at most the previous minute’s count besides');
    notices.length = 0;
    // The next minute's first call reports the count of the one before.
    ctx.setNow(ctx.now() + 60_000);
    await call('incidents.list', {});
    assert.match(notices[0] ?? '', /^300 calls without a session from http:127\.0\.0\.1 in the minute from /);
  });

  test('guessing from one address does not keep the user out from another; the guessing address waits', async () => {
    for (let i = 0; i < 6; i++) {
      ctx.setNow(ctx.now() + 10 * 60_000);
      assert.equal((await call('auth.login', { username: 'wang', password: `guess-${i}` }, undefined, '127.0.0.7')).body.ok, false);
    }
    // Dropping the cookie changes nothing for the guesser: its address is the source.
    const again = await call('auth.login', { username: 'wang', password: PASSWORD }, undefined, '127.0.0.7');
    assert.equal(again.body.error?.code, 'too_many_attempts');
    assert.match(again.body.error?.message ?? '', /登录失败次数过多，请 \d+ 秒后再试/);
    const own = await call('auth.login', { username: 'wang', password: PASSWORD }, undefined, '127.0.0.1');
    assert.equal(own.body.ok, true, JSON.stringify(own.body));
  });
});
