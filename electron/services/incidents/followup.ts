// Runs in Electron's main process and in plain Node. The 督办 work: a leader confirms or dismisses
// a flag with a written reason; urging a unit (催报) and supervised items (督办事项) with an owner,
// a due time and a result; the officer acknowledging a dashboard alarm. All audited.
import { AppError } from '../../../shared/api/app-error.js';
import { flagQueueQuerySchema, type FlagQueuePage, type FlagQueueQuery } from '../../../shared/domain/flag-queue.js';
import type { Followup, FollowupKind, StoredFlag } from '../../../shared/domain/incident.js';
import * as flagsRepo from '../../db/repositories/flags.js';
import { actorName } from '../actors.js';
import { appendAudit } from '../audit.js';
import { inWriteTransaction, type ServiceContext } from '../context.js';
import { assertPending, whenText } from '../versions.js';
import { onDutyAt } from '../roster/on-duty.js';
import { getIncident } from './intake.js';

/** The 督办 queue: one page, in the order of what matters, with the count of all and the filters' choices. */
export function listQueue(ctx: ServiceContext, q: Partial<FlagQueueQuery> = {}): FlagQueuePage {
  return flagsRepo.queuePage(ctx.db, flagQueueQuerySchema.parse(q), ctx.now());
}

export function reviewFlag(
  ctx: ServiceContext,
  input: { flagId: number; decision: 'confirmed' | 'dismissed'; leader: string; reason: string },
  method = 'flags.review',
): StoredFlag {
  return inWriteTransaction(ctx, () => {
    const before = flagsRepo.findFlag(ctx.db, input.flagId, ctx.now());
    if (!before) throw new AppError('not_found', 'flag.notFound', { id: input.flagId });
    if (before.status === 'cleared') throw new AppError('conflict', 'flag.cleared');
    assertPending(ctx, before);
    flagsRepo.setFlagReview(ctx.db, input.flagId, input.decision, input.leader, input.reason, ctx.now());
    const after = flagsRepo.findFlag(ctx.db, input.flagId, ctx.now())!;
    appendAudit(ctx, {
      method,
      entity: 'flag',
      entityId: input.flagId,
      before: { review: before.review, status: before.status },
      after: { review: after.review, reviewedBy: after.reviewedBy, reviewReason: after.reviewReason, reviewedAt: after.reviewedAt, status: after.status },
    });
    return after;
  });
}

/** The leader on duty now, to prefill the confirming leader; null without a roster. */
export function leaderOnDuty(ctx: ServiceContext): string | null {
  return onDutyAt(ctx, ctx.now())?.leaders[0]?.name ?? null;
}

export function createFollowup(
  ctx: ServiceContext,
  f: { incidentId: number; flagId: number | null; kind: FollowupKind; subject: string; owner: string; dueAt: number },
  method = 'followups.create',
): Followup {
  return inWriteTransaction(ctx, () => {
    getIncident(ctx, f.incidentId);
    if (f.flagId !== null) {
      const flag = flagsRepo.findFlag(ctx.db, f.flagId);
      if (!flag || flag.incidentId !== f.incidentId) throw new AppError('invalid_input', 'followup.flagOfOtherIncident');
    }
    const id = flagsRepo.insertFollowup(ctx.db, f, ctx.actor, ctx.now());
    const after = flagsRepo.findFollowup(ctx.db, id)!;
    appendAudit(ctx, { method, entity: 'followup', entityId: id, before: null, after });
    return after;
  });
}

export function completeFollowup(ctx: ServiceContext, id: number, result: string, method = 'followups.complete'): Followup {
  return inWriteTransaction(ctx, () => {
    const before = flagsRepo.findFollowup(ctx.db, id);
    if (!before) throw new AppError('not_found', 'followup.notFound', { id });
    if (before.status === 'done') throw new AppError('conflict', 'followup.alreadyDone', { who: actorName(ctx, before.doneBy ?? ''), at: before.doneAt === null ? '' : whenText(ctx, before.doneAt) });
    flagsRepo.completeFollowup(ctx.db, id, result, ctx.actor, ctx.now());
    const after = flagsRepo.findFollowup(ctx.db, id)!;
    appendAudit(ctx, { method, entity: 'followup', entityId: id, before, after });
    return after;
  });
}

export function listFollowups(ctx: ServiceContext, status: 'open' | 'done' | 'all'): Followup[] {
  return flagsRepo.listFollowups(ctx.db, { status });
}

export function alarmKey(incidentId: number, code: string, deadline: number, stage: 'amber' | 'overdue'): string {
  return `${incidentId}:${code}:${deadline}:${stage}`;
}

export function ackAlarm(
  ctx: ServiceContext,
  a: { incidentId: number; code: string; deadline: number; stage: 'amber' | 'overdue' },
  method = 'dashboard.ack',
): { acked: true } {
  return inWriteTransaction(ctx, () => {
    getIncident(ctx, a.incidentId);
    const key = alarmKey(a.incidentId, a.code, a.deadline, a.stage);
    const id = flagsRepo.insertAck(ctx.db, { ...a, key }, ctx.actor, ctx.now());
    // Acknowledging twice (two windows) is not an error, and only the first is a fact to audit.
    if (id !== null) appendAudit(ctx, { method, entity: 'alarm', entityId: id, before: null, after: { ...a, key } });
    return { acked: true };
  });
}
