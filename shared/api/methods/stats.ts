// Pure code: runs anywhere. Contract methods of the period report (统计分析): stats.*.
import { z } from 'zod';
import { DAY_BASES, isIsoDate, type PeriodReport } from '../../domain/stats.js';
import type { FilePayload } from '../file-payload.js';
import { method } from '../method.js';

const isoDate = z.string({ error: 'stats.dateInvalid' }).refine(isIsoDate, { error: 'stats.dateInvalid' });

/** A range of dates, both included, in the settings' zone; calendar days unless 'duty' is asked. */
export const periodInputSchema = z
  .object({ from: isoDate, to: isoDate, basis: z.enum(DAY_BASES).default('calendar') })
  .strict()
  .refine((v) => v.from <= v.to, { path: ['to'], error: 'stats.rangeReversed' });

export const statsMethods = {
  /** The figures of a period against the same period last year, the chart series and the unit ranking. */
  'stats.period': method<PeriodReport>()(periodInputSchema),
  /** The same as a print-ready Excel workbook. */
  'stats.export': method<FilePayload>()(periodInputSchema),
} as const;
