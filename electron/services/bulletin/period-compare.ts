// Runs in Electron's main process and in plain Node. Month-to-date and year-to-date against the
// same period last year (同比), for the bulletin's 双下降 line: incidents by occurrence time in
// [start of the month or year, end of duty day D), and the same instants one year earlier. The
// month and year start at the duty boundary of their first day, in the duty room's zone, so the
// periods are whole duty days. (Issue 6's period statistics may later absorb this; it is kept
// one small function on purpose.)
import { TZDate } from '@date-fns/tz';
import { bothDown, type PeriodCompare } from '../../../shared/domain/bulletin.js';
import { dutyDayRange, dutyDayStart, type DutyClock } from '../../../shared/domain/duty-day.js';
import { occurredCountAndDeaths } from '../../db/repositories/bulletins.js';
import type { ServiceContext } from '../context.js';

/** The same local wall time one year earlier (29 Feb falls back to 28 Feb). */
function yearEarlier(instant: number, timeZone: string): number {
  const d = new TZDate(instant, timeZone);
  const y = d.getFullYear() - 1;
  const m = d.getMonth();
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new TZDate(y, m, Math.min(d.getDate(), lastDay), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds(), timeZone).getTime();
}

export function comparePeriod(ctx: Pick<ServiceContext, 'db'>, firstDay: string, day: string, clock: DutyClock, asOf: number): PeriodCompare {
  const start = dutyDayStart(firstDay, clock);
  const end = dutyDayRange(day, clock).end;
  const now = occurredCountAndDeaths(ctx.db, start, end, asOf);
  const lastStart = yearEarlier(start, clock.timeZone);
  const lastEnd = yearEarlier(end, clock.timeZone);
  const last = occurredCountAndDeaths(ctx.db, lastStart, lastEnd, asOf);
  return { start, end, ...now, lastYear: { start: lastStart, end: lastEnd, ...last }, bothDown: bothDown(now.count, now.deaths, last.count, last.deaths) };
}

/** Month-to-date and year-to-date of duty day D (YYYY-MM-DD). */
export function periodCompares(ctx: Pick<ServiceContext, 'db'>, day: string, clock: DutyClock, asOf: number): { monthToDate: PeriodCompare; yearToDate: PeriodCompare } {
  return {
    monthToDate: comparePeriod(ctx, `${day.slice(0, 7)}-01`, day, clock, asOf),
    yearToDate: comparePeriod(ctx, `${day.slice(0, 4)}-01-01`, day, clock, asOf),
  };
}
