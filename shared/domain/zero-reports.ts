// Pure domain code: runs anywhere. Daily reports in special periods (重点时段每日报告 / 零报告):
// a period names the units that must report every day by a cutoff, even when there is nothing to
// report ("无"). A unit that sends nothing by the cutoff has omitted its report (漏报); one that
// sends it after the cutoff is late. Judged per unit and day, as a pure function of the period,
// the reports logged and `now`, in the duty room's time zone.
import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import { minutesLate, minutesOverdue } from './rules/predicates.js';

export const DEFAULT_ZERO_REPORT_CUTOFF = '16:00';

export interface ReportingPeriod {
  name: string;
  /** First and last day (inclusive), YYYY-MM-DD in the duty room's zone. */
  startDay: string;
  endDay: string;
  /** Local HH:MM by which each day's report is due. */
  cutoff: string;
  /** The units that must report every day. */
  units: readonly string[];
  /** What a report covers (雨情, 险情, 转移人数...); "无" is always a valid answer. */
  covers: readonly string[];
}

export interface DailyReport {
  unit: string;
  /** The day it reports for (YYYY-MM-DD). */
  day: string;
  receivedAt: number;
  /** 零报告: nothing to report. */
  nothingToReport: boolean;
}

export type DailyStatus = 'on_time' | 'late' | 'missing' | 'pending';

export interface DailyEntry {
  unit: string;
  day: string;
  /** The cutoff instant of that day. */
  deadline: number;
  status: DailyStatus;
  /** The first report for that unit and day, or null. */
  receivedAt: number | null;
  nothingToReport: boolean | null;
  /** late: past the deadline to receipt; missing: to now; else null. Whole minutes, rounded up. */
  minutesLate: number | null;
}

/** ZERO_REPORT_MISSING, with the statuses of the deadline flags: late, or overdue (nothing yet). */
export interface ZeroReportFlag {
  code: 'ZERO_REPORT_MISSING';
  status: 'late' | 'overdue';
  unit: string;
  day: string;
  deadline: number;
  actual: number | null;
  minutesLate: number;
}

function parseDay(day: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`day must be YYYY-MM-DD, not '${day}'`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The cutoff of a day as an instant, in the zone. */
export function cutoffOf(day: string, cutoff: string, timeZone: string): number {
  const [y, mo, d] = parseDay(day);
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(cutoff);
  if (!m) throw new Error(`cutoff must be HH:MM, not '${cutoff}'`);
  return new TZDate(y, mo - 1, d, Number(m[1]), Number(m[2]), 0, 0, timeZone).getTime();
}

/** The days of a period, in order. */
export function daysOf(period: Pick<ReportingPeriod, 'startDay' | 'endDay'>): string[] {
  const [y, mo, d] = parseDay(period.startDay);
  parseDay(period.endDay);
  const days: string[] = [];
  // Calendar days at noon UTC: stepping by one day never skips or repeats a date.
  for (let at = new Date(Date.UTC(y, mo - 1, d, 12)); ; at = addDays(at, 1)) {
    const day = format(new TZDate(at, 'UTC'), 'yyyy-MM-dd');
    if (day > period.endDay) break;
    days.push(day);
    if (days.length > 3660) throw new Error('a reporting period is at most ten years long');
  }
  return days;
}

/**
 * Every (unit, day) of the period up to `untilDay` (default: the whole period), judged at `now`.
 * Days not yet started are `pending` like the current one until their cutoff passes.
 */
export function judgeDailyReports(
  period: ReportingPeriod,
  reports: readonly DailyReport[],
  now: number,
  timeZone: string,
  untilDay?: string,
): DailyEntry[] {
  const first = new Map<string, DailyReport>();
  for (const r of reports) {
    const key = `${r.unit}\u0000${r.day}`;
    const seen = first.get(key);
    if (!seen || r.receivedAt < seen.receivedAt) first.set(key, r);
  }
  const out: DailyEntry[] = [];
  for (const day of daysOf(period)) {
    if (untilDay !== undefined && day > untilDay) break;
    const deadline = cutoffOf(day, period.cutoff, timeZone);
    for (const unit of period.units) {
      const r = first.get(`${unit}\u0000${day}`);
      let status: DailyStatus;
      let late: number | null = null;
      if (r) {
        status = r.receivedAt <= deadline ? 'on_time' : 'late';
        if (status === 'late') late = minutesLate(deadline, r.receivedAt);
      } else {
        late = minutesOverdue(deadline, now);
        status = late === null ? 'pending' : 'missing';
      }
      out.push({ unit, day, deadline, status, receivedAt: r?.receivedAt ?? null, nothingToReport: r?.nothingToReport ?? null, minutesLate: late });
    }
  }
  return out;
}

/** The flags among the entries: a late report (late) or none past the cutoff (overdue). */
export function zeroReportFlags(entries: readonly DailyEntry[]): ZeroReportFlag[] {
  return entries
    .filter((e) => e.status === 'late' || e.status === 'missing')
    .map((e) => ({
      code: 'ZERO_REPORT_MISSING' as const,
      status: e.status === 'late' ? ('late' as const) : ('overdue' as const),
      unit: e.unit,
      day: e.day,
      deadline: e.deadline,
      actual: e.receivedAt,
      minutesLate: e.minutesLate!,
    }));
}

/** The day a report received at `at` counts for by default: its local date. */
export function reportingDayOf(at: number, timeZone: string): string {
  return format(new TZDate(at, timeZone), 'yyyy-MM-dd');
}
