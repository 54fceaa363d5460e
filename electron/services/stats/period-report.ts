// Runs in Electron's main process and in plain Node. The period report (统计分析): for a range of
// dates (a month, quarter, year or any range; calendar days or duty days in the settings' zone),
// incidents and their figures by class, category, level and responsible unit against the same
// range last year, the daily trend, the 24-hour clock of when incidents happen, and the unit
// timeliness ranking, and the notices relayed in it (传达回执: relayed, on time, receipts, feedback).
import { CATEGORIES, CATEGORY_CLASSES, categoryClassOf, type Category, type CategoryClass } from '../../../shared/domain/categories.js';
import type { DutyClock } from '../../../shared/domain/duty-day.js';
import { LEVELS, type Level } from '../../../shared/domain/levels.js';
import {
  addCounts,
  addDays,
  dayCount,
  datesOf,
  sameRangeLastYear,
  zeroCounts,
  type ComparedRow,
  type DateRange,
  type DayBasis,
  type DayPoint,
  type HourPoint,
  type PeriodReport,
} from '../../../shared/domain/stats.js';
import { AppError } from '../../../shared/api/app-error.js';
import { flagsOfIncidentsOccurredIn } from '../../db/repositories/stats.js';
import type { ServiceContext } from '../context.js';
import { getSettings } from '../settings.js';
import { noticeStatsBetween } from '../notices/seams.js';
import { figuresBetween, incidentsBetween, naturalTotalsOf, rangeBounds, sumCounts, type StatFigures } from './period-counts.js';
import { unitRanking, type ZeroCountsProvider } from './timeliness.js';

/** Longest range a report covers (about three years: the daily trend stays readable). */
export const MAX_RANGE_DAYS = 1100;

export interface PeriodInput extends DateRange {
  basis?: DayBasis;
}

export interface PeriodOptions {
  /** Daily zero reports per unit (issue 9); without it the ranking's zero columns are null. */
  zeroCounts?: ZeroCountsProvider | undefined;
}

export function statsClock(ctx: ServiceContext, basis: DayBasis): DutyClock {
  const s = getSettings(ctx);
  return { timeZone: s.timeZone, boundary: basis === 'duty' ? s.dutyBoundary : '00:00' };
}

/** Rows keyed by `keyOf`, this period against last year, in `order` (or by this period's incidents, then last year's). */
function compareBy<K extends string>(current: StatFigures[], lastYear: StatFigures[], keyOf: (i: StatFigures) => K, order?: readonly K[]): ComparedRow<K>[] {
  const rows = new Map<K, ComparedRow<K>>();
  const row = (key: K) => {
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { key, current: zeroCounts(), lastYear: zeroCounts() }));
    return r;
  };
  for (const k of order ?? []) row(k);
  for (const i of current) addCounts(row(keyOf(i)).current, i.counts);
  for (const i of lastYear) addCounts(row(keyOf(i)).lastYear, i.counts);
  const list = [...rows.values()];
  if (order) return list;
  return list.sort((a, b) => b.current.incidents - a.current.incidents || b.current.deaths - a.current.deaths || b.lastYear.incidents - a.lastYear.incidents || a.key.localeCompare(b.key, 'zh-CN'));
}

/**
 * The local date, hour and minute of an instant in one zone, with one cached formatter (the
 * report reads thousands of instants; a formatter per instant costs a millisecond-scale each).
 */
function localClock(timeZone: string): (ms: number) => { date: string; hour: number; minute: number } {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  return (ms) => {
    const p: Record<string, string> = {};
    for (const part of fmt.formatToParts(new Date(ms))) p[part.type] = part.value;
    return { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour) % 24, minute: Number(p.minute) };
  };
}

/** The day (calendar or duty, by the clock's boundary) an instant belongs to: as dutyDayOf, faster. */
export function dayOf(clock: DutyClock): (ms: number) => string {
  const local = localClock(clock.timeZone);
  const [h, m] = clock.boundary.split(':').map(Number) as [number, number];
  return (ms) => {
    const l = local(ms);
    return l.hour * 60 + l.minute < h * 60 + m ? addDays(l.date, -1) : l.date;
  };
}

function trendOf(incidents: StatFigures[], range: DateRange, clock: DutyClock): DayPoint[] {
  const points = new Map<string, DayPoint>(datesOf(range).map((date) => [date, { date, incidents: 0, deaths: 0 }]));
  const day = dayOf(clock);
  for (const i of incidents) {
    const p = points.get(day(i.occurredAt));
    if (!p) continue;
    p.incidents++;
    p.deaths += i.counts.deaths;
  }
  return [...points.values()];
}

function clockOf(incidents: StatFigures[], timeZone: string): HourPoint[] {
  const hours: HourPoint[] = Array.from({ length: 24 }, (_, hour) => ({ hour, incidents: 0, deaths: 0 }));
  const local = localClock(timeZone);
  for (const i of incidents) {
    const h = hours[local(i.occurredAt).hour]!;
    h.incidents++;
    h.deaths += i.counts.deaths;
  }
  return hours;
}

export function periodReport(ctx: ServiceContext, input: PeriodInput, opts: PeriodOptions = {}): PeriodReport {
  const requested: DateRange = { from: input.from, to: input.to };
  if (requested.from > requested.to) throw new AppError('invalid_input', 'stats.rangeReversed');
  if (dayCount(requested) > MAX_RANGE_DAYS) throw new AppError('invalid_input', 'stats.rangeTooLong', { days: MAX_RANGE_DAYS });
  const basis = input.basis ?? 'calendar';
  const clock = statsClock(ctx, basis);
  // A period still running ends today: this month so far against the same days last year, not
  // against last year's whole month.
  const today = dayOf(clock)(ctx.now());
  const range: DateRange = requested.from <= today && today < requested.to ? { from: requested.from, to: today } : requested;
  const lastYearRange = sameRangeLastYear(range);
  const bounds = rangeBounds(range, clock);
  const lastYearBounds = rangeBounds(lastYearRange, clock);
  const current = incidentsBetween(ctx.db, bounds.start, bounds.end);
  // Last year is only counted, never ranked: its reports are not read.
  const lastYear = figuresBetween(ctx.db, lastYearBounds.start, lastYearBounds.end);
  const flags = flagsOfIncidentsOccurredIn(ctx.db, bounds.start, bounds.end);
  return {
    range,
    requested,
    lastYearRange,
    basis,
    timeZone: clock.timeZone,
    bounds,
    lastYearBounds,
    generatedAt: ctx.now(),
    total: { current: sumCounts(current), lastYear: sumCounts(lastYear) },
    byClass: compareBy<CategoryClass>(current, lastYear, (i) => categoryClassOf(i.category), CATEGORY_CLASSES),
    byCategory: compareBy<Category>(current, lastYear, (i) => i.category).sort(
      (a, b) => CATEGORY_CLASSES.indexOf(categoryClassOf(a.key)) - CATEGORY_CLASSES.indexOf(categoryClassOf(b.key)) || CATEGORY_ORDER.get(a.key)! - CATEGORY_ORDER.get(b.key)!,
    ),
    byLevel: compareBy<Level>(current, lastYear, (i) => i.currentLevel, LEVELS),
    byUnit: compareBy<string>(current, lastYear, (i) => i.responsibleUnit),
    trend: { current: trendOf(current, range, clock), lastYear: trendOf(lastYear, lastYearRange, clock) },
    byHour: clockOf(current, clock.timeZone),
    ranking: unitRanking(ctx, current, flags, bounds, opts.zeroCounts),
    zeroTracked: opts.zeroCounts !== undefined,
    natural: { current: naturalTotalsOf(current), lastYear: naturalTotalsOf(lastYear) },
    notices: noticeStatsBetween(ctx, bounds.start, bounds.end),
  };
}

const CATEGORY_ORDER = new Map<Category, number>(CATEGORIES.map((c, k) => [c.code, k]));
