// Runs in plain Node (tests). A desk that joined a room: its file, the pinned certificate, the
// guards that let its window show the host's pages and nothing else, and the window it opens.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startApp, type AppDeps } from '../../electron/main/app.js';
import { isSeatUrl, parseSeat, readSeat, removeSeat, SEAT_COOKIE, SEAT_FILE, verifyPinned, writeSeat, type SeatConfig } from '../../electron/main/seat.js';
import { exposesBridge } from '../../electron/preload/bridge.js';
import { REPO } from '../helpers/cli.js';
import { createFakeElectron, fakeEvent, FakeBrowserWindow, type FakeElectron } from './fake-electron.js';

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

describe('a seat desk starting', () => {
  let dir: string;
  let fake: FakeElectron;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'duty-seat-app-'));
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
    fake = createFakeElectron();
    FakeBrowserWindow.all.length = 0;
  });
  afterEach(() => {
    fake.app.emit('will-quit');
    rmSync(dir, { recursive: true, force: true });
  });
  const deps = (): AppDeps => ({
    argv: ['/opt/duty-desk/duty-desk'],
    dataDir: join(dir, 'data'),
    rendererDir: join(dir, 'renderer'),
    preloadPath: '/x/preload/index.cjs',
    version: '1',
    platform: 'win32',
    backupEveryMs: null,
    logError: () => {},
  });

  it('opens the host with its certificate pinned and its token as the seat cookie; guards allow the host and nothing else', async () => {
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeSeat(join(dir, 'data'), seat);
    const running = startApp(fake.api, deps());
    await fake.app.fireReady();
    await running.ready;
    assert.equal(FakeBrowserWindow.all.length, 1);
    assert.equal(FakeBrowserWindow.all[0]!.loadedUrl, seat.url);
    assert.ok(fake.certificateVerify, 'a certificate check is installed');
    const results: number[] = [];
    fake.certificateVerify!({ hostname: '192.168.1.10', certificate: { data: pemA } }, (r) => results.push(r));
    fake.certificateVerify!({ hostname: '192.168.1.10', certificate: { data: pemB } }, (r) => results.push(r));
    assert.deepEqual(results, [0, -2]);
    assert.deepEqual(
      fake.cookies.map((c) => [c.url, c.name, c.value, c.secure, c.httpOnly]),
      [[seat.url, SEAT_COOKIE, seat.seatToken, true, true]],
    );
    const contents = FakeBrowserWindow.all[0]!.webContents;
    fake.app.emit('web-contents-created', {}, contents);
    const toHost = fakeEvent('https://192.168.1.10:5179/#/log');
    contents.emit('will-navigate', toHost);
    assert.equal(toHost.defaultPrevented, false);
    const away = fakeEvent('https://example.com/');
    contents.emit('will-navigate', away);
    assert.equal(away.defaultPrevented, true);
  });

  it('a desk without a seat file opens its own pages and pins nothing', async () => {
    const running = startApp(fake.api, deps());
    await fake.app.fireReady();
    await running.ready;
    assert.equal(FakeBrowserWindow.all[0]!.loadedUrl, 'app://duty/index.html');
    assert.equal(fake.certificateVerify, null);
  });
});
