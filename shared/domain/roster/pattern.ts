// Pure domain code: runs anywhere. The shift pattern (班次设置): the shifts of a duty day, each
// starting at a local time in the duty room's zone, and how many leaders and officers each needs.
// A shift ends where the next one starts, so the shifts of a pattern always cover the day.
import { z } from 'zod';

export interface ShiftDef {
  name: string;
  /** HH:MM local. */
  start: string;
}

export interface Staffing {
  leaders: number;
  officers: number;
}

export interface ShiftPattern {
  shifts: ShiftDef[];
  staffing: Staffing;
}

export const DEFAULT_PATTERN: ShiftPattern = { shifts: [{ name: '全天', start: '08:30' }], staffing: { leaders: 1, officers: 2 } };
export const DAY_NIGHT_PATTERN: ShiftPattern = {
  shifts: [
    { name: '白班', start: '08:30' },
    { name: '夜班', start: '20:30' },
  ],
  staffing: { leaders: 1, officers: 2 },
};

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'roster.badTime' });
export const staffingSchema = z.object({
  leaders: z.number().int().min(0, { error: 'roster.badStaffing' }).max(5, { error: 'roster.badStaffing' }),
  officers: z.number().int().min(0, { error: 'roster.badStaffing' }).max(10, { error: 'roster.badStaffing' }),
});

export const shiftPatternSchema = z
  .object({
    shifts: z
      .array(z.object({ name: z.string().trim().min(1, { error: 'roster.shiftNameRequired' }).max(10), start: hhmm }).strict())
      .min(1, { error: 'roster.shiftsRequired' })
      .max(4),
    staffing: staffingSchema.strict(),
  })
  .strict()
  .refine((p) => p.shifts.every((s, i) => i === 0 || s.start > p.shifts[i - 1]!.start), { error: 'roster.shiftsOrder', path: ['shifts'] });
