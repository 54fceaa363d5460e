// Pure domain code: runs anywhere. The duty day (值班日): the 24 h that start at the boundary
// (default 08:30) on date D in the duty room's time zone. Never uses the process's own zone.
import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';

export interface DutyClock {
  /** IANA zone, e.g. Asia/Shanghai. */
  timeZone: string;
  /** HH:MM local. */
  boundary: string;
}

function boundaryParts(boundary: string): [number, number] {
  const m = /^(\d{2}):(\d{2})$/.exec(boundary);
  if (!m) throw new Error(`duty boundary must be HH:MM, not '${boundary}'`);
  return [Number(m[1]), Number(m[2])];
}

/** The duty day (YYYY-MM-DD) that contains the instant. */
export function dutyDayOf(instant: number, clock: DutyClock): string {
  const [h, min] = boundaryParts(clock.boundary);
  const local = new TZDate(instant, clock.timeZone);
  const minutes = local.getHours() * 60 + local.getMinutes();
  const day = minutes < h * 60 + min ? addDays(local, -1) : local;
  return format(day, 'yyyy-MM-dd');
}

/** The instant the duty day D starts (its boundary on date D, local time). */
export function dutyDayStart(day: string, clock: DutyClock): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`duty day must be YYYY-MM-DD, not '${day}'`);
  const [h, min] = boundaryParts(clock.boundary);
  return new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), h, min, 0, 0, clock.timeZone).getTime();
}

/** [start, end) of duty day D; 23 or 25 h long where the zone changes its clocks. */
export function dutyDayRange(day: string, clock: DutyClock): { start: number; end: number } {
  const start = dutyDayStart(day, clock);
  const next = format(addDays(new TZDate(start, clock.timeZone), 1), 'yyyy-MM-dd');
  return { start, end: dutyDayStart(next, clock) };
}

/** Formats an instant for a person, in the duty room's zone. */
export function formatInZone(instant: number, timeZone: string, pattern = 'yyyy-MM-dd HH:mm'): string {
  return format(new TZDate(instant, timeZone), pattern);
}
