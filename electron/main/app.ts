// Runs in Electron's main process. The app's lifecycle, given the electron API as a parameter
// (index.ts passes the real one; tests pass a fake): one instance per user, userData shared with
// the CLI and browser mode, the app:// protocol, the guards on every web page, the database, the
// IPC channel, the menu and the one window.
import { dirname, join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { DEFAULT_LOCALE, translate, type Locale } from '../../shared/i18n/index.js';
import { closeDatabase as realCloseDatabase, openDatabase as realOpenDatabase, type Db, type OpenOptions } from '../db/connection.js';
import { DatabaseTooNewError } from '../db/migrate.js';
import { DB_FILE_NAME, defaultKeyFilePath } from '../db/paths.js';
import type { KeyStore } from '../db/seal-keys.js';
import { backupBeforeQuit, startBackupSchedule } from '../services/backup-schedule.js';
import { AppError } from '../../shared/api/app-error.js';
import { createContext, osActor, type ServiceContext } from '../services/context.js';
import { createDispatcher, type Dispatch } from '../services/dispatcher.js';
import { roomConfig, statusFileOf, type SeatControl } from '../services/room.js';
import { SessionStore } from '../services/sessions.js';
import { actorName } from '../services/actors.js';
import { startRulesClock } from '../services/incidents/rules-clock.js';
import { startRecordChecks } from '../services/record-status.js';
import { getSettings } from '../services/settings.js';
import { buildMenuTemplate } from './app-menu.js';
import { createAppProtocolHandler, registerAppScheme } from './app-protocol.js';
import { APP_ID, APP_SCHEME, isAppUrl, START_URL } from './app-url.js';
import { parseCommandLine } from './command-line.js';
import type { ElectronApi } from './electron-api.js';
import { registerIpc } from './ipc.js';
import { createLiveHub } from './live-events.js';
import { startLiveIpc } from './live-ipc.js';
import { createMainWindow } from './main-window.js';
import { createOpenExternal } from './open-external.js';
import { appKeyStore } from './seal-key-store.js';
import { createRoomHost, type RoomHost } from './room/host.js';
import { PairError, pairWithHost } from './room/pair-client.js';
import { applySeat, isSeatUrl, readSeat, removeSeat, writeSeat, type SeatConfig } from './seat.js';
import { createHostTray } from './tray.js';
import { applySessionPolicy, guardAllWebContents } from './security.js';

export interface AppDeps {
  argv: readonly string[];
  /** userData: the same folder the CLI and browser mode use (electron/db/paths.ts). */
  dataDir: string;
  rendererDir: string;
  /** Absolute path of the built preload (dist/electron/preload/index.cjs). */
  preloadPath: string;
  version: string;
  cwd?: string;
  platform?: NodeJS.Platform;
  openDatabase?: (path: string, options?: OpenOptions) => Db;
  /** Where the seal keys live: safeStorage beside the database unless given (tests). */
  keyStore?: KeyStore;
  closeDatabase?: (db: Db) => void;
  createDispatch?: (ctx: ServiceContext) => Dispatch;
  logError?: (where: string, error: unknown) => void;
  /** How often to check whether the daily backup is due; null: no automatic backups (tests). */
  backupEveryMs?: number | null;
  /** Pairs this desk with a room's host (tests give a fake; the real one speaks TLS to the host). */
  pair?: typeof pairWithHost;
}

export interface RunningApp {
  /** False in a second instance, which hands over to the first and quits. */
  primary: boolean;
  /** Settles when start-up after `ready` has finished (or failed and asked to exit). */
  ready: Promise<void>;
  window(): BrowserWindow | null;
  context(): ServiceContext | null;
}

function defaultLogError(where: string, e: unknown): void {
  process.stderr.write(`[main] ${where}: ${(e as Error)?.stack ?? String(e)}\n`);
}

export function startApp(electron: ElectronApi, deps: AppDeps): RunningApp {
  const { app } = electron;
  const platform = deps.platform ?? process.platform;
  const logError = deps.logError ?? defaultLogError;
  const open = deps.openDatabase ?? realOpenDatabase;
  const close = deps.closeDatabase ?? realCloseDatabase;

  // Before anything that creates a renderer: every renderer runs in the OS sandbox.
  app.enableSandbox();
  // Before the single-instance lock, which lives in userData: the lock must be per data folder.
  app.setPath('userData', deps.dataDir);
  if (!app.requestSingleInstanceLock()) {
    process.stdout.write(`${translate(DEFAULT_LOCALE, 'main.alreadyRunning')}\n`);
    app.quit();
    return { primary: false, ready: Promise.resolve(), window: () => null, context: () => null };
  }

  registerAppScheme(electron.protocol);
  // Windows attributes notifications (the deadline alarms) to this ID; the installer's Start menu
  // shortcut carries the same one, or the alarms would never show.
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
  const openExternal = createOpenExternal(electron.shell, (e) => logError('openExternal', e));
  // A seat of a room shows its host's pages (certificate pinned): those are ours too, nothing else.
  let seat: SeatConfig | null = readSeat(deps.dataDir);
  const isOurs = (url: string) => isAppUrl(url) || isSeatUrl(url, seat);
  guardAllWebContents(app, openExternal, isOurs);

  let win: BrowserWindow | null = null;
  let db: Db | null = null;
  let ctx: ServiceContext | null = null;
  let isReady = false;
  const dbPath = parseCommandLine(deps.argv, deps.cwd).dbPath ?? join(deps.dataDir, DB_FILE_NAME);

  const locale = (): Locale => {
    if (!ctx) return DEFAULT_LOCALE;
    try {
      return getSettings(ctx).locale;
    } catch {
      return DEFAULT_LOCALE;
    }
  };

  const showAbout = () => {
    const l = locale();
    const options = {
      type: 'info' as const,
      title: translate(l, 'menu.about'),
      message: translate(l, 'app.name'),
      detail: translate(l, 'menu.aboutDetail', { version: deps.version, dbPath }),
      noLink: true,
    };
    const shown = win && !win.isDestroyed() ? electron.dialog.showMessageBox(win, options) : electron.dialog.showMessageBox(options);
    shown.catch((e: unknown) => logError('about', e));
  };

  const refreshMenu = () => {
    const template = buildMenuTemplate({
      locale: locale(),
      platform,
      isPackaged: app.isPackaged,
      onAbout: showAbout,
      // A trusted menu click, not page input: shell.openPath on our own folder is safe here.
      onOpenDataFolder: () => void electron.shell.openPath(dirname(dbPath)).catch((e: unknown) => logError('openPath', e)),
      room: seat ? { seat: { name: seat.seatName, url: seat.url }, onLeave: leaveRoom } : { seat: null, onJoin: showJoin },
    });
    electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(template));
  };

  const createWindow = (): BrowserWindow => {
    const w = createMainWindow(electron, {
      preloadPath: deps.preloadPath,
      userDataDir: app.getPath('userData'),
      title: translate(locale(), 'app.name'),
      ...(seat ? { url: seat.url } : {}),
      logError: (e) => logError('window', e),
    });
    w.on('close', (event: { preventDefault(): void }) => {
      if (quitting || !hosting()) return;
      event.preventDefault();
      ensureTray();
      w.hide();
    });
    w.on('closed', () => {
      if (win === w) win = null;
    });
    return w;
  };

  const focusWindow = () => {
    if (!isReady) return;
    if (!win || win.isDestroyed()) {
      win = createWindow();
      return;
    }
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };

  /** The desk's own pages, on the join form (a trusted menu click). */
  const showJoin = () => {
    focusWindow();
    win?.loadURL(`${START_URL}#/room-join`).catch((e: unknown) => logError('window', e));
  };

  /** Back to this desk's own pages: the pin and the token are forgotten, the host's pages are no longer ours. */
  const leaveRoom = () => {
    removeSeat(deps.dataDir);
    seat = null;
    // electronegativity: CERTIFICATE_VERIFY_PROC_JS_CHECK justified: removes the seat's pin, back to Chromium's own verification
    electron.session.defaultSession.setCertificateVerifyProc(null);
    refreshMenu();
    win?.loadURL(START_URL).catch((e: unknown) => logError('window', e));
  };

  const seatControl: SeatControl = {
    join: async (o) => {
      let paired;
      try {
        paired = await (deps.pair ?? pairWithHost)({ url: o.address, code: o.code, seatName: o.seatName, ...(o.fingerprint256 ? { expectFingerprint256: o.fingerprint256 } : {}) });
      } catch (e) {
        if (e instanceof PairError) {
          throw new AppError(e.reason === 'refused' ? 'forbidden' : 'invalid_input', `room.joinFailed.${e.reason}`, { address: o.address, message: e.hostMessage ?? e.message });
        }
        throw e;
      }
      const next: SeatConfig = { ...paired, url: `${new URL(paired.url).origin}/`, pairedAt: Date.now() };
      writeSeat(deps.dataDir, next);
      await applySeat(electron.session.defaultSession, next);
      seat = next;
      refreshMenu();
      // After the answer reaches the join form, the window turns to the host.
      setTimeout(() => win?.loadURL(next.url).catch((e: unknown) => logError('window', e)), 600);
      return { url: next.url, fingerprint256: next.fingerprint256, seatName: next.seatName };
    },
  };

  // While this desk hosts the room, closing the window hides it: the tray keeps the room served.
  let host: RoomHost | null = null;
  let tray: ReturnType<typeof createHostTray> | null = null;
  let quitting = false;
  const hosting = () => host?.server != null;
  const ensureTray = () => {
    if (tray || !host) return;
    const l = locale();
    tray = createHostTray(electron, {
      iconPath: join(deps.rendererDir, 'tray.png'),
      tooltip: translate(l, 'menu.trayTooltip', { urls: host.facts().urls.join(' ') }),
      labels: { show: translate(l, 'menu.trayShow'), quit: translate(l, 'menu.trayQuit') },
      onShow: focusWindow,
      onQuit: () => {
        quitting = true;
        app.quit();
      },
    });
  };

  const onReady = async () => {
    try {
      // The seal key: safeStorage (after ready: on macOS it needs the app ready), in userData.
      const keys = deps.keyStore ?? appKeyStore(electron.safeStorage, join(deps.dataDir, 'seal-keys.bin'), defaultKeyFilePath(), platform);
      db = open(dbPath, { keys });
    } catch (e) {
      // The settings (and so the chosen language) live in the database: say it in the default.
      const message = e instanceof Error ? e.message : String(e);
      const text =
        e instanceof DatabaseTooNewError
          ? translate(DEFAULT_LOCALE, 'main.dbTooNew', { found: e.found, supported: e.supported })
          : translate(DEFAULT_LOCALE, 'main.dbOpenFailed', { message });
      electron.dialog.showErrorBox(translate(DEFAULT_LOCALE, 'app.name'), text);
      app.exit(1);
      return;
    }
    ctx = createContext(db, { dbPath, transport: 'electron', version: deps.version });
    // What was written since the last full verification, now (the banner shows a failure on every
    // screen); the full verification follows in a worker thread.
    startRecordChecks(ctx, (e) => logError('verify', e));
    app.on('will-quit', startRulesClock(ctx)); // re-judges deadlines every 30 s; stops on quit
    if (deps.backupEveryMs !== null) {
      app.on('will-quit', startBackupSchedule(ctx, { everyMs: deps.backupEveryMs, onError: (e) => logError('backup', e) }));
    }
    ctx.seatControl = seatControl;
    const sessions = new SessionStore(ctx);
    const dispatch = (deps.createDispatch ?? ((c: ServiceContext) => createDispatcher(c, { sessions })))(ctx);
    // The room's host, when the admin switched this desk to host it (kept across restarts); its
    // seats stream the record's changes (GET /api/events) as this window hears them over IPC.
    const base = ctx;
    const live = createLiveHub({ bus: base.changes!, dispatch, describe: (actor) => actorName(base, actor) });
    app.on('will-quit', () => live.close());
    host = createRoomHost({ ctx, dispatch: live.watch(dispatch), staticDir: deps.rendererDir, dataDir: deps.dataDir, statusFile: statusFileOf(dbPath), userOf: (k) => sessions.usernameOf(k), log: (line) => process.stdout.write(`${line}\n`), live });
    ctx.room = host;
    const room = roomConfig(ctx);
    if (room.enabled && !seat) host.start({ bind: room.bind, port: room.port }, osActor()).then(ensureTray, (e: unknown) => logError('room', e));

    applySessionPolicy(electron.session.defaultSession, isOurs);
    if (seat) {
      try {
        await applySeat(electron.session.defaultSession, seat);
      } catch (e) {
        // Without its pin and token the host's pages cannot load: the desk starts on its own pages.
        logError('seat', e);
        seat = null;
      }
    }
    electron.protocol.handle(APP_SCHEME, createAppProtocolHandler(deps.rendererDir));
    registerIpc(electron.ipcMain, {
      dispatch: async (method, input, session) => {
        const result = await dispatch(method, input, session);
        // The menu speaks the UI's language: follow a change of it at once.
        if ((method === 'settings.update' || method === 'auth.setDisplay') && result.ok) refreshMenu();
        return result;
      },
      window: () => win,
      locale,
      onRefused: (method, url) => logError('ipc', new Error(`refused ${String(method).slice(0, 80)} from ${url ?? 'a gone frame'}`)),
    });
    // The live channel: every committed write told to the window (the pages read again what it touched).
    const record = ctx;
    app.on('will-quit', startLiveIpc({ bus: record.changes!, dispatch, window: () => win, describe: (actor) => actorName(record, actor) }));
    refreshMenu();
    isReady = true;
    win = createWindow();
    // macOS: clicking the dock icon with no window open brings one back.
    app.on('activate', () => {
      if (!win || win.isDestroyed()) win = createWindow();
    });
  };

  // A second start (a double-click on the desktop icon during a busy night) shows this window.
  app.on('second-instance', focusWindow);
  app.on('window-all-closed', () => {
    if (platform !== 'darwin' && !hosting()) app.quit();
  });
  // One last backup before quitting (it is asynchronous, so the first quit waits for it).
  let quitBackupDone = false;
  let hostClosed = false;
  app.on('before-quit', (event: { preventDefault(): void }) => {
    quitting = true;
    // The room first: no seat's call may reach a database about to close.
    if (!hostClosed && host?.server) {
      hostClosed = true;
      event.preventDefault();
      host
        .close()
        .catch((e: unknown) => logError('room', e))
        .finally(() => app.quit());
      return;
    }
    if (quitBackupDone || !ctx || !ctx.db.open || deps.backupEveryMs === null) return;
    quitBackupDone = true;
    event.preventDefault();
    backupBeforeQuit(ctx)
      .catch((e: unknown) => logError('backup', e))
      .finally(() => app.quit());
  });
  app.on('will-quit', () => {
    tray?.destroy();
    tray = null;
    // A restore in place reopens the database on the context: close the one it holds now.
    if (ctx) close(ctx.db);
    else if (db) close(db);
    db = null;
  });

  const ready = app
    .whenReady()
    .then(onReady)
    .catch((e: unknown) => {
      logError('startup', e);
      if (db) close(db);
      db = null;
      electron.dialog.showErrorBox(translate(DEFAULT_LOCALE, 'app.name'), e instanceof Error ? e.message : String(e));
      app.exit(1);
    });

  return { primary: true, ready, window: () => win, context: () => ctx };
}
