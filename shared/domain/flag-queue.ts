// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// The 督办 queue: the one order the leader's list (and the dashboard's) reads flags in, the query
// its filters send, the page it answers, and each flag's problem put in words.
import { z } from 'zod';
import { textField } from './safe-text.js';
import type { QueueFlag, StoredFlag } from './incident.js';
import { NOTICE_FLAG_CODES, type NoticeFlagCode, type NoticeFlagRow } from './notice.js';
import { FLAG_CODES, type FlagCode } from './rules/flag.js';
import { overdueMinutesAsOf } from './rules/predicates.js';
import type { MessageKey } from '../i18n/index.js';

/**
 * What matters first. Suspected concealment, omission and false reports are what a leader must
 * act on now; then the late and overdue reports, the latest first; a report after the supplement
 * window; missing items (要素缺失, the most frequent and least serious) last.
 */
/** Every kind of flag the queue lists: an incident's, and a relayed notice's (传达回执). */
export type QueueCode = FlagCode | NoticeFlagCode;
export const QUEUE_FLAG_CODES = [...FLAG_CODES, ...NOTICE_FLAG_CODES] as const;

export const QUEUE_TIER: Readonly<Record<QueueCode, number>> = {
  SUSPECT_CONCEALED: 0,
  OMITTED_UNREPORTED: 1,
  SUSPECT_FALSE: 2,
  LATE_FIRST: 3,
  LATE_WRITTEN: 3,
  LATE_FOLLOWUP: 3,
  LATE_FINAL: 3,
  UPWARD_LATE: 3,
  // A relayed notice's: the duty room's late relay, a unit's late or missing receipt or feedback.
  RELAY_LATE: 3,
  RECEIPT_LATE: 3,
  RECEIPT_MISSING: 3,
  FEEDBACK_LATE: 3,
  FEEDBACK_MISSING: 3,
  OUTSIDE_SUPPLEMENT_WINDOW: 4,
  OMITTED_FIELDS: 5,
};

/** The codes in queue order (ties by code), for the kind filter. */
export const QUEUE_CODES: readonly QueueCode[] = [...QUEUE_FLAG_CODES].sort((a, b) => QUEUE_TIER[a] - QUEUE_TIER[b] || a.localeCompare(b));

export const QUEUE_REVIEWS = ['pending', 'confirmed', 'dismissed', 'all'] as const;
export type QueueReview = (typeof QUEUE_REVIEWS)[number];

/** The most rows one page may ask for; the page says how many there are in all. */
export const QUEUE_PAGE_MAX = 200;

export const flagQueueQuerySchema = z
  .object({
    /** The review state (待确认, 已确认, 已排除, or all). */
    review: z.enum(QUEUE_REVIEWS).default('pending'),
    /** Kinds of flag; empty: every kind. */
    codes: z.array(z.enum(QUEUE_FLAG_CODES)).max(QUEUE_FLAG_CODES.length).default([]),
    /** The responsible unit, as the incident names it, or the unit a notice went to; empty: every unit. */
    unit: textField(60).default(''),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(QUEUE_PAGE_MAX).default(50),
  })
  .strict();
export type FlagQueueQuery = z.output<typeof flagQueueQuerySchema>;

/** One row of the queue: an incident's flag, or a relayed notice's (RELAY_LATE has no unit: the duty room's own). */
export type QueueRow = ({ source: 'incident' } & QueueFlag) | ({ source: 'notice' } & NoticeFlagRow);

export interface FlagQueuePage {
  /** Rows matching the filters, in all (the page shows `rows` of them from `offset`). */
  total: number;
  offset: number;
  rows: QueueRow[];
  /** Units with a flag in the review state asked for (for the unit filter), by name. */
  units: string[];
  /** Flags per kind in the review state and unit asked for (for the kind filter). */
  byCode: Partial<Record<QueueCode, number>>;
}

/** Minutes past the deadline as of `now`: an overdue flag grows later every minute. */
export function queueMinutesLate(f: { status: string; deadline: number | null; minutesLate: number | null }, now: number): number | null {
  if (f.status === 'overdue' && f.deadline !== null) return overdueMinutesAsOf(f.deadline, now);
  return f.minutesLate;
}

/**
 * The queue's order as a comparator (the repository sorts in SQL by the same keys): pending review
 * first, then the tier, then most minutes late, then the latest instant, then the newest flag (an
 * incident's before a notice's of the same id).
 */
export function compareQueue(a: QueueOrderKeys, b: QueueOrderKeys, now: number): number {
  const pending = (f: QueueOrderKeys) => (f.review === 'pending' ? 0 : 1);
  const late = (f: QueueOrderKeys) => queueMinutesLate(f, now) ?? -1;
  const at = (f: QueueOrderKeys) => f.deadline ?? f.actual ?? f.raisedAt;
  const source = (f: QueueOrderKeys) => (f.source === 'notice' ? 1 : 0);
  return pending(a) - pending(b) || QUEUE_TIER[a.code] - QUEUE_TIER[b.code] || late(b) - late(a) || at(b) - at(a) || b.id - a.id || source(a) - source(b);
}
interface QueueOrderKeys {
  source?: QueueRow['source'];
  id: number;
  code: QueueCode;
  status: string;
  review: string;
  deadline: number | null;
  actual: number | null;
  minutesLate: number | null;
  raisedAt: number;
}

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** "45 分钟", "2 小时 5 分钟", "3 天 2 小时": how late, in words a person reads at a glance. */
export function lateText(t: T, minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? t('duration.daysHours', { d, h }) : t('duration.days', { d });
  if (h > 0) return m > 0 ? t('duration.hoursMinutes', { h, m }) : t('duration.hours', { h });
  return t('duration.minutes', { m });
}

/**
 * What is wrong with a flag, in one sentence: which items are missing; the deadline and the
 * actual time; how late (an overdue flag as of `now`). `fmt` writes an instant in the duty room's
 * zone.
 */
export function flagProblemText(
  t: T,
  f: Pick<StoredFlag, 'code' | 'status' | 'reason' | 'fields' | 'deadline' | 'actual' | 'minutesLate'>,
  fmt: (ms: number) => string,
  now: number,
): string {
  const what = t(`deadline.${f.code}`);
  const minutes = queueMinutesLate(f, now);
  const late = minutes === null ? '' : lateText(t, minutes);
  const deadline = f.deadline === null ? '' : fmt(f.deadline);
  const actual = f.actual === null ? '' : fmt(f.actual);
  switch (f.code) {
    case 'OMITTED_FIELDS': {
      const items = (f.fields ?? []).map((i) => t(`item.${i}`)).join('、');
      return actual ? t('flagText.fields', { actual, items }) : t('flagText.fieldsNoReport', { items });
    }
    case 'OMITTED_UNREPORTED':
      return actual ? t('flagText.unreportedCame', { deadline, actual }) : t('flagText.unreported', { deadline });
    case 'SUSPECT_CONCEALED':
      if (f.reason === 'level_rose') return t('flagText.levelRose', { actual });
      return actual ? t('flagText.concealedCame', { deadline, actual }) : t('flagText.concealed', { deadline });
    case 'SUSPECT_FALSE':
      return `${f.reason ? t(`flag.reason.${f.reason}`) : t('flag.code.SUSPECT_FALSE')}${actual ? t('flagText.inReport', { actual }) : ''}`;
    case 'OUTSIDE_SUPPLEMENT_WINDOW':
      return t('flagText.outsideWindow', { deadline, actual });
    default: {
      // LATE_* and UPWARD_LATE: a deadline, and a report after it or none yet.
      const label = f.code === 'UPWARD_LATE' && f.reason ? t(`flag.reason.${f.reason}`) : what;
      if (f.status === 'overdue' || f.actual === null) return t('flagText.overdue', { what: label, deadline, late });
      return t('flagText.late', { what: label, deadline, actual, late });
    }
  }
}

/**
 * What is wrong with a relayed notice's flag (传达回执), in one sentence: the deadline, when the
 * relay, receipt or feedback came or that it has not, and how late (an overdue flag as of `now`).
 */
export function noticeFlagProblemText(
  t: T,
  f: Pick<NoticeFlagRow, 'code' | 'step' | 'status' | 'deadline' | 'actual' | 'minutesLate'>,
  fmt: (ms: number) => string,
  now: number,
): string {
  const minutes = queueMinutesLate(f, now) ?? 0;
  const params = { what: t(`flag.code.${f.code}`), deadline: fmt(f.deadline), step: t(`noticeFlag.step.${f.step}`), late: lateText(t, minutes) };
  return f.status === 'overdue' || f.actual === null ? t('noticeFlag.overdue', params) : t('noticeFlag.late', { ...params, actual: fmt(f.actual) });
}
