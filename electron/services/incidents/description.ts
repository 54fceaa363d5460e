// Runs in Electron's main process and in plain Node. The incident's description (事件经过): the
// system copies it from the reports as they are saved (the first that states a summary, and a
// correction of that one), a leader rewrites it with a reason. Each is a new revision, audited in
// the same transaction; nothing is overwritten.
import { AppError } from '../../../shared/api/app-error.js';
import { SYSTEM_ACTOR, systemRevisionDue, type DescriptionRevision } from '../../../shared/domain/incident-description.js';
import * as repo from '../../db/repositories/descriptions.js';
import { findIncident, reportsOf } from '../../db/repositories/incidents.js';
import { findUserByName } from '../../db/repositories/users.js';
import { appendAudit } from '../audit.js';
import { inWriteTransaction, type ServiceContext } from '../context.js';
import { assertVersion, type Stamp } from '../versions.js';

const latest = (list: DescriptionRevision[]) => list[list.length - 1] ?? null;

/** The description's version: its newest revision (who wrote it and when), null for none yet. */
export function descriptionStamp(list: DescriptionRevision[]): Stamp | null {
  const last = latest(list);
  return last && { version: last.id, actor: last.actor, at: last.createdAt };
}

/** The name to show for an actor: a user's display name as it is now, else the actor itself. */
export function authorNameOf(ctx: Pick<ServiceContext, 'db'>, actor: string): string {
  if (actor.startsWith('user:')) return findUserByName(ctx.db, actor.slice('user:'.length))?.displayName ?? actor;
  return actor;
}

/**
 * Stores the system's revision the reports now call for, if any (the first copy, or the copy of a
 * correction of the report it came from). Runs inside the caller's write transaction.
 */
export function syncSystemDescription(ctx: ServiceContext, incidentId: number, method: string): DescriptionRevision | null {
  const due = systemRevisionDue(latest(repo.descriptionsOf(ctx.db, incidentId)), reportsOf(ctx.db, incidentId));
  if (due === null) return null;
  const id = repo.insertDescription(ctx.db, {
    incidentId,
    text: due.text,
    reason: '',
    sourceReportId: due.reportId,
    actor: SYSTEM_ACTOR,
    authorName: SYSTEM_ACTOR,
    createdAt: ctx.now(),
  });
  const row = repo.findDescription(ctx.db, id)!;
  appendAudit(ctx, { method, entity: 'incident_description', entityId: id, before: null, after: row });
  return row;
}

/** A leader's new revision of the description, with the reason (kept on the revision and in the audit). */
export function describeIncident(
  ctx: ServiceContext,
  input: { id: number; text: string; reason: string; baseVersion?: number | undefined },
  method = 'incidents.describe',
): DescriptionRevision {
  return inWriteTransaction(ctx, () => {
    if (!findIncident(ctx.db, input.id)) throw new AppError('not_found', 'incident.notFound', { id: input.id });
    assertVersion(ctx, descriptionStamp(repo.descriptionsOf(ctx.db, input.id)), input.baseVersion, 'incident.descriptionChangedMeanwhile');
    // An incident logged before descriptions were kept gets the system's copy first, as revision 1.
    syncSystemDescription(ctx, input.id, method);
    const before = latest(repo.descriptionsOf(ctx.db, input.id));
    if (before !== null && before.text === input.text) throw new AppError('invalid_input', 'incident.descriptionUnchanged');
    const id = repo.insertDescription(ctx.db, {
      incidentId: input.id,
      text: input.text,
      reason: input.reason,
      sourceReportId: null,
      actor: ctx.actor,
      authorName: authorNameOf(ctx, ctx.actor),
      createdAt: ctx.now(),
    });
    const row = repo.findDescription(ctx.db, id)!;
    appendAudit(ctx, {
      method,
      entity: 'incident_description',
      entityId: id,
      before: before && { revision: before.revision, text: before.text },
      after: row,
    });
    return row;
  });
}
