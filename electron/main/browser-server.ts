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
// With `room`, the same pipeline is the duty room's host (issue 19): HTTPS (TLS 1.3 only) on the
// interface the admin chose, Host and Origin checked against the host's own addresses, no token:
// every request but the pairing page's needs a paired, unrevoked seat's cookie (`duty_seat`), then
// each person signs in as in browser mode; cookies are Secure. See electron/main/room/host.ts.
// `GET /api/events` is the live channel (live-events.ts), for the same session cookie.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { ApiError, ApiResult } from '../../shared/api/app-error.js';
import { translate, type MessageKey } from '../../shared/i18n/index.js';
import type { Dispatch } from '../services/dispatcher.js';
import { CONTENT_SECURITY_POLICY } from './csp.js';
import { handlePairing, SEAT_COOKIE, type RoomSeat, type SeatGate } from './room/pair-page.js';
import type { LiveHub } from './live-events.js';
import { resolveStatic } from './static-files.js';

export { SEAT_COOKIE, type RoomSeat, type SeatGate };

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
  /** The duty room's host instead of loopback browser mode. */
  room?: RoomServerOptions;
  /** Loopback mode: `POST /room/code` (token required) makes a new pairing code (`duty room code`). */
  control?: { newCode(): { code: string; expiresAt: number } | null };
}

export interface RoomServerOptions {
  tls: { key: string; cert: string };
  /** One IPv4 address of this machine, or 0.0.0.0 for every interface. */
  bind: string;
  /** The addresses and names this host answers to (Host and Origin checks), with the port added here. */
  names: string[];
  gate: SeatGate;
}

export interface BrowserServer {
  port: number;
  /** Loopback mode's access token ('' in room mode). */
  token: string;
  /** The URL to open: carries the token once (loopback mode); the server swaps it for a cookie. Room mode: the first address's root. */
  url: string;
  server: Server;
  /** Closes the connections a seat has open (after it was revoked). */
  dropSeat(id: number): void;
  close(): Promise<void>;
}

/** Loopback mode's session cookie is per port; the room's is one (Secure) cookie. */
export const ROOM_SESSION_COOKIE = 'duty_session';

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
  const room = options.room;
  const token = room ? '' : (options.token ?? randomBytes(24).toString('base64url'));
  let port = options.port ?? 0;
  const scheme = room ? 'https' : 'http';
  const cookieName = () => `duty_token_${port}`;
  const sessionCookie = () => (room ? ROOM_SESSION_COOKIE : `duty_session_${port}`);
  const secure = room ? '; Secure' : '';
  const names = room ? [...new Set(['127.0.0.1', 'localhost', ...room.names])] : ['127.0.0.1', 'localhost'];
  const allowedHosts = () => new Set(names.map((n) => `${n}:${port}`));
  const allowedOrigins = () => new Set(names.map((n) => `${scheme}://${n}:${port}`));
  /** The sockets each seat has open, to close them when it is revoked. */
  const seatSockets = new Map<number, Set<Socket>>();
  const watchedSockets = new WeakSet<Socket>();

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      // The stack goes to the server's log, never into an answer.
      process.stderr.write(`[${room ? 'room' : 'browser-mode'}] ${(e as Error).stack ?? String(e)}\n`);
      if (!res.headersSent) refuseJson(res, 500, 'internal', 'http.internal');
      else res.destroy();
    });
  };
  // The room: TLS 1.3 only, and nothing older is offered.
  const server: Server = room ? createTlsServer({ key: room.tls.key, cert: room.tls.cert, minVersion: 'TLSv1.3' }, onRequest) : createServer(onRequest);
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

    const url = new URL(req.url ?? '/', `${scheme}://127.0.0.1:${port}`);
    const address = req.socket.remoteAddress ?? 'unknown';

    // 2. Loopback: the token. The room: the pairing page, else a paired seat's cookie.
    let seat: RoomSeat | null = null;
    if (room) {
      if (await handlePairing(req, res, url, { gate: room.gate, address, headers: SECURITY_HEADERS, readBody })) return;
      seat = room.gate.seatOf(cookie(req, SEAT_COOKIE));
      if (!seat) {
        if (url.pathname.startsWith('/api/')) return refuseJson(res, 401, 'unauthenticated', 'room.notPaired');
        if (req.method === 'GET' && (url.pathname === '/' || url.pathname.endsWith('.html'))) {
          res.writeHead(303, { Location: '/pair', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
          return void res.end();
        }
        return refuse(res, 403, 'Forbidden: this PC has not paired with the room host (open /pair)');
      }
      let open = seatSockets.get(seat.id);
      if (!open) seatSockets.set(seat.id, (open = new Set()));
      const sock = req.socket;
      open.add(sock);
      // One listener per connection, however many requests (of however many seats) it carries.
      if (!watchedSockets.has(sock)) {
        watchedSockets.add(sock);
        sock.once('close', () => {
          for (const set of seatSockets.values()) set.delete(sock);
        });
      }
    }
    const inUrl = room ? undefined : (url.searchParams.get('token') ?? undefined);
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
    if (!room && !sameToken(given, token)) {
      return refuse(res, 403, 'Forbidden: open the URL that `npm run serve` printed (it carries the access token).');
    }

    // The room's pairing code for the operator of this machine (`duty room code`): the token is theirs.
    if (!room && options.control && url.pathname === '/room/code' && req.method === 'POST') {
      const issued = options.control.newCode();
      res.writeHead(issued ? 200 : 409, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
      return void res.end(JSON.stringify(issued ? { ok: true, value: issued } : { ok: false, error: { code: 'conflict', message: translate('zh-CN', 'room.notRunning') } }));
    }

    // 3. The API: POST /api/<method> with a JSON body, answered by the dispatcher.
    // `/api/../x` is normalised to `/x`: a request meant for the API is answered as one.
    if ((req.url ?? '').startsWith('/api/') && !url.pathname.startsWith('/api/')) return refuseJson(res, 400, 'unknown_method', 'http.badMethod');
    // The live channel: a server-sent-events stream for this browser's session (live-events.ts).
    if (url.pathname === '/api/events' && options.live && req.method === 'GET') {
      const session = cookie(req, sessionCookie());
      if (session === undefined || !/^[A-Za-z0-9_-]{32}$/.test(session)) return refuse(res, 401, 'Sign in first');
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
      // In the room the stream is the seat's session, as its API calls are; the seat shows connected while it streams.
      const streamKey = seat ? `https:${seat.id}:${session}` : `http:${session}`;
      if (seat) room?.gate.seen(seat, { address, session: streamKey });
      return options.live.serve(req, res, streamKey, { source: `${scheme}:${address}`, ...(seat ? { seat: seat.name } : {}) });
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
      // In the room a session is the seat's own: its cookie alone, at another seat, is nobody's.
      const key = (id: string) => (seat ? `https:${seat.id}:${id}` : `http:${id}`);
      // The source of a sign-in attempt is the peer's address, which dropping cookies does not change.
      const result = await options.dispatch(method, input, key(session), {
        source: `${scheme}:${address}`,
        ...(signsIn && wellFormed ? { replaces: key(old) } : {}),
        ...(seat ? { seat: seat.name } : {}),
        ...(typeof req.headers['idempotency-key'] === 'string' ? { requestKey: req.headers['idempotency-key'] } : {}),
      });
      // After the call, so a sign-in it made shows in the host's seat list at once.
      if (seat) room?.gate.seen(seat, { address, session: key(session) });
      const payload = JSON.stringify(result);
      res.writeHead(!result.ok && result.error.code === 'unknown_method' ? 404 : 200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
        ...(fresh ? { 'Set-Cookie': `${sessionCookie()}=${session}; HttpOnly; SameSite=Strict; Path=/${secure}` } : {}),
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
    server.listen(port, room?.bind ?? '127.0.0.1', () => {
      server.off('error', fail);
      ok();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: room ? `https://${room.bind === '0.0.0.0' ? '127.0.0.1' : room.bind}:${port}/` : `http://127.0.0.1:${port}/?token=${token}`,
    server,
    dropSeat: (id) => {
      for (const sock of seatSockets.get(id) ?? []) sock.destroy();
      seatSockets.delete(id);
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
