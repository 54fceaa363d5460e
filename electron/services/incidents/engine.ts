// Runs in Electron's main process and in plain Node. The rule set the incident log judges by, and
// the stored rows as the engine's input (shared with the intake preview).
import type { IncidentRow, ReportRow, UpwardReportRow } from '../../../shared/domain/incident.js';
import { toEngineIncident as toIncident, toEngineReport } from '../../../shared/domain/incident-engine.js';
import type { Incident } from '../../../shared/domain/rules/incident.js';
import type { RuleSet } from '../../../shared/domain/rules/rule-set.js';
import type { ServiceContext } from '../context.js';
import { ruleSetInForce } from '../rule-sets.js';

export { END_OF_TIME, pendingOf, type Pending } from '../../../shared/domain/incident-engine.js';

/** The rule set the log judges by: the version in force (electron/services/rule-sets.ts). */
export function ruleSetOf(ctx: Pick<ServiceContext, 'db'>): RuleSet {
  return ruleSetInForce(ctx).ruleSet;
}

/** Reports in the order entered (seq): the engine's reportIndex points back into this list. */
export function toEngineIncident(i: IncidentRow, reports: readonly ReportRow[], upward: readonly UpwardReportRow[] = [], id = String(i.id)): Incident {
  return toIncident(i, reports.map(toEngineReport), upward, id);
}
