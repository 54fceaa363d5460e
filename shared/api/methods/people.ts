// Pure code: runs anywhere. Contract methods of the people who are rostered, and their leave.
import { z } from 'zod';
import { multiLineText } from '../../domain/safe-text.js';
import { personFieldsSchema, type Person } from '../../domain/person.js';
import { dateSchemaPattern, isDate } from '../../domain/roster/dates.js';
import type { Leave } from '../../domain/roster/roster.js';
import { idSchema, method } from '../method.js';

const byId = z.object({ id: idSchema }).strict();
const day = z.string().regex(dateSchemaPattern, { error: 'calendar.badDate' }).refine(isDate, { error: 'calendar.badDate' });

export const leaveFieldsSchema = z
  .object({
    personId: idSchema,
    from: day,
    to: day,
    reason: multiLineText(z.string({ error: 'leave.reasonRequired' }).trim().min(1, { error: 'leave.reasonRequired' }).max(100, { error: 'validation.tooLong' })),
  })
  .strict()
  .refine((l) => l.from <= l.to, { error: 'calendar.rangeOrder', path: ['to'] });

export const peopleMethods = {
  'people.list': method<Person[]>()(z.object({ includeInactive: z.boolean().optional() }).strict()),
  'people.create': method<Person>()(personFieldsSchema.strict()),
  'people.update': method<Person>()(personFieldsSchema.extend({ id: idSchema }).strict()),
  'people.deactivate': method<Person>()(byId),
  'people.reactivate': method<Person>()(byId),
  'people.leaveList': method<Leave[]>()(z.object({ includeWithdrawn: z.boolean().optional() }).strict()),
  'people.leaveAdd': method<Leave>()(leaveFieldsSchema),
  'people.leaveWithdraw': method<Leave>()(byId),
} as const;
