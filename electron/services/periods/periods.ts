// Runs in Electron's main process and in plain Node. Special periods (重点时段) and the daily
// reports units send in them (每日报告 / 零报告): periods are created and changed by audited writes,
// reports (and their corrections) are new rows, and every write re-judges the period's
// ZERO_REPORT_MISSING flags (judge.ts). Never deleted.
import { AppError } from '../../../shared/api/app-error.js';
import {
  type CellReportRow,
  type DailyReportInput,
  type DailyReportRow,
  type GridCell,
  type PeriodFields,
  type PeriodGrid,
  type SpecialPeriod,
  type ZeroFlagRow,
  type ZeroToday,
} from '../../../shared/domain/special-period.js';
import { cutoffOf, daysOf, judgeDailyReports, reportingDayOf } from '../../../shared/domain/zero-reports.js';
import * as repo from '../../db/repositories/periods.js';
import { findUnit } from '../../db/repositories/units.js';
import { actorNamer } from '../actors.js';
import { appendAudit } from '../audit.js';
import { inWriteTransaction, type ServiceContext } from '../context.js';
import { assertPending } from '../versions.js';
import { getSettings } from '../settings.js';
import { effectiveReports, judgePeriod, toJudged } from './judge.js';

export function listPeriods(ctx: Pick<ServiceContext, 'db'>): SpecialPeriod[] {
  return repo.listPeriods(ctx.db);
}

export function getPeriod(ctx: Pick<ServiceContext, 'db'>, id: number): SpecialPeriod {
  const p = repo.findPeriod(ctx.db, id);
  if (!p) throw new AppError('not_found', 'period.notFound', { id });
  return p;
}

function checkUnits(ctx: ServiceContext, unitIds: readonly number[]): void {
  for (const id of unitIds) if (!findUnit(ctx.db, id)) throw new AppError('invalid_input', 'period.unitUnknown', { id });
}

function checkLength(f: PeriodFields): void {
  if (daysOf(f).length > 366) throw new AppError('invalid_input', 'period.tooLong');
}

export function createPeriod(ctx: ServiceContext, f: PeriodFields, method = 'periods.create'): SpecialPeriod {
  checkUnits(ctx, f.unitIds);
  checkLength(f);
  return inWriteTransaction(ctx, () => {
    const id = repo.insertPeriod(ctx.db, f, ctx.actor, ctx.now());
    const p = repo.findPeriod(ctx.db, id)!;
    appendAudit(ctx, { method, entity: 'special_period', entityId: id, before: null, after: p });
    judgePeriod(ctx, p, method);
    return p;
  });
}

/** An audited change of a period's settings, with a reason (the old values stay in the audit log). */
export function updatePeriod(ctx: ServiceContext, id: number, f: PeriodFields, reason: string, method = 'periods.update'): SpecialPeriod {
  checkUnits(ctx, f.unitIds);
  checkLength(f);
  return inWriteTransaction(ctx, () => {
    const before = getPeriod(ctx, id);
    repo.updatePeriodRow(ctx.db, id, f, ctx.now());
    const after = repo.findPeriod(ctx.db, id)!;
    appendAudit(ctx, { method, entity: 'special_period', entityId: id, before, after: { ...after, reason } });
    judgePeriod(ctx, after, method);
    return after;
  });
}

/** Checks one report against its period; returns the period. Throws AppError naming the problem. */
export function checkReport(ctx: ServiceContext, r: Pick<DailyReportInput, 'periodId' | 'unitId' | 'day' | 'contents' | 'correctsId'>): SpecialPeriod {
  const p = getPeriod(ctx, r.periodId);
  if (!p.unitIds.includes(r.unitId)) {
    const u = findUnit(ctx.db, r.unitId);
    throw new AppError('invalid_input', 'period.unitNotDesignated', { unit: u?.name ?? String(r.unitId), period: p.name });
  }
  if (r.day < p.startDay || r.day > p.endDay) throw new AppError('invalid_input', 'period.dayOutside', { day: r.day, period: p.name, from: p.startDay, to: p.endDay });
  for (const k of Object.keys(r.contents)) if (!p.covers.includes(k)) throw new AppError('invalid_input', 'period.itemUnknown', { item: k, items: p.covers.join('、') });
  if (r.correctsId !== null) {
    const old = repo.findReport(ctx.db, r.correctsId);
    if (!old || old.periodId !== r.periodId || old.unitId !== r.unitId || old.day !== r.day) throw new AppError('invalid_input', 'period.correctsOther');
  }
  return p;
}

/** Logs one daily report (or a correction of one) and re-judges the period. */
export function logReport(ctx: ServiceContext, r: DailyReportInput, method = 'periods.logReport'): DailyReportRow {
  return inWriteTransaction(ctx, () => {
    const p = checkReport(ctx, r);
    const id = insertDailyReport(ctx, r, 'manual', method);
    judgePeriod(ctx, p, method);
    return repo.findReport(ctx.db, id)!;
  });
}

/** The insert and its audit row; the caller holds the transaction and re-judges. */
export function insertDailyReport(ctx: ServiceContext, r: DailyReportInput, source: 'manual' | 'import', method: string): number {
  const write: repo.ReportWrite = { ...r, source };
  const id = repo.insertReport(ctx.db, write, ctx.actor, ctx.now());
  appendAudit(ctx, { method, entity: 'daily_report', entityId: id, before: null, after: write });
  return id;
}

/** The rows logged for one unit and day (the report and its corrections), oldest first. */
export function reportsOfCell(ctx: ServiceContext, periodId: number, unitId: number, day: string): CellReportRow[] {
  const nameOf = actorNamer(ctx);
  return repo.reportsOfPeriod(ctx.db, periodId)
    .filter((r) => r.unitId === unitId && r.day === day)
    .map((r) => ({ ...r, actorName: nameOf(r.actor) }));
}

/** The grid of units × days, each cell judged at now. */
export function periodGrid(ctx: ServiceContext, periodId: number): PeriodGrid {
  const period = getPeriod(ctx, periodId);
  const tz = getSettings(ctx).timeZone;
  const now = ctx.now();
  const today = reportingDayOf(now, tz);
  const all = repo.reportsOfPeriod(ctx.db, periodId);
  const effective = effectiveReports(all);
  const units = period.unitIds.map((id) => ({ id, name: findUnit(ctx.db, id)?.name ?? `#${id}` }));
  const entries = judgeDailyReports(toJudged(period, units), effective.map((r) => ({ unit: String(r.unitId), day: r.day, receivedAt: r.receivedAt, nothingToReport: r.nothingToReport })), now, tz);
  const days = daysOf(period);
  const byKey = new Map(entries.map((e) => [`${e.unit}|${e.day}`, e]));
  const firstOf = new Map<string, DailyReportRow>();
  for (const r of effective) {
    const k = `${r.unitId}|${r.day}`;
    const seen = firstOf.get(k);
    if (!seen || r.receivedAt < seen.receivedAt) firstOf.set(k, r);
  }
  const rowsOf = new Map<string, number>();
  for (const r of all) rowsOf.set(`${r.unitId}|${r.day}`, (rowsOf.get(`${r.unitId}|${r.day}`) ?? 0) + 1);
  const cells: GridCell[][] = units.map((u) =>
    days.map((d) => {
      const k = `${u.id}|${d}`;
      const e = byKey.get(k)!;
      // A day not yet begun owes nothing yet.
      const status = e.status === 'pending' && d > today ? 'not_required' : e.status;
      return { status, reportId: firstOf.get(k)?.id ?? null, receivedAt: e.receivedAt, minutesLate: e.minutesLate, rows: rowsOf.get(k) ?? 0 };
    }),
  );
  return { period, now, today, days, units, cells, deadlines: days.map((d) => cutoffOf(d, period.cutoff, tz)) };
}

/** For the dashboard: each period running today, its cutoff and who has reported or not. */
export function zeroToday(ctx: ServiceContext): ZeroToday[] {
  const tz = getSettings(ctx).timeZone;
  const today = reportingDayOf(ctx.now(), tz);
  return repo.periodsTouching(ctx.db, today, today).map((p) => {
    const grid = periodGrid(ctx, p.id);
    const k = grid.days.indexOf(today);
    const reported: ZeroToday['reported'] = [];
    const missing: ZeroToday['missing'] = [];
    grid.units.forEach((u, i) => {
      const c = grid.cells[i]![k]!;
      if (c.status === 'on_time' || c.status === 'late') reported.push({ ...u, late: c.status === 'late' });
      else missing.push(u);
    });
    return { periodId: p.id, name: p.name, day: today, deadline: grid.deadlines[k]!, reported, missing };
  });
}

/** The ZERO_REPORT_MISSING flags awaiting (or given) a leader's review. */
export function zeroFlagQueue(ctx: ServiceContext, review: ZeroFlagRow['review'] | 'all'): ZeroFlagRow[] {
  return repo.zeroFlagQueue(ctx.db, review, ctx.now());
}

export function zeroFlagsOfPeriod(ctx: ServiceContext, periodId: number): ZeroFlagRow[] {
  return repo.zeroFlagsOfPeriod(ctx.db, getPeriod(ctx, periodId).id, ctx.now());
}

/** A leader confirms or dismisses a zero-report flag with a written reason. */
export function reviewZeroFlag(
  ctx: ServiceContext,
  input: { flagId: number; decision: 'confirmed' | 'dismissed'; leader: string; reason: string },
  method = 'periods.reviewFlag',
): ZeroFlagRow {
  return inWriteTransaction(ctx, () => {
    const before = repo.findZeroFlag(ctx.db, input.flagId, ctx.now());
    if (!before) throw new AppError('not_found', 'flag.notFound', { id: input.flagId });
    if (before.status === 'cleared') throw new AppError('conflict', 'flag.cleared');
    assertPending(ctx, before);
    repo.setZeroFlagReview(ctx.db, input.flagId, input.decision, input.leader, input.reason, ctx.now());
    const after = repo.findZeroFlag(ctx.db, input.flagId, ctx.now())!;
    appendAudit(ctx, { method, entity: 'zero_flag', entityId: input.flagId, before: { review: before.review }, after: { review: after.review, reviewedBy: after.reviewedBy, reviewReason: after.reviewReason, reviewedAt: after.reviewedAt } });
    return after;
  });
}
