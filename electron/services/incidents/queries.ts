// Runs in Electron's main process and in plain Node. What the log page, the detail drawer and the
// dashboard read.
import { ALARM_WINDOW_MS, type Dashboard, type IncidentDetail, type IncidentPage, type LogQuery } from '../../../shared/domain/incident.js';
import { dutyDayOf, dutyDayStart } from '../../../shared/domain/duty-day.js';
import { descriptionsOf } from '../../db/repositories/descriptions.js';
import { countPendingNoticeFlags } from '../../db/repositories/notices.js';
import * as flagsRepo from '../../db/repositories/flags.js';
import * as repo from '../../db/repositories/incidents.js';
import { actorNamer } from '../actors.js';
import { auditForEntity } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { getSettings } from '../settings.js';
import { auditStamp, versionOf } from '../versions.js';
import { descriptionStamp } from './description.js';
import { pendingOf, ruleSetOf, toEngineIncident } from './engine.js';
import { alarmKey } from './followup.js';
import { getIncident } from './intake.js';

export function listLog(ctx: ServiceContext, q: LogQuery): IncidentPage {
  const { total, rows, capped } = repo.listIncidents(ctx.db, q);
  return { total, offset: q.offset, rows, ...(capped ? { atLeast: true } : {}) };
}

export function incidentDetail(ctx: ServiceContext, id: number): IncidentDetail {
  const incident = getIncident(ctx, id);
  const reports = repo.reportsOf(ctx.db, id);
  const upward = repo.upwardOf(ctx.db, id);
  const flags = flagsRepo.flagsOf(ctx.db, id, ctx.now());
  const followups = flagsRepo.listFollowups(ctx.db, { status: 'all', incidentId: id });
  const descriptions = descriptionsOf(ctx.db, id);
  const nameOf = actorNamer(ctx);
  const audit = [
    ...auditForEntity(ctx.db, 'incident', id),
    ...reports.flatMap((r) => auditForEntity(ctx.db, 'report', r.id)),
    ...upward.flatMap((u) => auditForEntity(ctx.db, 'upward_report', u.id)),
    ...flags.flatMap((f) => auditForEntity(ctx.db, 'flag', f.id)),
    ...followups.flatMap((f) => auditForEntity(ctx.db, 'followup', f.id)),
    ...descriptions.flatMap((d) => auditForEntity(ctx.db, 'incident_description', d.id)),
  ]
    .sort((a, b) => a.id - b.id)
    .map((a) => ({ id: a.id, at: a.at, actor: a.actor, actorName: nameOf(a.actor), seat: a.seat ?? null, method: a.method, entity: a.entity, entityId: a.entity_id }));
  const { pending } = pendingOf(toEngineIncident(incident, reports, upward), ruleSetOf(ctx), ctx.now());
  const versions = { facts: versionOf(auditStamp(ctx.db, 'incident', id)), description: versionOf(descriptionStamp(descriptions)) };
  return { incident, reports, upward, flags, followups, audit, descriptions, pending, versions };
}

/** The dashboard lists the first flags of the 督办 queue, in its order; the count says how many there are. */
export const DASHBOARD_FLAGS = 20;

export function dashboard(ctx: ServiceContext): Dashboard {
  const now = ctx.now();
  const settings = getSettings(ctx);
  const incidents = repo.withPendingDeadline(ctx.db, now - ALARM_WINDOW_MS);
  const acked = flagsRepo.ackedKeys(
    ctx.db,
    incidents.map((i) => i.id),
  );
  const items = incidents.map((i) => {
    const deadline = i.nextDeadline!;
    const code = i.nextDeadlineCode!;
    return {
      incidentId: i.id,
      number: i.number,
      category: i.category,
      responsibleUnit: i.responsibleUnit,
      place: i.place,
      level: i.currentLevel,
      code,
      deadline,
      acked: (['amber', 'overdue'] as const).filter((s) => acked.has(alarmKey(i.id, code, deadline, s))),
    };
  });
  const dayStart = dutyDayStart(dutyDayOf(now, { timeZone: settings.timeZone, boundary: settings.dutyBoundary }), {
    timeZone: settings.timeZone,
    boundary: settings.dutyBoundary,
  });
  return {
    now,
    items,
    openIncidents: repo.countIncidents(ctx.db, 'open'),
    // Awaiting a leader's review in 督办: the incidents' flags and the relayed notices'.
    pendingFlags: flagsRepo.countPendingFlags(ctx.db) + countPendingNoticeFlags(ctx.db),
    openFollowups: flagsRepo.countOpenFollowups(ctx.db),
    today: repo.countIncidents(ctx.db, 'all', dayStart),
    flags: flagsRepo.pendingQueueFlags(ctx.db, { codes: [], limit: DASHBOARD_FLAGS }, now),
  };
}
