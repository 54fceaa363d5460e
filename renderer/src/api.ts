// Runs in the renderer. The typed client over whichever transport this window has: the Electron
// preload's `window.duty` or, in browser mode, HTTP to the local server. Pages call `api.units.list()`
// and get the value, or an ApiCallError carrying the message to show.
import type { ApiError, ApiResult } from '../../shared/api/app-error.js';
import { buildClient, type Client, type MethodName } from '../../shared/api/contract.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload: the same methods, answering ApiResult. */
    duty?: Record<string, Record<string, (input: unknown) => Promise<ApiResult<unknown>>>>;
  }
}

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}

async function overHttp(method: MethodName, input: unknown): Promise<ApiResult<unknown>> {
  let res: Response;
  try {
    res = await fetch(`./api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
      credentials: 'same-origin',
    });
  } catch (e) {
    return { ok: false, error: { code: 'internal', message: `network: ${(e as Error).message}` } };
  }
  // The server answers every API call in JSON (also its 400, 404 and 413); other text is a refusal before the API.
  if (res.status === 200 || (res.headers.get('content-type') ?? '').startsWith('application/json')) return (await res.json()) as ApiResult<unknown>;
  return { ok: false, error: { code: res.status === 403 ? 'forbidden' : 'internal', message: (await res.text()).trim() } };
}

function overIpc(method: MethodName, input: unknown): Promise<ApiResult<unknown>> {
  const [domain, leaf] = method.split('.') as [string, string];
  const fn = window.duty?.[domain]?.[leaf];
  if (!fn) return Promise.resolve({ ok: false, error: { code: 'unknown_method', message: method } });
  return fn(input);
}

export const transport: 'electron' | 'http' = typeof window !== 'undefined' && window.duty ? 'electron' : 'http';

/** Told when the server answers 'unauthenticated' (session locked, expired or disabled): the shell shows the lock screen. */
const signedOutListeners = new Set<(error: ApiError) => void>();
export function onSignedOut(listener: (error: ApiError) => void): () => void {
  signedOutListeners.add(listener);
  return () => void signedOutListeners.delete(listener);
}

export const api: Client = buildClient(async (method, input) => {
  const result = transport === 'electron' ? await overIpc(method, input) : await overHttp(method, input);
  if (!result.ok) {
    if (result.error.code === 'unauthenticated' && !method.startsWith('auth.')) for (const l of signedOutListeners) l(result.error);
    throw new ApiCallError(result.error);
  }
  return result.value;
});
