// Runs in Electron's main process and in plain Node. All SQL for special periods, their daily
// reports and the ZERO_REPORT_MISSING flags.
import type { Channel } from '../../../shared/domain/channels.js';
import type { DailyReportRow, PeriodFields, SpecialPeriod, ZeroFlagRow } from '../../../shared/domain/special-period.js';
import { overdueMinutesAsOf } from '../../../shared/domain/rules/predicates.js';
import { statement, type Db } from '../connection.js';

interface PeriodDbRow {
  id: number;
  name: string;
  start_day: string;
  end_day: string;
  cutoff: string;
  unit_ids: string;
  covers: string;
  notes: string;
  created_at: number;
  created_by: string;
  updated_at: number;
}

const toPeriod = (r: PeriodDbRow): SpecialPeriod => ({
  id: r.id,
  name: r.name,
  startDay: r.start_day,
  endDay: r.end_day,
  cutoff: r.cutoff,
  unitIds: JSON.parse(r.unit_ids) as number[],
  covers: JSON.parse(r.covers) as string[],
  notes: r.notes,
  createdAt: r.created_at,
  createdBy: r.created_by,
  updatedAt: r.updated_at,
});

export function listPeriods(db: Db): SpecialPeriod[] {
  return (statement(db, 'SELECT * FROM special_periods ORDER BY start_day DESC, id DESC').all() as PeriodDbRow[]).map(toPeriod);
}

export function findPeriod(db: Db, id: number): SpecialPeriod | undefined {
  const r = statement(db, 'SELECT * FROM special_periods WHERE id = ?').get(id) as PeriodDbRow | undefined;
  return r && toPeriod(r);
}

/** Periods with a day in [from, to] (inclusive, YYYY-MM-DD). */
export function periodsTouching(db: Db, from: string, to: string): SpecialPeriod[] {
  return (statement(db, 'SELECT * FROM special_periods WHERE start_day <= ? AND end_day >= ? ORDER BY start_day, id').all(to, from) as PeriodDbRow[]).map(toPeriod);
}

export function insertPeriod(db: Db, f: PeriodFields, actor: string, now: number): number {
  return Number(
    statement(db,
        `INSERT INTO special_periods (name, start_day, end_day, cutoff, unit_ids, covers, notes, created_at, created_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(f.name, f.startDay, f.endDay, f.cutoff, JSON.stringify(f.unitIds), JSON.stringify(f.covers), f.notes, now, actor, now).lastInsertRowid,
  );
}

export function updatePeriodRow(db: Db, id: number, f: PeriodFields, now: number): void {
  statement(db,
    `UPDATE special_periods SET name = ?, start_day = ?, end_day = ?, cutoff = ?, unit_ids = ?, covers = ?, notes = ?, updated_at = ? WHERE id = ?`,
  ).run(f.name, f.startDay, f.endDay, f.cutoff, JSON.stringify(f.unitIds), JSON.stringify(f.covers), f.notes, now, id);
}

interface ReportDbRow {
  id: number;
  period_id: number;
  unit_id: number;
  unit_name: string;
  day: string;
  received_at: number;
  entered_at: number;
  nothing_to_report: number;
  contents: string;
  channel: string;
  note: string;
  source: string;
  corrects_id: number | null;
  correction_reason: string | null;
  actor: string;
  created_at: number;
}

const toReport = (r: ReportDbRow): DailyReportRow => ({
  id: r.id,
  periodId: r.period_id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  day: r.day,
  receivedAt: r.received_at,
  enteredAt: r.entered_at,
  nothingToReport: r.nothing_to_report === 1,
  contents: JSON.parse(r.contents) as Record<string, string>,
  channel: r.channel as Channel,
  note: r.note,
  source: r.source as DailyReportRow['source'],
  correctsId: r.corrects_id,
  correctionReason: r.correction_reason,
  actor: r.actor,
  createdAt: r.created_at,
});

const REPORT_SELECT = 'SELECT d.*, u.name AS unit_name FROM daily_reports d JOIN units u ON u.id = d.unit_id';

/** Every row logged for a period (reports and their corrections), in the order logged. */
export function reportsOfPeriod(db: Db, periodId: number): DailyReportRow[] {
  return (statement(db, `${REPORT_SELECT} WHERE d.period_id = ? ORDER BY d.id`).all(periodId) as ReportDbRow[]).map(toReport);
}

export function findReport(db: Db, id: number): DailyReportRow | undefined {
  const r = statement(db, `${REPORT_SELECT} WHERE d.id = ?`).get(id) as ReportDbRow | undefined;
  return r && toReport(r);
}

export type ReportWrite = Pick<
  DailyReportRow,
  'periodId' | 'unitId' | 'day' | 'receivedAt' | 'nothingToReport' | 'contents' | 'channel' | 'note' | 'source' | 'correctsId' | 'correctionReason'
>;

export function insertReport(db: Db, r: ReportWrite, actor: string, now: number): number {
  return Number(
    statement(
        db,
        `INSERT INTO daily_reports (period_id, unit_id, day, received_at, entered_at, nothing_to_report, contents, channel, note, source, corrects_id, correction_reason, actor, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(r.periodId, r.unitId, r.day, r.receivedAt, now, r.nothingToReport ? 1 : 0, JSON.stringify(r.contents), r.channel, r.note, r.source, r.correctsId, r.correctionReason, actor, now).lastInsertRowid,
  );
}

interface FlagDbRow {
  id: number;
  period_id: number;
  period_name: string;
  unit_id: number;
  unit_name: string;
  day: string;
  code: string;
  status: string;
  deadline: number;
  actual: number | null;
  minutes_late: number | null;
  report_id: number | null;
  on_duty_text: string | null;
  on_duty_ids: string | null;
  raised_at: number;
  updated_at: number;
  review: string;
  reviewed_by: string | null;
  review_reason: string | null;
  reviewed_at: number | null;
}

/** A stored flag; an overdue one is read as of `now` (it grows later every minute). */
function toZeroFlag(r: FlagDbRow, now: number): ZeroFlagRow {
  const minutesLate = r.status === 'overdue' ? overdueMinutesAsOf(r.deadline, now) : r.minutes_late;
  return {
    id: r.id,
    periodId: r.period_id,
    periodName: r.period_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    day: r.day,
    code: 'ZERO_REPORT_MISSING',
    status: r.status as ZeroFlagRow['status'],
    deadline: r.deadline,
    actual: r.actual,
    minutesLate,
    reportId: r.report_id,
    onDutyText: r.on_duty_text,
    raisedAt: r.raised_at,
    updatedAt: r.updated_at,
    review: r.review as ZeroFlagRow['review'],
    reviewedBy: r.reviewed_by,
    reviewReason: r.review_reason,
    reviewedAt: r.reviewed_at,
  };
}

const FLAG_SELECT = `SELECT f.*, p.name AS period_name, u.name AS unit_name FROM zero_flags f
  JOIN special_periods p ON p.id = f.period_id JOIN units u ON u.id = f.unit_id`;

export function zeroFlagsOfPeriod(db: Db, periodId: number, now: number): ZeroFlagRow[] {
  return (statement(db, `${FLAG_SELECT} WHERE f.period_id = ? ORDER BY f.day, f.unit_id`).all(periodId) as FlagDbRow[]).map((r) => toZeroFlag(r, now));
}

export function findZeroFlag(db: Db, id: number, now: number): ZeroFlagRow | undefined {
  const r = statement(db, `${FLAG_SELECT} WHERE f.id = ?`).get(id) as FlagDbRow | undefined;
  return r && toZeroFlag(r, now);
}

/** Live (not cleared) flags whose deadline is in [from, to), or, with `review`, those reviewed so. */
export function zeroFlagsBetweenRows(db: Db, from: number, to: number, now: number, review?: ZeroFlagRow['review'] | 'all'): ZeroFlagRow[] {
  const rows = statement(db, `${FLAG_SELECT} WHERE f.status != 'cleared' AND f.deadline >= ? AND f.deadline < ? AND (? = 'all' OR f.review = ?) ORDER BY f.deadline, f.unit_id`)
    .all(from, to, review ?? 'all', review ?? 'all') as FlagDbRow[];
  return rows.map((r) => toZeroFlag(r, now));
}

export function zeroFlagQueue(db: Db, review: ZeroFlagRow['review'] | 'all', now: number): ZeroFlagRow[] {
  const rows = statement(db, `${FLAG_SELECT} WHERE f.status != 'cleared' AND (? = 'all' OR f.review = ?) ORDER BY f.deadline DESC, f.unit_id LIMIT 500`)
    .all(review, review) as FlagDbRow[];
  return rows.map((r) => toZeroFlag(r, now));
}

export interface ZeroFlagWrite {
  periodId: number;
  unitId: number;
  day: string;
  status: 'late' | 'overdue' | 'cleared';
  deadline: number;
  actual: number | null;
  minutesLate: number | null;
  reportId: number | null;
  onDutyText: string | null;
  onDutyIds: string | null;
}

export function insertZeroFlag(db: Db, f: ZeroFlagWrite, now: number): number {
  return Number(
    statement(
        db,
        `INSERT INTO zero_flags (period_id, unit_id, day, status, deadline, actual, minutes_late, report_id, on_duty_text, on_duty_ids, raised_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(f.periodId, f.unitId, f.day, f.status, f.deadline, f.actual, f.minutesLate, f.reportId, f.onDutyText, f.onDutyIds, now, now).lastInsertRowid,
  );
}

export function updateZeroFlag(db: Db, id: number, f: ZeroFlagWrite, now: number): void {
  statement(
    db,
    `UPDATE zero_flags SET status = ?, deadline = ?, actual = ?, minutes_late = ?, report_id = ?, on_duty_text = ?, on_duty_ids = ?, updated_at = ? WHERE id = ?`,
  ).run(f.status, f.deadline, f.actual, f.minutesLate, f.reportId, f.onDutyText, f.onDutyIds, now, id);
}

export function setZeroFlagReview(db: Db, id: number, decision: 'confirmed' | 'dismissed', leader: string, reason: string, now: number): void {
  statement(db, 'UPDATE zero_flags SET review = ?, reviewed_by = ?, review_reason = ?, reviewed_at = ?, updated_at = ? WHERE id = ?').run(decision, leader, reason, now, now, id);
}

/** Stored rows of a period keyed by unit and day, for re-judging. */
export function zeroFlagKeys(db: Db, periodId: number): Map<string, { id: number; status: string; deadline: number; actual: number | null; reportId: number | null; onDutyText: string | null; onDutyIds: string | null; minutesLate: number | null }> {
  const rows = statement(db, 'SELECT id, unit_id, day, status, deadline, actual, report_id, on_duty_text, on_duty_ids, minutes_late FROM zero_flags WHERE period_id = ?').all(periodId) as {
    id: number;
    unit_id: number;
    day: string;
    status: string;
    deadline: number;
    actual: number | null;
    report_id: number | null;
    on_duty_text: string | null;
    on_duty_ids: string | null;
    minutes_late: number | null;
  }[];
  return new Map(rows.map((r) => [`${r.unit_id}|${r.day}`, { id: r.id, status: r.status, deadline: r.deadline, actual: r.actual, reportId: r.report_id, onDutyText: r.on_duty_text, onDutyIds: r.on_duty_ids, minutesLate: r.minutes_late }]));
}
