// Pure domain code: runs anywhere (renderer, main, CLI, tests). The incident log's bridge to the
// rule engine: stored rows to the engine's Incident, and the deadlines still owed. Shared so that
// the intake form's preview and the stored verdict come from the same code.
import type { IncidentRow, ReportRow, UpwardReportRow } from './incident.js';
import { evaluateIncident, type Evaluation } from './rules/evaluate-incident.js';
import type { FlagCode } from './rules/flag.js';
import type { Incident, Report } from './rules/incident.js';
import type { RuleSet } from './rules/rule-set.js';

/** Later than any real instant: evaluated "at the end of time", every unmet deadline is overdue. */
export const END_OF_TIME = 8.64e15;

export function toEngineReport(r: Omit<ReportRow, 'id' | 'incidentId' | 'seq' | 'actor' | 'createdAt'>): Report {
  return {
    kind: r.kind,
    channel: r.channel,
    fromUnit: r.fromUnit,
    receivedAt: r.receivedAt,
    occurredAt: r.occurredAt,
    location: r.location,
    summary: r.summary,
    measuresTaken: r.measuresTaken,
    deaths: r.deaths,
    missing: r.missing,
    seriouslyInjured: r.seriouslyInjured,
    injured: r.injured,
    directLossYuan: r.directLossYuan,
    correctionReason: r.correctionReason,
  };
}

export function toEngineIncident(
  i: Pick<IncidentRow, 'id' | 'category' | 'responsibleUnit' | 'occurredAt' | 'learnedAt' | 'closedAt' | 'manualLevel'>,
  reports: readonly Report[],
  upward: readonly Pick<UpwardReportRow, 'recipient' | 'channel' | 'sentAt'>[] = [],
  id = String(i.id),
): Incident {
  return {
    id,
    category: i.category,
    responsibleUnit: i.responsibleUnit,
    occurredAt: i.occurredAt,
    learnedAt: i.learnedAt,
    closedAt: i.closedAt,
    level: i.manualLevel,
    reports,
    upward: upward.map((u) => ({ to: u.recipient, channel: u.channel, sentAt: u.sentAt })),
  };
}

export interface Pending {
  code: FlagCode;
  deadline: number;
}

/**
 * The deadlines still owed (an obligation not yet met, past or future), and the earliest instant
 * at or after `now` where the verdict can change with time alone. Asking the engine about the end
 * of time keeps the app and the engine in agreement to the minute: no deadline is computed twice.
 *
 * Daily follow-ups (`dailyAt`) of an open incident would owe a deadline every day to the end of
 * time, so the engine is asked for them only up to the first one still owed at or after `now`
 * (`dailyHorizon`): `pending` then lists every deadline of the other rules, and every daily one up
 * to that one; `nextCheck` is the same as with every deadline listed. `far` is that evaluation.
 */
export function pendingOf(incident: Incident, ruleSet: RuleSet, now: number): { pending: Pending[]; nextCheck: number | null; far: Evaluation } {
  return pendingFrom(evaluateIncident(incident, ruleSet, END_OF_TIME, { dailyHorizon: now }), now);
}

/** pendingOf's reading of an evaluation at the end of time: the overdue deadlines, sorted, and the next check. */
export function pendingFrom(far: Evaluation, now: number): { pending: Pending[]; nextCheck: number | null; far: Evaluation } {
  const pending: Pending[] = [];
  let nextCheck: number | null = null;
  for (const f of far.flags) {
    if (f.deadline === null) continue;
    if (f.status === 'overdue') pending.push({ code: f.code, deadline: f.deadline });
    if (f.deadline >= now && (nextCheck === null || f.deadline < nextCheck)) nextCheck = f.deadline;
  }
  pending.sort((a, b) => a.deadline - b.deadline);
  return { pending, nextCheck, far };
}
