// Pure code: runs anywhere. Contract methods of the duty roster, check-in and the duty phone list.
import { z } from 'zod';
import { multiLineText, textField } from '../../domain/safe-text.js';
import type { OnDutyNowAndNext } from '../../domain/on-duty.js';
import { ROLES } from '../../domain/person.js';
import { monthSchemaPattern } from '../../domain/roster/dates.js';
import type { Proposal } from '../../domain/roster/generator.js';
import { shiftPatternSchema, type ShiftPattern } from '../../domain/roster/pattern.js';
import type { DutyPhoneRow, FixedRow, RosterChange, RosterMonth } from '../../domain/roster/roster.js';
import type { FilePayload } from '../file-payload.js';
import { baseVersionSchema, idSchema, method } from '../method.js';
import { handoverMethods } from './handover.js';
import { holidayMethods } from './holidays.js';
import { peopleMethods } from './people.js';

const month = z.string({ error: 'roster.badMonth' }).regex(monthSchemaPattern, { error: 'roster.badMonth' });
const reason = multiLineText(z.string({ error: 'roster.reasonRequired' }).trim().min(1, { error: 'roster.reasonRequired' }).max(200, { error: 'validation.tooLong' }));
const ids = z.array(idSchema).max(10);
const confirmedBy = z.array(idSchema).min(1, { error: 'roster.confirmRequired' }).max(4);
const slotKey = z.string().regex(/^\d{4}-\d{2}-\d{2}#\d$/, { error: 'roster.badSlot' });

export interface ImportResult {
  month: string;
  shifts: number;
  assignments: number;
}

export const rosterMethods = {
  /** Who is on duty at `at` (default now) and in the shift after. */
  'roster.onDuty': method<OnDutyNowAndNext>()(z.object({ at: z.number().int().optional() }).strict()),
  'roster.pattern': method<ShiftPattern>()(z.object({}).strict()),
  'roster.setPattern': method<ShiftPattern>()(shiftPatternSchema),
  'roster.month': method<RosterMonth>()(z.object({ month }).strict()),
  /** A proposal for the month; saves nothing. */
  /** Refused (roster.holidaysMissing) past the holidays entered, unless withoutHolidays. */
  'roster.generate': method<Proposal>()(z.object({ month, withoutHolidays: z.boolean().optional() }).strict()),
  /** Saves a (possibly edited) proposal as the month's roster; shifts already begun are kept. */
  'roster.save': method<RosterMonth>()(
    z
      .object({
        month,
        baseVersion: baseVersionSchema,
        shifts: z.array(z.object({ slotKey, leaders: ids, officers: ids }).strict()).max(31 * 4),
      })
      .strict(),
  ),
  /** Sets the people of one shift by hand, with a reason. */
  'roster.editShift': method<RosterMonth>()(
    z.object({ shiftId: idSchema, leaders: ids, officers: ids, reason, baseVersion: baseVersionSchema }).strict(),
  ),
  /** 换班: two people trade their shifts; confirmed by both or by a leader. */
  'roster.swap': method<RosterMonth>()(
    z.object({ shiftA: idSchema, personA: idSchema, shiftB: idSchema, personB: idSchema, reason, confirmedBy, baseVersion: baseVersionSchema }).strict(),
  ),
  /** 代班: someone takes a person's place on one shift; confirmed by both or by a leader. */
  'roster.substitute': method<RosterMonth>()(
    z.object({ shiftId: idSchema, personId: idSchema, substituteId: idSchema, reason, confirmedBy, baseVersion: baseVersionSchema }).strict(),
  ),
  'roster.history': method<RosterChange[]>()(z.object({ month }).strict()),
  'roster.phoneList': method<DutyPhoneRow[]>()(z.object({ month }).strict()),
  'roster.fixedList': method<FixedRow[]>()(z.object({ month }).strict()),
  'roster.fixedAdd': method<FixedRow>()(
    z.object({ slotKey, personId: idSchema, role: z.enum(ROLES), reason: textField(100, 'multiLine').default('') }).strict(),
  ),
  'roster.fixedCancel': method<FixedRow>()(z.object({ id: idSchema }).strict()),
  /** 接班签到: `shiftStart` names the shift (OnDuty.start); the time is the server's clock. */
  'roster.checkIn': method<OnDutyNowAndNext>()(z.object({ shiftStart: z.number().int(), personId: idSchema }).strict()),
  'roster.export': method<FilePayload>()(z.object({ month }).strict()),
  /** All-or-nothing import of a 值班表 workbook. */
  'roster.import': method<ImportResult>()(
    z.object({ contentBase64: z.string().min(1).max(20_000_000, { error: 'import.tooLargeInput' }), reason: textField(200, 'multiLine').default('') }).strict(),
  ),
  // The roster's neighbours, registered with it: people and leave, the holiday calendar, handover.
  ...peopleMethods,
  ...holidayMethods,
  ...handoverMethods,
} as const;
