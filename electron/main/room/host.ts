// Runs in plain Node and in Electron's main process; imports no electron. The duty room's host
// (issue 19): the room server (electron/main/browser-server.ts with `room`) on the interface the
// admin chose, its certificate (cert.ts, kept in the data folder), the pairing code and its
// throttle (pairing.ts), the seats (electron/services/room.ts), and a status file beside the
// database that `duty room status` reads (its format: electron/services/room.ts RoomStatusFile). It is the services' RoomControl (`ctx.room`): browser
// mode's serve.ts makes one, and so will Electron's main for the tray.
import { rmSync } from 'node:fs';
import { writeFileAtomic } from '../../db/paths.js';
import { hostname, networkInterfaces } from 'node:os';
import { AppError } from '../../../shared/api/app-error.js';
import type { ServiceContext } from '../../services/context.js';
import type { Dispatch } from '../../services/dispatcher.js';
import { CONNECTED_MS, pairSeat, seatForToken, seatName, STATUS_EVERY_MS, type RoomControl, type RoomHostFacts, type RoomStatusFile } from '../../services/room.js';
import { startBrowserServer, type BrowserServer } from '../browser-server.js';
import type { LiveHub } from '../live-events.js';
import { loadOrCreateCertificate, type HostCertificate } from './cert.js';
import { pairingProof, PairingCodes } from './pairing.js';
import type { SeatGate } from './pair-page.js';

export interface RoomHostOptions {
  /** The app's base context (its db, clock); the seats are written through it. */
  ctx: ServiceContext;
  dispatch: Dispatch;
  staticDir: string;
  /** Where the certificate and its key are kept (the data folder). */
  dataDir: string;
  /** The status file for `duty room status`; none: not written. */
  statusFile?: string;
  /** The loopback server's URL and token, written into the status file for `duty room code`. */
  control?: { url: string; token: string };
  /** Who is signed in on a session key (display name), for the seat list. */
  userOf?: (session: string) => string | null;
  /** This machine's IPv4 addresses (tests give their own). */
  interfaces?: () => { address: string; name: string }[];
  log?: (line: string) => void;
  /** The live channel the seats stream from (GET /api/events); a seat streaming is connected. */
  live?: LiveHub;
}

export interface RoomHost extends RoomControl {
  /** The server while running (tests, the tray). */
  readonly server: BrowserServer | null;
  readonly certificate: HostCertificate | null;
  /** Stops the server and the status file's timer, and removes the file. */
  close(): Promise<void>;
}

export function machineInterfaces(): { address: string; name: string }[] {
  const out: { address: string; name: string }[] = [];
  for (const [name, list] of Object.entries(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4') out.push({ address: a.address, name });
  }
  return out;
}

const wallClock = () => Date.now();

export function createRoomHost(o: RoomHostOptions): RoomHost {
  const now = () => o.ctx.now();
  const codes = new PairingCodes(now);
  const interfaces = o.interfaces ?? machineInterfaces;
  const seen = new Map<number, { lastSeen: number; address: string; session: string }>();
  let server: BrowserServer | null = null;
  let cert: HostCertificate | null = null;
  let config = { bind: '0.0.0.0', port: 0 };
  let error: string | null = null;
  let timer: NodeJS.Timeout | null = null;
  let lastWrite = 0;

  function names(bind: string): string[] {
    const host = hostname().toLowerCase();
    const dns = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(host) ? [host] : [];
    const ips = bind === '0.0.0.0' ? interfaces().map((i) => i.address) : [bind];
    return [...new Set([...ips, '127.0.0.1', 'localhost', ...dns])];
  }

  function urls(mine: { address: string }[]): string[] {
    if (!server) return [];
    const ips = config.bind === '0.0.0.0' ? mine.map((i) => i.address).filter((a) => a !== '127.0.0.1') : [config.bind];
    return (ips.length ? ips : ['127.0.0.1']).map((a) => `https://${a}:${server!.port}/`);
  }

  function facts(): RoomHostFacts {
    // A seat holding its live stream open is there now, however long since its last call.
    for (const stream of o.live?.streams() ?? []) {
      const id = /^https:(\d+):/.exec(stream.session)?.[1];
      const s = id === undefined ? undefined : seen.get(Number(id));
      if (s) s.lastSeen = now();
    }
    const users = new Map<number, { lastSeen: number; address: string; user: string | null }>();
    for (const [id, s] of seen) users.set(id, { lastSeen: s.lastSeen, address: s.address, user: o.userOf?.(s.session) ?? null });
    const mine = interfaces();
    return {
      running: server !== null,
      bind: config.bind,
      port: server?.port ?? config.port,
      urls: urls(mine),
      interfaces: mine,
      fingerprint256: cert?.fingerprint256 ?? null,
      spki: cert?.spki ?? null,
      code: server ? codes.inForce() : null,
      seen: users,
      error,
    };
  }

  function writeStatus(): void {
    if (!o.statusFile) return;
    lastWrite = wallClock();
    const f = facts();
    const body: RoomStatusFile = {
      format: 'duty-room-status/1',
      pid: process.pid,
      updatedAt: lastWrite,
      running: f.running,
      bind: f.bind,
      port: f.port,
      urls: f.urls,
      fingerprint256: f.fingerprint256,
      spki: f.spki,
      codeExpiresAt: f.code?.expiresAt ?? null,
      seats: [...f.seen].map(([id, s]) => ({ id, name: seatNames.get(id) ?? String(id), address: s.address, lastSeen: s.lastSeen, user: s.user, connected: now() - s.lastSeen < CONNECTED_MS })),
      control: o.control ?? null,
    };
    try {
      writeFileAtomic(o.statusFile, JSON.stringify(body, null, 2) + '\n', 0o600);
    } catch (e) {
      o.log?.(`room: cannot write the status file ${o.statusFile}: ${(e as Error).message}`);
    }
  }
  const seatNames = new Map<number, string>();

  const gate: SeatGate = {
    seatOf(token) {
      const s = seatForToken(o.ctx, token);
      return s ? { id: s.id, name: s.name } : null;
    },
    seen(seat, info) {
      const before = seen.get(seat.id);
      seen.set(seat.id, { lastSeen: now(), address: info.address, session: info.session });
      seatNames.set(seat.id, seat.name);
      // At once for a seat new here or a new session (someone signed in); the rest with the timer, off the request's path.
      if (before?.session !== info.session) writeStatus();
    },
    async proof(address, nonce) {
      const may = codes.mayProve(address);
      if (!may.ok) return may.why === 'wait' ? { ok: false, status: 429, key: 'room.pairWait', params: { seconds: Math.ceil(may.waitMs / 1000) } } : { ok: false, status: 410, key: 'room.pairNoCode' };
      const proof = await pairingProof(may.code.code, cert!.fingerprint256, nonce);
      return { ok: true, proof: proof.toString('base64url') };
    },
    async pair(address, code, typedName) {
      const name = seatName(typedName);
      const wait = codes.waitMs(address);
      if (wait !== null) return { ok: false, status: 429, key: 'room.pairWait', params: { seconds: Math.ceil(wait / 1000) } };
      if (name === null) return { ok: false, status: 400, key: 'room.pairSeatNameInvalid' };
      const r = codes.attempt(address, code);
      if (!r.ok) {
        o.log?.(`room: pairing refused from ${address} (${r.why})`);
        if (r.why === 'wait') return { ok: false, status: 429, key: 'room.pairWait', params: { seconds: Math.ceil(r.waitMs / 1000) } };
        const after = codes.waitMs(address);
        if (after !== null) return { ok: false, status: 429, key: 'room.pairWait', params: { seconds: Math.ceil(after / 1000) } };
        return { ok: false, status: 403, key: r.why === 'none' ? 'room.pairNoCode' : 'room.pairWrong' };
      }
      const { seat, token } = pairSeat(o.ctx, { name, from: address, codeId: r.code.id, codeBy: r.code.by });
      o.log?.(`room: seat "${seat.name}" paired from ${address}`);
      writeStatus();
      return { ok: true, token, seat: { id: seat.id, name: seat.name } };
    },
  };

  async function stop(): Promise<void> {
    if (timer) clearInterval(timer);
    timer = null;
    const s = server;
    server = null;
    seen.clear();
    if (s) await s.close();
    writeStatus();
  }

  return {
    get server() {
      return server;
    },
    get certificate() {
      return cert;
    },
    facts,
    async start(next, by) {
      await stop();
      error = null;
      try {
        const n = names(next.bind);
        cert = loadOrCreateCertificate(o.dataDir, n);
        server = await startBrowserServer({ dispatch: o.dispatch, staticDir: o.staticDir, port: next.port, ...(o.live ? { live: o.live } : {}), room: { tls: { key: cert.keyPem, cert: cert.certPem }, bind: next.bind, names: n, gate } });
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        error = err.code === 'EADDRINUSE' ? `${next.bind}:${next.port} is in use` : err.code === 'EADDRNOTAVAIL' ? `${next.bind} is not an address of this machine` : err.message;
        writeStatus();
        throw new Error(error);
      }
      config = { bind: next.bind, port: server.port };
      codes.issue(by);
      timer = setInterval(writeStatus, STATUS_EVERY_MS);
      timer.unref();
      writeStatus();
    },
    stop,
    newCode(by) {
      if (!server) throw new AppError('conflict', 'room.notRunning');
      codes.issue(by);
      writeStatus();
    },
    dropSeat(id) {
      seen.delete(id);
      server?.dropSeat(id);
      writeStatus();
    },
    async close() {
      await stop();
      if (o.statusFile) rmSync(o.statusFile, { force: true });
    },
  };
}
