// Runs in the renderer's preload script (sandboxed, bundled to CommonJS by vite.preload.config.ts).
// Exposes only `window.duty`, the typed contract client; the page never sees ipcRenderer.
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge, exposesBridge } from './bridge.js';

if (exposesBridge(globalThis.location?.href ?? '')) {
  contextBridge.exposeInMainWorld(
    'duty',
    buildBridge((channel, method, input) => ipcRenderer.invoke(channel, method, input)),
  );
}
