// Pure domain code: runs anywhere. What is stored and shown for special periods (重点时段) and the
// daily reports units send in them (每日报告 / 零报告), with the input schemas of their forms. The
// judging itself is shared/domain/zero-reports.ts. zod error messages are i18n keys.
import { z } from 'zod';
import { instantSchema } from './incident-time.js';
import { textField } from './safe-text.js';
import { CHANNELS, type Channel } from './channels.js';
import { DEFAULT_ZERO_REPORT_CUTOFF } from './zero-reports.js';

/** What "nothing to report" is written as, for the whole report or one item. */
export const NOTHING = '无';

export interface SpecialPeriod {
  id: number;
  name: string;
  startDay: string;
  endDay: string;
  cutoff: string;
  unitIds: number[];
  covers: string[];
  notes: string;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
}

export interface DailyReportRow {
  id: number;
  periodId: number;
  unitId: number;
  unitName: string;
  day: string;
  receivedAt: number;
  enteredAt: number;
  nothingToReport: boolean;
  /** Covered item -> what the unit said ('无' for nothing). */
  contents: Record<string, string>;
  channel: Channel;
  note: string;
  source: 'manual' | 'import';
  correctsId: number | null;
  correctionReason: string | null;
  actor: string;
  createdAt: number;
}

/** A row of one unit and day as the cell shows it: who logged it, by name. */
export interface CellReportRow extends DailyReportRow {
  actorName: string;
}

export type CellStatus = 'on_time' | 'late' | 'missing' | 'pending' | 'not_required';

export interface ZeroFlagRow {
  id: number;
  periodId: number;
  periodName: string;
  unitId: number;
  unitName: string;
  day: string;
  code: 'ZERO_REPORT_MISSING';
  status: 'late' | 'overdue' | 'cleared';
  deadline: number;
  actual: number | null;
  minutesLate: number | null;
  reportId: number | null;
  onDutyText: string | null;
  raisedAt: number;
  updatedAt: number;
  review: 'pending' | 'confirmed' | 'dismissed';
  reviewedBy: string | null;
  reviewReason: string | null;
  reviewedAt: number | null;
}

export interface GridCell {
  status: CellStatus;
  /** The report judged (the first received for the day), or null. */
  reportId: number | null;
  receivedAt: number | null;
  minutesLate: number | null;
  /** How many rows (the report and its corrections) were logged for the cell. */
  rows: number;
}

export interface PeriodGrid {
  period: SpecialPeriod;
  now: number;
  /** Today in the duty room's zone (highlighted when inside the period). */
  today: string;
  days: string[];
  units: { id: number; name: string }[];
  /** cells[unitIndex][dayIndex] */
  cells: GridCell[][];
  /** Cutoff instant of each day. */
  deadlines: number[];
}

/** Today's state of one period for the dashboard: the countdown and who is still missing. */
export interface ZeroToday {
  periodId: number;
  name: string;
  day: string;
  deadline: number;
  reported: { id: number; name: string; late: boolean }[];
  /** Designated units without a report (pending before the cutoff, missing after). */
  missing: { id: number; name: string }[];
}

/** One row of the bulletin's 零报告 sheet (seam: zeroReportsOfDay). */
export interface ZeroReportOfDay {
  unitId: number;
  unit: string;
  periodId: number;
  period: string;
  cutoff: number;
  receivedAt: number | null;
  status: 'on_time' | 'late' | 'missing' | 'pending';
  /** What the report said, as one line ('无' for a zero report); '' when there is none. */
  content: string;
}

const day = z.string({ error: 'period.dayInvalid' }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'period.dayInvalid' }).refine((d) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
}, { error: 'period.dayInvalid' });
const text = textField;
const instant = instantSchema;
const id = z.number({ error: 'validation.id' }).int({ error: 'validation.id' }).positive({ error: 'validation.id' });

export const periodFieldsSchema = z
  .object({
    name: text(60).min(1, { error: 'period.nameRequired' }),
    startDay: day,
    endDay: day,
    cutoff: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'period.cutoffInvalid' }).default(DEFAULT_ZERO_REPORT_CUTOFF),
    unitIds: z.array(id).min(1, { error: 'period.unitsRequired' }).max(500),
    covers: z.array(text(30).min(1, { error: 'period.coverInvalid' })).max(20).default([]),
    notes: text(1000, 'multiLine').default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.endDay < v.startDay) ctx.addIssue({ code: 'custom', path: ['endDay'], message: 'period.endBeforeStart' });
    if (new Set(v.unitIds).size !== v.unitIds.length) ctx.addIssue({ code: 'custom', path: ['unitIds'], message: 'period.unitTwice' });
    if (new Set(v.covers).size !== v.covers.length) ctx.addIssue({ code: 'custom', path: ['covers'], message: 'period.coverTwice' });
  });
export type PeriodFields = z.output<typeof periodFieldsSchema>;

export const dailyReportSchema = z
  .object({
    periodId: id,
    unitId: id,
    day,
    receivedAt: instant,
    nothingToReport: z.boolean().default(false),
    contents: z.record(text(30), text(500, 'multiLine')).default({}),
    channel: z.enum(CHANNELS).default('phone'),
    note: text(500, 'multiLine').default(''),
    correctsId: id.nullable().default(null),
    correctionReason: text(200, 'multiLine').nullable().default(null),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.correctsId !== null && !v.correctionReason)
      ctx.addIssue({ code: 'custom', path: ['correctionReason'], message: 'incident.correctionReasonRequired' });
  });
export type DailyReportInput = z.output<typeof dailyReportSchema>;

/** A report's contents as one line: "雨情：无；险情：2 处". */
export function contentLine(r: Pick<DailyReportRow, 'nothingToReport' | 'contents' | 'note'>, covers: readonly string[]): string {
  if (r.nothingToReport) return NOTHING;
  const items = covers.filter((c) => r.contents[c] !== undefined).map((c) => `${c}：${r.contents[c]}`);
  for (const [k, v] of Object.entries(r.contents)) if (!covers.includes(k)) items.push(`${k}：${v}`);
  if (r.note) items.push(r.note);
  return items.join('；') || NOTHING;
}
