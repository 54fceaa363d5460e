// Runs in plain Node (browser mode, tests); imports no electron. The same dispatcher as the app,
// over HTTP on 127.0.0.1 only, for a browser, the end-to-end tests, and machines without the
// Electron binary. Every request needs the per-launch token (in the printed URL once, then an
// HttpOnly cookie, or an `X-Duty-Token` header); a foreign Host or Origin (DNS rebinding, other
// local pages) is refused with 403 before anything else is looked at. Who is signed in is kept
// per browser by a second HttpOnly cookie, a random session id given to each API caller without
// one and replaced by a fresh one at every sign-in (so an id planted before cannot be signed in),
// which also ends the browser's previous session. Every API answer is JSON without a stack trace:
// 400 for a malformed method name or body, 404 for an unknown method, 413 for a body over the cap
// (read to its end first, so the browser gets the answer rather than a reset connection).
// `GET /api/events` is the live channel (live-events.ts), for the same session cookie.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiError, ApiResult } from '../../shared/api/app-error.js';
import { translate, type MessageKey } from '../../shared/i18n/index.js';
import type { Dispatch } from '../services/dispatcher.js';
import { CONTENT_SECURITY_POLICY } from './csp.js';
import type { LiveHub } from './live-events.js';
import { resolveStatic } from './static-files.js';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** A body this much over the cap is not read to its end: answered 413 and the connection closed. */
const MAX_DRAIN_BYTES = 8 * MAX_BODY_BYTES;
/** A method name as the contract spells them: `domain.method`, letters only. */
const METHOD_NAME = /^[a-z][A-Za-z]{0,39}\.[a-z][A-Za-z]{0,39}$/;

export interface BrowserServerOptions {
  dispatch: Dispatch;
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  /** The live channel: `GET /api/events` (live-events.ts); without it that path is not served. */
  live?: LiveHub;
}

export interface BrowserServer {
  port: number;
  token: string;
  /** The URL to open: carries the token once; the server swaps it for a cookie. */
  url: string;
  server: Server;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
  res.end(message + '\n');
}

/** An API refusal as the renderer reads every answer: `{ ok: false, error }`, never a stack trace. */
function refuseJson(res: ServerResponse, status: number, code: ApiError['code'], key: MessageKey, params: Record<string, string | number> = {}, close = false): void {
  const body: ApiResult<never> = { ok: false, error: { code, message: translate('zh-CN', key, params) } };
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...(close ? { Connection: 'close' } : {}), ...SECURITY_HEADERS });
  res.end(JSON.stringify(body));
}

/**
 * The body as text, or 'tooLarge' past MAX_BODY_BYTES: the rest is then read and dropped (so the
 * client, still sending, gets the 413 instead of a reset), up to MAX_DRAIN_BYTES ('abusive').
 */
function readBody(req: IncomingMessage): Promise<string | 'tooLarge' | 'abusive'> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_DRAIN_BYTES) return resolveBody('abusive');
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_DRAIN_BYTES) {
        req.removeAllListeners('data');
        req.pause();
        resolveBody('abusive');
      } else if (size <= MAX_BODY_BYTES) chunks.push(c);
      else chunks.length = 0;
    });
    req.on('end', () => resolveBody(size > MAX_BODY_BYTES ? 'tooLarge' : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The method named by the path, or null when it cannot be one (bad escapes, other characters, too long). */
function methodOf(path: string): string | null {
  const raw = path.slice('/api/'.length);
  if (raw.length > 200) return null;
  try {
    const name = decodeURIComponent(raw);
    return METHOD_NAME.test(name) ? name : null;
  } catch {
    return null;
  }
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = options.port ?? 0;
  const cookieName = () => `duty_token_${port}`;
  const sessionCookie = () => `duty_session_${port}`;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      // The stack goes to the server's log, never into an answer.
      process.stderr.write(`[browser-mode] ${(e as Error).stack ?? String(e)}\n`);
      if (!res.headersSent) refuseJson(res, 500, 'internal', 'http.internal');
      else res.destroy();
    });
  });
  // A client that sends its headers or body very slowly, or holds a connection idle, is cut off.
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 5_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // 1. Who is asking: only this machine's loopback name for this port, and only our own pages.
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 403, 'Forbidden: unexpected Host header');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return refuse(res, 403, 'Forbidden: foreign Origin');
    const site = req.headers['sec-fetch-site'];
    if (site === 'cross-site') return refuse(res, 403, 'Forbidden: cross-site request');

    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    // 2. The token: once in the URL (swapped for an HttpOnly cookie), then cookie or header.
    const inUrl = url.searchParams.get('token') ?? undefined;
    if (inUrl !== undefined) {
      if (!sameToken(inUrl, token) || req.method !== 'GET') return refuse(res, 403, 'Forbidden: wrong token');
      url.searchParams.delete('token');
      res.writeHead(302, {
        'Set-Cookie': `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + (url.search || ''),
        'Cache-Control': 'no-store',
        ...SECURITY_HEADERS,
      });
      res.end();
      return;
    }
    const header = req.headers['x-duty-token'];
    const given = cookie(req, cookieName()) ?? (typeof header === 'string' ? header : undefined);
    if (!sameToken(given, token)) {
      return refuse(res, 403, 'Forbidden: open the URL that `npm run serve` printed (it carries the access token).');
    }

    // 3. The API: POST /api/<method> with a JSON body, answered by the dispatcher.
    // `/api/../x` is normalised to `/x`: a request meant for the API is answered as one.
    if ((req.url ?? '').startsWith('/api/') && !url.pathname.startsWith('/api/')) return refuseJson(res, 400, 'unknown_method', 'http.badMethod');
    // The live channel: a server-sent-events stream for this browser's session (live-events.ts).
    if (url.pathname === '/api/events' && options.live && req.method === 'GET') {
      const session = cookie(req, sessionCookie());
      if (session === undefined || !/^[A-Za-z0-9_-]{32}$/.test(session)) return refuse(res, 401, 'Sign in first');
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
      return options.live.serve(req, res, `http:${session}`, { source: `http:${req.socket.remoteAddress ?? 'unknown'}` });
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return refuseJson(res, 405, 'invalid_input', 'http.postOnly');
      const type = req.headers['content-type'] ?? '';
      if (!type.startsWith('application/json')) return refuseJson(res, 415, 'invalid_input', 'http.jsonOnly');
      const body = await readBody(req);
      if (body === 'tooLarge' || body === 'abusive') return refuseJson(res, 413, 'invalid_input', 'http.tooLarge', { max: MAX_BODY_BYTES / 1024 / 1024 }, body === 'abusive');
      const method = methodOf(url.pathname);
      if (method === null) return refuseJson(res, 400, 'unknown_method', 'http.badMethod');
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body) : {};
      } catch {
        return refuseJson(res, 400, 'invalid_input', 'http.badJson');
      }
      const old = cookie(req, sessionCookie());
      const wellFormed = old !== undefined && /^[A-Za-z0-9_-]{32}$/.test(old);
      const signsIn = method === 'auth.login' || method === 'auth.setupAdmin';
      const fresh = !wellFormed || signsIn;
      const session = fresh ? randomBytes(24).toString('base64url') : old;
      // The source of a sign-in attempt is the peer's address, which dropping cookies does not change.
      const result = await options.dispatch(method, input, `http:${session}`, {
        source: `http:${req.socket.remoteAddress ?? 'unknown'}`,
        ...(signsIn && wellFormed ? { replaces: `http:${old}` } : {}),
      });
      const payload = JSON.stringify(result);
      res.writeHead(!result.ok && result.error.code === 'unknown_method' ? 404 : 200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
        ...(fresh ? { 'Set-Cookie': `${sessionCookie()}=${session}; HttpOnly; SameSite=Strict; Path=/` } : {}),
        ...SECURITY_HEADERS,
      });
      res.end(payload);
      return;
    }

    // 4. The renderer's files: GET only, never outside the renderer folder.
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed');
    const found = resolveStatic(options.staticDir, url.pathname);
    if (!found.ok) return refuse(res, found.status, found.status === 404 ? 'Not found' : 'Forbidden');
    res.writeHead(200, {
      'Content-Type': found.contentType,
      'Cache-Control': found.file.endsWith('.html') ? 'no-store' : 'private, max-age=3600',
      ...SECURITY_HEADERS,
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(found.file).pipe(res);
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      ok();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    server,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
