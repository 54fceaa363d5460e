// Runs in Electron's main process and in plain Node. Month-to-date and year-to-date against the
// same period last year (同比), for the bulletin's 双下降 line. It is the period report's own
// comparison (electron/services/stats/period-counts.ts), over whole duty days: from the first duty
// day of the month or year to duty day D, so the bulletin and the statistics page never disagree.
import type { PeriodCompare } from '../../../shared/domain/bulletin.js';
import type { DutyClock } from '../../../shared/domain/duty-day.js';
import { bothDown } from '../../../shared/domain/stats.js';
import { compareWithLastYear, rangeBounds } from '../stats/period-counts.js';
import type { ServiceContext } from '../context.js';

export function comparePeriod(ctx: Pick<ServiceContext, 'db'>, firstDay: string, day: string, clock: DutyClock): PeriodCompare {
  const c = compareWithLastYear(ctx.db, { from: firstDay, to: day }, clock);
  const now = rangeBounds(c.range, clock);
  const last = rangeBounds(c.lastYearRange, clock);
  return {
    ...now,
    count: c.current.incidents,
    deaths: c.current.deaths,
    lastYear: { ...last, count: c.lastYear.incidents, deaths: c.lastYear.deaths },
    bothDown: bothDown(c),
  };
}

/** Month-to-date and year-to-date of duty day D (YYYY-MM-DD). */
export function periodCompares(ctx: Pick<ServiceContext, 'db'>, day: string, clock: DutyClock): { monthToDate: PeriodCompare; yearToDate: PeriodCompare } {
  return {
    monthToDate: comparePeriod(ctx, `${day.slice(0, 7)}-01`, day, clock),
    yearToDate: comparePeriod(ctx, `${day.slice(0, 4)}-01-01`, day, clock),
  };
}
