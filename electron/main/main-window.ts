// Runs in Electron's main process. The one window: its options (the security baseline, set
// explicitly rather than trusting Electron's defaults, which have changed between versions), its
// remembered placement, and the app:// page it loads.
import { join } from 'node:path';
import type { BrowserWindow, BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { START_URL } from './app-url.js';
import type { ElectronApi } from './electron-api.js';
import { loadWindowState, MIN_SIZE, placementFor, trackWindowState, WINDOW_STATE_FILE, type InitialPlacement } from './window-state.js';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

export function mainWindowOptions(preloadPath: string, placement: InitialPlacement, title: string): BrowserWindowConstructorOptions {
  const { maximized: _maximized, ...bounds } = placement;
  return {
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title,
    // Shown on 'ready-to-show', so the officer never sees an empty white frame.
    show: false,
    backgroundColor: '#f5f7fa',
    webPreferences: secureWebPreferences(preloadPath),
  };
}

export interface MainWindowOptions {
  preloadPath: string;
  userDataDir: string;
  title: string;
  /** What to load: the app's own pages unless the desk is a seat of a room (its host's address). */
  url?: string;
  logError?: (e: unknown) => void;
}

export function createMainWindow(electron: Pick<ElectronApi, 'BrowserWindow' | 'screen'>, options: MainWindowOptions): BrowserWindow {
  const stateFile = join(options.userDataDir, WINDOW_STATE_FILE);
  const workAreas = electron.screen.getAllDisplays().map((d) => d.workArea);
  const placement = placementFor(loadWindowState(stateFile), workAreas);
  const win = new electron.BrowserWindow(mainWindowOptions(options.preloadPath, placement, options.title));
  const logError = options.logError ?? (() => {});
  trackWindowState(win, stateFile, { logError });
  win.once('ready-to-show', () => {
    // Maximizing before this would show the window early on Windows, as an empty frame.
    if (placement.maximized) win.maximize();
    win.show();
  });
  win.loadURL(options.url ?? START_URL).catch(logError);
  return win;
}
