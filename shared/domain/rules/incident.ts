// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// The rule engine's view of an incident and its reports. Instants are epoch milliseconds (UTC);
// the incident log maps its rows to these and the CLI parses JSON into them.
import type { Category } from '../categories.js';
import type { Channel } from '../channels.js';
import type { Level } from '../levels.js';

export const REPORT_KINDS = ['initial', 'followup', 'final'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface Report {
  kind: ReportKind;
  channel: Channel;
  fromUnit: string;
  receivedAt: number;
  // What the report states. Left out (undefined) or null is "not stated"; 0 is a statement.
  occurredAt?: number | null;
  location?: string | null;
  summary?: string | null;
  measuresTaken?: string | null;
  deaths?: number | null;
  missing?: number | null;
  seriouslyInjured?: number | null;
  injured?: number | null;
  directLossYuan?: number | null;
  /** Why a figure was corrected; without it a fall in deaths + missing is suspect. */
  correctionReason?: string | null;
}

/** The items a report may state; a rule set lists which ones each kind of report requires. */
export const REPORT_ITEMS = [
  'deaths',
  'directLossYuan',
  'injured',
  'location',
  'measuresTaken',
  'missing',
  'occurredAt',
  'seriouslyInjured',
  'summary',
] as const satisfies readonly (keyof Report)[];
export type ReportItem = (typeof REPORT_ITEMS)[number];

export interface Incident {
  id: string;
  category: Category;
  /** 责任单位: the unit that must report; a report is official only if it comes from this unit. */
  responsibleUnit: string;
  /** 事发时间 as first entered; reports may correct it. */
  occurredAt: number;
  /** 获知时间 verified by investigators; where set, deadlines run from it. */
  learnedAt?: number | null;
  /** 处置结束. */
  closedAt?: number | null;
  /** Manual level for categories outside the accident class (IV where none is set). */
  level?: Level | null;
  /** In any order: the rules take them in the order of receivedAt. */
  reports: readonly Report[];
  /** 上报: what the duty room itself sent upward, in any order (judged by UPWARD_LATE). */
  upward?: readonly UpwardReport[];
}

/** One upward report of the duty room: to whom, how, when it was sent. */
export interface UpwardReport {
  /** 省应急厅, 市政府总值班室, another department... */
  to: string;
  /** An official channel: phone or sms (quick), fax, document or system (written). */
  channel: Channel;
  sentAt: number;
}

/** Whether an item counts as stated: null/undefined never do, blank text does not either. */
export function isStated(value: string | number | null | undefined): boolean {
  return value != null && (typeof value !== 'string' || value.trim() !== '');
}
