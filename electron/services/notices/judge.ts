// Runs in Electron's main process and in plain Node. Judges a notice's relay, receipts and
// feedback with shared/domain/relay.ts and stores its flags (RELAY_LATE, RECEIPT_LATE/MISSING,
// FEEDBACK_LATE/MISSING) through the one reconcile-and-audit path (flag-reconcile.ts): one flag
// per notice, unit and step, keeping its identity while its verdict moves (RECEIPT_MISSING →
// RECEIPT_LATE when the receipt comes after the deadline); a flag no longer raised is marked
// cleared, never deleted; every change audited. Called in the write transaction of every change
// and by the rules clock, which looks only at notices with a deadline passed since (next_check).
import type { NoticeRejudge } from '../../../shared/api/methods/rules.js';
import { noticeTitle, type Notice, type NoticeStepRow } from '../../../shared/domain/notice.js';
import { judgeRelay, relayFlagKey, relayLimitMin, type RelayVerdict, type StepFact } from '../../../shared/domain/relay.js';
import { relayLimitsOf } from '../../../shared/domain/rules/rule-set.js';
import { standingRows } from '../../../shared/domain/standing-rows.js';
import * as repo from '../../db/repositories/notices.js';
import { findUnit } from '../../db/repositories/units.js';
import { changeSummary, reconcileFlags, type FlagChange } from '../flag-reconcile.js';
import { inWriteTransaction, type ServiceContext } from '../context.js';
import { completeDutyAtDeadline } from '../roster/on-duty.js';
import { ruleSetInForce, ruleSetVersion, type VersionedRuleSet } from '../rule-sets.js';

export function factsOf(rows: readonly NoticeStepRow[]): StepFact[] {
  return standingRows(rows).map((r) => ({ unitId: r.unitId, step: r.step, at: r.at, means: r.means, person: r.person, text: r.text }));
}

/**
 * The verdict on a notice at ctx.now(), by the rule set in force (or by `rules`: a reviewed
 * RELAY_LATE stays with the version that judged it; a preview judges by an unsaved version); with
 * the version that judged it.
 */
export function verdictOf(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  n: Notice,
  rows?: readonly NoticeStepRow[],
  rules: VersionedRuleSet = ruleSetInForce(ctx),
): RelayVerdict & { limitMin: number; ruleSetVersion: number } {
  const limitMin = relayLimitMin(relayLimitsOf(rules.ruleSet), n.kind, n.levelText);
  return { ...judgeRelay(n, factsOf(rows ?? repo.stepsOf(ctx.db, n.id)), limitMin, ctx.now()), limitMin, ruleSetVersion: rules.version };
}

/** What judging one notice changed (or, on a dry run, would change). */
export interface NoticeJudgement {
  notice: Notice;
  changes: FlagChange<repo.StoredNoticeFlag, repo.NoticeFlagWrite>[];
  /** 1 when a RELAY_LATE a leader reviewed under another version is left to that version. */
  keptReviewed: number;
}

/**
 * Re-judges one notice at ctx.now() by `rules` (default: the version in force) inside the caller's
 * transaction and, unless dryRun (the rule-set preview), stores its flags. Returns the changes.
 */
export function judgeNotice(ctx: ServiceContext, noticeId: number, method: string, rules: VersionedRuleSet = ruleSetInForce(ctx), dryRun = false): NoticeJudgement | null {
  if (!ctx.db.inTransaction) throw new Error('judgeNotice must run inside the write transaction');
  const n = repo.findNotice(ctx.db, noticeId);
  if (!n) return null;
  const steps = repo.stepsOf(ctx.db, n.id);
  const v = verdictOf(ctx, n, steps, rules);
  const now = ctx.now();
  const existing = repo.noticeFlagKeys(ctx.db, noticeId);
  // Only RELAY_LATE depends on the rule set (receipt and feedback deadlines are the notice's own).
  // Once a leader has confirmed or dismissed it, a later version never re-judges it (issue 17):
  // the facts still move it by the version that judged it.
  const relayFlag = [...existing.values()].find((f) => f.code === 'RELAY_LATE');
  const keptVersion = relayFlag && relayFlag.review !== 'pending' && relayFlag.ruleSetVersion !== null && relayFlag.ruleSetVersion !== v.ruleSetVersion ? relayFlag.ruleSetVersion : null;
  const kept = keptVersion === null ? null : verdictOf(ctx, n, steps, { version: keptVersion, ruleSet: ruleSetVersion(ctx.db, keptVersion) });
  const flags = kept ? [...v.flags.filter((f) => f.code !== 'RELAY_LATE'), ...kept.flags.filter((f) => f.code === 'RELAY_LATE')] : v.flags;
  const judged = new Map<string, repo.NoticeFlagWrite>();
  for (const f of flags)
    judged.set(relayFlagKey(f), {
      noticeId,
      unitId: f.unitId,
      step: f.step,
      code: f.code,
      status: f.status,
      deadline: f.deadline,
      actual: f.actual,
      // Overdue flags are read as of now; the stored figure is the one at the last change.
      minutesLate: f.minutesLate,
      onDutyText: null,
      onDutyIds: null,
      ruleSetVersion: f.code === 'RELAY_LATE' ? (kept?.ruleSetVersion ?? v.ruleSetVersion) : null,
    });
  const changes = reconcileFlags(ctx, {
    entity: 'notice_flag',
    method,
    existing,
    judged,
    same: (old, w) => old.code === w.code && old.status === w.status && old.deadline === w.deadline && old.actual === w.actual && old.ruleSetVersion === w.ruleSetVersion,
    clearedOf: (old) => ({ ...old, status: 'cleared' as const }),
    complete: (w, old) => completeDutyAtDeadline(ctx, w, old),
    insert: (w) => repo.insertNoticeFlag(ctx.db, w, now),
    update: (old, w) => repo.updateNoticeFlag(ctx.db, old.id, w, now),
    before: (old) => ({ code: old.code, status: old.status, deadline: old.deadline, actual: old.actual }),
    after: (w) => ({ noticeId, unitId: w.unitId, step: w.step, code: w.code, status: w.status, deadline: w.deadline, actual: w.actual, minutesLate: w.minutesLate, onDuty: w.onDutyText }),
  }, dryRun);
  const next = [v.nextDeadline, kept?.nextDeadline ?? null].filter((t): t is number => t !== null);
  if (!dryRun) repo.setNextCheck(ctx.db, noticeId, next.length ? Math.min(...next) : null);
  return { notice: n, changes, keptReviewed: kept ? 1 : 0 };
}

/** The clock's tick: re-judges the notices with a deadline passed since they were last judged. */
export function runNoticeClock(ctx: ServiceContext): { notices: number; changed: number } {
  const ids = repo.noticesDue(ctx.db, ctx.now());
  if (ids.length === 0) return { notices: 0, changed: 0 };
  return inWriteTransaction(ctx, () => {
    let changed = 0;
    for (const id of ids) changed += judgeNotice(ctx, id, 'rules.clock')?.changes.length ?? 0;
    return { notices: ids.length, changed };
  });
}

const CHANGE_LIMIT = 500;

/**
 * After a new rule-set version: the notices of the last `days` days re-judged by it (RELAY_LATE's
 * limits may have moved); with dryRun (the preview) the same judging, written nowhere. Either way
 * the changes are listed, the first CHANGE_LIMIT of them in full.
 */
export function rejudgeRecentNotices(ctx: ServiceContext, method: string, rules: VersionedRuleSet = ruleSetInForce(ctx), dryRun = false, days = 7): NoticeRejudge {
  const ids = repo.noticeIdsReceivedSince(ctx.db, ctx.now() - days * 86_400_000);
  const out: NoticeRejudge = { notices: ids.length, noticesChanged: 0, raised: 0, changed: 0, cleared: 0, keptReviewed: 0, changes: [], truncated: false };
  const unitName = new Map<number, string>();
  const nameOf = (id: number | null) => (id === null ? null : (unitName.get(id) ?? unitName.set(id, findUnit(ctx.db, id)?.name ?? `#${id}`).get(id)!));
  for (const id of ids) {
    const r = judgeNotice(ctx, id, method, rules, dryRun);
    if (!r) continue;
    out.keptReviewed += r.keptReviewed;
    if (r.changes.length) out.noticesChanged++;
    for (const c of r.changes) {
      out[c.kind]++;
      if (out.changes.length >= CHANGE_LIMIT) continue;
      out.changes.push({ noticeId: id, noticeTitle: noticeTitle(r.notice), unitName: nameOf(c.write.unitId), ...changeSummary(c) });
    }
  }
  out.truncated = out.changes.length < out.raised + out.changed + out.cleared;
  return out;
}
