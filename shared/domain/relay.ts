// Pure domain code: runs anywhere. Judging the relay of a notice (传达与回执, docs/rules.md
// "Relaying notices"), per notice × unit, as a pure function of the notice, the steps logged and
// `now`, to the minute like the other flags (exactly at a deadline is on time; one second after is
// one minute late; overdue only strictly past it):
// - RELAY_LATE (the duty room's own): every target unit relayed within the limit of the notice's
//   kind or level (rule set `relay`) after the duty room received it;
// - RECEIPT_LATE / RECEIPT_MISSING: each unit's receipt within the receipt limit after the relay
//   to that unit (no relay yet: no receipt deadline; RELAY_LATE covers it);
// - FEEDBACK_LATE / FEEDBACK_MISSING: each unit's feedback by the notice's feedback deadline.
import type { NoticeFields, NoticeFlagCode, NoticeKind, NoticeStep, RelayCell, RelayMeans } from './notice.js';
import { MINUTE_MS, minutesLate, minutesOverdue } from './rules/predicates.js';

/** The rule set's `relay` section: minutes from receiving a notice to relaying it to every unit. */
export interface RelayLimits {
  /** By kind of notice. */
  byKindMin: Readonly<Record<NoticeKind, number>>;
  /**
   * By a word in the notice's level (暴雨红色预警 contains 红色): the smallest limit of the words
   * the level contains wins over the kind's.
   */
  byLevelWordMin: Readonly<Record<string, number>>;
}

/** Project defaults (no national number): a red warning within 30 minutes, everything else 60. */
export const DEFAULT_RELAY_LIMITS: RelayLimits = {
  byKindMin: { superior: 60, warning: 60, instruction: 60, local: 60 },
  byLevelWordMin: { 红色: 30 },
};

/** The limit for a notice: the smallest of its level's words, else its kind's. */
export function relayLimitMin(limits: RelayLimits, kind: NoticeKind, levelText: string): number {
  let best: number | null = null;
  for (const [word, min] of Object.entries(limits.byLevelWordMin)) if (word !== '' && levelText.includes(word) && (best === null || min < best)) best = min;
  return best ?? limits.byKindMin[kind];
}

/** A logged step that stands (corrections applied). */
export interface StepFact {
  unitId: number;
  step: NoticeStep;
  at: number;
  means?: RelayMeans | null;
  person?: string;
  text?: string;
}

export interface RelayFlag {
  code: NoticeFlagCode;
  status: 'late' | 'overdue';
  /** null: RELAY_LATE, the duty room's own. */
  unitId: number | null;
  step: NoticeStep;
  deadline: number;
  actual: number | null;
  minutesLate: number;
}

export interface RelayVerdict {
  relayDeadline: number;
  relayDoneAt: number | null;
  relayStatus: 'pending' | 'on_time' | 'late' | 'overdue';
  cells: Omit<RelayCell, 'rows'>[];
  flags: RelayFlag[];
  /** The earliest deadline still to pass (when `now` passes it a verdict changes), or null. */
  nextDeadline: number | null;
}

type Judged = Pick<NoticeFields, 'kind' | 'levelText' | 'receivedAt' | 'receiptDeadlineMin' | 'feedbackDueAt' | 'unitIds'>;

/** The first fact of each unit and step (the earliest `at`; ties: the order given). */
function firstOf(facts: readonly StepFact[]): Map<string, StepFact> {
  const first = new Map<string, StepFact>();
  for (const f of facts) {
    const k = `${f.unitId}|${f.step}`;
    const seen = first.get(k);
    if (!seen || f.at < seen.at) first.set(k, f);
  }
  return first;
}

export function judgeRelay(notice: Judged, facts: readonly StepFact[], limitMin: number, now: number): RelayVerdict {
  const first = firstOf(facts);
  const flags: RelayFlag[] = [];
  const upcoming: number[] = [];
  const relayDeadline = notice.receivedAt + limitMin * MINUTE_MS;
  const cells: RelayVerdict['cells'] = [];
  let lastRelay = -Infinity;
  let allRelayed = true;
  for (const unitId of notice.unitIds) {
    const relay = first.get(`${unitId}|relay`);
    const receipt = first.get(`${unitId}|receipt`);
    const feedback = first.get(`${unitId}|feedback`);
    if (relay) lastRelay = Math.max(lastRelay, relay.at);
    else allRelayed = false;

    let receiptState: RelayCell['receipt'] = 'not_relayed';
    const receiptDeadline = relay ? relay.at + notice.receiptDeadlineMin * MINUTE_MS : null;
    if (receiptDeadline !== null) {
      if (receipt) {
        receiptState = receipt.at <= receiptDeadline ? 'on_time' : 'late';
        if (receiptState === 'late') flags.push({ code: 'RECEIPT_LATE', status: 'late', unitId, step: 'receipt', deadline: receiptDeadline, actual: receipt.at, minutesLate: minutesLate(receiptDeadline, receipt.at) });
      } else {
        const over = minutesOverdue(receiptDeadline, now);
        receiptState = over === null ? 'pending' : 'missing';
        if (over === null) upcoming.push(receiptDeadline);
        else flags.push({ code: 'RECEIPT_MISSING', status: 'overdue', unitId, step: 'receipt', deadline: receiptDeadline, actual: null, minutesLate: over });
      }
    } else if (receipt) receiptState = 'on_time';

    let feedbackState: RelayCell['feedback'] = 'not_asked';
    const due = notice.feedbackDueAt;
    if (due !== null) {
      if (feedback) {
        feedbackState = feedback.at <= due ? 'on_time' : 'late';
        if (feedbackState === 'late') flags.push({ code: 'FEEDBACK_LATE', status: 'late', unitId, step: 'feedback', deadline: due, actual: feedback.at, minutesLate: minutesLate(due, feedback.at) });
      } else {
        const over = minutesOverdue(due, now);
        feedbackState = over === null ? 'pending' : 'missing';
        if (over === null) upcoming.push(due);
        else flags.push({ code: 'FEEDBACK_MISSING', status: 'overdue', unitId, step: 'feedback', deadline: due, actual: null, minutesLate: over });
      }
    }
    cells.push({
      unitId,
      relayedAt: relay?.at ?? null,
      relayMeans: relay?.means ?? null,
      relayPerson: relay?.person ?? '',
      receivedAt: receipt?.at ?? null,
      receiver: receipt?.person ?? '',
      fedBackAt: feedback?.at ?? null,
      feedbackText: feedback?.text ?? '',
      receiptDeadline,
      receipt: receiptState,
      feedback: feedbackState,
    });
  }

  let relayStatus: RelayVerdict['relayStatus'];
  let relayDoneAt: number | null = null;
  if (allRelayed && notice.unitIds.length > 0) {
    relayDoneAt = lastRelay;
    relayStatus = lastRelay <= relayDeadline ? 'on_time' : 'late';
    if (relayStatus === 'late') flags.push({ code: 'RELAY_LATE', status: 'late', unitId: null, step: 'relay', deadline: relayDeadline, actual: lastRelay, minutesLate: minutesLate(relayDeadline, lastRelay) });
  } else {
    const over = minutesOverdue(relayDeadline, now);
    relayStatus = over === null ? 'pending' : 'overdue';
    if (over === null) upcoming.push(relayDeadline);
    else flags.push({ code: 'RELAY_LATE', status: 'overdue', unitId: null, step: 'relay', deadline: relayDeadline, actual: null, minutesLate: over });
  }
  return { relayDeadline, relayDoneAt, relayStatus, cells, flags, nextDeadline: upcoming.length ? Math.min(...upcoming) : null };
}

/** The key a stored flag keeps its identity by: the unit (or the duty room) and the step. */
export function relayFlagKey(f: Pick<RelayFlag, 'unitId' | 'step'>): string {
  return `${f.unitId ?? 'room'}|${f.step}`;
}
