// Runs in Electron's main process and in plain Node. What a span of time adds up to (incidents,
// deaths, missing, injured, direct loss) and the same span last year (去年同期). The period report
// is built on it, and so can the daily bulletin's month-to-date and year-to-date figures be:
//
//   compareWithLastYear(db, { from: '2026-01-01', to: '2026-11-24' }, { timeZone, boundary: '00:00' })
//
// Incidents count by their occurrence time (事发时间); each one's figures are its current ones
// (shared/domain/stats.ts `currentFigures`), as the engine keeps them on the incident's row.
import { dutyDayStart, type DutyClock } from '../../../shared/domain/duty-day.js';
import { sumNaturalFigures, takesNaturalFigures, type NaturalTotals } from '../../../shared/domain/natural-figures.js';
import { addCounts, addDays, sameRangeLastYear, zeroCounts, type DateRange, type PeriodCounts } from '../../../shared/domain/stats.js';
import type { Db } from '../../db/connection.js';
import { incidentsOccurredIn, reportsOfIncidentsOccurredIn, type StatIncidentRow, type StatReportRow } from '../../db/repositories/stats.js';

/** An incident that occurred in the span, with its counts. */
export interface StatFigures extends StatIncidentRow {
  /** Its current figures, as one incident's counts (incidents = 1). */
  counts: PeriodCounts;
}

export interface StatIncident extends StatFigures {
  /** Its reports in the order entered. */
  reports: StatReportRow[];
}

/**
 * The incidents that occurred in [fromMs, toMs), each with its current figures: those the engine
 * keeps on the incident's row (`currentFigures` of its reports, rewritten on every change), so a
 * year's counts read one row per incident, not every report.
 */
export function figuresBetween(db: Db, fromMs: number, toMs: number): StatFigures[] {
  return incidentsOccurredIn(db, fromMs, toMs).map((i) => ({
    ...i,
    counts: { incidents: 1, deaths: i.deaths, missing: i.missing, seriouslyInjured: i.seriouslyInjured, injured: i.injured, directLossYuan: i.directLossYuan },
  }));
}

/** The incidents that occurred in [fromMs, toMs), each with its current figures and reports. */
export function incidentsBetween(db: Db, fromMs: number, toMs: number): StatIncident[] {
  const reports = new Map<number, StatReportRow[]>();
  for (const r of reportsOfIncidentsOccurredIn(db, fromMs, toMs)) {
    const list = reports.get(r.incidentId);
    if (list) list.push(r);
    else reports.set(r.incidentId, [r]);
  }
  return figuresBetween(db, fromMs, toMs).map((i) => ({ ...i, reports: reports.get(i.id) ?? [] }));
}

export function sumCounts(incidents: Iterable<{ counts: PeriodCounts }>): PeriodCounts {
  const total = zeroCounts();
  for (const i of incidents) addCounts(total, i.counts);
  return total;
}

/**
 * The natural-disaster figures of the natural-class incidents among them: each figure the sum of
 * the incidents' current ones, null where none stated it (a loss counts where a report stated it).
 */
export function naturalTotalsOf(incidents: readonly StatIncidentRow[]): NaturalTotals {
  return sumNaturalFigures(incidents.filter((i) => takesNaturalFigures(i.category)).map((i) => ({ ...i, directLossYuan: i.lossStated ? i.directLossYuan : null })));
}

/** Incidents that occurred in [fromMs, toMs) and their deaths, missing, injured and direct loss. */
export function countsBetween(db: Db, fromMs: number, toMs: number): PeriodCounts {
  return sumCounts(figuresBetween(db, fromMs, toMs));
}

/** [start, end) of a range of dates: from the first day's start to the day after the last's. */
export function rangeBounds(range: DateRange, clock: DutyClock): { start: number; end: number } {
  return { start: dutyDayStart(range.from, clock), end: dutyDayStart(addDays(range.to, 1), clock) };
}

export interface LastYearComparison {
  range: DateRange;
  lastYearRange: DateRange;
  current: PeriodCounts;
  lastYear: PeriodCounts;
}

/**
 * A range of dates against the same range last year (`sameRangeLastYear`: 29 February becomes
 * 28 February; a range ending on a month's last day ends on that month's last day last year).
 * Days are cut by `clock`: boundary '00:00' for calendar dates, the duty boundary for duty days.
 */
export function compareWithLastYear(db: Db, range: DateRange, clock: DutyClock): LastYearComparison {
  const lastYearRange = sameRangeLastYear(range);
  const now = rangeBounds(range, clock);
  const before = rangeBounds(lastYearRange, clock);
  return { range, lastYearRange, current: countsBetween(db, now.start, now.end), lastYear: countsBetween(db, before.start, before.end) };
}
