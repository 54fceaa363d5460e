// Pure domain code: runs anywhere. The shifts (班次) of a month: each with its start and end
// instants in the duty room's zone, how the day counts for fairness, and its staffing.
import { TZDate } from '@date-fns/tz';
import { dayInfo, type CalendarEntry, type DayKind } from './calendar.js';
import { addDaysTo, daysOfMonth } from './dates.js';
import type { ShiftPattern, Staffing } from './pattern.js';

export interface ShiftSlot {
  /** `${day}#${index}`: stable for a day and its n-th shift. */
  key: string;
  /** The date the shift starts on (its duty day). */
  day: string;
  index: number;
  name: string;
  start: number;
  end: number;
  kind: DayKind;
  labels: string[];
  staffing: Staffing;
}

function localInstant(day: string, hhmm: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [h, min] = hhmm.split(':').map(Number) as [number, number];
  return new TZDate(y, m - 1, d, h, min, 0, 0, timeZone).getTime();
}

/** The shifts of the given days, in order; each ends where the next begins. */
export function slotsOfDays(days: readonly string[], pattern: ShiftPattern, timeZone: string, calendar: readonly CalendarEntry[]): ShiftSlot[] {
  const out: ShiftSlot[] = [];
  for (const day of days) {
    const info = dayInfo(day, calendar, pattern.staffing);
    pattern.shifts.forEach((s, index) => {
      const next = pattern.shifts[index + 1];
      const start = localInstant(day, s.start, timeZone);
      const end = next ? localInstant(day, next.start, timeZone) : localInstant(addDaysTo(day, 1), pattern.shifts[0]!.start, timeZone);
      out.push({ key: `${day}#${index}`, day, index, name: s.name, start, end, kind: info.kind, labels: info.labels, staffing: { ...info.staffing } });
    });
  }
  return out;
}

export function slotsOfMonth(month: string, pattern: ShiftPattern, timeZone: string, calendar: readonly CalendarEntry[]): ShiftSlot[] {
  return slotsOfDays(daysOfMonth(month), pattern, timeZone, calendar);
}

/** Two shifts a person cannot both work: they overlap or one ends where the other starts. */
export function touches(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start <= b.end && b.start <= a.end;
}
