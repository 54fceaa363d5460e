// Runs in plain Node (tests). The app's lifecycle against a fake Electron and a real SQLite file:
// start-up order, single instance, the window's security options, quitting, the database, the IPC
// channel end to end, the menu and the remembered window placement.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { preloadPath } from '../../electron/main/app-paths.js';
import { startApp, type AppDeps, type RunningApp } from '../../electron/main/app.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp.js';
import type { Db } from '../../electron/db/connection.js';
import { sealStateOf } from '../../electron/db/seal.js';
import { recordStatus } from '../../electron/services/record-status.js';
import '../helpers/temp.js';
import { createFakeElectron, FakeBrowserWindow, type FakeElectron } from './fake-electron.js';

let dir: string;
let fake: FakeElectron;
let running: RunningApp | null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'duty-app-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  fake = createFakeElectron();
  running = null;
});
afterEach(() => {
  fake.app.emit('will-quit');
  rmSync(dir, { recursive: true, force: true });
});

function deps(over: Partial<AppDeps> = {}): AppDeps {
  return {
    argv: ['/opt/duty-desk/duty-desk'],
    dataDir: join(dir, 'data'),
    rendererDir: join(dir, 'renderer'),
    preloadPath: '/opt/duty-desk/resources/app.asar/dist/electron/preload/index.cjs',
    version: '9.8.7',
    platform: 'win32',
    backupEveryMs: null,
    logError: () => {},
    ...over,
  };
}

async function started(over: Partial<AppDeps> = {}): Promise<RunningApp> {
  running = startApp(fake.api, deps(over));
  await fake.app.fireReady();
  await running.ready;
  return running;
}

function onlyWindow(): FakeBrowserWindow {
  assert.equal(FakeBrowserWindow.all.length, 1);
  return FakeBrowserWindow.all[0]!;
}

function goodEvent(win: FakeBrowserWindow) {
  return { sender: win.webContents, senderFrame: win.webContents.mainFrame };
}

async function call(win: FakeBrowserWindow, method: string, input: unknown, event: unknown = goodEvent(win)) {
  const handler = fake.ipcHandlers.get('duty:call');
  assert.ok(handler, 'duty:call registered');
  return (await handler(event, method, input)) as { ok: boolean; value?: any; error?: { code: string } };
}

describe('start-up order', () => {
  it('sandbox, userData and the lock come first; the scheme and guards before ready', () => {
    running = startApp(fake.api, deps());
    assert.deepEqual(fake.log.slice(0, 4), ['app.enableSandbox', 'app.setPath:userData', 'app.requestSingleInstanceLock', 'protocol.registerSchemesAsPrivileged']);
    assert.equal(fake.app.paths.get('userData'), join(dir, 'data'));
    assert.deepEqual(fake.privilegedSchemes, [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    assert.equal(fake.app.listenerCount('web-contents-created'), 1);
    // Nothing that needs `ready` has happened yet.
    assert.equal(fake.protocolHandlers.size, 0);
    assert.equal(FakeBrowserWindow.all.length, 0);
  });

  it('after ready: protocol, permissions, IPC, menu, then one window on app://duty', async () => {
    await started();
    assert.ok(fake.protocolHandlers.has('app'));
    assert.ok(fake.permissionRequest && fake.permissionCheck && fake.deviceCheck);
    assert.deepEqual([...fake.ipcHandlers.keys()], ['duty:call']);
    assert.ok(fake.log.includes('Menu.setApplicationMenu'));
    assert.equal(onlyWindow().loadedUrl, 'app://duty/index.html');
  });
});

describe('Windows notifications', () => {
  it('sets the AppUserModelID to the installer appId on Windows only', () => {
    startApp(fake.api, deps({ platform: 'win32' }));
    assert.equal(fake.app.appUserModelId, 'cn.gov.emergency.dutydesk');
    const yml = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8');
    assert.match(yml, /^appId: cn\.gov\.emergency\.dutydesk$/m);
    fake = createFakeElectron();
    startApp(fake.api, deps({ platform: 'linux' }));
    assert.equal(fake.app.appUserModelId, null);
  });
});

describe('single instance', () => {
  it('a second start quits at once and sets nothing up', async () => {
    fake.app.gotLock = false;
    const r = startApp(fake.api, deps());
    assert.equal(r.primary, false);
    assert.equal(fake.app.quitCalled, true);
    assert.deepEqual(fake.privilegedSchemes, []);
    assert.equal(fake.app.listenerCount('web-contents-created'), 0);
    assert.equal(fake.app.listenerCount('second-instance'), 0);
    await fake.app.fireReady();
    await new Promise((r) => setImmediate(r));
    assert.equal(FakeBrowserWindow.all.length, 0);
    assert.equal(fake.ipcHandlers.size, 0);
  });

  it('the first instance restores, shows and focuses its window when another start is attempted', async () => {
    await started();
    const win = onlyWindow();
    win.minimized = true;
    win.calls = [];
    fake.app.emit('second-instance', {}, ['/opt/duty-desk/duty-desk'], '/home/duty');
    assert.deepEqual(win.calls, ['restore', 'show', 'focus']);
    assert.equal(FakeBrowserWindow.all.length, 1);
  });
});

describe('the window', () => {
  it('sets every security option explicitly', async () => {
    await started();
    const prefs = onlyWindow().options.webPreferences as Record<string, unknown>;
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.nodeIntegrationInSubFrames, false);
    assert.equal(prefs.nodeIntegrationInWorker, false);
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.allowRunningInsecureContent, false);
    assert.equal(prefs.webviewTag, false);
    assert.equal(prefs.spellcheck, false);
    assert.equal(prefs.navigateOnDragDrop, false);
    assert.equal(prefs.preload, '/opt/duty-desk/resources/app.asar/dist/electron/preload/index.cjs');
    for (const risky of ['enableBlinkFeatures', 'experimentalFeatures', 'additionalArguments']) assert.equal(prefs[risky], undefined, risky);
  });

  it('is shown only when ready to show, with the Chinese title', async () => {
    await started();
    const win = onlyWindow();
    assert.equal(win.options.show, false);
    assert.equal(win.options.title, '应急值班台');
    assert.equal(win.visible, false);
    win.emit('ready-to-show');
    assert.equal(win.visible, true);
  });

  it('the default preload path is the built CommonJS file, absolute', () => {
    const p = preloadPath();
    assert.ok(isAbsolute(p));
    assert.match(p.replaceAll('\\', '/'), /\/dist\/electron\/preload\/index\.cjs$/);
  });

  it('remembers its placement across starts, and ignores it when off every display', async () => {
    await started();
    const win = onlyWindow();
    win.bounds = { x: 200, y: 100, width: 1400, height: 900 };
    win.maximized = true;
    win.close();
    const stateFile = join(dir, 'data', 'window-state.json');
    assert.deepEqual(JSON.parse(readFileSync(stateFile, 'utf8')), { bounds: { x: 200, y: 100, width: 1400, height: 900 }, maximized: true });
    fake.app.emit('will-quit');

    fake = createFakeElectron();
    await started();
    const again = onlyWindow();
    assert.deepEqual([again.options.x, again.options.y, again.options.width, again.options.height], [200, 100, 1400, 900]);
    again.emit('ready-to-show');
    assert.ok(again.calls.includes('maximize'));
    fake.app.emit('will-quit');

    fake = createFakeElectron();
    fake.displays = [{ workArea: { x: 3000, y: 0, width: 1600, height: 1000 } }];
    await started();
    const moved = onlyWindow();
    assert.equal(moved.options.x, undefined);
    assert.equal(moved.options.y, undefined);
  });
});

describe('quitting', () => {
  for (const [platform, quits] of [['win32', true], ['linux', true], ['darwin', false]] as const) {
    it(`closing the last window ${quits ? 'quits' : 'keeps the app running'} on ${platform}`, async () => {
      await started({ platform });
      onlyWindow().close();
      fake.app.emit('window-all-closed');
      assert.equal(fake.app.quitCalled, quits);
    });
  }

  it('macOS: activate with no window re-creates it, and does not duplicate it otherwise', async () => {
    await started({ platform: 'darwin' });
    fake.app.emit('activate');
    assert.equal(FakeBrowserWindow.all.length, 1);
    onlyWindow().close();
    assert.equal(running!.window(), null);
    fake.app.emit('activate');
    assert.equal(FakeBrowserWindow.all.length, 2);
    assert.equal(running!.window(), FakeBrowserWindow.all[1]);
  });

  it('closes the database on will-quit', async () => {
    const closed: Db[] = [];
    const { closeDatabase } = await import('../../electron/db/connection.js');
    await started({ closeDatabase: (db) => (closed.push(db), closeDatabase(db)) });
    const db = running!.context()!.db;
    assert.equal(db.open, true);
    fake.app.emit('will-quit');
    assert.deepEqual(closed, [db]);
    assert.equal(db.open, false);
  });
});

describe('the database', () => {
  it('opens userData/duty-desk.db by default', async () => {
    await started();
    assert.equal(running!.context()!.instance.dbPath, join(dir, 'data', 'duty-desk.db'));
    assert.ok(existsSync(join(dir, 'data', 'duty-desk.db')));
  });

  it('--db PATH overrides it (relative to the working directory)', async () => {
    await started({ argv: ['/opt/duty-desk/duty-desk', '--no-sandbox', '--db', 'other.db'], cwd: dir });
    assert.equal(running!.context()!.instance.dbPath, join(dir, 'other.db'));
    fake.app.emit('will-quit');
    fake = createFakeElectron();
    await started({ argv: ['electron', '.', `--db=${join(dir, 'x', 'third.db')}`] });
    assert.equal(running!.context()!.instance.dbPath, join(dir, 'x', 'third.db'));
  });

  it('seals with a key kept by safeStorage beside the database, never in plain text (issue 18)', async () => {
    await started();
    const ctx = running!.context()!;
    const keyId = (ctx.db.prepare('SELECT key_id FROM seal_checkpoint').get() as { key_id: string }).key_id;
    const stored = readFileSync(join(dir, 'data', 'seal-keys.bin'));
    assert.ok(stored.toString().startsWith('fake-os-encrypted:'), 'encrypted by the OS for this user');
    assert.ok(fake.log.includes('safeStorage.encryptString'));
    const secret = (sealStateOf(ctx.db)!.key!.secret).toString('base64');
    for (const f of readdirSync(join(dir, 'data'))) assert.ok(!readFileSync(join(dir, 'data', f)).includes(secret), `${f} does not hold the key`);
    assert.equal(sealStateOf(ctx.db)!.key!.id, keyId);
    // The start check ran at opening; the record holds.
    assert.equal(recordStatus(ctx).state === 'ok' || recordStatus(ctx).state === 'checking', true);
  });

  it('without the OS’s encryption the keys stay in the owner-only key file beside the data folder', async () => {
    const keyFile = join(dir, 'keys', 'duty-desk.seal-keys.json');
    const saved = process.env.DUTY_DESK_KEY_FILE;
    process.env.DUTY_DESK_KEY_FILE = keyFile;
    try {
      fake.encryptionAvailable = false;
      await started();
      assert.ok(existsSync(keyFile));
      assert.equal(statSync(keyFile).mode & 0o777, 0o600);
      assert.equal(existsSync(join(dir, 'data', 'seal-keys.bin')), false);
    } finally {
      process.env.DUTY_DESK_KEY_FILE = saved;
    }
  });

  it('a database whose key is not here opens read-only with the banner’s state, never a silent new key', async () => {
    await started();
    const keyId = (running!.context()!.db.prepare('SELECT key_id FROM seal_checkpoint').get() as { key_id: string }).key_id;
    fake.app.emit('will-quit');
    rmSync(join(dir, 'data', 'seal-keys.bin'));
    fake = createFakeElectron();
    await started();
    const ctx = running!.context()!;
    assert.equal(sealStateOf(ctx.db)!.mode, 'key-missing');
    assert.equal(recordStatus(ctx).state, 'key-missing');
    assert.equal((ctx.db.prepare('SELECT key_id FROM seal_checkpoint').get() as { key_id: string }).key_id, keyId, 'the checkpoint still names the missing key');
  });

  it('a database from a newer version: a localized error box, exit, and no window', async () => {
    const file = join(dir, 'newer.db');
    const raw = new Database(file);
    raw.pragma('user_version = 999990');
    raw.close();
    await started({ argv: ['x', '--db', file] });
    assert.equal(fake.errorBoxes.length, 1);
    assert.equal(fake.errorBoxes[0]!.title, '应急值班台');
    assert.match(fake.errorBoxes[0]!.content, /^此数据库由更新版本的应急值班台创建（数据库版本 999990，本程序最高支持 \d+）/);
    assert.match(fake.errorBoxes[0]!.content, /数据未被修改/);
    assert.equal(fake.app.exitCode, 1);
    assert.equal(FakeBrowserWindow.all.length, 0);
    assert.equal(fake.ipcHandlers.size, 0);
  });
});

describe('backups', () => {
  it('takes the daily backup at start and one more before quitting, then quits', async () => {
    await started({ backupEveryMs: 3_600_000 });
    const folder = join(dir, 'data', 'backups');
    for (let i = 0; i < 100 && !(existsSync(folder) && readdirSync(folder).some((f) => f.endsWith('.db'))); i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(readdirSync(folder).filter((f) => /^duty-desk-\d{8}-\d{6}\.db$/.test(f)).length, 1, 'the daily backup at start');
    const first = { prevented: false, preventDefault() { this.prevented = true; } };
    fake.app.emit('before-quit', first);
    assert.equal(first.prevented, true, 'the first quit waits for the backup');
    for (let i = 0; i < 100 && !fake.app.quitCalled; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(fake.app.quitCalled, true, 'then quits');
    const second = { prevented: false, preventDefault() { this.prevented = true; } };
    fake.app.emit('before-quit', second);
    assert.equal(second.prevented, false, 'the second quit goes through');
    fake.app.emit('will-quit');
    assert.equal(running!.context()!.db.open, false);
  });
});

/** Sets up the first admin through the window's IPC, which signs that window in. */
async function signedIn(win: FakeBrowserWindow): Promise<void> {
  const r = await call(win, 'auth.setupAdmin', { username: 'admin', displayName: '管理员', password: 'admin-password' });
  assert.equal(r.ok, true, JSON.stringify(r));
}

describe('IPC end to end', () => {
  it('our page reaches the services; a foreign sender is refused', async () => {
    await started();
    const win = onlyWindow();
    // The window's calls are checked against its session: nothing but signing in before that.
    assert.equal((await call(win, 'app.info', {})).error?.code, 'unauthenticated');
    await signedIn(win);
    const info = await call(win, 'app.info', {});
    assert.equal(info.ok, true);
    assert.equal(info.value.transport, 'electron');
    assert.equal(info.value.version, '9.8.7');
    assert.equal(info.value.dbPath, join(dir, 'data', 'duty-desk.db'));

    win.webContents.mainFrame.url = 'https://evil.example/';
    const refused = await call(win, 'app.info', {});
    assert.deepEqual(refused.ok, false);
    assert.equal(refused.error?.code, 'forbidden');
  });

  it('invalid input and unknown methods come back as errors, not exceptions', async () => {
    await started();
    const win = onlyWindow();
    await signedIn(win);
    assert.equal((await call(win, 'units.list', { bogus: 1 })).error?.code, 'invalid_input');
    assert.equal((await call(win, 'process.exit', {})).error?.code, 'unknown_method');
  });

  it('a committed write is pushed to the signed-in window on duty:change; a locked window hears nothing', async () => {
    await started();
    const win = onlyWindow();
    const changes = () => win.webContents.sent.filter(([channel]) => channel === 'duty:change').map(([, batch]) => batch as { seq: number; tables: string[]; by: string[] });
    const settle = () => new Promise((r) => setTimeout(r, 120));
    await signedIn(win);
    await settle();
    win.webContents.sent.length = 0;
    assert.equal((await call(win, 'units.create', { name: '江岸区', kind: 'district', dutyPhone: '027-85550000' })).ok, true);
    await settle();
    const pushed = changes();
    assert.equal(pushed.length, 1);
    assert.ok(pushed[0]!.tables.includes('units'), pushed[0]!.tables.join());
    assert.deepEqual(pushed[0]!.by, ['管理员']);
    assert.equal(pushed[0]!.seq, running!.context()!.changes!.seq);

    assert.equal((await call(win, 'auth.lock', {})).ok, true);
    await settle();
    win.webContents.sent.length = 0;
    // A write by another seat (here: the host's own clock, as the rules clock writes) while the screen is locked.
    running!.context()!.changes!.publish({ at: 0, tables: ['flags'], actor: 'system:rules' });
    await settle();
    assert.deepEqual(changes(), []);
  });

  it('the menu follows a change of language made through the API', async () => {
    await started();
    const labels = () => (fake.menuTemplates.at(-1) as { label: string }[]).map((m) => m.label);
    assert.equal(labels()[0], '文件');
    await signedIn(onlyWindow());
    const r = await call(onlyWindow(), 'settings.update', { locale: 'en' });
    assert.equal(r.ok, true);
    assert.equal(labels()[0], 'File');
  });
});

describe('protocol and menu actions', () => {
  it('app:// serves the renderer folder with the CSP', async () => {
    await started();
    const res = await fake.protocolHandlers.get('app')!(new Request('app://duty/index.html'));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  });

  it('About shows the version and the database path; Open data folder opens its folder', async () => {
    await started();
    const items = (fake.menuTemplates.at(-1) as { submenu?: { label?: string; click?: () => void }[] }[]).flatMap((m) => m.submenu ?? []);
    items.find((i) => i.label === '关于应急值班台')!.click!();
    const box = fake.messageBoxes.at(-1) as { detail: string };
    assert.match(box.detail, /9\.8\.7/);
    assert.ok(box.detail.includes(join(dir, 'data', 'duty-desk.db')));
    items.find((i) => i.label === '打开数据文件夹')!.click!();
    assert.deepEqual(fake.openedPaths, [join(dir, 'data')]);
  });

  it('a web page created later (any window) gets the guards too', async () => {
    await started();
    const wc = onlyWindow().webContents;
    fake.app.emit('web-contents-created', {}, wc);
    assert.deepEqual(wc.windowOpenHandler?.({ url: 'https://www.mem.gov.cn/' }), { action: 'deny' });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(fake.openedExternal, ['https://www.mem.gov.cn/']);
    assert.equal(wc.windowOpenHandler?.({ url: 'file:///etc/passwd' }).action, 'deny');
    assert.deepEqual(fake.openedExternal, ['https://www.mem.gov.cn/']);
  });
});
