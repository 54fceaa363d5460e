// Pure domain code: runs anywhere. The daily duty bulletin (值班日报) as data: everything the
// workbook and the page show for one duty day, assembled from the log, the flags, the follow-ups,
// the roster and the handover (never retyped). An issued bulletin stores this model as its
// snapshot, so it must stay plain JSON: instants as epoch ms, codes rather than words (the words
// come from i18n when the sheet or the page is drawn).
import type { CategoryClass, Category } from './categories.js';
import type { FlagReview, IncidentStatus, StoredFlagStatus } from './incident.js';
import type { Level } from './levels.js';
import type { NaturalTotals } from './natural-figures.js';
import type { FlagCode } from './rules/flag.js';
import type { ReportItem, ReportKind } from './rules/incident.js';

/** The sheets of the workbook, in order, named exactly as the issue asks. */
export const BULLETIN_SHEETS = ['值班日报', '事件信息', '迟报漏报', '督办事项', '值班安排', '零报告', '传达情况'] as const;

/** One line of the 零报告 sheet: a unit's daily report in a special period (issue 9 provides them). */
export interface ZeroReportLine {
  unit: string;
  /** The special period's name (e.g. 主汛期). */
  period: string;
  /** The cutoff instant of the day's report. */
  cutoff: number;
  receivedAt: number | null;
  /** 'pending': before the cutoff of a day not yet past. */
  status: 'on_time' | 'late' | 'missing' | 'pending';
  /** What the unit reported ("无" for a zero report). */
  content: string;
}

/** One line of 传达情况: a notice received in the duty day, relayed to its units (issue 20). */
export interface RelayLine {
  noticeId: number;
  /** Source, level or text, and document number, in a line. */
  title: string;
  kind: 'superior' | 'warning' | 'instruction' | 'local';
  receivedAt: number;
  units: number;
  relayed: number;
  received: number;
  fedBack: number;
  feedbackAsked: boolean;
  /** Units by name. */
  notRelayed: string[];
  receiptMissing: string[];
  feedbackMissing: string[];
}

/** One row of 事件信息: an incident that had a report received in the duty day. */
export interface BulletinIncident {
  id: number;
  number: string;
  occurredAt: number;
  firstReceivedAt: number;
  responsibleUnit: string;
  category: Category;
  categoryClass: CategoryClass;
  level: Level;
  important: boolean;
  place: string;
  /** The latest figures stated by the end of the duty day (null: never stated). */
  deaths: number | null;
  missing: number | null;
  seriouslyInjured: number | null;
  injured: number | null;
  directLossYuan: number | null;
  /** Trapped (被困), as last stated; absent in bulletins issued before it was kept. */
  trapped?: number | null;
  /**
   * The natural-disaster figures (受灾人口, 紧急转移安置人口, 倒塌房屋), as last stated by the end of
   * the day (null: never stated); absent in bulletins issued before they were kept.
   */
  affected?: number | null;
  evacuated?: number | null;
  housesCollapsed?: number | null;
  /** The latest summary a report stated (issued bulletins before descriptions showed this as 事件经过). */
  summary: string;
  /**
   * The incident's own description (事件经过) when the bulletin was assembled: its latest revision,
   * or the system's reading of the reports. Absent in bulletins issued before descriptions were kept.
   */
  description?: string;
  /** The measures taken the reports stated by the end of the day: each distinct one, one a line (measuresTakenOf). */
  measures: string;
  latestKind: ReportKind;
  /** The duty room's first upward report (上报) sent by the end of the day, if any. */
  upwardAt: number | null;
  upwardTo: string | null;
  /**
   * As at the end of the duty day (bulletinStatusOf): 'closed' once the response had ended (处置结束)
   * by then, 'final_pending' where it had ended but no final report had come, else 'open'.
   */
  status: IncidentStatus;
  /** When the response ended (处置结束), if it had by the end of the day. */
  closedAt?: number | null;
  /** Reports of this incident received in the duty day. */
  reportsInDay: number;
  /** First received in the duty day (a new incident) rather than carried over. */
  isNew: boolean;
  /** Live flags of the incident (not cleared, not dismissed): empty means reported on time. */
  flagCodes: FlagCode[];
  /** Required items no report had stated by the end of the day (the completeness check). */
  missingItems: ReportItem[];
}

/** One row of 迟报漏报: a flag raised or confirmed in the duty day. */
export interface BulletinFlag {
  id: number;
  incidentId: number;
  incidentNumber: string;
  /** The unit the flag is about; null for the duty room itself (UPWARD_LATE): shown as 本值班室. */
  unit: string | null;
  code: FlagCode;
  deadline: number | null;
  actual: number | null;
  minutesLate: number | null;
  status: StoredFlagStatus;
  review: FlagReview;
  confirmedBy: string | null;
  reviewedAt: number | null;
  raisedAt: number;
  /** Owner of the follow-up opened on this flag (督办), if any. */
  followupOwner: string | null;
}

/** One row of 督办事项: a follow-up open at the end of the duty day. */
export interface BulletinFollowup {
  id: number;
  incidentNumber: string;
  kind: 'urge' | 'supervise';
  subject: string;
  owner: string;
  dueAt: number;
  /** As at the end of the duty day: open, or overdue (past its due time). */
  state: 'open' | 'overdue';
}

/** One row of 值班安排: a rostered shift of the duty day or the next. */
export interface BulletinShift {
  day: string;
  name: string;
  start: number;
  end: number;
  leaders: string[];
  officers: string[];
}

export interface BulletinHandover {
  shiftName: string;
  notes: string;
  createdBy: string;
  createdAt: number;
  acknowledged: boolean;
  ackName: string | null;
  ackAt: number | null;
  ackRemarks: string;
}

/** Counts and deaths of incidents that occurred in [start, end), against the same range a year before. */
export interface PeriodCompare {
  start: number;
  end: number;
  count: number;
  deaths: number;
  lastYear: { start: number; end: number; count: number; deaths: number };
  /** 双下降: both the number of incidents and the deaths fell against last year. */
  bothDown: boolean;
}

export interface BulletinSummary {
  incidents: number;
  newIncidents: number;
  /** Of the incidents, those whose response had not ended by the end of the day (absent in older bulletins). */
  stillOpen?: number;
  byClass: Record<CategoryClass, number>;
  byLevel: Record<Level, number>;
  deaths: number;
  missing: number;
  seriouslyInjured: number;
  injured: number;
  /**
   * The natural-disaster incidents' figures added up (each as stated by the end of the day; null:
   * none stated it), loss included; absent in bulletins issued before they were kept.
   */
  natural?: NaturalTotals;
  flagsRaised: number;
  flagsConfirmed: number;
  followupsOpen: number;
}

export interface BulletinData {
  day: string;
  start: number;
  end: number;
  bureauName: string;
  timeZone: string;
  /** When the model was assembled (the draft's time; an issued snapshot keeps it). */
  generatedAt: number;
  leaders: string[];
  officers: string[];
  summary: BulletinSummary;
  /** 要情: ids of incidents of level III and above, or marked important. */
  keyItems: number[];
  monthToDate: PeriodCompare;
  yearToDate: PeriodCompare;
  handovers: BulletinHandover[];
  incidents: BulletinIncident[];
  flags: BulletinFlag[];
  followups: BulletinFollowup[];
  roster: BulletinShift[];
  zeroReports: ZeroReportLine[];
  /**
   * The audit chain's head when the bulletin was issued, "row:first 12 hex of its hash" (issue 18):
   * printed in the footer so the paper pins the chain (`duty audit verify --anchor`). Set on issued
   * snapshots only; absent on drafts and on bulletins issued before it existed.
   */
  anchor?: string;
  /** 传达情况; absent in snapshots issued before it existed. */
  relay?: RelayLine[];
}

export const COMPLETENESS_PROBLEMS = [
  'incident_missing_items',
  'handover_missing',
  'handover_unacknowledged',
  'suspicion_unverified',
  'no_incidents',
  'no_roster',
] as const;
export type CompletenessCode = (typeof COMPLETENESS_PROBLEMS)[number];

/** Something the officer should see before issuing; issuing anyway needs a note. */
export interface CompletenessProblem {
  code: CompletenessCode;
  /** The incident number, flag, shift... it is about; empty for a whole section. */
  subject: string;
  /** Items missing (incident_missing_items) or the flag code (suspicion_unverified). */
  detail: string[];
}

export interface BulletinRevision {
  id: number;
  day: string;
  revision: number;
  issuedAt: number;
  /** Who issued it: the actor as stored (`user:<username>`, …). */
  issuedBy: string;
  /** The same, as a person reads it: the user's display name. */
  issuedByName: string;
  note: string;
  problems: number;
  sha256: string;
}

/** What the page shows: the data (live draft, or an issued revision) and what is incomplete. */
export interface BulletinPreview {
  day: string;
  /** null: the live draft. */
  revision: number | null;
  data: BulletinData;
  problems: CompletenessProblem[];
  revisions: BulletinRevision[];
  /** The day has not ended yet: it cannot be issued. */
  running: boolean;
}

/**
 * The measures taken, as the reports stated them in the order received: each distinct statement
 * once, one a line; a statement that a later one repeats in full (a unit restating what it did,
 * then adding) gives way to the later one.
 */
export function measuresTakenOf(statements: readonly (string | null)[]): string {
  const list = statements.map((s) => (s ?? '').trim()).filter((s) => s !== '');
  const kept = list.filter((s, k) => list.findIndex((x) => x === s) === k && !list.some((later, j) => j > k && later !== s && later.includes(s)));
  return kept.join('\n');
}

/** The incident's status as at the end of the duty day (`end`), from when its response ended. */
export function bulletinStatusOf(closedAt: number | null, finalReceivedBy: boolean, end: number): IncidentStatus {
  if (closedAt === null || closedAt >= end) return 'open';
  return finalReceivedBy ? 'closed' : 'final_pending';
}

/** Items required of every incident by the time the bulletin is issued. */
export function missingItemsOf(
  figures: Partial<Record<ReportItem, string | number | null>>,
  required: readonly ReportItem[],
): ReportItem[] {
  return required.filter((item) => {
    const v = figures[item];
    return v == null || (typeof v === 'string' && v.trim() === '');
  });
}

/** The completeness check over an assembled bulletin (pure, so the snapshot's problems can be recomputed). */
export function completenessOf(data: BulletinData, opts: { pendingSuspicions: { incidentNumber: string; code: FlagCode }[]; shiftsWithoutHandover: string[] }): CompletenessProblem[] {
  const problems: CompletenessProblem[] = [];
  if (data.incidents.length === 0) problems.push({ code: 'no_incidents', subject: '', detail: [] });
  if (data.roster.filter((s) => s.day === data.day).length === 0) problems.push({ code: 'no_roster', subject: '', detail: [] });
  for (const i of data.incidents) if (i.missingItems.length) problems.push({ code: 'incident_missing_items', subject: i.number, detail: [...i.missingItems] });
  for (const name of opts.shiftsWithoutHandover) problems.push({ code: 'handover_missing', subject: name, detail: [] });
  for (const h of data.handovers) if (!h.acknowledged) problems.push({ code: 'handover_unacknowledged', subject: h.shiftName, detail: [] });
  for (const s of opts.pendingSuspicions) problems.push({ code: 'suspicion_unverified', subject: s.incidentNumber, detail: [s.code] });
  return problems;
}
