// Pure domain code: runs anywhere. Times as a duty officer types them, read in the duty room's
// zone (never the machine's): "2026-11-24 09:05", "11-24 09:05", "09:05" (today), "0905".
import { z } from 'zod';
import { EARLIEST_INSTANT, LATEST_INSTANT, readTypedTime } from './typed-time.js';

/**
 * Every instant a schema takes (occurred, received, sent, closed, due, a daily report's time): a
 * whole number of milliseconds from EARLIEST_INSTANT (2000-01-01 in Beijing) to LATEST_INSTANT.
 * The one place implausible times are bounded; intake then refuses what lies after now.
 */
export const instantSchema = z
  .number({ error: 'incident.timeInvalid' })
  .int({ error: 'incident.timeInvalid' })
  .min(EARLIEST_INSTANT, { error: 'incident.timeTooEarly' })
  .max(LATEST_INSTANT, { error: 'incident.timeTooLate' });

/**
 * The instant typed, or null when the text is not a time. `now` supplies the missing date: a bare
 * time is today's. Forms that know whether the time is past or due should call readTypedTime.
 */
export function parseTypedTime(text: string, timeZone: string, now: number): number | null {
  const r = readTypedTime(text, { timeZone, now, expect: 'any' });
  return r.ok ? r.at : null;
}
