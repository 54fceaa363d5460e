// Runs in Electron's main process and in plain Node. Judges a special period's daily reports with
// shared/domain/zero-reports.ts and stores ZERO_REPORT_MISSING flags: one per unit and day, keeping
// its identity while its verdict moves (overdue → late when the report comes after the cutoff); a
// flag the rules no longer raise is marked cleared, never deleted; every change audited. Called in
// the write transaction of every change and by the rules clock.
import type { DailyReportRow, SpecialPeriod } from '../../../shared/domain/special-period.js';
import { judgeDailyReports, reportingDayOf, zeroReportFlags, type ReportingPeriod } from '../../../shared/domain/zero-reports.js';
import { standingRows } from '../../../shared/domain/standing-rows.js';
import * as repo from '../../db/repositories/periods.js';
import { reconcileFlags } from '../flag-reconcile.js';
import { inWriteTransaction, type ServiceContext } from '../context.js';
import { completeDutyAtDeadline } from '../roster/on-duty.js';
import { getSettings } from '../settings.js';

/** The rows that stand: a row corrected by a later one gives way to it. */
export function effectiveReports(rows: readonly DailyReportRow[]): DailyReportRow[] {
  return standingRows(rows);
}

/** The period as the pure judge sees it: units named by their id (names can change). */
export function toJudged(p: SpecialPeriod, units?: readonly { id: number }[]): ReportingPeriod {
  return { name: p.name, startDay: p.startDay, endDay: p.endDay, cutoff: p.cutoff, units: (units ?? p.unitIds.map((id) => ({ id }))).map((u) => String(u.id)), covers: p.covers };
}

/** Re-judges one period at ctx.now() up to today; inside the caller's transaction. Returns the changes. */
export function judgePeriod(ctx: ServiceContext, p: SpecialPeriod, method: string): number {
  if (!ctx.db.inTransaction) throw new Error('judgePeriod must run inside the write transaction');
  const tz = getSettings(ctx).timeZone;
  const now = ctx.now();
  const today = reportingDayOf(now, tz);
  if (p.startDay > today) return 0;
  const effective = effectiveReports(repo.reportsOfPeriod(ctx.db, p.id));
  const firstId = new Map<string, number>();
  for (const r of [...effective].sort((a, b) => a.receivedAt - b.receivedAt || a.id - b.id)) {
    const k = `${r.unitId}|${r.day}`;
    if (!firstId.has(k)) firstId.set(k, r.id);
  }
  const entries = judgeDailyReports(toJudged(p), effective.map((r) => ({ unit: String(r.unitId), day: r.day, receivedAt: r.receivedAt, nothingToReport: r.nothingToReport })), now, tz, today);
  const judged = new Map<string, repo.ZeroFlagWrite>();
  for (const f of zeroReportFlags(entries)) {
    const key = `${f.unit}|${f.day}`;
    judged.set(key, {
      periodId: p.id,
      unitId: Number(f.unit),
      day: f.day,
      status: f.status,
      deadline: f.deadline,
      actual: f.actual,
      // Overdue flags are read as of now; the stored figure is the one at the last change.
      minutesLate: f.minutesLate,
      reportId: f.actual === null ? null : firstId.get(key) ?? null,
      onDutyText: null,
      onDutyIds: null,
    });
  }
  const keyParts = (key: string) => key.split('|') as [string, string];
  const changes = reconcileFlags(ctx, {
    entity: 'zero_flag',
    method,
    existing: new Map([...repo.zeroFlagKeys(ctx.db, p.id)].map(([key, old]) => [key, { ...old, key }])),
    judged,
    same: (old, w) => old.status === w.status && old.deadline === w.deadline && old.actual === w.actual && old.reportId === w.reportId,
    clearedOf: (old) => {
      const [unitId, day] = keyParts(old.key);
      return { periodId: p.id, unitId: Number(unitId), day, status: 'cleared' as const, deadline: old.deadline, actual: old.actual, minutesLate: old.minutesLate, reportId: old.reportId, onDutyText: old.onDutyText, onDutyIds: old.onDutyIds };
    },
    complete: (w, old) => completeDutyAtDeadline(ctx, w, old),
    insert: (w) => repo.insertZeroFlag(ctx.db, w, now),
    update: (old, w) => repo.updateZeroFlag(ctx.db, old.id, w, now),
    before: (old) => ({ status: old.status, deadline: old.deadline, actual: old.actual }),
    after: (w) => ({ periodId: p.id, unitId: w.unitId, day: w.day, status: w.status, deadline: w.deadline, actual: w.actual, minutesLate: w.minutesLate, onDuty: w.onDutyText }),
  });
  return changes.length;
}

/**
 * The clock's tick: re-judges the periods running today or yesterday (a late report for an older
 * day re-judges its period when it is logged). Returns the periods looked at and the changes.
 */
export function runZeroClock(ctx: ServiceContext): { periods: number; changed: number } {
  const tz = getSettings(ctx).timeZone;
  const now = ctx.now();
  const today = reportingDayOf(now, tz);
  const yesterday = reportingDayOf(now - 86_400_000, tz);
  const periods = repo.periodsTouching(ctx.db, yesterday, today);
  if (periods.length === 0) return { periods: 0, changed: 0 };
  return inWriteTransaction(ctx, () => {
    let changed = 0;
    for (const p of periods) changed += judgePeriod(ctx, p, 'rules.clock');
    return { periods: periods.length, changed };
  });
}
