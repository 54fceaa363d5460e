// Runs in the renderer's preload (sandboxed) and in plain Node for tests; imports no electron.
// Builds `window.duty` from the contract's method list: `duty.units.list(input)` becomes
// `invoke('duty:call', 'units.list', input)` and resolves to the ApiResult exactly as the main
// process sent it (the renderer unwraps `{ ok, value, error }` itself, as with HTTP).
import type { ApiResult } from '../../shared/api/app-error.js';
import { DUTY_CHANNEL } from '../../shared/api/channel.js';
import { buildClient, type Input, type MethodName, type Output } from '../../shared/api/contract.js';

export type Invoke = (channel: string, method: MethodName, input: unknown) => Promise<unknown>;

type DomainOf<M> = M extends `${infer D}.${string}` ? D : never;

/** What the preload exposes: the contract's client shape, each call answering an ApiResult. */
export type DutyBridge = {
  [D in DomainOf<MethodName>]: {
    [M in MethodName as M extends `${D}.${infer L}` ? L : never]: (input: Input<M>) => Promise<ApiResult<Output<M>>>;
  };
};

export function buildBridge(invoke: Invoke): DutyBridge {
  // Only the method name and the input cross: never the IPC event, never ipcRenderer itself.
  return buildClient((method, input) => invoke(DUTY_CHANNEL, method, input)) as unknown as DutyBridge;
}

/**
 * Whether a page may have `window.duty`: only the app's own pages (app://duty). A seat's window
 * shows the room host's pages over HTTPS; they talk to the host over HTTP and must never reach
 * this desk's own database through IPC (the main process refuses them too: ipc.ts).
 */
export function exposesBridge(href: string): boolean {
  try {
    const u = new URL(href);
    return u.protocol === 'app:' && u.host === 'duty';
  } catch {
    return false;
  }
}
