// Pure domain code: runs anywhere. Stored incidents in the `duty rules check` input format
// (docs/rules.md), so that an export can be judged by the CLI and compared with the app.
import type { IncidentRow, ReportRow, UpwardReportRow } from './incident.js';
import { formatIsoInstant } from './rules/iso-instant.js';

const iso = (ms: number | null) => (ms === null ? null : formatIsoInstant(ms));

/** One incident as rules-check JSON; `id` is the incident's human number. */
export function incidentToRulesCheckJson(i: IncidentRow, reports: readonly ReportRow[], upward: readonly UpwardReportRow[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: i.number,
    category: i.category,
    responsibleUnit: i.responsibleUnit,
    occurredAt: iso(i.occurredAt),
  };
  if (i.learnedAt !== null) out.learnedAt = iso(i.learnedAt);
  if (i.closedAt !== null) out.closedAt = iso(i.closedAt);
  if (i.manualLevel !== null) out.level = i.manualLevel;
  out.reports = reports.map((r) => {
    const rep: Record<string, unknown> = { kind: r.kind, channel: r.channel, fromUnit: r.fromUnit, receivedAt: iso(r.receivedAt) };
    if (r.occurredAt !== null) rep.occurredAt = iso(r.occurredAt);
    for (const k of ['location', 'summary', 'measuresTaken', 'deaths', 'missing', 'seriouslyInjured', 'injured', 'directLossYuan', 'correctionReason'] as const)
      if (r[k] !== null) rep[k] = r[k];
    return rep;
  });
  if (upward.length) out.upward = upward.map((u) => ({ to: u.recipient, channel: u.channel, sentAt: iso(u.sentAt) }));
  return out;
}
