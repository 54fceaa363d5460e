// Pure code: runs anywhere. Contract methods of the duty roster.
import { z } from 'zod';
import type { OnDutyNowAndNext } from '../../domain/on-duty.js';
import { method } from '../method.js';

export const rosterMethods = {
  /** Who is on duty at `at` (default now) and in the shift after. */
  'roster.onDuty': method<OnDutyNowAndNext>()(z.object({ at: z.number().int().optional() }).strict()),
} as const;
