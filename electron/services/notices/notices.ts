// Runs in Electron's main process and in plain Node. Relaying notices downward with receipts
// (传达与回执): notices and their revisions, the unit groups the admin keeps, each relay, receipt
// and feedback (and corrections of them) as new rows; every write audited and followed by the
// re-judging of the notice's flags (judge.ts) in the same transaction. Nothing is deleted.
import { AppError } from '../../../shared/api/app-error.js';
import {
  noticeTitle,
  type FeedbackInput,
  type Notice,
  type NoticeDeadline,
  type NoticeFields,
  type NoticeFlagRow,
  type NoticeStepRow,
  type ReceiptInput,
  type RelayGrid,
  type RelayCell,
  type RelayInput,
  type RelayNoticeState,
  type StepCorrection,
  type UnitGroup,
  type UnitGroupFields,
} from '../../../shared/domain/notice.js';
import { ALARM_WINDOW_MS } from '../../../shared/domain/incident.js';
import * as repo from '../../db/repositories/notices.js';
import { findIncident } from '../../db/repositories/incidents.js';
import { findUnit } from '../../db/repositories/units.js';
import { appendAudit } from '../audit.js';
import { inWriteTransaction, type ServiceContext } from '../context.js';
import { assertPending, assertVersion, auditStamp } from '../versions.js';
import { judgeNotice, verdictOf } from './judge.js';

/** A step's time may be typed a little ahead of the server's clock (two computers), not more. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

function checkUnits(ctx: ServiceContext, unitIds: readonly number[]): void {
  for (const id of unitIds) {
    const u = findUnit(ctx.db, id);
    if (!u) throw new AppError('invalid_input', 'notice.unitUnknown', { id });
    if (!u.active) throw new AppError('invalid_input', 'notice.unitInactive', { unit: u.name });
  }
}

// --- unit groups ---

export function listGroups(ctx: Pick<ServiceContext, 'db'>): UnitGroup[] {
  return repo.listGroups(ctx.db);
}

export function createGroup(ctx: ServiceContext, f: UnitGroupFields, method = 'notices.createGroup'): UnitGroup {
  checkUnits(ctx, f.unitIds);
  return inWriteTransaction(ctx, () => {
    const id = repo.insertGroup(ctx.db, f.name, f.unitIds, ctx.actor, ctx.now());
    const g = repo.findGroup(ctx.db, id)!;
    appendAudit(ctx, { method, entity: 'unit_group', entityId: id, before: null, after: g });
    return g;
  });
}

/** Renames, changes the units of, retires or restores a group; audited, never deleted. */
export function updateGroup(ctx: ServiceContext, id: number, f: UnitGroupFields & { retired: boolean }, method = 'notices.updateGroup'): UnitGroup {
  if (!f.retired) checkUnits(ctx, f.unitIds);
  return inWriteTransaction(ctx, () => {
    const before = repo.findGroup(ctx.db, id);
    if (!before) throw new AppError('not_found', 'notice.groupNotFound', { id });
    repo.updateGroupRow(ctx.db, id, f, ctx.now());
    const after = repo.findGroup(ctx.db, id)!;
    appendAudit(ctx, { method, entity: 'unit_group', entityId: id, before, after });
    return after;
  });
}

// --- notices ---

export function getNotice(ctx: Pick<ServiceContext, 'db'>, id: number): Notice {
  const n = repo.findNotice(ctx.db, id);
  if (!n) throw new AppError('not_found', 'notice.notFound', { id });
  return n;
}

function checkFields(ctx: ServiceContext, f: NoticeFields): void {
  checkUnits(ctx, f.unitIds);
  if (f.incidentId !== null && !findIncident(ctx.db, f.incidentId)) throw new AppError('invalid_input', 'notice.incidentUnknown', { id: f.incidentId });
  if (f.receivedAt > ctx.now() + FUTURE_TOLERANCE_MS) throw new AppError('invalid_input', 'notice.timeFuture');
}

export function createNotice(ctx: ServiceContext, f: NoticeFields, method = 'notices.create'): Notice {
  checkFields(ctx, f);
  return inWriteTransaction(ctx, () => {
    const now = ctx.now();
    const id = repo.insertNotice(ctx.db, ctx.actor, now);
    repo.insertRevision(ctx.db, id, 1, f, null, ctx.actor, now);
    const n = repo.findNotice(ctx.db, id)!;
    appendAudit(ctx, { method, entity: 'notice', entityId: id, before: null, after: n });
    judgeNotice(ctx, id, method);
    return n;
  });
}

/** A correction of a notice (its time, its units, its deadlines…): a new revision with a reason. */
export function reviseNotice(ctx: ServiceContext, id: number, f: NoticeFields, reason: string, method = 'notices.revise', baseVersion?: number): Notice {
  checkFields(ctx, f);
  return inWriteTransaction(ctx, () => {
    const before = getNotice(ctx, id);
    // A notice's version is its revision in force; who made it and when, from its audit row.
    const last = auditStamp(ctx.db, 'notice', id);
    assertVersion(ctx, { version: before.revision, actor: last?.actor ?? before.createdBy, at: last?.at ?? before.updatedAt }, baseVersion, 'notice.changedMeanwhile');
    repo.insertRevision(ctx.db, id, before.revision + 1, f, reason, ctx.actor, ctx.now());
    const after = repo.findNotice(ctx.db, id)!;
    appendAudit(ctx, { method, entity: 'notice', entityId: id, before, after });
    judgeNotice(ctx, id, method);
    return after;
  });
}

export function noticeRevisions(ctx: Pick<ServiceContext, 'db'>, id: number): Notice[] {
  getNotice(ctx, id);
  return repo.revisionsOf(ctx.db, id);
}

// --- steps ---

function stepTime(ctx: ServiceContext, at: number | undefined): number {
  const now = ctx.now();
  if (at === undefined) return now;
  if (at > now + FUTURE_TOLERANCE_MS) throw new AppError('invalid_input', 'notice.timeFuture');
  return at;
}

function checkTarget(ctx: ServiceContext, n: Notice, unitId: number): void {
  if (!n.unitIds.includes(unitId)) {
    const u = findUnit(ctx.db, unitId);
    throw new AppError('invalid_input', 'notice.unitNotTarget', { unit: u?.name ?? String(unitId) });
  }
}

function insertStep(ctx: ServiceContext, s: repo.StepWrite, method: string): number {
  const id = repo.insertStep(ctx.db, s, ctx.actor, ctx.now());
  appendAudit(ctx, { method, entity: 'notice_step', entityId: id, before: null, after: s });
  return id;
}

/** The relay to one or many units at once (bulk: fax to all, SMS platform, system; phone: who answered). */
export function recordRelay(ctx: ServiceContext, r: RelayInput, method = 'notices.relay'): NoticeStepRow[] {
  return inWriteTransaction(ctx, () => {
    const n = getNotice(ctx, r.noticeId);
    const at = stepTime(ctx, r.at);
    for (const u of r.unitIds) checkTarget(ctx, n, u);
    const ids = r.unitIds.map((unitId) =>
      insertStep(ctx, { noticeId: n.id, unitId, step: 'relay', at, means: r.means, person: r.means === 'phone' ? r.answeredBy : '', text: '', correctsId: null, correctionReason: null }, method),
    );
    judgeNotice(ctx, n.id, method);
    return ids.map((id) => repo.findStep(ctx.db, id)!);
  });
}

export function recordReceipt(ctx: ServiceContext, r: ReceiptInput, method = 'notices.receipt'): NoticeStepRow {
  return inWriteTransaction(ctx, () => {
    const n = getNotice(ctx, r.noticeId);
    checkTarget(ctx, n, r.unitId);
    const id = insertStep(ctx, { noticeId: n.id, unitId: r.unitId, step: 'receipt', at: stepTime(ctx, r.at), means: null, person: r.receiver, text: '', correctsId: null, correctionReason: null }, method);
    judgeNotice(ctx, n.id, method);
    return repo.findStep(ctx.db, id)!;
  });
}

export function recordFeedback(ctx: ServiceContext, r: FeedbackInput, method = 'notices.feedback'): NoticeStepRow {
  return inWriteTransaction(ctx, () => {
    const n = getNotice(ctx, r.noticeId);
    checkTarget(ctx, n, r.unitId);
    const id = insertStep(ctx, { noticeId: n.id, unitId: r.unitId, step: 'feedback', at: stepTime(ctx, r.at), means: null, person: '', text: r.text, correctsId: null, correctionReason: null }, method);
    judgeNotice(ctx, n.id, method);
    return repo.findStep(ctx.db, id)!;
  });
}

/** A correction of a logged step: a new row naming it, with a reason; the old row is kept. */
export function correctStep(ctx: ServiceContext, c: StepCorrection, method = 'notices.correctStep'): NoticeStepRow {
  return inWriteTransaction(ctx, () => {
    const old = repo.findStep(ctx.db, c.stepId);
    if (!old) throw new AppError('not_found', 'notice.stepNotFound', { id: c.stepId });
    if (repo.stepsOf(ctx.db, old.noticeId).some((r) => r.correctsId === old.id)) throw new AppError('conflict', 'notice.stepCorrected');
    const means = old.step === 'relay' ? (c.means ?? old.means) : null;
    const person = c.person ?? old.person;
    if (old.step === 'receipt' && person === '') throw new AppError('invalid_input', 'notice.receiverRequired');
    if (old.step === 'relay' && means === 'phone' && person === '') throw new AppError('invalid_input', 'notice.answeredByRequired');
    const id = insertStep(
      ctx,
      { noticeId: old.noticeId, unitId: old.unitId, step: old.step, at: stepTime(ctx, c.at), means, person, text: c.text ?? old.text, correctsId: old.id, correctionReason: c.reason },
      method,
    );
    judgeNotice(ctx, old.noticeId, method);
    return repo.findStep(ctx.db, id)!;
  });
}

/** Every row logged for a notice (steps and corrections), oldest first. */
export function stepsOfNotice(ctx: ServiceContext, noticeId: number): NoticeStepRow[] {
  getNotice(ctx, noticeId);
  return repo.stepsOf(ctx.db, noticeId);
}

// --- what is read ---

export function noticeState(ctx: Pick<ServiceContext, 'db' | 'now'>, n: Notice): RelayNoticeState {
  const rows = repo.stepsOf(ctx.db, n.id);
  const v = verdictOf(ctx, n, rows);
  const rowsOf = new Map<number, number>();
  for (const r of rows) rowsOf.set(r.unitId, (rowsOf.get(r.unitId) ?? 0) + 1);
  const cells = v.cells.map((c) => ({ ...c, rows: rowsOf.get(c.unitId) ?? 0 }));
  return {
    notice: n,
    title: noticeTitle(n),
    relayDeadline: v.relayDeadline,
    relayLimitMin: v.limitMin,
    relayDoneAt: v.relayDoneAt,
    relayStatus: v.relayStatus,
    cells,
    counts: {
      units: cells.length,
      relayed: cells.filter((c) => c.relayedAt !== null).length,
      received: cells.filter((c) => c.receivedAt !== null).length,
      fedBack: cells.filter((c) => c.fedBackAt !== null).length,
      receiptMissing: cells.filter((c) => c.receipt === 'missing').length,
      feedbackMissing: cells.filter((c) => c.feedback === 'missing').length,
    },
  };
}

const DAY_MS = 86_400_000;

/** The grid of notices × units: the notices asked for, else those received in the last `days` days. */
export function relayGrid(ctx: ServiceContext, opts: { noticeIds?: readonly number[] | undefined; days?: number | undefined } = {}): RelayGrid {
  const now = ctx.now();
  const notices = opts.noticeIds?.length ? repo.noticesByIds(ctx.db, opts.noticeIds) : repo.noticesReceivedBetween(ctx.db, now - (opts.days ?? 3) * DAY_MS, now + DAY_MS);
  const states = notices.map((n) => ({ ...noticeState(ctx, n), incidentNumber: n.incidentId === null ? null : (findIncident(ctx.db, n.incidentId)?.number ?? null) }));
  const unitIds = [...new Set(states.flatMap((s) => s.notice.unitIds))];
  const units = unitIds.map((id) => ({ id, name: findUnit(ctx.db, id)?.name ?? `#${id}` }));
  return { now, notices: states, units };
}

/**
 * Relays, receipts and feedback still owed, with their deadlines and the units owing them, for the
 * deadline strip: those to come and those passed within the alarm window (older ones are in 督办).
 */
export function noticeDeadlines(ctx: ServiceContext, days = 3): NoticeDeadline[] {
  const grid = relayGrid(ctx, { days });
  const since = grid.now - ALARM_WINDOW_MS;
  const name = new Map(grid.units.map((u) => [u.id, u.name]));
  const out: NoticeDeadline[] = [];
  const owing = (c: RelayCell['receipt'] | RelayCell['feedback']) => c === 'pending' || c === 'missing';
  for (const s of grid.notices) {
    const id = s.notice.id;
    if (s.relayStatus === 'pending' || s.relayStatus === 'overdue')
      out.push({ noticeId: id, title: s.title, kind: 'relay', deadline: s.relayDeadline, units: s.cells.filter((c) => c.relayedAt === null).map((c) => name.get(c.unitId)!) });
    const byDeadline = new Map<number, string[]>();
    for (const c of s.cells) if (owing(c.receipt)) byDeadline.set(c.receiptDeadline!, [...(byDeadline.get(c.receiptDeadline!) ?? []), name.get(c.unitId)!]);
    for (const [deadline, units] of byDeadline) out.push({ noticeId: id, title: s.title, kind: 'receipt', deadline, units });
    const feedback = s.cells.filter((c) => owing(c.feedback)).map((c) => name.get(c.unitId)!);
    if (feedback.length && s.notice.feedbackDueAt !== null) out.push({ noticeId: id, title: s.title, kind: 'feedback', deadline: s.notice.feedbackDueAt, units: feedback });
  }
  return out.filter((d) => d.deadline > since).sort((a, b) => a.deadline - b.deadline);
}

// --- flags ---

export function noticeFlagQueue(ctx: ServiceContext, review: NoticeFlagRow['review'] | 'all'): NoticeFlagRow[] {
  return repo.noticeFlagQueue(ctx.db, review, ctx.now());
}

export function noticeFlags(ctx: ServiceContext, noticeId: number): NoticeFlagRow[] {
  return repo.flagsOfNotice(ctx.db, getNotice(ctx, noticeId).id, ctx.now());
}

/** A leader confirms or dismisses a notice flag with a written reason. */
export function reviewNoticeFlag(
  ctx: ServiceContext,
  input: { flagId: number; decision: 'confirmed' | 'dismissed'; leader: string; reason: string },
  method = 'notices.reviewFlag',
): NoticeFlagRow {
  return inWriteTransaction(ctx, () => {
    const before = repo.findNoticeFlag(ctx.db, input.flagId, ctx.now());
    if (!before) throw new AppError('not_found', 'flag.notFound', { id: input.flagId });
    if (before.status === 'cleared') throw new AppError('conflict', 'flag.cleared');
    assertPending(ctx, before);
    repo.setNoticeFlagReview(ctx.db, input.flagId, input.decision, input.leader, input.reason, ctx.now());
    const after = repo.findNoticeFlag(ctx.db, input.flagId, ctx.now())!;
    appendAudit(ctx, { method, entity: 'notice_flag', entityId: input.flagId, before: { review: before.review }, after: { review: after.review, reviewedBy: after.reviewedBy, reviewReason: after.reviewReason, reviewedAt: after.reviewedAt } });
    return after;
  });
}
