// Runs in Electron's main process and in plain Node. Re-judges one incident with the rule engine
// and stores the verdict: flags keep their identity (incident, code, slot) while their status
// moves; a flag the engine no longer raises is marked cleared; every change is audited. Called in
// the write transaction of every change, and by the rules clock.
import type { IncidentRow, IncidentStatus, ReportRow, StoredFlag, UpwardReportRow } from '../../../shared/domain/incident.js';
import { evaluateIncident } from '../../../shared/domain/rules/evaluate-incident.js';
import type { Flag } from '../../../shared/domain/rules/flag.js';
import type { RuleSet } from '../../../shared/domain/rules/rule-set.js';
import { currentFigures } from '../../../shared/domain/stats.js';
import { byReceiptThenSeq, isOfficialReport } from '../../../shared/domain/rules/predicates.js';
import { flagDutyInstant } from '../../../shared/domain/on-duty.js';
import * as flagsRepo from '../../db/repositories/flags.js';
import * as repo from '../../db/repositories/incidents.js';
import { appendAudit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { onDutyAt, onDutySnapshot } from '../roster/on-duty.js';
import { pendingOf, ruleSetOf, toEngineIncident } from './engine.js';

/** Which obligation a flag is about, stable while its verdict moves (overdue → late). */
export function slotOf(flag: Flag, incident: IncidentRow, reports: readonly ReportRow[]): string {
  const report = flag.reportIndex === null ? null : reports[flag.reportIndex] ?? null;
  switch (flag.code) {
    case 'LATE_FOLLOWUP': {
      // The follow-up owed after an official report: identified by that report.
      const official = reports.filter((r) => isOfficialReport(r, incident.responsibleUnit)).sort(byReceiptThenSeq);
      if (report) {
        const k = official.findIndex((r) => r.id === report.id);
        return `after:${official[k - 1]?.id ?? 0}`;
      }
      // Overdue: owed after the last official report.
      return `after:${official[official.length - 1]?.id ?? 0}`;
    }
    case 'OMITTED_FIELDS':
    case 'OUTSIDE_SUPPLEMENT_WINDOW':
      return `report:${report?.id ?? 0}`;
    case 'SUSPECT_FALSE':
      return `report:${report?.id ?? 0}:${flag.reason ?? ''}`;
    case 'UPWARD_LATE':
      // One per requirement: the first upward report, by phone, written.
      return `upward:${flag.reason ?? ''}`;
    default:
      return 'incident';
  }
}

const verdictOf = (f: Pick<StoredFlag, 'status' | 'deadline' | 'actual' | 'reportId' | 'reason' | 'fields'>) =>
  JSON.stringify([f.status, f.deadline, f.actual, f.reportId, f.reason ?? null, f.fields ?? null]);

const auditView = (f: flagsRepo.FlagWrite) => ({
  code: f.code,
  slot: f.slot,
  status: f.status,
  deadline: f.deadline,
  actual: f.actual,
  minutesLate: f.minutesLate,
  reportId: f.reportId,
  reason: f.reason,
  fields: f.fields,
  onDuty: f.onDutyText,
});

/** One flag the engine raises, with the identity it is stored under. */
export interface JudgedFlag {
  flag: Flag;
  slot: string;
  reportId: number | null;
}

/**
 * The engine's verdict on one incident as stored: each flag with its slot (a repeated slot gets a
 * '+'), and the derived columns of the incident row. Pure: reevaluate and the bulk demo share it.
 */
export function judgeIncident(
  incident: IncidentRow,
  reports: readonly ReportRow[],
  upward: readonly UpwardReportRow[],
  ruleSet: RuleSet,
  now: number,
): { flags: JudgedFlag[]; derived: repo.Derived } {
  const engineIncident = toEngineIncident(incident, reports, upward);
  const ev = evaluateIncident(engineIncident, ruleSet, now);
  const { pending, nextCheck, far } = pendingOf(engineIncident, ruleSet, now);
  const seen = new Set<string>();
  const flags: JudgedFlag[] = [];
  for (const f of ev.flags) {
    let slot = slotOf(f, incident, reports);
    while (seen.has(`${f.code}|${slot}`)) slot += '+';
    seen.add(`${f.code}|${slot}`);
    const report = f.reportIndex === null ? null : reports[f.reportIndex] ?? null;
    flags.push({ flag: f, slot, reportId: report?.id ?? null });
  }
  let status: IncidentStatus = 'open';
  if (incident.closedAt !== null) status = far.flags.some((f) => f.code === 'LATE_FINAL' && f.status === 'overdue') ? 'final_pending' : 'closed';
  const live = [...new Set(ev.flags.map((f) => f.code))].sort();
  return {
    flags,
    derived: {
      initialLevel: ev.initialLevel,
      currentLevel: ev.currentLevel,
      status,
      nextDeadline: pending[0]?.deadline ?? null,
      nextDeadlineCode: pending[0]?.code ?? null,
      nextCheck,
      flagCodes: live.join(' '),
      figures: currentFigures(incident.responsibleUnit, reports),
    },
  };
}

/** A judged flag as the flags table stores it (who was on duty is added by the caller). */
export function flagWriteOf(incidentId: number, j: JudgedFlag): Omit<flagsRepo.FlagWrite, 'onDutyText' | 'onDutyIds'> {
  const f = j.flag;
  return {
    incidentId,
    code: f.code,
    slot: j.slot,
    status: f.status,
    reason: f.reason ?? null,
    fields: f.fields ? JSON.stringify(f.fields) : null,
    deadline: f.deadline,
    actual: f.actual,
    minutesLate: f.minutesLate,
    reportId: j.reportId,
  };
}

/**
 * Evaluates the incident at ctx.now() and stores flags and derived columns. Must run inside the
 * caller's write transaction. Returns how many flags changed.
 */
export function reevaluate(ctx: ServiceContext, incidentId: number, method: string): number {
  const db = ctx.db;
  if (!db.inTransaction) throw new Error('reevaluate must run inside the write transaction');
  const now = ctx.now();
  const incident = repo.findIncident(db, incidentId);
  if (!incident) return 0;
  const reports = repo.reportsOf(db, incidentId);
  const judged = judgeIncident(incident, reports, repo.upwardOf(db, incidentId), ruleSetOf(ctx), now);

  const existing = new Map(flagsRepo.flagsOf(db, incidentId).map((f) => [`${f.code}|${f.slot}`, f]));
  const seen = new Set<string>();
  let changed = 0;
  for (const j of judged.flags) {
    const f = j.flag;
    const key = `${f.code}|${j.slot}`;
    seen.add(key);
    const old = existing.get(key);
    const write: flagsRepo.FlagWrite = {
      ...flagWriteOf(incidentId, j),
      onDutyText: old?.onDutyText ?? null,
      onDutyIds: old?.onDutyIds ? JSON.stringify(old.onDutyIds) : null,
    };
    const parsedFields = f.fields ? [...f.fields] : null;
    if (old && verdictOf(old) === verdictOf({ ...write, fields: parsedFields, reason: f.reason ?? null })) continue;
    // The shift on duty when the flag fell due or its report came (flagDutyInstant): taken again
    // only when that instant moves, so the names stay as they read then.
    const dutyAt = flagDutyInstant(write, old?.raisedAt ?? now);
    if (!old || flagDutyInstant(old, old.raisedAt) !== dutyAt) {
      const snap = onDutySnapshot(onDutyAt(ctx, dutyAt));
      write.onDutyText = snap.text;
      write.onDutyIds = snap.ids;
    }
    if (old) {
      flagsRepo.updateFlagVerdict(db, old.id, write, now);
      appendAudit(ctx, { method, entity: 'flag', entityId: old.id, before: { incidentId, status: old.status, deadline: old.deadline, actual: old.actual }, after: auditView(write) });
    } else {
      const id = flagsRepo.insertFlag(db, write, now);
      appendAudit(ctx, { method, entity: 'flag', entityId: id, before: null, after: { incidentId, ...auditView(write) } });
    }
    changed++;
  }
  for (const [key, old] of existing) {
    if (seen.has(key) || old.status === 'cleared') continue;
    flagsRepo.updateFlagVerdict(
      db,
      old.id,
      {
        incidentId,
        code: old.code,
        slot: old.slot,
        status: 'cleared',
        reason: old.reason,
        fields: old.fields ? JSON.stringify(old.fields) : null,
        deadline: old.deadline,
        actual: old.actual,
        minutesLate: old.minutesLate,
        reportId: old.reportId,
        onDutyText: old.onDutyText,
        onDutyIds: old.onDutyIds ? JSON.stringify(old.onDutyIds) : null,
      },
      now,
    );
    appendAudit(ctx, { method, entity: 'flag', entityId: old.id, before: { incidentId, status: old.status }, after: { incidentId, status: 'cleared' } });
    changed++;
  }

  repo.updateDerived(db, incidentId, judged.derived);
  return changed;
}
