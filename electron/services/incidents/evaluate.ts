// Runs in Electron's main process and in plain Node. Re-judges one incident with the rule engine
// and stores the verdict: flags keep their identity (incident, code, slot) while their status
// moves; a flag the engine no longer raises is marked cleared; every change is audited. Called in
// the write transaction of every change, and by the rules clock.
import type { IncidentRow, IncidentStatus, ReportRow, StoredFlag, UpwardReportRow } from '../../../shared/domain/incident.js';
import { evaluateIncident } from '../../../shared/domain/rules/evaluate-incident.js';
import type { Flag, FlagCode } from '../../../shared/domain/rules/flag.js';
import type { ReportItem } from '../../../shared/domain/rules/incident.js';
import type { RuleSet } from '../../../shared/domain/rules/rule-set.js';
import { currentFigures } from '../../../shared/domain/stats.js';
import { byReceiptThenSeq, isOfficialReport } from '../../../shared/domain/rules/predicates.js';
import { flagDutyInstant } from '../../../shared/domain/on-duty.js';
import * as flagsRepo from '../../db/repositories/flags.js';
import * as repo from '../../db/repositories/incidents.js';
import type { ServiceContext } from '../context.js';
import { onDutyAt, onDutySnapshot } from '../roster/on-duty.js';
import { pendingOf, toEngineIncident } from './engine.js';
import { changeSummary, reconcileFlags } from '../flag-reconcile.js';
import { ruleSetInForce, ruleSetVersion, type VersionedRuleSet } from '../rule-sets.js';

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

const verdictOf = (f: Pick<StoredFlag, 'status' | 'deadline' | 'actual' | 'reportId' | 'fields'> & { reason: string | null }) =>
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
  ruleSetVersion: f.ruleSetVersion,
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
    // The daily follow-up rule owes several deadlines after one report: each is its own slot,
    // named by its deadline, so a flag keeps its identity when the report comes (overdue → late).
    if (seen.has(`${f.code}|${slot}`) && f.code === 'LATE_FOLLOWUP' && f.deadline !== null) slot = `${slot}@${f.deadline}`;
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
export function flagWriteOf(incidentId: number, j: JudgedFlag): Omit<flagsRepo.FlagWrite, 'onDutyText' | 'onDutyIds' | 'ruleSetVersion'> {
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

/** What re-judging one incident found (and, unless a dry run, stored). */
export interface StoredJudgement {
  number: string;
  changes: { kind: 'raised' | 'changed' | 'cleared'; code: FlagCode; beforeStatus: string | null; afterStatus: string; beforeDeadline: number | null; afterDeadline: number | null }[];
  /** Flags a leader reviewed under another rule-set version: left to the version that judged them. */
  keptReviewed: number;
  nextDeadlineBefore: number | null;
  nextDeadlineAfter: number | null;
}

/**
 * Judges one incident at ctx.now() by `rules` (default: the version in force) and, unless dryRun,
 * stores its flags and derived columns. A flag a leader confirmed or dismissed is judged only by
 * the rule-set version that judged it when reviewed (issue 17: a new version never re-judges or
 * removes it); every other flag by `rules`. Must run inside the caller's write transaction.
 */
export function judgeStored(ctx: ServiceContext, incidentId: number, method: string, rules: VersionedRuleSet = ruleSetInForce(ctx), dryRun = false): StoredJudgement | null {
  const db = ctx.db;
  const now = ctx.now();
  const incident = repo.findIncident(db, incidentId);
  if (!incident) return null;
  const reports = repo.reportsOf(db, incidentId);
  const upward = repo.upwardOf(db, incidentId);
  const judged = judgeIncident(incident, reports, upward, rules.ruleSet, now);
  const stored = flagsRepo.flagsOf(db, incidentId);
  const existing = new Map(stored.map((f) => [`${f.code}|${f.slot}`, f]));
  const versionOf = (f: StoredFlag) => f.ruleSetVersion ?? 1;
  const isKept = (f: StoredFlag) => f.review !== 'pending' && versionOf(f) !== rules.version;

  const judgedWrites = new Map<string, flagsRepo.FlagWrite>();
  const add = (j: JudgedFlag, version: number) => {
    const key = `${j.flag.code}|${j.slot}`;
    if (!judgedWrites.has(key)) judgedWrites.set(key, { ...flagWriteOf(incidentId, j), onDutyText: null, onDutyIds: null, ruleSetVersion: version });
  };
  for (const j of judged.flags) if (!isKept(existing.get(`${j.flag.code}|${j.slot}`) ?? NO_FLAG)) add(j, rules.version);
  // Reviewed flags of another version go on being judged by theirs: the facts still move them
  // (overdue → late when the report comes), another version's numbers never do.
  const kept = stored.filter(isKept);
  for (const version of new Set(kept.map(versionOf))) {
    const byThatVersion = judgeIncident(incident, reports, upward, ruleSetVersion(db, version), now);
    const keys = new Set(kept.filter((f) => versionOf(f) === version).map((f) => `${f.code}|${f.slot}`));
    for (const j of byThatVersion.flags) if (keys.has(`${j.flag.code}|${j.slot}`)) add(j, version);
  }

  const changes = reconcileFlags(
    ctx,
    {
      entity: 'flag',
      method,
      existing,
      judged: judgedWrites,
      same: (old, w) => old.ruleSetVersion === w.ruleSetVersion && verdictOf(old) === verdictOf({ ...w, fields: w.fields === null ? null : (JSON.parse(w.fields) as ReportItem[]) }),
      clearedOf: (old) => ({
        incidentId,
        code: old.code,
        slot: old.slot,
        status: 'cleared' as const,
        reason: old.reason,
        fields: old.fields ? JSON.stringify(old.fields) : null,
        deadline: old.deadline,
        actual: old.actual,
        minutesLate: old.minutesLate,
        reportId: old.reportId,
        onDutyText: old.onDutyText,
        onDutyIds: old.onDutyIds ? JSON.stringify(old.onDutyIds) : null,
        ruleSetVersion: isKept(old) ? versionOf(old) : rules.version,
      }),
      complete: (w, old) => {
        w.onDutyText = old?.onDutyText ?? null;
        w.onDutyIds = old?.onDutyIds ? JSON.stringify(old.onDutyIds) : null;
        if (w.status === 'cleared') return;
        // The shift on duty when the flag fell due or its report came (flagDutyInstant): taken again
        // only when that instant moves, so the names stay as they read then.
        const dutyAt = flagDutyInstant(w, old?.raisedAt ?? now);
        if (!old || flagDutyInstant(old, old.raisedAt) !== dutyAt) {
          const snap = onDutySnapshot(onDutyAt(ctx, dutyAt));
          w.onDutyText = snap.text;
          w.onDutyIds = snap.ids;
        }
      },
      insert: (w) => flagsRepo.insertFlag(db, w, now),
      update: (old, w) => flagsRepo.updateFlagVerdict(db, old.id, w, now),
      before: (old) => ({ incidentId, status: old.status, deadline: old.deadline, actual: old.actual, ruleSetVersion: old.ruleSetVersion }),
      after: (w) => ({ incidentId, ...auditView(w) }),
    },
    dryRun,
  );

  // The incident's live codes: what the rules raise now, and the kept flags still standing.
  const live = new Set(judged.derived.flagCodes ? judged.derived.flagCodes.split(' ') : []);
  for (const [key, w] of judgedWrites) if (w.status !== 'cleared' && existing.get(key) && isKept(existing.get(key)!)) live.add(w.code);
  const derived = { ...judged.derived, flagCodes: [...live].sort().join(' ') };
  if (!dryRun) repo.updateDerived(db, incidentId, derived);
  return {
    number: incident.number,
    changes: changes.map(changeSummary),
    keptReviewed: kept.length,
    nextDeadlineBefore: incident.nextDeadline,
    nextDeadlineAfter: derived.nextDeadline,
  };
}

const NO_FLAG = { review: 'pending', ruleSetVersion: null } as unknown as StoredFlag;

/**
 * Evaluates the incident at ctx.now() by the rule set in force and stores flags and derived
 * columns. Must run inside the caller's write transaction. Returns how many flags changed.
 */
export function reevaluate(ctx: ServiceContext, incidentId: number, method: string): number {
  if (!ctx.db.inTransaction) throw new Error('reevaluate must run inside the write transaction');
  return judgeStored(ctx, incidentId, method)?.changes.length ?? 0;
}
