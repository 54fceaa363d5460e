// Runs in the renderer's preload script (sandboxed, bundled to CommonJS by vite.preload.config.ts).
// Exposes only `window.duty`, the typed contract client and its one change listener; the page never
// sees ipcRenderer or an IPC event.
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge, exposesBridge } from './bridge.js';

if (exposesBridge(globalThis.location?.href ?? '')) {
  contextBridge.exposeInMainWorld(
    'duty',
    buildBridge(
      (channel, method, input) => ipcRenderer.invoke(channel, method, input),
      (channel, handler) => {
        const onMessage = (_event: unknown, payload: unknown) => handler(payload);
        ipcRenderer.on(channel, onMessage);
        return () => void ipcRenderer.removeListener(channel, onMessage);
      },
    ),
  );
}
