// Runs in Electron's main process and in plain Node. The incidents of a date range in the
// rules-check input format (`duty incidents export`).
import { dutyDayStart } from '../../../shared/domain/duty-day.js';
import { incidentToRulesCheckJson } from '../../../shared/domain/incident-export.js';
import { formatIsoInstant } from '../../../shared/domain/rules/iso-instant.js';
import * as repo from '../../db/repositories/incidents.js';
import type { ServiceContext } from '../context.js';
import { getSettings } from '../settings.js';

/** Incidents that occurred from the start of `from` to the end of `to` (dates, in the room's zone). */
export function exportRulesCheckInput(ctx: ServiceContext, from: string, to: string): { now: string; incidents: Record<string, unknown>[] } {
  const tz = getSettings(ctx).timeZone;
  // Calendar days from midnight, whatever the duty-day boundary.
  const clock = { timeZone: tz, boundary: '00:00' };
  const start = dutyDayStart(from, clock);
  const endDay = new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1, Number(to.slice(8, 10)) + 1)).toISOString().slice(0, 10);
  const end = dutyDayStart(endDay, clock);
  const incidents = repo.incidentIdsOccurredBetween(ctx.db, start, end).map((id) => incidentToRulesCheckJson(repo.findIncident(ctx.db, id)!, repo.reportsOf(ctx.db, id), repo.upwardOf(ctx.db, id)));
  return { now: formatIsoInstant(ctx.now()), incidents };
}
