// Runs in Electron's main process and in plain Node. The server's clock: the system's, or a drill
// clock (演练时钟) that starts at a chosen instant and runs forward at the real rate. Tests and
// drills use the second; everything on the record takes its time from whichever the context has,
// never from a client.

export type ClockKind = 'system' | 'drill';

export interface Clock {
  now(): number;
  kind: ClockKind;
}

export const systemClock: Clock = { now: () => Date.now(), kind: 'system' };

/** A clock that reads `start` now and runs forward with the system's (monotonic) time from here. */
export function drillClock(start: number): Clock {
  const t0 = performance.now();
  return { now: () => start + Math.floor(performance.now() - t0), kind: 'drill' };
}

/** A clock that always reads `at` (the CLI's `--now`: one command acts at one instant). */
export function fixedClock(at: number): Clock {
  return { now: () => at, kind: 'drill' };
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An instant written as ISO 8601 with its offset (2026-11-24T09:00:00+08:00 or …Z), or null. A
 * time without an offset is refused: which zone it meant is not ours to guess.
 */
export function parseInstant(text: string): number | null {
  if (!ISO_WITH_ZONE.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}
