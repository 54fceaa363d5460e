// Pure domain code: runs anywhere. The holiday calendar (节假日与重点时段) the admin edits: public
// holidays, make-up working days (调休) and special periods (重点时段: flood season 七下八上, major
// events) with their own staffing. Nothing here is taken as truth about the national calendar.
import { z } from 'zod';
import { lineText } from '../safe-text.js';
import { addDaysTo, dateSchemaPattern, isDate, weekdayOf } from './dates.js';
import type { Staffing } from './pattern.js';

export const CALENDAR_KINDS = ['holiday', 'workday', 'special'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

export interface CalendarEntry {
  id: number;
  kind: CalendarKind;
  name: string;
  /** Inclusive YYYY-MM-DD range. */
  from: string;
  to: string;
  /** Staffing of these days where it differs from the pattern (null: the pattern's). */
  leaders: number | null;
  officers: number | null;
  active: boolean;
  createdAt: number;
}

/** How a day counts for fairness: a holiday, a weekend (not made a working day) or a working day. */
export type DayKind = 'holiday' | 'weekend' | 'workday';

const day = z.string().regex(dateSchemaPattern, { error: 'calendar.badDate' }).refine(isDate, { error: 'calendar.badDate' });

export const calendarFieldsSchema = z
  .object({
    kind: z.enum(CALENDAR_KINDS, { error: 'calendar.kindRequired' }),
    name: lineText(z.string({ error: 'calendar.nameRequired' }).trim().min(1, { error: 'calendar.nameRequired' }).max(30, { error: 'validation.tooLong' })),
    from: day,
    to: day,
    leaders: z.number().int().min(0).max(5, { error: 'roster.badStaffing' }).nullable().default(null),
    officers: z.number().int().min(0).max(10, { error: 'roster.badStaffing' }).nullable().default(null),
  })
  .refine((e) => e.from <= e.to, { error: 'calendar.rangeOrder', path: ['to'] })
  .refine((e) => e.from >= addDaysTo(e.to, -366), { error: 'calendar.rangeTooLong', path: ['to'] });
export type CalendarFields = z.infer<typeof calendarFieldsSchema>;

export interface DayInfo {
  kind: DayKind;
  /** Names of the entries covering the day (国庆节, 七下八上 …). */
  labels: string[];
  staffing: Staffing;
}

const covers = (e: Pick<CalendarEntry, 'from' | 'to' | 'active'>, d: string) => e.active && e.from <= d && d <= e.to;

/** What the calendar says of a day, over the pattern's staffing. Larger staffing wins where entries overlap. */
export function dayInfo(d: string, entries: readonly CalendarEntry[], base: Staffing): DayInfo {
  const on = entries.filter((e) => covers(e, d));
  const wd = weekdayOf(d);
  let kind: DayKind = wd === 0 || wd === 6 ? 'weekend' : 'workday';
  if (on.some((e) => e.kind === 'workday')) kind = 'workday';
  if (on.some((e) => e.kind === 'holiday')) kind = 'holiday';
  // An entry's own staffing replaces the pattern's; where several entries set it, the larger wins.
  const staffing = { ...base };
  const leaders = on.flatMap((e) => (e.leaders === null ? [] : [e.leaders]));
  const officers = on.flatMap((e) => (e.officers === null ? [] : [e.officers]));
  if (leaders.length) staffing.leaders = Math.max(...leaders);
  if (officers.length) staffing.officers = Math.max(...officers);
  return { kind, labels: on.map((e) => e.name), staffing };
}

/**
 * The last day the calendar's public holidays are entered to: the end of its latest active holiday
 * entry, or null when it has none. A month that begins after it is planned blind: 元旦 can start
 * on 30 December, and the State Council's notice for a year comes out in the autumn before.
 */
export function holidaysKnownUntil(entries: readonly Pick<CalendarEntry, 'kind' | 'to' | 'active'>[]): string | null {
  let last: string | null = null;
  for (const e of entries) if (e.active && e.kind === 'holiday' && (last === null || e.to > last)) last = e.to;
  return last;
}

/** Whether a month (YYYY-MM) lies past the holidays entered, so planning it would ignore its holidays. */
export function holidaysMissingFor(month: string, knownUntil: string | null): boolean {
  return knownUntil === null || `${month}-01` > knownUntil;
}

/**
 * A starter calendar for 2026–2027 that the admin reviews and confirms (or edits) before use: the
 * dates follow the published pattern of recent years but are NOT the official notice.
 */
export const STARTER_CALENDAR: Omit<CalendarFields, never>[] = [
  { kind: 'holiday', name: '元旦', from: '2026-01-01', to: '2026-01-03', leaders: null, officers: null },
  { kind: 'holiday', name: '春节', from: '2026-02-15', to: '2026-02-23', leaders: 2, officers: 3 },
  { kind: 'workday', name: '春节调休', from: '2026-02-14', to: '2026-02-14', leaders: null, officers: null },
  { kind: 'workday', name: '春节调休', from: '2026-02-28', to: '2026-02-28', leaders: null, officers: null },
  { kind: 'holiday', name: '清明节', from: '2026-04-04', to: '2026-04-06', leaders: null, officers: null },
  { kind: 'holiday', name: '劳动节', from: '2026-05-01', to: '2026-05-05', leaders: null, officers: null },
  { kind: 'holiday', name: '端午节', from: '2026-06-19', to: '2026-06-21', leaders: null, officers: null },
  { kind: 'special', name: '七下八上', from: '2026-07-16', to: '2026-08-15', leaders: 1, officers: 3 },
  { kind: 'holiday', name: '中秋节', from: '2026-09-25', to: '2026-09-27', leaders: null, officers: null },
  { kind: 'holiday', name: '国庆节', from: '2026-10-01', to: '2026-10-07', leaders: 2, officers: 3 },
  { kind: 'holiday', name: '元旦', from: '2027-01-01', to: '2027-01-03', leaders: null, officers: null },
  { kind: 'holiday', name: '春节', from: '2027-02-05', to: '2027-02-11', leaders: 2, officers: 3 },
  { kind: 'special', name: '七下八上', from: '2027-07-16', to: '2027-08-15', leaders: 1, officers: 3 },
  { kind: 'holiday', name: '国庆节', from: '2027-10-01', to: '2027-10-07', leaders: 2, officers: 3 },
];
