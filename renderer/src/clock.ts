// Runs in the renderer. The server's clock, as this window sees it: every time the UI shows or
// fills in comes from here, never from the computer's own clock, so a desk whose clock is wrong
// (or a drill clock on the server, 演练) shows the same time as the record. Synchronised from each
// auth.status and app.clock answer; between them it runs with the computer's clock.
import { useEffect, useState } from 'react';

let offset = 0;
let kind: 'system' | 'drill' = 'system';

/** Takes the server's time from an answer requested at `sentAt` and received at `receivedAt`. */
export function syncClock(serverNow: number, clock: 'system' | 'drill', sentAt: number, receivedAt: number): void {
  offset = serverNow - (sentAt + receivedAt) / 2;
  kind = clock;
}

/** Calls `ask` (an API call answering the server's now and clock kind) and synchronises on it. */
export async function syncedCall<T extends { now: number; clock: 'system' | 'drill' }>(ask: () => Promise<T>): Promise<T> {
  const sentAt = Date.now();
  const r = await ask();
  syncClock(r.now, r.clock, sentAt, Date.now());
  return r;
}

/** The server's time now, in epoch milliseconds. */
export function serverNow(): number {
  return Math.round(Date.now() + offset);
}

/** Whether the server runs a drill clock (the shell shows a permanent banner). */
export function isDrillClock(): boolean {
  return kind === 'drill';
}

/** The server's time, re-read every `everyMs` (a ticking display). */
export function useServerNow(everyMs = 1000): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const id = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
