// Runs in plain Node (browser mode, tests); imports no electron. The same dispatcher as the app,
// over HTTP on 127.0.0.1 only, for a browser, the end-to-end tests, and machines without the
// Electron binary. Every request needs the per-launch token (in the printed URL once, then an
// HttpOnly cookie, or an `X-Duty-Token` header); a foreign Host or Origin (DNS rebinding, other
// local pages) is refused with 403 before anything else is looked at. Who is signed in is kept
// per browser by a second HttpOnly cookie, a random session id given to each API caller without
// one and replaced by a fresh one at every sign-in (so an id planted before cannot be signed in).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../services/dispatcher.js';
import { CONTENT_SECURITY_POLICY } from './csp.js';
import { resolveStatic } from './static-files.js';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface BrowserServerOptions {
  dispatch: Dispatch;
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
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

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        resolveBody(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
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
      process.stderr.write(`[browser-mode] ${(e as Error).stack ?? String(e)}\n`);
      if (!res.headersSent) refuse(res, 500, 'Internal error');
      else res.destroy();
    });
  });

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
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return refuse(res, 405, 'Method not allowed');
      const type = req.headers['content-type'] ?? '';
      if (!type.startsWith('application/json')) return refuse(res, 415, 'Content-Type must be application/json');
      const body = await readBody(req);
      if (body === null) return refuse(res, 413, 'Request too large');
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body) : {};
      } catch {
        input = Symbol('unparseable');
      }
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      let session = cookie(req, sessionCookie());
      const signsIn = method === 'auth.login' || method === 'auth.setupAdmin';
      const fresh = session === undefined || !/^[A-Za-z0-9_-]{32}$/.test(session) || signsIn;
      if (fresh) session = randomBytes(24).toString('base64url');
      const result =
        typeof input === 'symbol'
          ? { ok: false as const, error: { code: 'invalid_input' as const, message: 'The request body is not valid JSON.' } }
          : await options.dispatch(method, input, `http:${session}`);
      const payload = JSON.stringify(result);
      res.writeHead(200, {
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
