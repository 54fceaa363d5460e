// Pure code: runs anywhere. Contract methods of the shift handover (交接班).
import { z } from 'zod';
import { multiLineText, textField } from '../../domain/safe-text.js';
import type { Handover, RosterShift } from '../../domain/roster/roster.js';
import { baseVersionSchema, idSchema, method } from '../method.js';

export const handoverMethods = {
  /** The shift on duty at `at` (default now), and its handover record if one was started. */
  'handover.current': method<{ shift: RosterShift | null; record: Handover | null; previous: Handover | null }>()(
    z.object({ at: z.number().int().optional() }).strict(),
  ),
  /** Starts the outgoing shift's record, pre-filled (snapshot) from the incident log. */
  'handover.prepare': method<Handover>()(z.object({ shiftId: idSchema }).strict()),
  'handover.updateNotes': method<Handover>()(
    z.object({ id: idSchema, notes: multiLineText(z.string().max(4000, { error: 'validation.tooLong' })), baseVersion: baseVersionSchema }).strict(),
  ),
  'handover.acknowledge': method<Handover>()(
    z
      .object({
        id: idSchema,
        personId: idSchema,
        remarks: textField(2000, 'multiLine').default(''),
      })
      .strict(),
  ),
  'handover.list': method<Handover[]>()(z.object({ limit: z.number().int().min(1).max(500).optional() }).strict()),
} as const;
