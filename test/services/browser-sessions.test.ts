// Browser mode's sessions: each browser gets its own HttpOnly session cookie; signing in replaces
// it with a fresh id, so an id planted beforehand (session fixation) is never signed in; the
// token alone reaches nothing but signing in.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startBrowserServer, type BrowserServer } from '../../electron/main/browser-server.js';
import { createSessionDispatcher } from '../../electron/services/dispatcher.js';
import { createUser } from '../../electron/services/users.js';
import { testContext } from '../helpers/context.js';
import { tempDir } from '../helpers/temp.js';

const PASSWORD = 'officer-password';

describe('browser mode sessions', () => {
  let server: BrowserServer;
  const cookieName = () => `duty_session_${server.port}`;
  const call = async (method: string, input: unknown, session?: string) => {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Duty-Token': server.token, ...(session ? { Cookie: `${cookieName()}=${session}` } : {}) },
      body: JSON.stringify(input),
    });
    const set = res.headers.get('set-cookie') ?? '';
    const issued = new RegExp(`${cookieName()}=([\\w-]+)`).exec(set)?.[1];
    return { body: (await res.json()) as { ok: boolean; error?: { code: string } }, issued, set };
  };

  before(async () => {
    const ctx = testContext();
    await createUser(ctx, { username: 'wang', displayName: '王', role: 'officer', password: PASSWORD, personId: null });
    server = await startBrowserServer({ dispatch: createSessionDispatcher(ctx, { logError: () => {} }), staticDir: tempDir(), port: 0 });
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
});
