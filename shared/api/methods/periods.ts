// Pure code: runs anywhere. Contract methods of special periods (重点时段) and their daily reports
// (每日报告 / 零报告): periods.*.
import { z } from 'zod';
import { lineText, multiLineText } from '../../domain/safe-text.js';
import {
  dailyReportSchema,
  periodFieldsSchema,
  type CellReportRow,
  type DailyReportRow,
  type PeriodGrid,
  type SpecialPeriod,
  type ZeroFlagRow,
  type ZeroToday,
} from '../../domain/special-period.js';
import type { FilePayload } from '../file-payload.js';
import { idSchema, method, noInput } from '../method.js';

const byId = z.object({ id: idSchema }).strict();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'period.dayInvalid' });
// 5 MB of file is about 7 MB of base64; anything bigger is refused here with a clear message.
const MAX_BASE64 = 7_000_000;

export const periodMethods = {
  'periods.list': method<SpecialPeriod[]>()(noInput),
  'periods.create': method<SpecialPeriod>()(periodFieldsSchema),
  /** An audited change of a period's settings, with a reason. */
  'periods.update': method<SpecialPeriod>()(
    z.object({ id: idSchema, fields: periodFieldsSchema, reason: multiLineText(z.string().trim().min(1, { error: 'period.reasonRequired' }).max(200, { error: 'validation.tooLong' })) }).strict(),
  ),
  /** Units × days of a period, each cell judged now. */
  'periods.grid': method<PeriodGrid>()(byId),
  /** One unit's daily report (or a correction of one, with its reason). */
  'periods.logReport': method<DailyReportRow>()(dailyReportSchema),
  /** The rows logged for one cell of the grid, oldest first. */
  'periods.cell': method<CellReportRow[]>()(z.object({ periodId: idSchema, unitId: idSchema, day }).strict()),
  /** For the dashboard: each period running today, its cutoff, who has and has not reported. */
  'periods.today': method<ZeroToday[]>()(noInput),
  'periods.flags': method<ZeroFlagRow[]>()(z.object({ periodId: idSchema.optional(), review: z.enum(['pending', 'confirmed', 'dismissed', 'all']).default('all') }).strict()),
  'periods.reviewFlag': method<ZeroFlagRow>()(
    z
      .object({
        flagId: idSchema,
        decision: z.enum(['confirmed', 'dismissed']),
        leader: lineText(z.string().trim().min(1, { error: 'flag.leaderRequired' }).max(30)),
        reason: multiLineText(z.string().trim().min(2, { error: 'flag.reasonRequired' }).max(1000)),
      })
      .strict(),
  ),
  /** The 每日报告 template of a period, pre-filled with its units for a day (default today). */
  'periods.template': method<FilePayload>()(z.object({ periodId: idSchema, day: day.optional() }).strict()),
  /** All-or-nothing import of a filled 每日报告 sheet. */
  'periods.importReports': method<{ imported: number; skipped: number }>()(
    z.object({ periodId: idSchema, contentBase64: z.string().min(1).max(MAX_BASE64, { error: 'excelImport.tooLargeInput' }) }).strict(),
  ),
} as const;
