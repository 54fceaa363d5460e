// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// The incident log's records and the schemas of what a duty officer types: the intake form, a
// follow-up report, an upward report, a flag review, a follow-up item. zod error messages are
// i18n keys, so the form and the dispatcher say the same thing in the UI's language.
import { z } from 'zod';
import { instantSchema } from './incident-time.js';
import { textField } from './safe-text.js';
import { CATEGORY_CODES, type Category } from './categories.js';
import { NATURAL_FIGURE_KEYS, takesNaturalFigures } from './natural-figures.js';
import { CHANNELS, type Channel } from './channels.js';
import type { DescriptionRevision } from './incident-description.js';
import { LEVELS, type Level } from './levels.js';
import { FLAG_CODES, type FlagCode, type FlagStatus, type SuspicionReason } from './rules/flag.js';
import { REPORT_KINDS, type ReportItem, type ReportKind } from './rules/incident.js';
import { deadlineStage } from './rules/predicates.js';

export const INCIDENT_STATUSES = ['open', 'final_pending', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const FLAG_REVIEWS = ['pending', 'confirmed', 'dismissed'] as const;
export type FlagReview = (typeof FLAG_REVIEWS)[number];
export type StoredFlagStatus = FlagStatus | 'cleared';

export const FOLLOWUP_KINDS = ['urge', 'supervise'] as const;
export type FollowupKind = (typeof FOLLOWUP_KINDS)[number];

/** Two reports of the same unit and category within this much of each other may be one incident. */
export const DUPLICATE_WINDOW_MS = 6 * 60 * 60 * 1000;
/** The dashboard turns amber this long before a deadline. */
export const AMBER_MS = 15 * 60 * 1000;
/**
 * A passed deadline raises an alarm (banner, sound, notification) for this long; after that it stays
 * red in the deadline list and in 督办 but no longer alarms. Opening a log of years must not raise
 * an alarm for every deadline ever missed.
 */
export const ALARM_WINDOW_MS = 24 * 60 * 60 * 1000;
export type AlarmStage = 'amber' | 'overdue';

/** The alarm a deadline raises at `now`: amber in its last AMBER_MS, overdue for ALARM_WINDOW_MS after. */
export function alarmStageOf(deadline: number, now: number): AlarmStage | null {
  const stage = deadlineStage(deadline, now, AMBER_MS);
  if (stage === 'overdue') return now - deadline <= ALARM_WINDOW_MS ? 'overdue' : null;
  return stage === 'amber' ? 'amber' : null;
}

export interface IncidentRow {
  id: number;
  number: string;
  category: Category;
  unitId: number | null;
  responsibleUnit: string;
  occurredAt: number;
  place: string;
  learnedAt: number | null;
  closedAt: number | null;
  manualLevel: Level | null;
  important: boolean;
  firstReceivedAt: number;
  createdAt: number;
  updatedAt: number;
  initialLevel: Level;
  currentLevel: Level;
  status: IncidentStatus;
  nextDeadline: number | null;
  nextDeadlineCode: FlagCode | null;
  flagCodes: FlagCode[];
  /** First line of what happened (the latest report that says). */
  summary: string;
  reportCount: number;
}

export interface ReportRow {
  id: number;
  incidentId: number;
  seq: number;
  kind: ReportKind;
  channel: Channel;
  fromUnit: string;
  callerName: string;
  callerTitle: string;
  callerPhone: string;
  enteredAt: number;
  receivedAt: number;
  occurredAt: number | null;
  location: string | null;
  summary: string | null;
  measuresTaken: string | null;
  deaths: number | null;
  missing: number | null;
  seriouslyInjured: number | null;
  injured: number | null;
  trapped: number | null;
  directLossYuan: number | null;
  /** The natural-disaster figures (natural-figures.ts): stated only in a natural-class incident's reports. */
  affected: number | null;
  evacuated: number | null;
  housesCollapsed: number | null;
  correctionReason: string | null;
  correctsReportId: number | null;
  actor: string;
  createdAt: number;
}

export interface UpwardReportRow {
  id: number;
  incidentId: number;
  recipient: string;
  channel: Channel;
  sentAt: number;
  note: string;
  actor: string;
  createdAt: number;
}

export interface StoredFlag {
  id: number;
  incidentId: number;
  code: FlagCode;
  slot: string;
  status: StoredFlagStatus;
  reason: SuspicionReason | null;
  fields: ReportItem[] | null;
  deadline: number | null;
  actual: number | null;
  /** For overdue flags, as of the time the list was read. */
  minutesLate: number | null;
  reportId: number | null;
  onDutyText: string | null;
  onDutyIds: number[] | null;
  raisedAt: number;
  updatedAt: number;
  review: FlagReview;
  reviewedBy: string | null;
  reviewReason: string | null;
  reviewedAt: number | null;
  /** The rule-set version (Settings → 报送时限规则) that judged it; null only in hand-made rows. */
  ruleSetVersion: number | null;
}

/** A flag in the 督办 queue, with the incident it belongs to. */
export interface QueueFlag extends StoredFlag {
  incidentNumber: string;
  responsibleUnit: string;
  category: Category;
  place: string;
}

export interface Followup {
  id: number;
  incidentId: number;
  incidentNumber: string;
  flagId: number | null;
  kind: FollowupKind;
  subject: string;
  owner: string;
  dueAt: number;
  status: 'open' | 'done';
  result: string | null;
  createdAt: number;
  createdBy: string;
  doneAt: number | null;
  doneBy: string | null;
}

export interface TimelineAudit {
  id: number;
  at: number;
  actor: string;
  /** Who, as a person reads it: the user's display name. */
  actorName: string;
  /** The room's seat the write came from (issue 19), or null (the host itself, or before seats). */
  seat: string | null;
  method: string;
  entity: string;
  entityId: string | null;
}

export interface IncidentDetail {
  incident: IncidentRow;
  reports: ReportRow[];
  upward: UpwardReportRow[];
  flags: StoredFlag[];
  followups: Followup[];
  audit: TimelineAudit[];
  /** The description's stored revisions (事件经过), oldest first; see currentDescriptionOf. */
  descriptions: DescriptionRevision[];
  /** Deadlines still owed, from the engine (code and instant). */
  pending: { code: FlagCode; deadline: number }[];
  /**
   * The versions a write names as baseVersion: of the incident's facts (incidents.updateFacts)
   * and of its description (incidents.describe); 0 for none yet.
   */
  versions: { facts: number; description: number };
}

export interface IncidentPage {
  /** Matches; for a broad text search, a lower bound (atLeast). */
  total: number;
  /** A text search matched more than it counts: "at least total". */
  atLeast?: boolean;
  offset: number;
  rows: IncidentRow[];
}

export interface DashboardItem {
  incidentId: number;
  number: string;
  category: Category;
  responsibleUnit: string;
  place: string;
  level: Level;
  code: FlagCode;
  deadline: number;
  /** Acknowledged stages of this deadline. */
  acked: ('amber' | 'overdue')[];
}

export interface Dashboard {
  now: number;
  items: DashboardItem[];
  openIncidents: number;
  pendingFlags: number;
  openFollowups: number;
  today: number;
  /** The first flags awaiting a leader's review, in the 督办 queue's order (pendingFlags counts them all). */
  flags: QueueFlag[];
}

export interface LedgerFinding {
  flagId: number;
  incidentId: number;
  incidentNumber: string;
  code: FlagCode;
  confirmedAt: number;
  confirmedBy: string;
  reason: string;
  deadline: number | null;
  actual: number | null;
  minutesLate: number | null;
}

export interface LedgerUnit {
  unit: string;
  notices: LedgerFinding[];
  heavierPenalty: LedgerFinding[];
  vetoed: boolean;
  summonsRecommended: boolean;
  summonsCount: number;
  /** Every confirmed finding of the unit in the year. */
  findings: LedgerFinding[];
  /** Daily reports in special periods whose cutoff fell in the year: omitted (漏报) and late. */
  zeroMissing: number;
  zeroLate: number;
  /** Relayed notices whose deadline fell in the year: receipts or feedback missing, and late (the duty room: its late relays). */
  relayMissing: number;
  relayLate: number;
}

export interface Ledger {
  year: number;
  asOf: number;
  units: LedgerUnit[];
}

// --- Input schemas (messages are i18n keys) ---

const trimmed = (max: number) => textField(max);
const prose = (max: number) => textField(max, 'multiLine');
const countValue = z
  .number({ error: 'incident.countInvalid' })
  .int({ error: 'incident.countInvalid' })
  .nonnegative({ error: 'incident.countInvalid' })
  .max(1_000_000, { error: 'incident.countInvalid' })
  .nullable();
const count = countValue.default(null);
/** A count only some reports state (the natural-disaster figures): optional, so callers that never state it leave it out. */
const naturalCount = countValue.optional();
const instant = instantSchema;

/** What one report states; used by intake and by a follow-up report. */
export const reportFieldsSchema = z.object({
  kind: z.enum(REPORT_KINDS, { error: 'incident.kindRequired' }),
  channel: z.enum(CHANNELS, { error: 'incident.channelRequired' }),
  fromUnit: trimmed(60).min(1, { error: 'incident.fromUnitRequired' }),
  callerName: trimmed(30).default(''),
  callerTitle: trimmed(30).default(''),
  callerPhone: trimmed(40).default(''),
  /**
   * The real time of the call, as a person typed it. Left out, the call began `startedMsAgo` before
   * the save (the form's own timer from the officer's first keystroke), or at the save. The
   * system's stamp of the entry (enteredAt) is always the server's clock at the save, never sent.
   */
  receivedAt: instant.optional(),
  startedMsAgo: z.number().int().min(0).max(12 * 60 * 60 * 1000).optional(),
  occurredAt: instant.nullable().default(null),
  location: trimmed(200).nullable().default(null),
  summary: prose(4000).nullable().default(null),
  measuresTaken: prose(4000).nullable().default(null),
  deaths: count,
  missing: count,
  seriouslyInjured: count,
  injured: count,
  trapped: count,
  directLossYuan: z.number({ error: 'incident.lossInvalid' }).nonnegative({ error: 'incident.lossInvalid' }).nullable().default(null),
  /** The natural-disaster figures: left out or null where not stated; only a natural-class incident takes them. */
  affected: naturalCount,
  evacuated: naturalCount,
  housesCollapsed: naturalCount,
  correctionReason: prose(1000).nullable().default(null),
  correctsReportId: z.number().int().positive().nullable().default(null),
});
export type ReportFields = z.output<typeof reportFieldsSchema>;
/** A report as stored: the server's stamp of its entry and the time of the call settled. */
export type StampedReport = ReportFields & { enteredAt: number; receivedAt: number };
export type ReportFieldsInput = z.input<typeof reportFieldsSchema>;

export const intakeSchema = z
  .object({
    category: z.enum(CATEGORY_CODES, { error: 'incident.categoryRequired' }),
    responsibleUnit: trimmed(60).min(1, { error: 'incident.unitRequired' }),
    occurredAt: instant,
    place: trimmed(200).default(''),
    level: z.enum(LEVELS).nullable().default(null),
    important: z.boolean().default(false),
    report: reportFieldsSchema.strict(),
    /**
     * A person's decision that this is not the likely duplicate the log holds (the incidents' ids
     * shown, and why): without it, a likely duplicate is refused (incident.likelyDuplicate).
     */
    notDuplicateOf: z
      .object({ ids: z.array(z.number().int().positive()).min(1).max(20), reason: prose(200).min(2, { error: 'incident.duplicateReasonRequired' }) })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!takesNaturalFigures(v.category))
      for (const k of statedNaturalFigures(v.report)) ctx.addIssue({ code: 'custom', path: ['report', k], message: `incident.naturalOnly.${k}` });
  });
export type IntakeInput = z.input<typeof intakeSchema>;
export type Intake = z.output<typeof intakeSchema>;

/** The natural-disaster figures a report states (a value, 0 included; null or left out is not stated). */
export function statedNaturalFigures(r: Partial<Record<(typeof NATURAL_FIGURE_KEYS)[number], number | null>>): (typeof NATURAL_FIGURE_KEYS)[number][] {
  return NATURAL_FIGURE_KEYS.filter((k) => r[k] != null);
}

export const addReportSchema = z
  .object({
    incidentId: z.number().int().positive(),
    report: reportFieldsSchema.strict(),
    /** A final report saying the response ended: record 处置结束 (closedAt) at its time, in the same save. */
    closesIncident: z.boolean().default(false),
  })
  .strict()
  .superRefine((v, ctx) => {
    // A correction without a reason would be an overwrite in disguise.
    if (v.report.correctsReportId != null && !v.report.correctionReason)
      ctx.addIssue({ code: 'custom', path: ['report', 'correctionReason'], message: 'incident.correctionReasonRequired' });
  });

export const upwardSchema = z
  .object({
    incidentId: z.number().int().positive(),
    recipient: trimmed(60).min(1, { error: 'incident.recipientRequired' }),
    channel: z.enum(CHANNELS, { error: 'incident.channelRequired' }),
    sentAt: instant,
    note: prose(1000).default(''),
  })
  .strict();

export const updateFactsSchema = z
  .object({
    id: z.number().int().positive(),
    learnedAt: instant.nullable().optional(),
    closedAt: instant.nullable().optional(),
    occurredAt: instant.optional(),
    level: z.enum(LEVELS).nullable().optional(),
    important: z.boolean().optional(),
    reason: prose(1000).min(2, { error: 'incident.reasonRequired' }),
  })
  .strict();

export const reviewSchema = z
  .object({
    flagId: z.number().int().positive(),
    decision: z.enum(['confirmed', 'dismissed']),
    leader: trimmed(30).min(1, { error: 'flag.leaderRequired' }),
    reason: prose(1000).min(2, { error: 'flag.reasonRequired' }),
  })
  .strict();

export const followupCreateSchema = z
  .object({
    incidentId: z.number().int().positive(),
    flagId: z.number().int().positive().nullable().default(null),
    kind: z.enum(FOLLOWUP_KINDS),
    subject: trimmed(500).min(1, { error: 'followup.subjectRequired' }),
    owner: trimmed(30).min(1, { error: 'followup.ownerRequired' }),
    dueAt: instant,
  })
  .strict();

export const followupCompleteSchema = z
  .object({
    id: z.number().int().positive(),
    result: prose(2000).min(1, { error: 'followup.resultRequired' }),
  })
  .strict();

export const logQuerySchema = z
  .object({
    from: z.number().int().optional(),
    to: z.number().int().optional(),
    category: z.enum(CATEGORY_CODES).optional(),
    level: z.enum(LEVELS).optional(),
    unit: trimmed(60).optional(),
    status: z.enum(INCIDENT_STATUSES).optional(),
    flag: z.enum(['any', ...FLAG_CODES]).optional(),
    query: trimmed(100).optional(),
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().positive().max(500).default(100),
  })
  .strict();
export type LogQuery = z.output<typeof logQuerySchema>;
