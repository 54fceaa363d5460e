// Runs in Electron's main process. The `app://` protocol that serves the renderer's built files:
// registered as privileged before `ready` (a standard, secure origin so fetch, storage and the CSP
// behave as on https), then handled with plain fetch-API Request/Response objects so the handler
// itself runs and is tested in Node.
import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-url.js';
import { CONTENT_SECURITY_POLICY } from './csp.js';
import { resolveStatic } from './static-files.js';

export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
} as const;

/** Must run before the app's `ready` event: Chromium reads the scheme list only at start-up. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

const HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

function refuse(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...HEADERS, ...extra },
  });
}

export type AppProtocolHandler = (request: Pick<Request, 'method' | 'url'>) => Promise<Response>;

export function createAppProtocolHandler(root: string, read: (file: string) => Promise<Buffer> = readFile): AppProtocolHandler {
  return async (request) => {
    if (request.method !== 'GET') return refuse(405, 'Method not allowed', { Allow: 'GET' });
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(400, 'Bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return refuse(403, 'Forbidden');
    // URL parsing has folded '..' and '%2e%2e' segments already; what survives (an encoded slash
    // or backslash) is decoded and checked against the root by resolveStatic.
    const found = resolveStatic(root, url.pathname);
    if (!found.ok) return refuse(found.status, found.status === 404 ? 'Not found' : 'Forbidden');
    let body: Buffer;
    try {
      body = await read(found.file);
    } catch {
      return refuse(404, 'Not found');
    }
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': found.contentType,
        'Cache-Control': found.file.endsWith('.html') ? 'no-store' : 'no-cache',
        ...HEADERS,
      },
    });
  };
}
