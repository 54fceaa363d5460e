// Runs in plain Node (tests). A stand-in for Electron's main-process API that records what the app
// does with it: the real module cannot load here (it would try to download the binary).
import { EventEmitter } from 'node:events';
import type { ElectronApi } from '../../electron/main/electron-api.js';

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  routingId: number;
}

let nextId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  mainFrame: FakeFrame = { url: 'app://duty/index.html', parent: null, processId: 10, routingId: this.id };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  /** What the main process pushed to the page (webContents.send), in order. */
  sent: [string, ...unknown[]][] = [];
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  setWindowOpenHandler(h: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = h;
  }
}

export function fakeEvent(url: string): { url: string; defaultPrevented: boolean; preventDefault(): void } {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  destroyed = false;
  minimized = false;
  maximized = false;
  fullScreen = false;
  visible = false;
  calls: string[] = [];
  bounds: { x: number; y: number; width: number; height: number };

  constructor(readonly options: Record<string, unknown>) {
    super();
    const o = options as { x?: number; y?: number; width?: number; height?: number };
    this.bounds = { x: o.x ?? 100, y: o.y ?? 100, width: o.width ?? 800, height: o.height ?? 600 };
    FakeBrowserWindow.all.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  isDestroyed() { return this.destroyed; }
  isMinimized() { return this.minimized; }
  isMaximized() { return this.maximized; }
  isFullScreen() { return this.fullScreen; }
  getNormalBounds() { return { ...this.bounds }; }
  maximize() { this.maximized = true; this.calls.push('maximize'); }
  restore() { this.minimized = false; this.calls.push('restore'); }
  show() { this.visible = true; this.calls.push('show'); }
  focus() { this.calls.push('focus'); }
  /** Simulates the user closing the window. */
  hide() { this.visible = false; this.calls.push('hide'); }
  /** Simulates the user closing the window; a 'close' listener may prevent it (the host hides instead). */
  close() {
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.emit('closed');
  }
}

/** The tray icon the host leaves while its window is closed. */
export class FakeTray extends EventEmitter {
  static all: FakeTray[] = [];
  tooltip = '';
  menu: { template: { label?: string; click?: () => void; type?: string }[] } | null = null;
  destroyed = false;
  constructor(readonly icon: unknown) {
    super();
    FakeTray.all.push(this);
  }
  setToolTip(t: string) { this.tooltip = t; }
  setContextMenu(m: FakeTray['menu']) { this.menu = m; }
  destroy() { this.destroyed = true; }
}

export interface FakeElectron {
  api: ElectronApi;
  app: FakeApp;
  /** Every recorded call, in order, as 'object.method'. */
  log: string[];
  ipcHandlers: Map<string, (...args: unknown[]) => unknown>;
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[];
  permissionRequest: ((wc: unknown, permission: string, cb: (granted: boolean) => void, details: Record<string, unknown>) => void) | null;
  permissionCheck: ((wc: unknown, permission: string, origin: string, details: Record<string, unknown>) => boolean) | null;
  deviceCheck: ((details: unknown) => boolean) | null;
  /** The certificate check a seat pins its host with (electron/main/seat.ts). */
  certificateVerify: ((request: { hostname: string; certificate: { data: string } }, cb: (result: number) => void) => void) | null;
  /** Cookies set on the default session. */
  cookies: Record<string, unknown>[];
  menuTemplates: unknown[];
  errorBoxes: { title: string; content: string }[];
  messageBoxes: unknown[];
  openedExternal: string[];
  openedPaths: string[];
  displays: { workArea: { x: number; y: number; width: number; height: number } }[];
  /** What safeStorage.isEncryptionAvailable() answers. */
  encryptionAvailable: boolean;
}

export class FakeApp extends EventEmitter {
  paths = new Map<string, string>();
  gotLock = true;
  isPackaged = false;
  exitCode: number | null = null;
  quitCalled = false;
  private readyResolve!: () => void;
  private readyPromise = new Promise<void>((r) => (this.readyResolve = r));
  constructor(private readonly log: string[]) {
    super();
  }
  enableSandbox() { this.log.push('app.enableSandbox'); }
  appUserModelId: string | null = null;
  setAppUserModelId(id: string) { this.appUserModelId = id; }
  setPath(name: string, value: string) { this.log.push(`app.setPath:${name}`); this.paths.set(name, value); }
  getPath(name: string) { const p = this.paths.get(name); if (!p) throw new Error(`no path ${name}`); return p; }
  requestSingleInstanceLock() { this.log.push('app.requestSingleInstanceLock'); return this.gotLock; }
  quit() { this.log.push('app.quit'); this.quitCalled = true; }
  exit(code: number) { this.log.push(`app.exit:${code}`); this.exitCode = code; }
  whenReady() { return this.readyPromise; }
  /** Fires 'ready' as Electron would. */
  fireReady() { this.readyResolve(); this.emit('ready'); return this.readyPromise; }
}

export function createFakeElectron(): FakeElectron {
  FakeBrowserWindow.all = [];
  const log: string[] = [];
  const app = new FakeApp(log);
  const f: Omit<FakeElectron, 'api'> = {
    app,
    log,
    ipcHandlers: new Map(),
    protocolHandlers: new Map(),
    privilegedSchemes: [],
    permissionRequest: null,
    permissionCheck: null,
    deviceCheck: null,
    certificateVerify: null,
    cookies: [],
    menuTemplates: [],
    errorBoxes: [],
    messageBoxes: [],
    openedExternal: [],
    openedPaths: [],
    displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
    encryptionAvailable: true,
  };
  const api = {
    app,
    BrowserWindow: FakeBrowserWindow,
    dialog: {
      showErrorBox(title: string, content: string) { log.push('dialog.showErrorBox'); f.errorBoxes.push({ title, content }); },
      showMessageBox(...args: unknown[]) { log.push('dialog.showMessageBox'); f.messageBoxes.push(args.at(-1)); return Promise.resolve({ response: 0 }); },
    },
    ipcMain: {
      handle(channel: string, h: (...args: unknown[]) => unknown) { log.push(`ipcMain.handle:${channel}`); f.ipcHandlers.set(channel, h); },
    },
    Tray: FakeTray,
    nativeImage: {
      createFromPath(path: string) { return { path, resize: () => ({ path }) }; },
    },
    Menu: {
      buildFromTemplate(t: unknown[]) { f.menuTemplates.push(t); return { template: t }; },
      setApplicationMenu() { log.push('Menu.setApplicationMenu'); },
    },
    protocol: {
      registerSchemesAsPrivileged(s: FakeElectron['privilegedSchemes']) { log.push('protocol.registerSchemesAsPrivileged'); f.privilegedSchemes.push(...s); },
      handle(scheme: string, h: (r: Request) => Promise<Response>) { log.push(`protocol.handle:${scheme}`); f.protocolHandlers.set(scheme, h); },
    },
    screen: {
      getAllDisplays() { return f.displays; },
    },
    // The OS's encryption for this user, faked as a reversible marking (the real one: DPAPI, Keychain, libsecret).
    safeStorage: {
      isEncryptionAvailable() { return f.encryptionAvailable; },
      getSelectedStorageBackend() { return 'gnome_libsecret'; },
      encryptString(s: string) { log.push('safeStorage.encryptString'); return Buffer.from(`fake-os-encrypted:${Buffer.from(s).toString('base64')}`); },
      decryptString(b: Buffer) {
        const t = b.toString();
        if (!t.startsWith('fake-os-encrypted:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
        return Buffer.from(t.slice('fake-os-encrypted:'.length), 'base64').toString();
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler(h: FakeElectron['permissionRequest']) { f.permissionRequest = h; },
        setPermissionCheckHandler(h: FakeElectron['permissionCheck']) { f.permissionCheck = h; },
        setDevicePermissionHandler(h: FakeElectron['deviceCheck']) { f.deviceCheck = h; },
        setCertificateVerifyProc(p: FakeElectron['certificateVerify']) { f.certificateVerify = p; },
        cookies: {
          set(c: Record<string, unknown>) { f.cookies.push(c); return Promise.resolve(); },
        },
      },
    },
    shell: {
      openExternal(url: string) { f.openedExternal.push(url); return Promise.resolve(); },
      openPath(p: string) { f.openedPaths.push(p); return Promise.resolve(''); },
    },
  };
  const fake = f as FakeElectron;
  fake.api = api as unknown as ElectronApi;
  return fake;
}
