// Runs in Electron's main process (types only). The part of Electron's main-process API that the
// app uses, passed in as a parameter so every module can be unit-tested in plain Node with a fake:
// `require('electron')` outside Electron tries to download the binary and throws.
import type * as Electron from 'electron';

export type ElectronApi = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'Menu' | 'nativeImage' | 'protocol' | 'safeStorage' | 'screen' | 'session' | 'shell' | 'Tray'
>;
