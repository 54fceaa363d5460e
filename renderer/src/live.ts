// Runs in the renderer. The live channel, one per window: what the host tells of every committed
// write (electron/main/live-events.ts), so each page reads again what another seat (or the rules
// clock) changed, within a second, without polling. In browser mode (and a seat of the room) it is
// an EventSource on `./api/events`; in the Electron window, `window.duty.onChange`.
//
// The stream is also how a seat notices it lost the host: an EventSource error (the host process
// died, the network dropped) or no message for two heartbeats reports `reportHostLost()` at once
// (the red banner); when the stream opens again it reports `reportHostBack()` and every page reads
// everything once (it may have missed changes meanwhile). A seq gap (`from` past the last heard + 1,
// or Last-Event-ID answered `missed`) reads everything too.
//
// The stream opens when the first page listens (`useLiveRefresh`, `onLiveChange`) and closes a
// little after the last one stops: the shell is mounted only while someone is signed in.
import { useEffect, useRef } from 'react';
import type { LiveBatch } from '../../shared/api/methods/app.js';
import { api, ApiCallError, setHostWatchedByStream } from './api.js';
import { reportHostBack, reportHostLost } from './connection.js';

export type { LiveBatch };

/** The host beats every 15 s: two beats and a second without a message is a lost host. */
const LIVE_SILENCE_MS = 2 * 15_000 + 1_000;
/** How soon a page reads again after a change touched its tables (a burst is one read). */
export const LIVE_REFRESH_DELAY_MS = 80;
/** Stays open this long after the last listener (a page switch closes one page and opens the next). */
const CLOSE_GRACE_MS = 2_000;

/** `batch` null: everything may have changed (the stream came back, or missed changes). */
export type LiveListener = (batch: LiveBatch | null) => void;

const listeners = new Set<LiveListener>();
let stopStream: (() => void) | null = null;
let closeTimer: ReturnType<typeof setTimeout> | undefined;

function tell(batch: LiveBatch | null): void {
  for (const l of [...listeners]) {
    try {
      l(batch);
    } catch {
      // One page's failure to read again is its own.
    }
  }
}

type LiveBridge = { onChange?: (listener: (batch: unknown) => void) => () => void };

function overIpc(bridge: Required<LiveBridge>): () => void {
  return bridge.onChange((batch) => tell(batch as LiveBatch));
}

function overHttp(onDead: () => void): () => void {
  let source: EventSource | null = null;
  let silence: ReturnType<typeof setTimeout> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let lost = false;
  let host: string | null = null;
  let lastSeq: number | null = null;

  const hostLost = () => {
    if (lost) return;
    lost = true;
    reportHostLost();
  };
  const drop = () => {
    // No stream: api.ts watches the host by asking it when quiet.
    setHostWatchedByStream(false);
    clearTimeout(silence);
    source?.close();
    source = null;
  };
  // For good (signed out, or replaced): the next listener after signing in opens a new stream.
  const end = () => {
    stopped = true;
    clearTimeout(retry);
    drop();
    onDead();
  };
  const reconnect = (afterMs: number) => {
    drop();
    clearTimeout(retry);
    if (!stopped) retry = setTimeout(connect, afterMs);
  };
  // Heard from the host: the silence clock starts again.
  const heard = () => {
    clearTimeout(silence);
    silence = setTimeout(() => {
      hostLost();
      reconnect(0);
    }, LIVE_SILENCE_MS);
  };

  function connect(): void {
    if (stopped) return;
    const es = new EventSource('./api/events', { withCredentials: true });
    source = es;
    es.addEventListener('hello', (e) => {
      heard();
      // The stream now notices the host's loss at once: no pings while it is up.
      setHostWatchedByStream(true);
      const hello = JSON.parse((e as MessageEvent<string>).data) as { seq: number; host: string; missed: boolean };
      const missed = hello.missed || (host !== null && hello.host !== host) || (lastSeq !== null && hello.seq !== lastSeq);
      host = hello.host;
      lastSeq = hello.seq;
      if (lost) {
        lost = false;
        reportHostBack();
        tell(null);
      } else if (missed) tell(null);
    });
    es.addEventListener('change', (e) => {
      heard();
      const batch = JSON.parse((e as MessageEvent<string>).data) as LiveBatch;
      const gap = lastSeq !== null && batch.from > lastSeq + 1;
      lastSeq = Math.max(lastSeq ?? 0, batch.seq);
      if (gap) tell(null);
      else tell(batch);
    });
    es.addEventListener('beat', heard);
    es.addEventListener('signedOut', () => {
      // Locked, expired or signed out at the host: asking anything shows the lock screen (api.ts).
      end();
      api.live.open({}).catch(() => {});
    });
    es.addEventListener('closed', (e) => {
      const { reason } = JSON.parse((e as MessageEvent<string>).data) as { reason: string };
      // 'replaced': this session opened more streams than the host keeps; this window stays on its safety reads.
      if (reason === 'replaced') end();
      else {
        hostLost();
        reconnect(1_000);
      }
    });
    es.onerror = () => {
      if (es !== source) return;
      if (es.readyState === EventSource.CONNECTING) {
        // The connection dropped; EventSource tries again itself (the host's `retry:` hint).
        hostLost();
        return;
      }
      // Refused (not an event stream): ask the API why. Not signed in: the lock screen, no banner.
      drop();
      api.live.open({}).then(
        () => reconnect(2_000),
        (err: unknown) => {
          if (err instanceof ApiCallError && (err.error.code === 'unauthenticated' || err.error.code === 'forbidden')) return end();
          hostLost();
          reconnect(2_000);
        },
      );
    };
  }

  connect();
  return () => {
    stopped = true;
    clearTimeout(retry);
    drop();
  };
}

function start(): void {
  clearTimeout(closeTimer);
  if (stopStream) return;
  const bridge = (window as unknown as { duty?: LiveBridge }).duty;
  let stop: (() => void) | null = null;
  const dead = () => {
    if (stopStream === stop) stopStream = null;
  };
  stop = bridge?.onChange ? overIpc(bridge as Required<LiveBridge>) : overHttp(dead);
  stopStream = stop;
}

/** Listens to the live channel (opening it if it is not open); answers the function that stops. */
export function onLiveChange(listener: LiveListener): () => void {
  listeners.add(listener);
  start();
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    clearTimeout(closeTimer);
    closeTimer = setTimeout(() => {
      if (listeners.size > 0) return;
      stopStream?.();
      stopStream = null;
    }, CLOSE_GRACE_MS);
  };
}

/**
 * Calls `reload` when a committed write touched one of `tables` (or everything may have changed),
 * once per burst, LIVE_REFRESH_DELAY_MS after the first change of it. `reload` may change between
 * renders; the latest is called.
 */
export function useLiveRefresh(tables: readonly string[], reload: () => unknown): void {
  const latest = useRef(reload);
  latest.current = reload;
  const key = tables.join(',');
  useEffect(() => {
    const wanted = new Set(key.split(','));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onLiveChange((batch) => {
      if (batch && !batch.tables.some((t) => wanted.has(t))) return;
      // A reload already waiting reads the newest state: one read per burst.
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        void latest.current();
      }, LIVE_REFRESH_DELAY_MS);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [key]);
}

/** The tables each kind of page reads: one place, so a page and its strip agree. */
export const LIVE_TABLES = {
  incidents: ['incidents', 'incident_reports', 'upward_reports', 'flags', 'followups', 'incident_descriptions', 'units'],
  flags: ['flags', 'zero_flags', 'notice_flags', 'alarm_acks', 'incidents', 'incident_reports', 'upward_reports', 'followups'],
  zero: ['daily_reports', 'zero_flags', 'special_periods', 'units'],
  relay: ['notices', 'notice_revisions', 'notice_steps', 'notice_flags', 'units', 'unit_groups'],
  duty: ['checkins', 'roster_assignments', 'roster_shifts', 'roster_fixed', 'roster_changes', 'people', 'unavailability', 'calendar_entries'],
  handover: ['handovers', 'checkins', 'incidents', 'flags', 'followups', 'roster_assignments'],
} as const;
