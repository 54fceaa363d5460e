// Pure code: runs anywhere. Contract methods of the holiday and special-period calendar.
import { z } from 'zod';
import { calendarFieldsSchema, type CalendarEntry } from '../../domain/roster/calendar.js';
import { idSchema, method } from '../method.js';

export const holidayMethods = {
  'holidays.list': method<CalendarEntry[]>()(z.object({ includeCancelled: z.boolean().optional() }).strict()),
  'holidays.create': method<CalendarEntry>()(calendarFieldsSchema),
  'holidays.cancel': method<CalendarEntry>()(z.object({ id: idSchema }).strict()),
  /** Adds the 2026–2027 starter set (entries not already present) for the admin to review. */
  'holidays.addStarter': method<{ added: number }>()(z.object({}).strict()),
} as const;
