// Roles enforced in the dispatcher: every contract method called with every role and with no
// session, each answer checked against shared/api/roles.ts; refusals audited and writing nothing
// else. Sessions: one per caller key, locked after the settings' minutes without a person using
// them, disabled accounts refused at once, failed logins slowed down and audited.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { METHOD_NAMES, type MethodName } from '../../shared/api/contract.js';
import { actionLabel } from '../../shared/api/action-label.js';
import { METHOD_ROLES } from '../../shared/api/roles.js';
import { translate } from '../../shared/i18n/index.js';
import { USER_ROLES, type UserRole } from '../../shared/domain/user.js';
import type { Db } from '../../electron/db/connection.js';
import { createSessionDispatcher, type Dispatch } from '../../electron/services/dispatcher.js';
import { verifyAudit } from '../../electron/services/audit.js';
import { updateSettings } from '../../electron/services/settings.js';
import { createUser } from '../../electron/services/users.js';
import { testContext, type TestContext } from '../helpers/context.js';

const PASSWORD = 'correct horse battery';
const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('zh-CN', key, params);

/** Every table but the audit log, hashed: what a refused call must leave as it was. */
function snapshot(db: Db): string {
  // The audit log grows by the refusal, and so do its seals and the checkpoint over them.
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('audit_log', 'audit_head', 'seals', 'seal_checkpoint') ORDER BY name")
    .all() as { name: string }[];
  const h = createHash('sha256');
  for (const { name } of tables) h.update(name).update(JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all()));
  return h.digest('hex');
}
const auditCount = (db: Db) => (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
const lastAudit = (db: Db) => db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1').get() as { actor: string; method: string; entity_id: string; after: string };

async function setup(): Promise<{ ctx: TestContext; dispatch: Dispatch; login(role: UserRole, key?: string): Promise<string>; notices: string[] }> {
  const ctx = testContext();
  for (const role of USER_ROLES) await createUser(ctx, { username: role, displayName: role, role, password: PASSWORD, personId: null });
  const notices: string[] = [];
  const dispatch = createSessionDispatcher(ctx, { logError: () => {}, logNotice: (line) => void notices.push(line) });
  const login = async (role: UserRole, key = `test:${role}`) => {
    const r = await dispatch('auth.login', { username: role, password: PASSWORD }, key);
    assert.equal(r.ok, true, JSON.stringify(r));
    return key;
  };
  return { ctx, dispatch, login, notices };
}

describe('roles in the dispatcher', () => {
  test('every method with every role and with no session answers as the map says', async () => {
    const { ctx, dispatch, login } = await setup();
    for (const role of USER_ROLES) await login(role);
    // Signing out or locking ends the caller's own session: called last, then signed in again.
    const order = [...METHOD_NAMES].sort((a, b) => Number(a === 'auth.logout' || a === 'auth.lock') - Number(b === 'auth.logout' || b === 'auth.lock'));
    let checked = 0;
    for (const caller of [...USER_ROLES, null] as const) {
      const key = caller === null ? 'test:nobody' : `test:${caller}`;
      for (const method of order as MethodName[]) {
        const allowed = METHOD_ROLES[method];
        const mayCall = allowed === 'public' || (caller !== null && allowed.includes(caller));
        const before = snapshot(ctx.db);
        const rows = auditCount(ctx.db);
        const r = await dispatch(method, {}, key);
        checked += 1;
        const code = r.ok ? null : r.error.code;
        if (mayCall) {
          assert.ok(code !== 'forbidden' && code !== 'unauthenticated', `${caller ?? 'nobody'} may call ${method}, got ${code}: ${r.ok ? '' : r.error.message}`);
        } else {
          assert.equal(code, caller === null ? 'unauthenticated' : 'forbidden', `${caller ?? 'nobody'} calling ${method}`);
          assert.ok(!r.ok && r.error.message.length > 0);
          // Said in words, never with the method's internal name.
          assert.ok(!r.ok && !r.error.message.includes(method), `${method}: ${!r.ok && r.error.message}`);
          if (caller !== null) assert.ok(!r.ok && r.error.message.includes(actionLabel(t, method)), `${method}: ${!r.ok && r.error.message}`);
          assert.equal(snapshot(ctx.db), before, `${method} refused to ${caller ?? 'nobody'} wrote nothing`);
          if (caller === null) {
            assert.equal(auditCount(ctx.db), rows, 'a call without a session writes no audit row');
            continue;
          }
          assert.equal(auditCount(ctx.db), rows + 1, 'one audit row: the refusal');
          const row = lastAudit(ctx.db);
          assert.equal(row.method, 'access.refused');
          assert.equal(row.entity_id, method);
          assert.equal(row.actor, `user:${caller}`);
          assert.equal(JSON.parse(row.after).role, caller);
        }
        if ((method === 'auth.logout' || method === 'auth.lock') && caller !== null) await login(caller);
      }
    }
    assert.equal(checked, METHOD_NAMES.length * 4);
    assert.deepEqual(verifyAudit(ctx.db).ok, true);
  });

  test('an officer calling a leader’s method is refused and told apart in the audit log', async () => {
    const { ctx, dispatch, login } = await setup();
    const key = await login('officer');
    const r = await dispatch('flags.review', { flagId: 1, decision: 'confirmed', reason: '测试' }, key);
    assert.equal(!r.ok && r.error.code, 'forbidden');
    assert.equal(!r.ok && r.error.message, '值班员无权确认或排除标记，须由带班领导、管理员操作');
    const row = lastAudit(ctx.db);
    assert.equal(row.actor, 'user:officer');
    assert.deepEqual(JSON.parse(row.after), { code: 'forbidden', role: 'officer', session: 'signedIn' });
    // The same call by the admin is not refused for its role, and its rows name the admin.
    const admin = await login('admin');
    const u = await dispatch('units.create', { name: '东城区', kind: 'district', dutyPhone: '027-85551234' }, admin);
    assert.equal(u.ok, true);
    assert.equal(lastAudit(ctx.db).actor, 'user:admin');
  });

  test('a session locks after lockMinutes without a person; only auth.touch keeps it open', async () => {
    const { ctx, dispatch, login, notices } = await setup();
    updateSettings(ctx, { lockMinutes: 15 });
    const key = await login('officer');
    const t0 = ctx.now();
    ctx.setNow(t0 + 10 * 60_000);
    assert.equal((await dispatch('units.list', {}, key)).ok, true);
    ctx.setNow(t0 + 14 * 60_000);
    assert.equal((await dispatch('auth.touch', {}, key)).ok, true);
    ctx.setNow(t0 + 28 * 60_000); // 14 min after the touch; the reads in between did not count
    assert.equal((await dispatch('units.list', {}, key)).ok, true);
    ctx.setNow(t0 + 29 * 60_000 + 1);
    const r = await dispatch('units.list', {}, key);
    assert.equal(!r.ok && r.error.code, 'unauthenticated');
    assert.match(!r.ok ? r.error.message : '', /锁定/);
    assert.notEqual(lastAudit(ctx.db).method, 'access.refused', 'a locked session’s call writes no row');
    assert.match(notices.at(-1) ?? '', /call without a session from test:officer: units.list/);
    // Still locked on the next call; the password opens it again.
    assert.equal((await dispatch('units.list', {}, key)).ok, false);
    await login('officer', key);
    assert.equal((await dispatch('units.list', {}, key)).ok, true);
  });

  test('auth.lock ends the session at once; other sessions are untouched', async () => {
    const { dispatch, login } = await setup();
    const a = await login('officer', 'window-a');
    const b = await login('leader', 'window-b');
    assert.equal((await dispatch('auth.lock', {}, a)).ok, true);
    assert.equal((await dispatch('units.list', {}, a)).ok, false);
    assert.equal((await dispatch('units.list', {}, b)).ok, true);
    const status = await dispatch('auth.status', {}, a);
    assert.equal(status.ok && (status.value as { user: unknown }).user, null);
  });

  test('a disabled account and a changed role take effect at the next call', async () => {
    const { ctx, dispatch, login } = await setup();
    const admin = await login('admin');
    const leader = await login('leader');
    const asLeader = await dispatch('flags.review', {}, leader);
    assert.equal(!asLeader.ok && asLeader.error.code, 'invalid_input', 'a leader reaches validation');
    const leaderId = (ctx.db.prepare("SELECT id FROM users WHERE username = 'leader'").get() as { id: number }).id;
    assert.equal((await dispatch('users.update', { id: leaderId, displayName: 'leader', role: 'officer', personId: null }, admin)).ok, true);
    const demoted = await dispatch('flags.review', {}, leader);
    assert.equal(!demoted.ok && demoted.error.code, 'forbidden');
    assert.equal((await dispatch('users.disable', { id: leaderId }, admin)).ok, true);
    const gone = await dispatch('units.list', {}, leader);
    assert.equal(!gone.ok && gone.error.code, 'unauthenticated');
    const again = await dispatch('auth.login', { username: 'leader', password: PASSWORD }, leader);
    assert.equal(!again.ok && again.error.code, 'unauthenticated');
  });

  test('the first admin is set up once, on a database without users', async () => {
    const ctx = testContext();
    const dispatch = createSessionDispatcher(ctx, { logError: () => {} });
    const status = await dispatch('auth.status', {}, 'w');
    assert.equal(status.ok && (status.value as { hasUsers: boolean }).hasUsers, false);
    const refusedEarly = await dispatch('units.list', {}, 'w');
    assert.equal(!refusedEarly.ok && refusedEarly.error.code, 'unauthenticated');
    const short = await dispatch('auth.setupAdmin', { username: 'zhangsan', displayName: '张三', password: 'short' }, 'w');
    assert.equal(!short.ok && short.error.code, 'invalid_input');
    const r = await dispatch('auth.setupAdmin', { username: 'ZhangSan', displayName: '张三', password: PASSWORD }, 'w');
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(lastAudit(ctx.db).actor, 'user:zhangsan');
    assert.equal((await dispatch('units.list', {}, 'w')).ok, true);
    const second = await dispatch('auth.setupAdmin', { username: 'lisi', displayName: '李四', password: PASSWORD }, 'other');
    assert.equal(!second.ok && second.error.code, 'conflict');
  });

  test('failed logins are audited and slowed per source; a success resets the count', async () => {
    const { ctx, dispatch } = await setup();
    const attempt = (password: string, username = 'officer', source = 'w') => dispatch('auth.login', { username, password }, `key-${source}`, { source });
    for (let i = 0; i < 3; i++) assert.equal(((await attempt('wrong')) as { error: { code: string } }).error.code, 'unauthenticated');
    const failures = ctx.db.prepare("SELECT actor, after FROM audit_log WHERE entity = 'login' AND entity_id = 'officer'").all() as { actor: string; after: string }[];
    assert.deepEqual(failures.map((f) => JSON.parse(f.after).failures), [1, 2, 3]);
    assert.equal(failures[0]!.actor, 'anon:http');
    // After the third failure from a source: 1 s before its next try, even with the right password,
    // and for any username (guessing across accounts from one place is slowed the same).
    const tooSoon = await attempt(PASSWORD);
    assert.equal(!tooSoon.ok && tooSoon.error.code, 'too_many_attempts');
    assert.match(!tooSoon.ok ? tooSoon.error.message : '', /1 秒/);
    assert.equal(!(await attempt(PASSWORD, 'leader')).ok && 'slowed', 'slowed');
    ctx.setNow(ctx.now() + 1001);
    const fourth = await attempt('wrong'); // 4th: 2 s
    assert.match(!fourth.ok ? fourth.error.message : '', /用户名或密码错误。请 2 秒后再试/);
    ctx.setNow(ctx.now() + 1500);
    assert.equal(!(await attempt(PASSWORD)).ok && 'slowed', 'slowed');
    ctx.setNow(ctx.now() + 600);
    assert.equal((await attempt(PASSWORD)).ok, true);
    ctx.setNow(ctx.now() + 1);
    assert.equal((await attempt('wrong')).ok, false);
    assert.equal(JSON.parse(lastAudit(ctx.db).after).failures, 1, 'a success resets the count');
    // The check does not block the event loop: a timer fires while a login's scrypt runs.
    let ticked = false;
    const timer = new Promise<void>((r) => setTimeout(() => ((ticked = true), r()), 1));
    await Promise.all([attempt(PASSWORD, 'admin', 'other'), timer]);
    assert.equal(ticked, true);
  });

  test('six wrong guesses from one place do not lock a known user out of their own correct password', async () => {
    const { ctx, dispatch } = await setup();
    const attempt = (password: string, source: string) => dispatch('auth.login', { username: 'officer', password }, `key-${source}`, { source });
    for (let i = 0; i < 6; i++) {
      ctx.setNow(ctx.now() + 10 * 60_000); // the guesser waits out each delay
      assert.equal((await attempt(`guess-${i}`, 'http:127.0.0.9')).ok, false);
    }
    const guessed = ctx.db.prepare("SELECT after FROM audit_log WHERE entity = 'login' AND entity_id = 'officer' ORDER BY id").all() as { after: string }[];
    assert.deepEqual(guessed.map((r) => JSON.parse(r.after).failures), [1, 2, 3, 4, 5, 6]);
    // At once, from the officer's own browser: signed in (the account's hold only slows the answer).
    const started = performance.now();
    const own = await attempt(PASSWORD, 'http:127.0.0.1');
    assert.equal(own.ok, true, JSON.stringify(own));
    assert.ok(performance.now() - started < 3000, 'answered within the account hold');
    // The guesser, still at it, is made to wait (and is not let in by the officer's success).
    const guesser = await attempt(PASSWORD, 'http:127.0.0.9');
    assert.equal(!guesser.ok && guesser.error.code, 'too_many_attempts');
  });

  test('the last enabled admin cannot be disabled or demoted', async () => {
    const { ctx, dispatch, login } = await setup();
    const admin = await login('admin');
    const id = (ctx.db.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: number }).id;
    const demote = await dispatch('users.update', { id, displayName: 'x', role: 'leader', personId: null }, admin);
    assert.equal(!demote.ok && demote.error.code, 'conflict');
    const self = await dispatch('users.disable', { id }, admin);
    assert.equal(!self.ok && self.error.code, 'conflict');
    const del = () => ctx.db.prepare('DELETE FROM users WHERE id = ?').run(id);
    assert.throws(del, /nothing is deleted/);
  });
});

describe('sessions across a restore', () => {
  test('a session whose account id now names somebody else is signed out', async () => {
    const { ctx, dispatch, login } = await setup();
    const key = await login('officer');
    // As after restoring an older file: the officer's id now holds another account.
    ctx.db.prepare("UPDATE users SET username = 'somebody' WHERE username = 'officer'").run();
    const r = await dispatch('units.list', {}, key);
    assert.equal(!r.ok && r.error.code, 'unauthenticated');
  });
});
