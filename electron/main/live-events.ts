// Runs in plain Node and in Electron's main process; imports no electron. The live channel: what the
// change bus (electron/services/changes.ts) tells after every committed write, pushed to each seat.
// Over HTTP it is a server-sent-events stream, `GET /api/events`, served by the browser-mode server
// (and the room's HTTPS server) on the same connection and cookie as the API: a stream opens only
// after the dispatcher answers `live.open` for the caller's session, and the hub asks again every few
// seconds, so a session locked, expired, disabled or signed out gets a last `signedOut` event and
// its stream ends. The Electron window hears the same batches over IPC (live-ipc.ts).
//
// What a stream carries:
//   retry: 1000                      how soon EventSource reconnects after the host drops it
//   event: hello   {seq, host, missed, user}   first; `missed` when Last-Event-ID shows changes this
//                                    seat did not hear (or another host process: `host` differs)
//   event: change  {seq, from, at, tables, by, seats}   one burst of commits, `from`..`seq`
//   event: beat    {seq}             every 15 s: a seat that hears nothing for 2 beats has lost the host
//   event: signedOut / closed        the last event before the hub ends the stream
// Bursts are coalesced: the first commit after a quiet spell goes out at once, the ones that follow
// within 50 ms go out together at the end of that window, so nothing waits more than 50 ms.
// A stream's socket that does not drain (its unsent bytes pass a cap) is dropped, never waited for:
// the writer's transaction published and returned long before any stream is written.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { LiveBatch, LiveOpen } from '../../shared/api/methods/app.js';
import type { Change, ChangeBus } from '../services/changes.js';
import type { CallMeta, Dispatch } from '../services/dispatcher.js';

export type { LiveBatch };

export const LIVE_COALESCE_MS = 50;
export const LIVE_HEARTBEAT_MS = 15_000;
export const LIVE_RECHECK_MS = 5_000;
export const LIVE_RETRY_MS = 1_000;

/**
 * Listens on the bus and hands `deliver` one batch per burst: at once after a quiet spell, then at
 * most one per `windowMs`. Never runs `deliver` inside the writer's call. Answers the stop function.
 */
export function coalesceChanges(
  bus: ChangeBus,
  deliver: (batch: LiveBatch) => void,
  opts: { windowMs?: number; describe?: (actor: string) => string } = {},
): () => void {
  const windowMs = opts.windowMs ?? LIVE_COALESCE_MS;
  const describe = opts.describe ?? ((a: string) => a);
  let pending: Change[] = [];
  let timer: NodeJS.Timeout | null = null;
  let lastSent = -Infinity;
  const flush = () => {
    timer = null;
    if (pending.length === 0) return;
    const burst = pending;
    pending = [];
    lastSent = performance.now();
    const last = burst.at(-1)!;
    const uniq = (xs: string[]) => [...new Set(xs)];
    let by: string[];
    try {
      by = uniq(uniq(burst.map((c) => c.actor)).map(describe));
    } catch {
      by = uniq(burst.map((c) => c.actor));
    }
    deliver({
      seq: last.seq,
      from: burst[0]!.seq,
      at: last.at,
      tables: uniq(burst.flatMap((c) => c.tables)).sort(),
      by,
      seats: uniq(burst.flatMap((c) => (c.seat === undefined ? [] : [c.seat]))),
    });
  };
  const off = bus.subscribe((change) => {
    pending.push(change);
    if (timer) return;
    timer = setTimeout(flush, Math.max(0, lastSent + windowMs - performance.now()));
  });
  return () => {
    off();
    if (timer) clearTimeout(timer);
    timer = null;
  };
}

/** One open stream, as the host lists the seats connected. */
export interface LiveStreamInfo {
  id: number;
  /** The caller's session key (`http:<cookie>`). */
  session: string;
  /** Where it came from (`http:<address>`). */
  source: string;
  seat?: string;
  /** Who is signed in on it (display name). */
  user: string;
  openedAt: number;
}

export type LiveCloseReason = 'client' | 'signedOut' | 'slow' | 'replaced' | 'shutdown';

export interface LiveHubOptions {
  bus: ChangeBus;
  /** The dispatcher every API call goes through: `live.open` is asked with the stream's session. */
  dispatch: Dispatch;
  /** A writer's display name from its actor (`user:zhang` → 张三). */
  describe?: (actor: string) => string;
  coalesceMs?: number;
  heartbeatMs?: number;
  recheckMs?: number;
  retryMs?: number;
  /** Streams one session may hold (tabs); the oldest is ended for a new one. */
  maxPerSession?: number;
  /** Streams in all; past it a new one is refused 503. */
  maxStreams?: number;
  /** Unsent bytes a stream may hold before it is dropped as too slow. */
  maxBufferedBytes?: number;
  onOpen?: (stream: LiveStreamInfo) => void;
  onClose?: (stream: LiveStreamInfo, reason: LiveCloseReason) => void;
}

export interface LiveHub {
  /** Answers `GET /api/events` for `session`: 401 unless `live.open` answers, else the stream. */
  serve(req: IncomingMessage, res: ServerResponse, session: string, meta?: CallMeta): Promise<void>;
  /** Asks `live.open` again now for one session's streams (after a sign-out or lock through the API). */
  recheck(session: string): Promise<void>;
  /** The streams open now. */
  streams(): LiveStreamInfo[];
  /** Wraps a dispatcher so that signing out or locking a session ends its streams at once. */
  watch(dispatch: Dispatch): Dispatch;
  /** This host process's id (a reconnect to another process has missed everything). */
  readonly host: string;
  close(): void;
}

interface Stream {
  info: LiveStreamInfo;
  res: ServerResponse;
  meta: CallMeta;
}

const ENDS_SESSION = new Set(['auth.logout', 'auth.lock', 'auth.login', 'auth.setupAdmin']);

/** The Last-Event-ID a seat sends back: `<host>.<seq>`. */
function parseLastId(value: string | string[] | undefined): { host: string; seq: number } | null {
  const v = Array.isArray(value) ? value[0] : value;
  const m = /^([A-Za-z0-9_-]{1,32})\.(\d{1,15})$/.exec(v ?? '');
  return m ? { host: m[1]!, seq: Number(m[2]) } : null;
}

export function createLiveHub(options: LiveHubOptions): LiveHub {
  const host = randomBytes(6).toString('base64url');
  const maxPerSession = options.maxPerSession ?? 4;
  const maxStreams = options.maxStreams ?? 64;
  const maxBuffered = options.maxBufferedBytes ?? 256 * 1024;
  const retryMs = options.retryMs ?? LIVE_RETRY_MS;
  const open = new Map<number, Stream>();
  let nextId = 1;
  let closed = false;

  const frame = (event: string, data: unknown, id?: number) => `${id === undefined ? '' : `id: ${host}.${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

  function end(s: Stream, reason: LiveCloseReason, last?: string): void {
    if (!open.delete(s.info.id)) return;
    if (last !== undefined && !s.res.destroyed) s.res.end(last);
    else s.res.destroy();
    options.onClose?.(s.info, reason);
  }

  /** Writes without ever waiting: a stream whose socket holds too much unsent is dropped. */
  function send(s: Stream, text: string): void {
    if (s.res.destroyed || s.res.writableEnded) return end(s, 'client');
    if (s.res.writableLength > maxBuffered) return end(s, 'slow');
    s.res.write(text);
  }

  const stopCoalescing = coalesceChanges(
    options.bus,
    (batch) => {
      const text = frame('change', batch, batch.seq);
      for (const s of [...open.values()]) send(s, text);
    },
    { windowMs: options.coalesceMs ?? LIVE_COALESCE_MS, ...(options.describe ? { describe: options.describe } : {}) },
  );

  const beat = setInterval(() => {
    const text = frame('beat', { seq: options.bus.seq });
    for (const s of [...open.values()]) send(s, text);
  }, options.heartbeatMs ?? LIVE_HEARTBEAT_MS);
  beat.unref?.();

  async function ask(session: string, meta: CallMeta): Promise<LiveOpen | null> {
    const r = await options.dispatch('live.open', {}, session, meta);
    return r.ok ? (r.value as LiveOpen) : null;
  }

  async function recheck(session: string): Promise<void> {
    const mine = [...open.values()].filter((s) => s.info.session === session);
    if (mine.length === 0) return;
    const ok = await ask(session, mine[0]!.meta);
    if (ok) return;
    for (const s of mine) end(s, 'signedOut', frame('signedOut', {}));
  }

  const rechecks = setInterval(() => {
    for (const session of new Set([...open.values()].map((s) => s.info.session))) void recheck(session);
  }, options.recheckMs ?? LIVE_RECHECK_MS);
  rechecks.unref?.();

  return {
    host,
    async serve(req, res, session, meta = {}) {
      // The server's own headers (security) are set on `res` before; writeHead adds these.
      const answer = (status: number, text: string) => {
        res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(text + '\n');
      };
      if (req.method !== 'GET') return answer(405, 'Method not allowed');
      if (closed) return answer(503, 'Shutting down');
      const who = await ask(session, meta);
      if (!who) return answer(401, 'Sign in first');
      if (open.size >= maxStreams) return answer(503, 'Too many live streams');
      const mine = [...open.values()].filter((s) => s.info.session === session);
      for (const s of mine.slice(0, Math.max(0, mine.length - maxPerSession + 1))) end(s, 'replaced', frame('closed', { reason: 'replaced' }));

      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Accel-Buffering': 'no',
        Connection: 'keep-alive',
      });
      res.socket?.setNoDelay(true);
      res.socket?.setKeepAlive(true, 10_000);
      const info: LiveStreamInfo = {
        id: nextId++,
        session,
        source: meta.source ?? session,
        ...(meta.seat !== undefined ? { seat: meta.seat } : {}),
        user: who.user,
        openedAt: Date.now(),
      };
      const stream: Stream = { info, res, meta };
      open.set(info.id, stream);
      req.on('close', () => end(stream, 'client'));
      res.on('error', () => end(stream, 'client'));
      const last = parseLastId(req.headers['last-event-id']);
      const missed = last !== null && (last.host !== host || last.seq !== who.seq);
      res.write(`retry: ${retryMs}\n\n` + frame('hello', { seq: who.seq, host, missed, user: who.user }, who.seq));
      options.onOpen?.(info);
    },
    recheck,
    streams: () => [...open.values()].map((s) => ({ ...s.info })),
    watch: (dispatch) => async (method, input, session, meta) => {
      const result = await dispatch(method, input, session, meta);
      if (session !== undefined && typeof method === 'string' && ENDS_SESSION.has(method)) await recheck(session);
      if (meta?.replaces !== undefined) await recheck(meta.replaces);
      return result;
    },
    close() {
      closed = true;
      stopCoalescing();
      clearInterval(beat);
      clearInterval(rechecks);
      for (const s of [...open.values()]) end(s, 'shutdown', frame('closed', { reason: 'shutdown' }));
    },
  };
}
