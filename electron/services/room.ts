// Runs in Electron's main process and in plain Node. The duty room (值班室, issue 19) as the record
// sees it: its setting (on or off, the interface and port, kept across restarts), its seats (paired
// with a one-time code, known by their token's hash, revoked never deleted; pairing and revoking
// audited) and the room.* handlers. The host itself (TLS server, pairing code, who is connected) is
// run by the process, electron/main/room/host.ts, and reaches the services as `ctx.room`.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AppError } from '../../shared/api/app-error.js';
import type { RoomJoined, RoomSeatView, RoomStatusView } from '../../shared/api/methods/room.js';
import { insertSeat, listSeats, markSeatRevoked, seatById, seatByTokenHash, type SeatRow } from '../db/repositories/room-seats.js';
import { readSettingsRows, writeSetting } from '../db/repositories/settings.js';
import { countUsers } from '../db/repositories/users.js';
import { actorNamer } from './actors.js';
import { appendAudit } from './audit.js';
import { callContext, inWriteTransaction, type ServiceContext } from './context.js';

export interface RoomConfig {
  enabled: boolean;
  /** One IPv4 address of this machine, or 0.0.0.0 for every interface. */
  bind: string;
  port: number;
}

export const DEFAULT_ROOM_PORT = 5443;
export const DEFAULT_ROOM: RoomConfig = { enabled: false, bind: '0.0.0.0', port: DEFAULT_ROOM_PORT };
const SETTING_KEY = 'room';

/** A seat is shown connected when it made a request this recently. */
export const CONNECTED_MS = 60_000;

/** What the running host knows that the record does not. */
export type RoomHostFacts = Pick<RoomStatusView, 'running' | 'bind' | 'port' | 'urls' | 'interfaces' | 'fingerprint256' | 'spki' | 'error'> & {
  code: { code: string; expiresAt: number } | null;
  /** Per seat id: its last request, from where, and who is signed in there (username). */
  seen: Map<number, { lastSeen: number; address: string; user: string | null }>;
};

/**
 * The host's controls, given to the services by the process that runs it (serve.ts, later
 * Electron's main) as `ctx.room`. `by` is the actor who asked (for the pairing code's record).
 */
export interface RoomControl {
  facts(): RoomHostFacts;
  start(config: { bind: string; port: number }, by: string): Promise<void>;
  stop(): Promise<void>;
  newCode(by: string): void;
  /** Closes the open connections of a seat just revoked. */
  dropSeat(id: number): void;
}

// ---- the status file (`duty room status`) ---------------------------------------------------

/** The status file is rewritten this often while the host runs; older than STATUS_STALE_MS it is stale. */
export const STATUS_EVERY_MS = 10_000;
export const STATUS_STALE_MS = 45_000;

/** What the host writes beside the database (`<db>.room.json`, 0600) and `duty room status` reads. */
export interface RoomStatusFile {
  format: 'duty-room-status/1';
  pid: number;
  /** Wall-clock milliseconds of the last write (not the drill clock): stale after STATUS_STALE_MS. */
  updatedAt: number;
  running: boolean;
  bind: string;
  port: number;
  urls: string[];
  fingerprint256: string | null;
  spki: string | null;
  codeExpiresAt: number | null;
  seats: { id: number; name: string; address: string; lastSeen: number; user: string | null; connected: boolean }[];
  /** The host's loopback browser-mode server, for `duty room code` (its token is why the file is 0600). */
  control: { url: string; token: string } | null;
}

export function statusFileOf(dbPath: string): string {
  return `${dbPath}.room.json`;
}

export type HostState =
  | { state: 'none' }
  | { state: 'stale' | 'gone'; file: RoomStatusFile; ageMs: number }
  | { state: 'running' | 'stopped'; file: RoomStatusFile; ageMs: number };

/** Whether a host runs on this database, from its status file: none, stale (not rewritten lately), gone (its process ended), running or stopped. */
export function readHostState(dbPath: string, wallNow: number, alive: (pid: number) => boolean): HostState {
  let file: RoomStatusFile;
  try {
    file = JSON.parse(readFileSync(statusFileOf(dbPath), 'utf8')) as RoomStatusFile;
  } catch {
    return { state: 'none' };
  }
  if (file.format !== 'duty-room-status/1') return { state: 'none' };
  const ageMs = wallNow - file.updatedAt;
  if (!alive(file.pid)) return { state: 'gone', file, ageMs };
  if (ageMs > STATUS_STALE_MS) return { state: 'stale', file, ageMs };
  return { state: file.running ? 'running' : 'stopped', file, ageMs };
}

/** The room's setting as stored (the defaults when never set, or when the stored value is not one). */
export function roomConfig(ctx: Pick<ServiceContext, 'db'>): RoomConfig {
  const v = readSettingsRows(ctx.db).get(SETTING_KEY) as Partial<RoomConfig> | undefined;
  if (!v || typeof v !== 'object') return { ...DEFAULT_ROOM };
  return {
    enabled: v.enabled === true,
    bind: typeof v.bind === 'string' ? v.bind : DEFAULT_ROOM.bind,
    port: Number.isInteger(v.port) ? (v.port as number) : DEFAULT_ROOM.port,
  };
}

export function saveRoomConfig(ctx: ServiceContext, next: RoomConfig, method: string): void {
  inWriteTransaction(ctx, () => {
    const before = roomConfig(ctx);
    if (before.enabled === next.enabled && before.bind === next.bind && before.port === next.port) return;
    writeSetting(ctx.db, SETTING_KEY, next);
    appendAudit(ctx, { method, entity: 'settings', entityId: SETTING_KEY, before, after: next });
  });
}

// ---- seats -----------------------------------------------------------------------------------

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** A seat's name as typed, trimmed, control characters removed; null when empty or over 40 characters. */
export function seatName(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  const name = text.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return name.length >= 1 && [...name].length <= 40 ? name : null;
}

/**
 * Records a seat that paired with a valid code, and gives it its token (43 characters, 256 bits;
 * only its hash is kept). Audited as `room.pair` under the actor who had the code shown, with the
 * new seat on the row.
 */
export function pairSeat(ctx: ServiceContext, p: { name: string; from: string; codeId: number; codeBy: string }): { seat: SeatRow; token: string } {
  const token = randomBytes(32).toString('base64url');
  const c = callContext(ctx, p.codeBy, { seat: p.name });
  const id = inWriteTransaction(c, () => {
    const seatId = insertSeat(c.db, { name: p.name, tokenHash: hashOf(token), pairedAt: c.now(), pairedFrom: p.from, codeId: p.codeId, codeBy: p.codeBy });
    appendAudit(c, { method: 'room.pair', entity: 'room_seat', entityId: seatId, before: null, after: { name: p.name, from: p.from, codeId: p.codeId, codeBy: p.codeBy } });
    return seatId;
  });
  return { seat: seatById(ctx.db, id)!, token };
}

/** The seat a token belongs to, or null (malformed, unknown or revoked). */
export function seatForToken(ctx: Pick<ServiceContext, 'db'>, token: string | undefined): SeatRow | null {
  if (token === undefined || !TOKEN.test(token)) return null;
  const seat = seatByTokenHash(ctx.db, hashOf(token));
  return seat && seat.revokedAt === null ? seat : null;
}

export function revokeSeat(ctx: ServiceContext, id: number): SeatRow {
  const seat = inWriteTransaction(ctx, () => {
    const before = seatById(ctx.db, id);
    if (!before) throw new AppError('not_found', 'room.seatNotFound');
    if (before.revokedAt !== null || !markSeatRevoked(ctx.db, id, ctx.now(), ctx.actor)) throw new AppError('conflict', 'room.seatAlreadyRevoked');
    appendAudit(ctx, { method: 'room.revokeSeat', entity: 'room_seat', entityId: id, before: { name: before.name, revokedAt: null }, after: { name: before.name, revokedAt: ctx.now() } });
    return seatById(ctx.db, id)!;
  });
  ctx.room?.dropSeat(id);
  return seat;
}

// ---- the handlers' work ----------------------------------------------------------------------

export function roomStatus(ctx: ServiceContext): RoomStatusView {
  const config = roomConfig(ctx);
  const facts = ctx.room?.facts() ?? null;
  const nameOf = actorNamer(ctx);
  const now = ctx.now();
  const seats: RoomSeatView[] = listSeats(ctx.db).map((s) => {
    const seen = facts?.seen.get(s.id);
    return {
      id: s.id,
      name: s.name,
      pairedAt: s.pairedAt,
      pairedFrom: s.pairedFrom,
      revokedAt: s.revokedAt,
      revokedBy: s.revokedBy === null ? null : nameOf(s.revokedBy),
      connected: s.revokedAt === null && !!facts?.running && seen !== undefined && now - seen.lastSeen < CONNECTED_MS,
      lastSeen: seen?.lastSeen ?? null,
      address: seen?.address ?? null,
      user: s.revokedAt === null && seen?.user ? nameOf(`user:${seen.user}`) : null,
    };
  });
  return {
    available: ctx.room !== undefined,
    enabled: config.enabled,
    running: facts?.running ?? false,
    bind: facts?.running ? facts.bind : config.bind,
    port: facts?.running ? facts.port : config.port,
    urls: facts?.running ? facts.urls : [],
    interfaces: facts?.interfaces ?? [],
    fingerprint256: facts?.fingerprint256 ?? null,
    spki: facts?.spki ?? null,
    code: facts?.running ? (facts.code?.code ?? null) : null,
    codeExpiresAt: facts?.running ? (facts.code?.expiresAt ?? null) : null,
    seats,
    error: facts?.error ?? null,
  };
}

function control(ctx: ServiceContext): RoomControl {
  if (!ctx.room) throw new AppError('conflict', 'room.unavailable');
  return ctx.room;
}

export async function enableRoom(ctx: ServiceContext, input: { bind: string; port: number }): Promise<RoomStatusView> {
  const room = control(ctx);
  if (input.bind !== '0.0.0.0' && !room.facts().interfaces.some((i) => i.address === input.bind)) {
    throw new AppError('invalid_input', 'room.bindUnknown', { bind: input.bind });
  }
  try {
    await room.start(input, ctx.actor);
  } catch (e) {
    throw new AppError('conflict', 'room.failed', { message: (e as Error).message });
  }
  saveRoomConfig(ctx, { enabled: true, bind: input.bind, port: input.port }, 'room.enable');
  return roomStatus(ctx);
}

export async function disableRoom(ctx: ServiceContext): Promise<RoomStatusView> {
  await control(ctx).stop();
  saveRoomConfig(ctx, { ...roomConfig(ctx), enabled: false }, 'room.disable');
  return roomStatus(ctx);
}

export function newRoomCode(ctx: ServiceContext): RoomStatusView {
  const room = control(ctx);
  if (!room.facts().running) throw new AppError('conflict', 'room.notRunning');
  room.newCode(ctx.actor);
  return roomStatus(ctx);
}

// ---- this desk as a seat of a room (the desktop app) ------------------------------------------

/**
 * How this desk becomes a seat, given by Electron's main process as `ctx.seatControl`: pairs with
 * the host (its certificate checked before the code is sent), keeps the pin and the token beside
 * the database and opens the host's pages in the window. Refusals are AppErrors in words.
 */
export interface SeatControl {
  join(o: { address: string; code: string; seatName: string; fingerprint256?: string }): Promise<RoomJoined>;
}

/**
 * `room.join`: anyone at a desk without accounts (its first start), else only its admin; only
 * where the process can show the host (the desktop app). Recorded on this desk's own chain.
 */
export async function joinRoom(ctx: ServiceContext, input: { address: string; code: string; seatName: string; fingerprint256?: string | undefined }): Promise<RoomJoined> {
  if (!ctx.seatControl) throw new AppError('invalid_input', 'room.joinDesktopOnly');
  if (countUsers(ctx.db) > 0 && ctx.session?.user?.role !== 'admin') throw new AppError('forbidden', 'room.joinAdminOnly');
  const joined = await ctx.seatControl.join({ address: input.address, code: input.code, seatName: input.seatName, ...(input.fingerprint256 ? { fingerprint256: input.fingerprint256 } : {}) });
  inWriteTransaction(ctx, () => appendAudit(ctx, { method: 'room.join', entity: 'room', entityId: joined.url, before: null, after: { url: joined.url, fingerprint256: joined.fingerprint256, seatName: joined.seatName } }));
  return joined;
}
