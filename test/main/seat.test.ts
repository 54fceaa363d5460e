// Runs in plain Node (tests). A desk that joined a room: its file, the pinned certificate, the
// guards that let its window show the host's pages and nothing else, and the window it opens.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startApp, type AppDeps } from '../../electron/main/app.js';
import { isSeatUrl, parseSeat, readSeat, removeSeat, SEAT_COOKIE, SEAT_FILE, verifyPinned, writeSeat, type SeatConfig } from '../../electron/main/seat.js';
import { exposesBridge } from '../../electron/preload/bridge.js';
import { REPO } from '../helpers/cli.js';
import { createFakeElectron, fakeEvent, FakeBrowserWindow, FakeTray, type FakeElectron } from './fake-electron.js';
import { saveRoomConfig } from '../../electron/services/room.js';

const pemA = readFileSync(join(REPO, 'test/fixtures/room/host-a.pem'), 'utf8');
const pemB = readFileSync(join(REPO, 'test/fixtures/room/host-b.pem'), 'utf8');
const fpA = new X509Certificate(pemA).fingerprint256;

const seat: SeatConfig = {
  url: 'https://192.168.1.10:5179/',
  fingerprint256: fpA,
  spki: 'x',
  seatToken: 'seat-token-0123456789abcdefghij',
  seatName: '带班领导办公室',
  pairedAt: 1,
};

describe('the seat file', () => {
  let dir: string;
  beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'duty-seat-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips, is readable by its owner only, and is removed on leaving', () => {
    writeSeat(dir, seat);
    assert.deepEqual(readSeat(dir), seat);
    if (process.platform !== 'win32') assert.equal(statSync(join(dir, SEAT_FILE)).mode & 0o777, 0o600);
    removeSeat(dir);
    assert.equal(readSeat(dir), null);
  });

  it('refuses what this app did not write: plain http, a bad pin, a URL with credentials, broken JSON', () => {
    assert.equal(parseSeat(JSON.stringify({ ...seat, url: 'http://192.168.1.10:5179/' })), null);
    assert.equal(parseSeat(JSON.stringify({ ...seat, fingerprint256: 'AB:CD' })), null);
    assert.equal(parseSeat(JSON.stringify({ ...seat, url: 'https://u:p@192.168.1.10:5179/' })), null);
    assert.equal(parseSeat('{'), null);
    assert.equal(parseSeat(JSON.stringify({ ...seat, url: 'https://192.168.1.10:5179/some/page' }))?.url, 'https://192.168.1.10:5179/');
  });
});

describe('the pin', () => {
  it('trusts the host only with the pinned certificate', () => {
    assert.equal(verifyPinned(seat, { hostname: '192.168.1.10', certificate: { data: pemA } }), 0);
    assert.equal(verifyPinned(seat, { hostname: '192.168.1.10', certificate: { data: pemB } }), -2, 'another certificate for the same address: someone in between');
    assert.equal(verifyPinned(seat, { hostname: '192.168.1.11', certificate: { data: pemA } }), -2, 'the right certificate on another address');
    assert.equal(verifyPinned(seat, { hostname: '192.168.1.10', certificate: { data: 'not a certificate' } }), -2);
  });

  it('names the host pages as ours, by origin only', () => {
    assert.equal(isSeatUrl('https://192.168.1.10:5179/index.html#/log', seat), true);
    assert.equal(isSeatUrl('https://192.168.1.10:5180/', seat), false);
    assert.equal(isSeatUrl('http://192.168.1.10:5179/', seat), false);
    assert.equal(isSeatUrl('https://evil@192.168.1.10:5179/', seat), false);
    assert.equal(isSeatUrl('https://192.168.1.10:5179/', null), false);
  });

  it('gives window.duty (IPC to this desk) to the app pages only, never to the host pages', () => {
    assert.equal(exposesBridge('app://duty/index.html'), true);
    assert.equal(exposesBridge('https://192.168.1.10:5179/index.html'), false);
    assert.equal(exposesBridge('app://evil/index.html'), false);
    assert.equal(exposesBridge(''), false);
  });
});

/** A desk of its own for each test: a renderer folder, a data folder, a fake Electron; its deps. */
function useDesk(): { dir(): string; fake(): FakeElectron; deps(over?: Partial<AppDeps>): AppDeps } {
  let dir = '';
  let fake: FakeElectron;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'duty-desk-'));
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
    fake = createFakeElectron();
    FakeBrowserWindow.all.length = 0;
    FakeTray.all.length = 0;
  });
  afterEach(() => {
    fake.app.emit('will-quit');
    // The desk's last writes (the record check's worker, the database's journal) may still be landing: retried, not failed.
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  });
  return {
    dir: () => dir,
    fake: () => fake,
    deps: (over = {}) => ({
      argv: ['/opt/duty-desk/duty-desk'],
      dataDir: join(dir, 'data'),
      rendererDir: join(dir, 'renderer'),
      preloadPath: '/x/preload/index.cjs',
      version: '1',
      platform: 'win32',
      backupEveryMs: null,
      logError: () => {},
      ...over,
    }),
  };
}

describe('a seat desk starting', () => {
  const desk = useDesk();
  const deps = () => desk.deps();

  it('opens the host with its certificate pinned and its token as the seat cookie; guards allow the host and nothing else', async () => {
    mkdirSync(join(desk.dir(), 'data'), { recursive: true });
    writeSeat(join(desk.dir(), 'data'), seat);
    const running = startApp(desk.fake().api, deps());
    await desk.fake().app.fireReady();
    await running.ready;
    assert.equal(FakeBrowserWindow.all.length, 1);
    assert.equal(FakeBrowserWindow.all[0]!.loadedUrl, seat.url);
    assert.ok(desk.fake().certificateVerify, 'a certificate check is installed');
    const results: number[] = [];
    desk.fake().certificateVerify!({ hostname: '192.168.1.10', certificate: { data: pemA } }, (r) => results.push(r));
    desk.fake().certificateVerify!({ hostname: '192.168.1.10', certificate: { data: pemB } }, (r) => results.push(r));
    assert.deepEqual(results, [0, -2]);
    assert.deepEqual(
      desk.fake().cookies.map((c) => [c.url, c.name, c.value, c.secure, c.httpOnly]),
      [[seat.url, SEAT_COOKIE, seat.seatToken, true, true]],
    );
    const contents = FakeBrowserWindow.all[0]!.webContents;
    desk.fake().app.emit('web-contents-created', {}, contents);
    const toHost = fakeEvent('https://192.168.1.10:5179/#/log');
    contents.emit('will-navigate', toHost);
    assert.equal(toHost.defaultPrevented, false);
    const away = fakeEvent('https://example.com/');
    contents.emit('will-navigate', away);
    assert.equal(away.defaultPrevented, true);
  });

  it('a desk without a seat file opens its own pages and pins nothing', async () => {
    const running = startApp(desk.fake().api, deps());
    await desk.fake().app.fireReady();
    await running.ready;
    assert.equal(FakeBrowserWindow.all[0]!.loadedUrl, 'app://duty/index.html');
    assert.equal(desk.fake().certificateVerify, null);
  });
});

describe('joining and leaving a room from the desk', () => {
  const desk = useDesk();
  const paired = { url: 'https://192.168.1.10:5179', fingerprint256: fpA, spki: 'spki', seatToken: seat.seatToken, seatName: '值班员二号' };
  const depsWith = (pair: AppDeps['pair']): AppDeps => desk.deps(pair ? { pair } : {});
  const call = async (method: string, input: unknown) => {
    const win = FakeBrowserWindow.all[0]!;
    const handler = desk.fake().ipcHandlers.get('duty:call')!;
    return (await handler({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, method, input)) as { ok: boolean; value?: { url: string }; error?: { message: string } };
  };
  const menuItem = (id: string) => {
    const last = desk.fake().menuTemplates.at(-1) as { id?: string; submenu?: { id?: string; click?: () => void }[] }[];
    return last.find((m) => m.id === 'room')?.submenu?.find((i) => i.id === id);
  };

  it('a fresh desk joins: pairs, keeps the pin and token, opens the host; the menu then offers to leave, which forgets them', async () => {
    let asked: unknown = null;
    const running = startApp(desk.fake().api, depsWith(async (o) => ((asked = o), paired)));
    await desk.fake().app.fireReady();
    await running.ready;
    assert.ok(menuItem('room-join'), 'a desk on its own offers to join');
    const r = await call('room.join', { address: '192.168.1.10:5179', code: 'K7QF-9M2X', seatName: '值班员二号' });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.deepEqual(asked, { url: '192.168.1.10:5179', code: 'K7QF-9M2X', seatName: '值班员二号' });
    assert.equal(readSeat(join(desk.dir(), 'data'))?.url, 'https://192.168.1.10:5179/');
    assert.deepEqual(desk.fake().cookies.map((c) => c.name), [SEAT_COOKIE]);
    const verdicts: number[] = [];
    desk.fake().certificateVerify!({ hostname: '192.168.1.10', certificate: { data: pemB } }, (v) => verdicts.push(v));
    assert.deepEqual(verdicts, [-2]);
    await new Promise((ok) => setTimeout(ok, 700));
    assert.equal(FakeBrowserWindow.all[0]!.loadedUrl, 'https://192.168.1.10:5179/');
    // The join is on this desk's own chain.
    const audit = running.context()!.db.prepare("SELECT method, entity_id FROM audit_log WHERE method = 'room.join'").all();
    assert.deepEqual(audit, [{ method: 'room.join', entity_id: 'https://192.168.1.10:5179/' }]);

    menuItem('room-leave')!.click!();
    assert.equal(readSeat(join(desk.dir(), 'data')), null);
    assert.equal(FakeBrowserWindow.all[0]!.loadedUrl, 'app://duty/index.html');
    assert.equal(desk.fake().certificateVerify, null, 'the pin is forgotten');
  });

  it('a host that cannot prove it knows the code: refused in words, nothing kept', async () => {
    const { PairError } = await import('../../electron/main/room/pair-client.js');
    const running = startApp(desk.fake().api, depsWith(async () => {
      throw new PairError('proof', 'bad proof');
    }));
    await desk.fake().app.fireReady();
    await running.ready;
    const r = await call('room.join', { address: '192.168.1.10:5179', code: 'K7QF-9M2X', seatName: '值班员二号' });
    assert.equal(r.ok, false);
    assert.match(r.error!.message, /主机未能证明它知道配对码/);
    assert.equal(readSeat(join(desk.dir(), 'data')), null);
    assert.equal(desk.fake().certificateVerify, null);
  });

  it('a desk with accounts: only its admin may make it a seat', async () => {
    const running = startApp(desk.fake().api, depsWith(async () => paired));
    await desk.fake().app.fireReady();
    await running.ready;
    const { createUser } = await import('../../electron/services/users.js');
    await createUser(running.context()!, { username: 'admin1', displayName: '管理员', role: 'admin', password: 'a-long-password-1', personId: null });
    const r = await call('room.join', { address: '192.168.1.10:5179', code: 'K7QF-9M2X', seatName: '值班员二号' });
    assert.equal(r.ok, false);
    assert.match(r.error!.message, /只有管理员/);
    assert.equal(readSeat(join(desk.dir(), 'data')), null);
  });
});

describe('a desk hosting the room', () => {
  const desk = useDesk();
  const deps = () => desk.deps();

  it('comes back hosting after a restart; closing the window hides it to the tray; the tray quits and stops the host', async () => {
    const port = await new Promise<number>((ok) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => ok(p));
      });
    });
    // First start: the admin switches hosting on (the setting is kept), then the desk quits.
    let fake = createFakeElectron();
    let running = startApp(fake.api, deps());
    await fake.app.fireReady();
    await running.ready;
    saveRoomConfig(running.context()!, { enabled: true, bind: '127.0.0.1', port }, 'room.enable');
    fake.app.emit('will-quit');

    fake = createFakeElectron();
    FakeBrowserWindow.all.length = 0;
    running = startApp(fake.api, deps());
    await fake.app.fireReady();
    await running.ready;
    const host = running.context()!.room!;
    for (let i = 0; i < 50 && !host.facts().running; i++) await new Promise((ok) => setTimeout(ok, 100));
    assert.equal(host.facts().running, true, 'the room is served again after the restart');
    const win = FakeBrowserWindow.all[0]!;
    win.close();
    assert.equal(win.destroyed, false, 'the window hides instead of closing');
    assert.ok(win.calls.includes('hide'));
    assert.equal(FakeTray.all.length, 1);
    assert.match(FakeTray.all[0]!.tooltip, new RegExp(`127\\.0\\.0\\.1:${port}`));
    fake.app.emit('window-all-closed');
    assert.equal(fake.app.quitCalled, false, 'the app keeps running while it hosts');

    FakeTray.all[0]!.menu!.template.find((i) => i.label === '停止值班室主机并退出')!.click!();
    assert.equal(fake.app.quitCalled, true);
    fake.app.emit('before-quit', { preventDefault() {} });
    for (let i = 0; i < 50 && host.facts().running; i++) await new Promise((ok) => setTimeout(ok, 100));
    assert.equal(host.facts().running, false, 'the host stops before the database closes');
    fake.app.emit('will-quit');
  });
});
