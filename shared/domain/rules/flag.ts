// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// The flags the rules raise, and the one order they are listed in.
import type { ReportItem } from './incident.js';

/** In the order of their code, which is the order flags are listed in. */
export const FLAG_CODES = [
  'LATE_FINAL',
  'LATE_FIRST',
  'LATE_FOLLOWUP',
  'LATE_WRITTEN',
  'OMITTED_FIELDS',
  'OMITTED_UNREPORTED',
  'OUTSIDE_SUPPLEMENT_WINDOW',
  'SUSPECT_CONCEALED',
  'SUSPECT_FALSE',
  'UPWARD_LATE',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export const FLAG_STATUSES = ['late', 'overdue', 'suspected'] as const;
/**
 * `late`: the report came after its deadline; `overdue`: nothing has come and the deadline has
 * passed at `now`; `suspected`: a signal a person must verify (the rules never confirm).
 */
export type FlagStatus = (typeof FLAG_STATUSES)[number];

/** Which signal raised a SUSPECT_* flag, or which requirement an UPWARD_LATE flag is about. */
export type SuspicionReason =
  /** UPWARD_LATE: the first upward report (any official channel). */
  | 'upward_first'
  /** UPWARD_LATE: the upward report by phone or SMS (levels I and II by default). */
  | 'upward_quick'
  /** UPWARD_LATE: the upward written report (levels I and II by default). */
  | 'upward_written'
  /** SUSPECT_FALSE: deaths + missing fell between official reports with no correctionReason. */
  | 'figures_fell'
  /** SUSPECT_FALSE: a stated occurrence time far earlier than the first known one. */
  | 'occurrence_earlier'
  /** SUSPECT_FALSE: a non-official report states more deaths + missing than the official one. */
  | 'non_official_higher'
  /** SUSPECT_CONCEALED: a report within the window has a higher level than the initial one. */
  | 'level_rose'
  /** SUSPECT_CONCEALED: omitted, and no official report within the window. */
  | 'unreported';

export interface Flag {
  code: FlagCode;
  status: FlagStatus;
  /** Epoch ms; null where the rule watches no period (OMITTED_FIELDS, SUSPECT_FALSE). */
  deadline: number | null;
  /** Epoch ms of the report the flag is about, or null when none has come. */
  actual: number | null;
  /** Whole minutes, rounded up, past the deadline (late, overdue); null for suspected flags. */
  minutesLate: number | null;
  /** OMITTED_FIELDS: the required items the report does not state, sorted. */
  fields?: readonly ReportItem[];
  reason?: SuspicionReason;
  /** Index in `incident.reports` as given (not sorted) of the report `actual` refers to. */
  reportIndex: number | null;
}

// Defined once in predicates.ts; re-exported here where the flags' callers have always found them.
export { MINUTE_MS, minutesLate } from './predicates.js';

const CODE_ORDER: Readonly<Record<FlagCode, number>> = Object.fromEntries(
  FLAG_CODES.map((c, i) => [c, i]),
) as Record<FlagCode, number>;

/**
 * Code, then deadline, then actual; a null deadline or actual sorts after every instant (null
 * means "no period" or "nothing came", which reads best at the end of its group).
 */
export function compareFlags(a: Flag, b: Flag): number {
  return (
    CODE_ORDER[a.code] - CODE_ORDER[b.code] ||
    compareNullableInstants(a.deadline, b.deadline) ||
    compareNullableInstants(a.actual, b.actual)
  );
}

function compareNullableInstants(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}
