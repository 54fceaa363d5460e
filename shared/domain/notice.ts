// Pure domain code: runs anywhere. Relaying notices downward with receipts (传达与回执): what is
// stored and shown for a notice (上级通知, 预警信息, 领导批示, 本级指令), its target units, the
// relay to each unit, each unit's receipt (回执) and feedback (落实情况反馈), and the input schemas
// of their forms. The judging itself is shared/domain/relay.ts. zod error messages are i18n keys.
import { z } from 'zod';

/** 上级通知, 预警信息, 领导批示, 本级指令. */
export const NOTICE_KINDS = ['superior', 'warning', 'instruction', 'local'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** How a notice went out to a unit: fax, the SMS platform, the system, or by phone (who answered). */
export const RELAY_MEANS = ['fax', 'sms_platform', 'system', 'phone'] as const;
export type RelayMeans = (typeof RELAY_MEANS)[number];

/** The three steps logged per notice and unit. */
export const NOTICE_STEPS = ['relay', 'receipt', 'feedback'] as const;
export type NoticeStep = (typeof NOTICE_STEPS)[number];

/** The fields of a notice as typed (a revision carries them all). */
export interface NoticeFields {
  kind: NoticeKind;
  /** Who issued it: 省防指, 市气象台, 市长… */
  source: string;
  /** 文号, e.g. 鄂防汛〔2026〕12号; '' where none. */
  docNumber: string;
  /** Level where it has one: 暴雨红色预警, 防汛Ⅳ级应急响应; '' where none. */
  levelText: string;
  text: string;
  /** The incident it belongs to (an instruction written on a report), or null. */
  incidentId: number | null;
  /** When the duty room received it, as typed (the entry time is stamped by the server). */
  receivedAt: number;
  /** A unit must confirm receipt this many minutes after the relay to it. */
  receiptDeadlineMin: number;
  /** When feedback (落实情况) is due from every target unit; null: none asked. */
  feedbackDueAt: number | null;
  /** What the feedback must report. */
  feedbackRequired: string;
  /** The units to relay it to, from the directory. */
  unitIds: number[];
}

export interface Notice extends NoticeFields {
  id: number;
  /** The server's clock when the notice was first saved. */
  enteredAt: number;
  createdBy: string;
  /** The revision in force (1 = as first saved). */
  revision: number;
  /** Why the revision in force was made (null for the first). */
  revisionReason: string | null;
  updatedAt: number;
}

/** One logged step (a relay, a receipt or a feedback), or a correction of one. */
export interface NoticeStepRow {
  id: number;
  noticeId: number;
  unitId: number;
  unitName: string;
  step: NoticeStep;
  /** When it happened, as typed (or the server's now). */
  at: number;
  enteredAt: number;
  /** relay only. */
  means: RelayMeans | null;
  /** relay by phone: who answered; receipt: the receiver's name. '' elsewhere. */
  person: string;
  /** feedback: what the unit reported. */
  text: string;
  correctsId: number | null;
  correctionReason: string | null;
  actor: string;
}

/** A saved group of units the admin keeps (全体区县, 防指成员单位…), to pick targets from. */
export interface UnitGroup {
  id: number;
  name: string;
  unitIds: number[];
  retired: boolean;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
}

export const NOTICE_FLAG_CODES = ['RELAY_LATE', 'RECEIPT_LATE', 'RECEIPT_MISSING', 'FEEDBACK_LATE', 'FEEDBACK_MISSING'] as const;
export type NoticeFlagCode = (typeof NOTICE_FLAG_CODES)[number];

/** A stored notice flag, with the leader's review, as the lists read it. */
export interface NoticeFlagRow {
  id: number;
  noticeId: number;
  noticeTitle: string;
  /** null: the duty room's own RELAY_LATE. */
  unitId: number | null;
  unitName: string | null;
  step: NoticeStep;
  code: NoticeFlagCode;
  status: 'late' | 'overdue' | 'cleared';
  deadline: number;
  actual: number | null;
  minutesLate: number | null;
  onDutyText: string | null;
  raisedAt: number;
  updatedAt: number;
  review: 'pending' | 'confirmed' | 'dismissed';
  reviewedBy: string | null;
  reviewReason: string | null;
  reviewedAt: number | null;
  ruleSetVersion: number | null;
}

/** A notice in a line: its kind, level, source and document number. */
export function noticeTitle(n: Pick<NoticeFields, 'source' | 'docNumber' | 'levelText' | 'text'>): string {
  const head = [n.source, n.levelText || n.text.slice(0, 16)].filter((s) => s !== '').join(' ');
  return n.docNumber ? `${head}（${n.docNumber}）` : head;
}

const text = (max: number) => z.string({ error: 'validation.text' }).trim().max(max, { error: 'validation.tooLong' });
const instant = z.number({ error: 'incident.timeInvalid' }).int({ error: 'incident.timeInvalid' }).positive({ error: 'incident.timeInvalid' });
const id = z.number({ error: 'validation.id' }).int({ error: 'validation.id' }).positive({ error: 'validation.id' });
const unitIds = z
  .array(id, { error: 'notice.unitsRequired' })
  .min(1, { error: 'notice.unitsRequired' })
  .max(500)
  .refine((ids) => new Set(ids).size === ids.length, { error: 'notice.unitTwice' });

export const noticeFieldsSchema = z
  .object({
    kind: z.enum(NOTICE_KINDS, { error: 'notice.kindRequired' }),
    source: text(60).min(1, { error: 'notice.sourceRequired' }),
    docNumber: text(60).default(''),
    levelText: text(40).default(''),
    text: text(4000).min(1, { error: 'notice.textRequired' }),
    incidentId: id.nullable().default(null),
    receivedAt: instant,
    receiptDeadlineMin: z
      .number({ error: 'notice.receiptDeadlineInvalid' })
      .int({ error: 'notice.receiptDeadlineInvalid' })
      .min(1, { error: 'notice.receiptDeadlineInvalid' })
      .max(7 * 24 * 60, { error: 'notice.receiptDeadlineInvalid' })
      .default(30),
    feedbackDueAt: instant.nullable().default(null),
    feedbackRequired: text(1000).default(''),
    unitIds,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.feedbackDueAt !== null && v.feedbackDueAt <= v.receivedAt) ctx.addIssue({ code: 'custom', path: ['feedbackDueAt'], message: 'notice.feedbackBeforeReceived' });
    if (v.feedbackRequired !== '' && v.feedbackDueAt === null) ctx.addIssue({ code: 'custom', path: ['feedbackDueAt'], message: 'notice.feedbackDueRequired' });
  });
export type NoticeFieldsInput = z.input<typeof noticeFieldsSchema>;

export const unitGroupFieldsSchema = z
  .object({
    name: text(40).min(1, { error: 'notice.groupNameRequired' }),
    unitIds,
  })
  .strict();
export type UnitGroupFields = z.output<typeof unitGroupFieldsSchema>;

/** The relay of one notice to one or many units (bulk: fax to all, the SMS platform, the system). */
export const relayInputSchema = z
  .object({
    noticeId: id,
    unitIds,
    /** When it went out; left out: the server's now. */
    at: instant.optional(),
    means: z.enum(RELAY_MEANS, { error: 'notice.meansRequired' }),
    /** By phone: who answered. */
    answeredBy: text(30).default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.means === 'phone' && v.answeredBy === '') ctx.addIssue({ code: 'custom', path: ['answeredBy'], message: 'notice.answeredByRequired' });
  });
export type RelayInput = z.output<typeof relayInputSchema>;

export const receiptInputSchema = z
  .object({
    noticeId: id,
    unitId: id,
    at: instant.optional(),
    receiver: text(30).min(1, { error: 'notice.receiverRequired' }),
  })
  .strict();
export type ReceiptInput = z.output<typeof receiptInputSchema>;

export const feedbackInputSchema = z
  .object({
    noticeId: id,
    unitId: id,
    at: instant.optional(),
    text: text(2000).min(1, { error: 'notice.feedbackTextRequired' }),
  })
  .strict();
export type FeedbackInput = z.output<typeof feedbackInputSchema>;

/** A correction of one logged step: a new row naming the row it corrects, with a reason. */
export const stepCorrectionSchema = z
  .object({
    stepId: id,
    at: instant,
    means: z.enum(RELAY_MEANS).optional(),
    person: text(30).optional(),
    text: text(2000).optional(),
    reason: text(200).min(1, { error: 'incident.correctionReasonRequired' }),
  })
  .strict();
export type StepCorrection = z.output<typeof stepCorrectionSchema>;

/** The state of one notice × unit, as the grid shows it. */
export interface RelayCell {
  unitId: number;
  relayedAt: number | null;
  relayMeans: RelayMeans | null;
  relayPerson: string;
  receivedAt: number | null;
  receiver: string;
  fedBackAt: number | null;
  feedbackText: string;
  /** The relay + the receipt limit; null until relayed. */
  receiptDeadline: number | null;
  receipt: 'not_relayed' | 'pending' | 'on_time' | 'late' | 'missing';
  feedback: 'not_asked' | 'pending' | 'on_time' | 'late' | 'missing';
  /** Rows logged for the cell (steps and their corrections). */
  rows: number;
}

/** One notice and the state of each of its units. */
export interface RelayNoticeState {
  notice: Notice;
  title: string;
  /** The number of the incident it belongs to (2026-0012), where it belongs to one. */
  incidentNumber?: string | null;
  /** When the duty room had to have relayed it to every unit (RELAY_LATE). */
  relayDeadline: number;
  relayLimitMin: number;
  /** The last first-relay time when every unit has it, else null. */
  relayDoneAt: number | null;
  relayStatus: 'pending' | 'on_time' | 'late' | 'overdue';
  cells: RelayCell[];
  counts: { units: number; relayed: number; received: number; fedBack: number; receiptMissing: number; feedbackMissing: number };
}

/** The grid: notices × units. */
export interface RelayGrid {
  now: number;
  notices: RelayNoticeState[];
  /** Every unit targeted by a notice shown, in directory order. */
  units: { id: number; name: string }[];
}

/** The deadlines still to come, for the dashboard's strip: receipts and feedback pending per notice. */
export interface NoticeDeadline {
  noticeId: number;
  title: string;
  kind: 'relay' | 'receipt' | 'feedback';
  deadline: number;
  /** The units still owing it (for relay: the units not yet relayed). */
  units: string[];
}
