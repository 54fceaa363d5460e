// Pure code: runs anywhere. Contract methods of the holiday and special-period calendar.
import { z } from 'zod';
import { multiLineText } from '../../domain/safe-text.js';
import { calendarFieldsSchema, type CalendarEntry } from '../../domain/roster/calendar.js';
import { idSchema, method } from '../method.js';

export const holidayMethods = {
  'holidays.list': method<CalendarEntry[]>()(z.object({ includeCancelled: z.boolean().optional() }).strict()),
  'holidays.create': method<CalendarEntry>()(calendarFieldsSchema),
  'holidays.cancel': method<CalendarEntry>()(z.object({ id: idSchema }).strict()),
  /**
   * A year's notice typed or pasted as lines (shared/domain/roster/holiday-notice.ts): all its
   * entries or, when any line is bad, none, with every bad line named. Entries already present are skipped.
   */
  'holidays.importNotice': method<{ added: number; skipped: number; knownUntil: string | null }>()(
    z.object({ year: z.number().int().min(2000, { error: 'calendar.noticeYear' }).max(2100, { error: 'calendar.noticeYear' }), text: multiLineText(z.string().max(20_000, { error: 'validation.tooLong' })) }).strict(),
  ),
  /** Adds the 2026–2027 starter set (entries not already present) for the admin to review. */
  'holidays.addStarter': method<{ added: number }>()(z.object({}).strict()),
} as const;
