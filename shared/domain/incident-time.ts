// Pure domain code: runs anywhere. Times as a duty officer types them, read in the duty room's
// zone (never the machine's): "2026-11-24 09:05", "11-24 09:05", "09:05" (today), "0905".
import { readTypedTime } from './typed-time.js';

/**
 * The instant typed, or null when the text is not a time. `now` supplies the missing date: a bare
 * time is today's. Forms that know whether the time is past or due should call readTypedTime.
 */
export function parseTypedTime(text: string, timeZone: string, now: number): number | null {
  const r = readTypedTime(text, { timeZone, now, expect: 'any' });
  return r.ok ? r.at : null;
}
