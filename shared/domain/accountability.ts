// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// Accountability per unit from confirmed flags (docs/rules.md): public notice (通报) for late
// reports, heavier penalty for omission and concealment, the annual veto (一票否决) for
// concealment, and the summons (约谈) at three findings in twelve months. Only flags the leader on
// duty confirmed count; the rules never confirm by themselves.
import type { FlagCode } from './rules/flag.js';

/** A flag the leader on duty confirmed after verification, against the unit that had to report. */
export interface ConfirmedFinding {
  /** The responsible unit (责任单位) the finding is against. */
  unit: string;
  incidentId: string;
  code: FlagCode;
  /** Epoch ms. A finding exists from the moment it is confirmed, so windows and years count this. */
  confirmedAt: number;
  deadline: number | null;
  actual: number | null;
  minutesLate: number | null;
}

/** Half-open [start, end) in epoch ms. */
export interface Period {
  start: number;
  end: number;
}

export const NOTICE_CODES: ReadonlySet<FlagCode> = new Set<FlagCode>(['LATE_FIRST', 'LATE_WRITTEN', 'LATE_FOLLOWUP', 'LATE_FINAL']);
export const HEAVIER_PENALTY_CODES: ReadonlySet<FlagCode> = new Set<FlagCode>(['OMITTED_FIELDS', 'OMITTED_UNREPORTED', 'SUSPECT_CONCEALED']);
export const VETO_CODES: ReadonlySet<FlagCode> = new Set<FlagCode>(['SUSPECT_CONCEALED']);
/** Late, omitted or concealed: what counts toward a summons. */
export const SUMMONS_CODES: ReadonlySet<FlagCode> = new Set<FlagCode>([...NOTICE_CODES, ...HEAVIER_PENALTY_CODES]);
export const SUMMONS_THRESHOLD = 3;
/** China Standard Time; China keeps no daylight saving, so a fixed offset is exact. */
export const DEFAULT_UTC_OFFSET_MIN = 480;

const MINUTE_MS = 60_000;

function inPeriod(at: number, period: Period | undefined): boolean {
  return period === undefined || (at >= period.start && at < period.end);
}

function byUnitThenTime(a: ConfirmedFinding, b: ConfirmedFinding): number {
  return (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0) || a.confirmedAt - b.confirmedAt;
}

/** The calendar year in the duty room's time zone, as instants. */
export function yearPeriod(year: number, utcOffsetMin = DEFAULT_UTC_OFFSET_MIN): Period {
  const start = new Date(0);
  start.setUTCFullYear(year, 0, 1);
  const end = new Date(0);
  end.setUTCFullYear(year + 1, 0, 1);
  return { start: start.getTime() - utcOffsetMin * MINUTE_MS, end: end.getTime() - utcOffsetMin * MINUTE_MS };
}

/**
 * The same wall-clock time twelve months before `asOf` in the duty room's time zone (29 February
 * becomes 28 February): the exclusive start of the rolling window that ends, inclusive, at asOf.
 */
export function twelveMonthsBefore(asOf: number, utcOffsetMin = DEFAULT_UTC_OFFSET_MIN): number {
  const local = new Date(asOf + utcOffsetMin * MINUTE_MS);
  const month = local.getUTCMonth();
  const day = local.getUTCDate();
  local.setUTCDate(1);
  local.setUTCFullYear(local.getUTCFullYear() - 1);
  const lastDay = new Date(Date.UTC(2001, month + 1, 0)).getUTCDate(); // 2001: not a leap year
  local.setUTCDate(Math.min(day, month === 1 && isLeap(local.getUTCFullYear()) ? 29 : lastDay));
  return local.getTime() - utcOffsetMin * MINUTE_MS;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** 通报: every confirmed late flag (confirmed in the period, if given), by unit then confirmation. */
export function noticeList(findings: readonly ConfirmedFinding[], period?: Period): ConfirmedFinding[] {
  return findings.filter((f) => NOTICE_CODES.has(f.code) && inPeriod(f.confirmedAt, period)).sort(byUnitThenTime);
}

/** 从重处罚: confirmed OMITTED_* or SUSPECT_CONCEALED, by unit then confirmation. */
export function heavierPenaltyMarks(findings: readonly ConfirmedFinding[], period?: Period): ConfirmedFinding[] {
  return findings.filter((f) => HEAVIER_PENALTY_CODES.has(f.code) && inPeriod(f.confirmedAt, period)).sort(byUnitThenTime);
}

/** 一票否决: the confirmed concealments that veto the unit's assessment for the year. */
export function vetoFindings(findings: readonly ConfirmedFinding[], unit: string, year: Period): ConfirmedFinding[] {
  return findings.filter((f) => f.unit === unit && VETO_CODES.has(f.code) && inPeriod(f.confirmedAt, year)).sort(byUnitThenTime);
}

export function isAnnualAssessmentVetoed(findings: readonly ConfirmedFinding[], unit: string, year: Period): boolean {
  return findings.some((f) => f.unit === unit && VETO_CODES.has(f.code) && inPeriod(f.confirmedAt, year));
}

export interface SummonsAssessment {
  recommended: boolean;
  /** The late, omitted or concealed findings confirmed in (windowStart, windowEnd]. */
  findings: ConfirmedFinding[];
  windowStart: number;
  windowEnd: number;
}

/** 约谈: recommended at SUMMONS_THRESHOLD or more findings in the twelve months ending at `asOf`. */
export function assessSummons(
  findings: readonly ConfirmedFinding[],
  unit: string,
  asOf: number,
  utcOffsetMin = DEFAULT_UTC_OFFSET_MIN,
): SummonsAssessment {
  const windowStart = twelveMonthsBefore(asOf, utcOffsetMin);
  const counted = findings
    .filter((f) => f.unit === unit && SUMMONS_CODES.has(f.code) && f.confirmedAt > windowStart && f.confirmedAt <= asOf)
    .sort(byUnitThenTime);
  return { recommended: counted.length >= SUMMONS_THRESHOLD, findings: counted, windowStart, windowEnd: asOf };
}

export interface UnitAccountability {
  unit: string;
  /** Confirmed in the year. */
  notices: ConfirmedFinding[];
  heavierPenalty: ConfirmedFinding[];
  vetoed: boolean;
  veto: ConfirmedFinding[];
  /** Over the rolling twelve months ending at `asOf`, which need not fall in the year. */
  summons: SummonsAssessment;
}

/**
 * Every unit with a finding in the year or in the summons window, sorted by unit name: the
 * year's notices, penalty marks and veto, and the summons recommendation as of `asOf`.
 */
export function assessUnits(
  findings: readonly ConfirmedFinding[],
  options: { year: Period; asOf: number; utcOffsetMin?: number },
): UnitAccountability[] {
  const offset = options.utcOffsetMin ?? DEFAULT_UTC_OFFSET_MIN;
  const windowStart = twelveMonthsBefore(options.asOf, offset);
  const units = new Set<string>();
  for (const f of findings)
    if (inPeriod(f.confirmedAt, options.year) || (f.confirmedAt > windowStart && f.confirmedAt <= options.asOf)) units.add(f.unit);
  return [...units].sort().map((unit) => {
    const own = findings.filter((f) => f.unit === unit);
    const veto = vetoFindings(own, unit, options.year);
    return {
      unit,
      notices: noticeList(own, options.year),
      heavierPenalty: heavierPenaltyMarks(own, options.year),
      vetoed: veto.length > 0,
      veto,
      summons: assessSummons(own, unit, options.asOf, offset),
    };
  });
}
