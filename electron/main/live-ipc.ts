// Runs in Electron's main process; imports no electron (the window is passed in). The live channel
// for the app's own window: the same coalesced batches the seats' event streams carry
// (live-events.ts), sent to the window over LIVE_CHANNEL, and only while the window's session is
// signed in (asked through the dispatcher as `live.open`, per batch: a locked screen hears nothing).
// The window is in the same process tree as the record, so there is no heartbeat and no gap: a
// window that was locked reads everything again when it is signed in (its pages mount afresh).
import { LIVE_CHANNEL } from '../../shared/api/channel.js';
import type { ChangeBus } from '../services/changes.js';
import type { Dispatch } from '../services/dispatcher.js';
import { coalesceChanges, LIVE_COALESCE_MS, type LiveBatch } from './live-events.js';

export interface LiveWindow {
  isDestroyed(): boolean;
  webContents: { id: number; send(channel: string, batch: LiveBatch): void };
}

export interface LiveIpcOptions {
  bus: ChangeBus;
  dispatch: Dispatch;
  window: () => LiveWindow | null;
  describe?: (actor: string) => string;
  coalesceMs?: number;
}

/** Starts pushing; answers the stop function. */
export function startLiveIpc(options: LiveIpcOptions): () => void {
  return coalesceChanges(
    options.bus,
    (batch) => {
      const win = options.window();
      if (!win || win.isDestroyed()) return;
      const id = win.webContents.id;
      void options.dispatch('live.open', {}, `ipc:${id}`).then((r) => {
        // The same window still, not closed meanwhile, and signed in.
        if (!r.ok || win.isDestroyed() || win.webContents.id !== id) return;
        win.webContents.send(LIVE_CHANNEL, batch);
      });
    },
    { windowMs: options.coalesceMs ?? LIVE_COALESCE_MS, ...(options.describe ? { describe: options.describe } : {}) },
  );
}
