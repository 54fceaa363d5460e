// Test helper (plain Node): the duty room's host (electron/main/room/host.ts) over real HTTPS on
// 127.0.0.1, on a database of the test's own, with the sessions and dispatcher as shipped; and an
// HTTPS client that trusts exactly the host's certificate. The multi-seat e2e tests build on it.
import { request } from 'node:https';
import { dirname, join } from 'node:path';
import { closeDatabase, openDatabase, type Db } from '../../electron/db/connection.js';
import { rendererDir } from '../../electron/main/app-root.js';
import { SEAT_COOKIE } from '../../electron/main/browser-server.js';
import { createRoomHost, type RoomHost } from '../../electron/main/room/host.js';
import { statusFileOf } from '../../electron/services/room.js';
import { pinnedOptions } from '../../electron/main/room/pair-client.js';
import { drillClock, type Clock } from '../../electron/services/clock.js';
import { createContext, type ServiceContext } from '../../electron/services/context.js';
import { createDispatcher, type Dispatch } from '../../electron/services/dispatcher.js';
import { SessionStore } from '../../electron/services/sessions.js';
import { actorName } from '../../electron/services/actors.js';
import { createLiveHub, type LiveHub } from '../../electron/main/live-events.js';
import type { UserRole } from '../../shared/domain/user.js';
import { ensureUser } from './browser.js';

export interface RunningRoom {
  host: RoomHost;
  ctx: ServiceContext;
  db: Db;
  dbPath: string;
  dispatch: Dispatch;
  sessions: SessionStore;
  live: LiveHub;
  port: number;
  /** `https://127.0.0.1:<port>` */
  origin: string;
  certPem: string;
  fingerprint256: string;
  spki: string;
  /** The pairing code in force now. */
  code(): string;
  userFor(role: UserRole): Promise<string>;
  /** Stops the host (its status file removed) and closes the database. */
  stop(): Promise<void>;
}

/**
 * A room host on 127.0.0.1 (port 0: a free one), the first admin set up, a pairing code issued.
 * `now`/`clock` as in startApp (test/helpers/browser.ts); `staticDir` defaults to the built renderer.
 */
export async function startRoom(dbPath: string, opts: { now?: number; clock?: () => number; staticDir?: string; port?: number; log?: (line: string) => void } = {}): Promise<RunningRoom> {
  const db = openDatabase(dbPath);
  const clock: Clock | undefined = opts.clock ? { now: opts.clock, kind: 'drill' } : opts.now !== undefined ? drillClock(opts.now) : undefined;
  const ctx = createContext(db, { dbPath, transport: 'http', version: 'room-test' }, 'e2e:setup', clock);
  await ensureUser(ctx, 'admin');
  const sessions = new SessionStore(ctx);
  const calls = createDispatcher(ctx, { sessions, logError: () => {}, logNotice: () => {} });
  // As serve.ts: the seats stream the record's changes from the same host (GET /api/events).
  const live = createLiveHub({ bus: ctx.changes!, dispatch: calls, describe: (actor) => actorName(ctx, actor) });
  const dispatch = live.watch(calls);
  const host = createRoomHost({
    ctx,
    dispatch,
    live,
    staticDir: opts.staticDir ?? rendererDir(),
    dataDir: join(dirname(dbPath), 'room'),
    statusFile: statusFileOf(dbPath),
    userOf: (key) => sessions.usernameOf(key),
    interfaces: () => [{ address: '127.0.0.1', name: 'lo' }],
    ...(opts.log ? { log: opts.log } : {}),
  });
  ctx.room = host;
  await host.start({ bind: '127.0.0.1', port: opts.port ?? 0 }, 'user:e2e-admin');
  const cert = host.certificate!;
  const port = host.server!.port;
  return {
    host,
    ctx,
    db,
    dbPath,
    dispatch,
    sessions,
    live,
    port,
    origin: `https://127.0.0.1:${port}`,
    certPem: cert.certPem,
    fingerprint256: cert.fingerprint256,
    spki: cert.spki,
    code: () => host.facts().code?.code ?? '',
    userFor: (role) => ensureUser(ctx, role),
    stop: async () => {
      live.close();
      await host.close();
      closeDatabase(db);
    },
  };
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<T = { ok: boolean; value?: unknown; error?: { code: string; message: string } }>(): T;
}

/** One HTTPS request to the room, trusting only its certificate; Host and Origin as a page of the room sends them. */
export function roomRequest(
  room: Pick<RunningRoom, 'port' | 'certPem' | 'fingerprint256'>,
  opts: { method?: string; path?: string; headers?: Record<string, string>; body?: unknown; seat?: string; cookies?: Record<string, string> } = {},
): Promise<Reply> {
  const cookies = { ...(opts.seat ? { [SEAT_COOKIE]: opts.seat } : {}), ...opts.cookies };
  const cookie = Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; ');
  const body = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: room.port,
        method: opts.method ?? (body === undefined ? 'GET' : 'POST'),
        path: opts.path ?? '/',
        headers: {
          Host: `127.0.0.1:${room.port}`,
          ...(body !== undefined && typeof opts.body !== 'string' ? { 'Content-Type': 'application/json' } : {}),
          ...(cookie ? { Cookie: cookie } : {}),
          ...opts.headers,
        },
        ...pinnedOptions(room.certPem, room.fingerprint256),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A cookie's value from a reply's Set-Cookie headers. */
export function setCookie(reply: Reply, name: string): string | undefined {
  const all = ([] as string[]).concat(reply.headers['set-cookie'] ?? []);
  for (const c of all) if (c.startsWith(`${name}=`)) return c.slice(name.length + 1).split(';')[0];
  return undefined;
}

/** The whole Set-Cookie line of a cookie (its attributes), for checks. */
export function setCookieLine(reply: Reply, name: string): string | undefined {
  return ([] as string[]).concat(reply.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`));
}

/** A seat signed in as `username`: its session cookie (from auth.login through the room). */
export async function signInAtSeat(room: RunningRoom, seat: string, username: string, password = 'duty-e2e-password'): Promise<Record<string, string>> {
  const r = await roomRequest(room, { path: '/api/auth.login', seat, body: { username, password } });
  const session = setCookie(r, 'duty_session');
  if (!r.json().ok || !session) throw new Error(`sign-in at the seat failed: ${r.body}`);
  return { duty_session: session };
}
