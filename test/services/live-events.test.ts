// The live channel (GET /api/events): only for a signed-in session, asked through the dispatcher;
// a committed write reaches every stream within the coalescing window; a burst is one event; a
// session locked, expired or signed out gets `signedOut` and the stream ends; Last-Event-ID tells a
// seat it missed changes; a seat that stops reading is dropped and never holds a writer up.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { startBrowserServer } from '../../electron/main/browser-server.js';
import { createLiveHub, type LiveBatch, type LiveCloseReason, type LiveHubOptions, type LiveStreamInfo } from '../../electron/main/live-events.js';
import { actorName } from '../../electron/services/actors.js';
import { ChangeBus } from '../../electron/services/changes.js';
import { createSessionDispatcher } from '../../electron/services/dispatcher.js';
import { runRulesClock } from '../../electron/services/incidents/rules-clock.js';
import { createUser } from '../../electron/services/users.js';
import { ensureUnits, testContext } from '../helpers/context.js';
import { sceneIncident } from '../helpers/scenes.js';
import { openStream } from '../helpers/sse.js';
import { tempDir } from '../helpers/temp.js';

const PASSWORD = 'live-password-1';

async function setup(hub: Partial<LiveHubOptions> = {}) {
  const ctx = testContext();
  ctx.changes = new ChangeBus();
  await createUser(ctx, { username: 'zhang', displayName: '张三', role: 'admin', password: PASSWORD, personId: null });
  await createUser(ctx, { username: 'li', displayName: '李四', role: 'officer', password: PASSWORD, personId: null });
  const opened: LiveStreamInfo[] = [];
  const closed: { info: LiveStreamInfo; reason: LiveCloseReason }[] = [];
  const dispatch = createSessionDispatcher(ctx, { logError: () => {}, logNotice: () => {} });
  const live = createLiveHub({
    bus: ctx.changes,
    dispatch,
    describe: (a) => actorName(ctx, a),
    onOpen: (info) => opened.push(info),
    onClose: (info, reason) => closed.push({ info, reason }),
    ...hub,
  });
  const server = await startBrowserServer({ dispatch: live.watch(dispatch), staticDir: tempDir(), port: 0, live });
  const cookieName = `duty_session_${server.port}`;
  const call = (method: string, input: unknown, session?: string) =>
    new Promise<{ ok: boolean; value?: unknown; issued?: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: `/api/${method}`,
          headers: { Host: `127.0.0.1:${server.port}`, 'Content-Type': 'application/json', 'X-Duty-Token': server.token, ...(session ? { Cookie: `${cookieName}=${session}` } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const issued = new RegExp(`${cookieName}=([\\w-]+)`).exec(String(res.headers['set-cookie'] ?? ''))?.[1];
            resolve({ ...(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok: boolean }), ...(issued ? { issued } : {}) });
          });
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(input));
    });
  const signIn = async (username: string) => {
    const r = await call('auth.login', { username, password: PASSWORD });
    assert.equal(r.ok, true);
    return r.issued!;
  };
  const events = (session: string | undefined, extra: Record<string, string> = {}) =>
    openStream(`http://127.0.0.1:${server.port}/api/events`, { 'X-Duty-Token': server.token, ...(session ? { Cookie: `${cookieName}=${session}` } : {}), ...extra });
  const stop = async () => {
    live.close();
    await server.close();
  };
  return { ctx, live, server, call, signIn, events, opened, closed, stop };
}

const createUnitInput = (name: string) => ({ name, kind: 'district', dutyPhone: '027-85550000' });

test('without a signed-in session the stream is refused; with one it opens and the host lists it', async (t) => {
  const s = await setup();
  t.after(s.stop);
  const noToken = await openStream(`http://127.0.0.1:${s.server.port}/api/events`, {});
  assert.equal(noToken.status, 403);
  const noCookie = await s.events(undefined);
  assert.equal(noCookie.status, 401);
  // A session the server gave but nobody signed in on.
  const anon = (await s.call('units.list', {})).issued!;
  const notSignedIn = await s.events(anon);
  assert.equal(notSignedIn.status, 401);
  assert.equal(s.live.streams().length, 0);

  const session = await s.signIn('li');
  const stream = await s.events(session);
  assert.equal(stream.status, 200);
  assert.match(String(stream.response?.headers['content-type']), /^text\/event-stream/);
  assert.match(String(stream.response?.headers['content-security-policy']), /default-src 'none'/);
  const open = JSON.parse((await stream.next('hello')).data) as { seq: number; user: string; missed: boolean };
  assert.equal(open.user, '李四');
  assert.equal(open.missed, false);
  assert.deepEqual(s.live.streams().map((x) => x.user), ['李四']);
  assert.equal(s.opened.length, 1);
  assert.equal(s.opened[0]!.session, `http:${session}`);
  stream.close();
  await stream.ended;
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(s.live.streams().length, 0);
  assert.equal(s.closed[0]?.reason, 'client');
});

test('a write through the API reaches every stream within the coalescing window; a burst is one event', async (t) => {
  const s = await setup();
  t.after(s.stop);
  const admin = await s.signIn('zhang');
  const seats = await Promise.all([s.events(await s.signIn('li')), s.events(await s.signIn('li'))]);
  for (const seat of seats) await seat.next('hello');
  // The sign-ins above were writes too (their audit rows): let their batch go out first.
  await new Promise((r) => setTimeout(r, 100));
  for (const seat of seats) seat.events.splice(0);
  let committedAt = 0;
  s.ctx.changes!.subscribe(() => void (committedAt ||= performance.now()));
  assert.equal((await s.call('units.create', createUnitInput('江岸区'), admin)).ok, true);
  for (const seat of seats) {
    const e = await seat.next('change', 1000);
    const batch = JSON.parse(e.data) as LiveBatch;
    assert.ok(batch.tables.includes('units'), batch.tables.join());
    assert.deepEqual(batch.by, ['张三']);
    assert.equal(batch.from, batch.seq);
    assert.match(e.id ?? '', new RegExp(`^${s.live.host}\\.${batch.seq}$`));
    const latency = e.receivedAt - committedAt;
    assert.ok(latency <= 50 + 30, `the event arrived ${latency.toFixed(1)} ms after the commit`);
  }

  // Ten commits at once: at most two events (the first at once, the rest after the window), no commit lost.
  const before = s.ctx.changes!.seq;
  await Promise.all(Array.from({ length: 10 }, (_, i) => s.call('units.create', createUnitInput(`区${i}`), admin)));
  const batches: LiveBatch[] = [];
  while (batches.at(-1)?.seq !== before + 10) batches.push(JSON.parse((await seats[0]!.next('change', 1000)).data) as LiveBatch);
  assert.ok(batches.length <= 3, `${batches.length} events for one burst`);
  assert.equal(batches[0]!.from, before + 1);
  for (let i = 1; i < batches.length; i++) assert.equal(batches[i]!.from, batches[i - 1]!.seq + 1, 'no gap between batches');
  for (const seat of seats) seat.close();
});

test('the timed judge raising a flag is published like any write, and reaches the streams', async (t) => {
  const s = await setup();
  t.after(s.stop);
  const T0 = s.ctx.now();
  ensureUnits(s.ctx, ['西城区']);
  // Quick report on time; its written report falls due at occurrence + 240 min and never comes.
  sceneIncident(s.ctx, { unit: '西城区', occurredAt: T0, receivedAt: T0 + 10 * 60_000 });
  const stream = await s.events(await s.signIn('li'));
  await stream.next('hello');
  s.ctx.setNow(T0 + 250 * 60_000);
  const before = s.ctx.changes!.seq;
  assert.ok(runRulesClock(s.ctx).changed >= 1, 'the written report is overdue');
  assert.ok(s.ctx.changes!.seq > before);
  const batch = JSON.parse((await stream.next('change', 1000)).data) as LiveBatch;
  assert.ok(batch.tables.includes('flags'), batch.tables.join());
  stream.close();
});

test('locking or signing out through the API, or expiring, ends the stream with signedOut', async (t) => {
  const s = await setup({ recheckMs: 100 });
  t.after(s.stop);
  // Locked through the API: ended at once (the hub asks again right after the call).
  const a = await s.signIn('li');
  const locked = await s.events(a);
  await locked.next('hello');
  assert.equal((await s.call('auth.lock', {}, a)).ok, true);
  await locked.next('signedOut', 500);
  await locked.ended;

  // Expired by the host's clock (no call at all): ended by the periodic check.
  const b = await s.signIn('li');
  const idle = await s.events(b);
  await idle.next('hello');
  s.ctx.setNow(s.ctx.now() + 24 * 60 * 60_000);
  await idle.next('signedOut', 1000);
  await idle.ended;
  assert.deepEqual(s.closed.map((c) => c.reason), ['signedOut', 'signedOut']);
  assert.equal(s.live.streams().length, 0);
});

test('Last-Event-ID: a seat that reconnects learns whether it missed changes', async (t) => {
  const s = await setup();
  t.after(s.stop);
  const admin = await s.signIn('zhang');
  const first = await s.events(admin);
  const open = await first.next('hello');
  first.close();
  const reopen = async (lastId: string) => {
    const st = await s.events(admin, { 'Last-Event-ID': lastId });
    const o = JSON.parse((await st.next('hello')).data) as { missed: boolean; seq: number };
    st.close();
    return o;
  };
  assert.equal((await reopen(open.id!)).missed, false, 'nothing written since');
  assert.equal((await s.call('units.create', createUnitInput('青山区'), admin)).ok, true);
  const after = await reopen(open.id!);
  assert.equal(after.missed, true, 'a write while away');
  assert.equal(after.seq, s.ctx.changes!.seq);
  assert.equal((await reopen(`${s.live.host}.${after.seq}`)).missed, false);
  assert.equal((await reopen(`otherhost.${after.seq}`)).missed, true, 'another host process: everything may have changed');
  assert.equal((await reopen('garbage')).missed, false, 'an unreadable id is a first open');
});

test('a seat that stops reading is dropped; the writer and the other seats never wait for it', async (t) => {
  const s = await setup({ maxBufferedBytes: 64 * 1024, coalesceMs: 5 });
  t.after(s.stop);
  const slow = await s.events(await s.signIn('li'));
  const healthy = await s.events(await s.signIn('li'));
  await slow.next('hello');
  await healthy.next('hello');
  slow.pause();
  // Big batches (≈ 300 KB each: many tables) fill the slow seat's socket buffers quickly.
  const tables = Array.from({ length: 3000 }, (_, i) => `table_${i}_${'x'.repeat(90)}`);
  let slowest = 0;
  const rounds = 80;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    s.ctx.changes!.publish({ at: s.ctx.now(), tables, actor: 'test:writer' });
    slowest = Math.max(slowest, performance.now() - t0);
    await new Promise((r) => setTimeout(r, 8));
  }
  assert.ok(slowest < 5, `publishing took up to ${slowest.toFixed(2)} ms`);
  const last = s.ctx.changes!.seq;
  // The healthy seat hears up to the last commit.
  for (;;) {
    const b = JSON.parse((await healthy.next('change', 5000)).data) as LiveBatch;
    if (b.seq === last) break;
  }
  // (The paused seat does not read, so it would not see its socket closed: the host's word is enough.)
  assert.ok(s.closed.some((c) => c.reason === 'slow'), s.closed.map((c) => c.reason).join());
  slow.close();
  assert.equal(s.live.streams().length, 1);
  healthy.close();
});

test('streams per session and in all are capped', async (t) => {
  const s = await setup({ maxPerSession: 2, maxStreams: 3 });
  t.after(s.stop);
  const a = await s.signIn('li');
  const tabs = [await s.events(a), await s.events(a)];
  for (const tab of tabs) await tab.next('hello');
  const third = await s.events(a);
  await third.next('hello');
  // The oldest tab of the session was ended for the new one.
  await tabs[0]!.next('closed');
  await tabs[0]!.ended;
  assert.equal(s.live.streams().length, 2);
  const b = await s.events(await s.signIn('zhang'));
  await b.next('hello');
  const refused = await s.events(await s.signIn('zhang'));
  assert.equal(refused.status, 503);
  for (const x of [tabs[1]!, third, b]) x.close();
});

test('a beat goes out on every stream when nothing is written', async (t) => {
  const s = await setup({ heartbeatMs: 100 });
  t.after(s.stop);
  const stream = await s.events(await s.signIn('li'));
  await stream.next('hello');
  const beat = JSON.parse((await stream.next('beat', 500)).data) as { seq: number };
  assert.equal(beat.seq, s.ctx.changes!.seq);
  stream.close();
});
