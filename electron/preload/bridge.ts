// Runs in the renderer's preload (sandboxed) and in plain Node for tests; imports no electron.
// Builds `window.duty` from the contract's method list: `duty.units.list(input)` becomes
// `invoke('duty:call', 'units.list', input)` and resolves to the ApiResult exactly as the main
// process sent it (the renderer unwraps `{ ok, value, error }` itself, as with HTTP). Beside the
// methods, one listener: `duty.onChange(listener)` hears the live channel's batches (LIVE_CHANNEL),
// the batch only, never the IPC event; it answers the function that stops listening.
import type { ApiResult } from '../../shared/api/app-error.js';
import { DUTY_CHANNEL, LIVE_CHANNEL } from '../../shared/api/channel.js';
import { buildClient, type Input, type MethodName, type Output } from '../../shared/api/contract.js';

export type Invoke = (channel: string, method: MethodName, input: unknown) => Promise<unknown>;
/** Listens on a channel from the main process, handing over what was sent only; answers the stop function. */
export type Listen = (channel: string, handler: (payload: unknown) => void) => () => void;

type DomainOf<M> = M extends `${infer D}.${string}` ? D : never;

/** What the preload exposes: the contract's client shape, each call answering an ApiResult, and onChange. */
export type DutyBridge = {
  [D in DomainOf<MethodName>]: {
    [M in MethodName as M extends `${D}.${infer L}` ? L : never]: (input: Input<M>) => Promise<ApiResult<Output<M>>>;
  };
} & { onChange(listener: (batch: unknown) => void): () => void };

export function buildBridge(invoke: Invoke, listen: Listen = () => () => {}): DutyBridge {
  // Only the method name and the input cross: never the IPC event, never ipcRenderer itself.
  const client = buildClient((method, input) => invoke(DUTY_CHANNEL, method, input)) as unknown as Record<string, unknown>;
  const onChange = (listener: (batch: unknown) => void) => {
    if (typeof listener !== 'function') throw new TypeError('onChange needs a function');
    return listen(LIVE_CHANNEL, (batch) => listener(batch));
  };
  return { ...client, onChange } as unknown as DutyBridge;
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
