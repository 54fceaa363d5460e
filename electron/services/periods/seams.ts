// Runs in Electron's main process and in plain Node. What other parts read of the daily reports
// in special periods: the bulletin's 零报告 sheet (zeroReportsOfDay), its 迟报漏报 sheet
// (zeroFlagsBetween), and the period report and the unit ledger (zeroCountsByUnit).
import { dutyDayOf } from '../../../shared/domain/duty-day.js';
import { contentLine, type ZeroFlagRow, type ZeroReportOfDay } from '../../../shared/domain/special-period.js';
import { cutoffOf, judgeDailyReports, reportingDayOf } from '../../../shared/domain/zero-reports.js';
import { byReceivedAt } from '../../../shared/domain/rules/predicates.js';
import * as repo from '../../db/repositories/periods.js';
import { findUnit } from '../../db/repositories/units.js';
import type { ServiceContext } from '../context.js';
import { getSettings } from '../settings.js';
import { effectiveReports, toJudged } from './judge.js';

/**
 * Each designated unit's daily report for a day, or its absence, in every period running that day.
 * `dutyDayOrDate` is a day (YYYY-MM-DD: the duty day D, whose cutoff of D falls inside it with the
 * default 08:30 boundary and 16:00 cutoff) or an instant (its duty day). Status is judged at now:
 * 'pending' before the cutoff of a day not yet past.
 */
export function zeroReportsOfDay(ctx: Pick<ServiceContext, 'db' | 'now'>, dutyDayOrDate: string | number): ZeroReportOfDay[] {
  const s = getSettings(ctx);
  const day = typeof dutyDayOrDate === 'number' ? dutyDayOf(dutyDayOrDate, { timeZone: s.timeZone, boundary: s.dutyBoundary }) : dutyDayOrDate;
  const out: ZeroReportOfDay[] = [];
  for (const p of repo.periodsTouching(ctx.db, day, day)) {
    const rows = effectiveReports(repo.reportsOfPeriod(ctx.db, p.id)).filter((r) => r.day === day);
    const entries = judgeDailyReports(
      { ...toJudged(p), startDay: day, endDay: day },
      rows.map((r) => ({ unit: String(r.unitId), day: r.day, receivedAt: r.receivedAt, nothingToReport: r.nothingToReport })),
      ctx.now(),
      s.timeZone,
    );
    for (const e of entries) {
      const unitId = Number(e.unit);
      const first = rows.filter((r) => r.unitId === unitId).sort((a, b) => byReceivedAt(a, b) || a.id - b.id)[0];
      out.push({
        unitId,
        unit: findUnit(ctx.db, unitId)?.name ?? `#${unitId}`,
        periodId: p.id,
        period: p.name,
        cutoff: cutoffOf(day, p.cutoff, s.timeZone),
        receivedAt: e.receivedAt,
        status: e.status,
        content: first ? contentLine(first, p.covers) : '',
      });
    }
  }
  return out;
}

/** The zero-report flags (late or missing, not cleared) whose cutoff is in [fromMs, toMs). */
export function zeroFlagsBetween(ctx: Pick<ServiceContext, 'db' | 'now'>, fromMs: number, toMs: number): ZeroFlagRow[] {
  return repo.zeroFlagsBetweenRows(ctx.db, fromMs, toMs, ctx.now());
}

/**
 * Per unit id, its missing and late daily reports whose cutoff is in [fromMs, toMs), from the
 * stored flags (a dismissed flag does not count: the leader verified the unit was not at fault).
 */
export function zeroCountsByUnit(ctx: Pick<ServiceContext, 'db' | 'now'>, fromMs: number, toMs: number): Map<number, { missing: number; late: number }> {
  const out = new Map<number, { missing: number; late: number }>();
  for (const f of zeroFlagsBetween(ctx, fromMs, toMs)) {
    if (f.review === 'dismissed') continue;
    const c = out.get(f.unitId) ?? { missing: 0, late: 0 };
    if (f.status === 'overdue') c.missing++;
    else c.late++;
    out.set(f.unitId, c);
  }
  return out;
}

/** Today's local date, as the daily reports name days. */
export function todayOf(ctx: Pick<ServiceContext, 'db' | 'now'>): string {
  return reportingDayOf(ctx.now(), getSettings(ctx).timeZone);
}
