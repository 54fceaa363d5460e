// Runs in Electron's main process. The Electron transport of the contract: one `ipcMain.handle`
// channel whose calls reach the dispatcher only from our own window's main frame showing an
// app:// page. Anything else (a subframe, a page that navigated elsewhere despite the guards,
// another window) is answered 'forbidden' and never reaches a service.
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import type { ApiResult } from '../../shared/api/app-error.js';
import { DUTY_CHANNEL } from '../../shared/api/channel.js';
import type { Locale } from '../../shared/i18n/index.js';
import { translate } from '../../shared/i18n/index.js';
import type { Dispatch } from '../services/dispatcher.js';
import { isAppUrl } from './app-url.js';

/** The parts of a WebFrameMain the check reads (a real WebFrameMain fits). */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
  readonly processId: number;
  readonly routingId: number;
}
export type SenderEvent = { sender: { id: number }; senderFrame: FrameLike | null };
export type WindowLike = Pick<BrowserWindow, 'isDestroyed'> & { webContents: { id: number; mainFrame: FrameLike } };

function sameFrame(a: FrameLike, b: FrameLike): boolean {
  // Identity when Electron hands out the same wrapper; process + routing id identify it otherwise.
  return a === b || (a.processId === b.processId && a.routingId === b.routingId);
}

export function isTrustedSender(event: SenderEvent, win: WindowLike | null): boolean {
  if (!win || win.isDestroyed()) return false;
  const frame = event.senderFrame;
  // null: the frame navigated or was destroyed after sending; its origin can no longer be known.
  if (!frame) return false;
  if (event.sender.id !== win.webContents.id) return false;
  if (frame.parent !== null || !sameFrame(frame, win.webContents.mainFrame)) return false;
  return isAppUrl(frame.url);
}

export interface IpcOptions {
  dispatch: Dispatch;
  window: () => WindowLike | null;
  locale: () => Locale;
  /** Told of every refused call, so a probe from a foreign page leaves a trace. */
  onRefused?: (method: unknown, url: string | null) => void;
}

export function forbidden(locale: Locale): ApiResult<never> {
  return { ok: false, error: { code: 'forbidden', message: translate(locale, 'error.forbidden') } };
}

export function createIpcHandler(options: IpcOptions): (event: SenderEvent, method: unknown, input: unknown) => Promise<ApiResult<unknown>> {
  return async (event, method, input) => {
    if (!isTrustedSender(event, options.window())) {
      options.onRefused?.(method, event.senderFrame?.url ?? null);
      return forbidden(options.locale());
    }
    // One session per window: what signs in here acts here only.
    return options.dispatch(method, input, `ipc:${event.sender.id}`);
  };
}

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, options: IpcOptions): void {
  const handler = createIpcHandler(options);
  ipcMain.handle(DUTY_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, input: unknown) => handler(event, method, input));
}
