// Runs in Electron's main process and in plain Node. Use cases that record what the duty room is
// told: a new incident with its first report (接报登记), later reports and corrections, upward
// reports (上报), and the incident's own facts. The description (事件经过) follows the reports
// until a leader writes it (./description.ts). Each write re-judges the incident in the same
// transaction and is audited.
import { AppError } from '../../../shared/api/app-error.js';
import { formatInZone } from '../../../shared/domain/duty-day.js';
import {
  DUPLICATE_WINDOW_MS,
  type Intake,
  type IncidentRow,
  type ReportFields,
  type ReportRow,
  statedNaturalFigures,
  type StampedReport,
  type UpwardReportRow,
} from '../../../shared/domain/incident.js';
import { takesNaturalFigures } from '../../../shared/domain/natural-figures.js';
import type { Level } from '../../../shared/domain/levels.js';
import { isAccidentCategory, type Category } from '../../../shared/domain/categories.js';
import { OFFICIAL_CHANNELS, type Channel } from '../../../shared/domain/channels.js';
import * as repo from '../../db/repositories/incidents.js';
import { findUnitByName } from '../../db/repositories/units.js';
import { appendAudit } from '../audit.js';
import { inWriteTransaction, type ServiceContext } from '../context.js';
import { getSettings } from '../settings.js';
import { auditStamp, assertVersion } from '../versions.js';
import { syncSystemDescription } from './description.js';
import { reevaluate } from './evaluate.js';

/** A typed time this far ahead of the clock is a typo (a wrong day or hour), not a report. */
const FUTURE_SLACK_MS = 5 * 60_000;

export function getIncident(ctx: Pick<ServiceContext, 'db'>, id: number): IncidentRow {
  const i = repo.findIncident(ctx.db, id);
  if (!i) throw new AppError('not_found', 'incident.notFound', { id });
  return i;
}

function checkTimes(ctx: ServiceContext, r: StampedReport): void {
  if (r.receivedAt > r.enteredAt + FUTURE_SLACK_MS) throw new AppError('invalid_input', 'incident.receivedInFuture');
  if (r.occurredAt !== null && r.occurredAt > r.receivedAt + FUTURE_SLACK_MS) throw new AppError('invalid_input', 'incident.occurredAfterReceived');
}

/**
 * The report's two times: the entry stamped by the server's clock now, and the call's time: as a
 * person typed it, else when the officer began it (the form's timer), else now. A client's clock
 * is never taken for either.
 */
function stamped(ctx: ServiceContext, r: ReportFields): StampedReport {
  const enteredAt = ctx.now();
  const { startedMsAgo, ...fields } = r;
  return { ...fields, enteredAt, receivedAt: r.receivedAt ?? enteredAt - (startedMsAgo ?? 0) };
}

/**
 * Who may stand as a report's source and as the responsible unit: a unit of the directory (by its
 * name), except that a report through a channel that is no unit's (media, the public, a superior,
 * another department) names its source in words. Unknown text is never taken for a unit.
 */
function checkUnits(ctx: ServiceContext, r: { fromUnit: string; channel: Channel }, responsibleUnit?: string): void {
  if (responsibleUnit !== undefined && !findUnitByName(ctx.db, responsibleUnit)?.active) throw new AppError('invalid_input', 'incident.unitNotInDirectory', { name: responsibleUnit });
  if (OFFICIAL_CHANNELS.has(r.channel) && !findUnitByName(ctx.db, r.fromUnit)?.active) throw new AppError('invalid_input', 'incident.fromUnitNotInDirectory', { name: r.fromUnit });
}

/** The natural-disaster figures belong to a natural-class incident's reports only; the first one stated elsewhere is refused by name. */
function checkNaturalFigures(category: Category, r: ReportFields): void {
  const [stated] = takesNaturalFigures(category) ? [] : statedNaturalFigures(r);
  if (stated) throw new AppError('invalid_input', `incident.naturalOnly.${stated}`);
}

export interface CreateOptions {
  /** Scripted history (the demo) that plans its own incidents: no person to ask about duplicates. */
  scripted?: boolean;
}

export function createIncident(ctx: ServiceContext, input: Intake, method = 'incidents.create', opts: CreateOptions = {}): { incident: IncidentRow; report: ReportRow } {
  const report = stamped(ctx, input.report);
  checkTimes(ctx, report);
  if (input.occurredAt > report.receivedAt + FUTURE_SLACK_MS) throw new AppError('invalid_input', 'incident.occurredAfterReceived');
  checkUnits(ctx, report, input.responsibleUnit);
  checkNaturalFigures(input.category, report);
  // A manual level only where the figures do not grade (outside the accident class).
  const manualLevel: Level | null = isAccidentCategory(input.category) ? null : input.level;
  return inWriteTransaction(ctx, () => {
    // A likely duplicate needs a person's decision: add it as a follow-up, or say why it is another event.
    if (!opts.scripted) {
      const near = findDuplicates(ctx, { unit: input.responsibleUnit, category: input.category, occurredAt: input.occurredAt, place: input.place || report.location || '' });
      const decided = new Set(input.notDuplicateOf?.ids ?? []);
      const undecided = near.filter((d) => !decided.has(d.id));
      if (undecided.length) throw new AppError('conflict', 'incident.likelyDuplicate', { numbers: undecided.map((d) => d.number).join('、') });
    }
    const now = report.enteredAt;
    const tz = getSettings(ctx).timeZone;
    const year = Number(formatInZone(report.receivedAt, tz, 'yyyy'));
    const id = repo.insertIncident(ctx.db, {
      year,
      seq: repo.nextSeq(ctx.db, year),
      category: input.category,
      unitId: findUnitByName(ctx.db, input.responsibleUnit)?.id ?? null,
      responsibleUnit: input.responsibleUnit,
      occurredAt: input.occurredAt,
      place: input.place || report.location || '',
      manualLevel,
      important: input.important,
      firstReceivedAt: report.receivedAt,
      now,
    });
    const reportId = repo.insertReport(ctx.db, id, report, ctx.actor, now);
    const created = repo.findIncident(ctx.db, id)!;
    const stored = repo.findReport(ctx.db, reportId)!;
    appendAudit(ctx, { method, entity: 'incident', entityId: id, before: null, after: input.notDuplicateOf ? { ...created, notDuplicateOf: input.notDuplicateOf } : created });
    appendAudit(ctx, { method, entity: 'report', entityId: reportId, before: null, after: stored });
    repo.indexIncidentWords(ctx.db, created);
    repo.indexReportWords(ctx.db, stored);
    // 事件经过 starts as the system's copy of the first report that states a summary.
    syncSystemDescription(ctx, id, method);
    reevaluate(ctx, id, method);
    return { incident: repo.findIncident(ctx.db, id)!, report: stored };
  });
}

export function addReport(ctx: ServiceContext, incidentId: number, fields: ReportFields, method = 'incidents.addReport', opts: { closesIncident?: boolean } = {}): ReportRow {
  const report = stamped(ctx, fields);
  checkTimes(ctx, report);
  checkUnits(ctx, report);
  return inWriteTransaction(ctx, () => {
    const incident = getIncident(ctx, incidentId);
    checkNaturalFigures(incident.category, report);
    if (report.correctsReportId !== null) {
      const corrected = repo.findReport(ctx.db, report.correctsReportId);
      if (!corrected || corrected.incidentId !== incidentId) throw new AppError('invalid_input', 'incident.correctsOtherIncident');
      if (!report.correctionReason) throw new AppError('invalid_input', 'incident.correctionReasonRequired');
    }
    const now = report.enteredAt;
    const reportId = repo.insertReport(ctx.db, incidentId, report, ctx.actor, now);
    if (report.receivedAt < incident.firstReceivedAt)
      repo.updateIncidentFacts(ctx.db, incidentId, { ...incident, firstReceivedAt: report.receivedAt }, now);
    const stored = repo.findReport(ctx.db, reportId)!;
    appendAudit(ctx, { method, entity: 'report', entityId: reportId, before: null, after: stored });
    repo.indexReportWords(ctx.db, stored);
    syncSystemDescription(ctx, incidentId, method);
    // A final report saying the response ended records 处置结束 at its time, in the same save.
    if (opts.closesIncident) {
      if (report.kind !== 'final') throw new AppError('invalid_input', 'incident.closeNeedsFinal');
      const before = repo.findIncident(ctx.db, incidentId)!;
      if (before.closedAt === null) {
        repo.updateIncidentFacts(ctx.db, incidentId, { ...before, closedAt: report.receivedAt }, now);
        appendAudit(ctx, { method, entity: 'incident', entityId: incidentId, before, after: { ...repo.findIncident(ctx.db, incidentId)!, reason: 'final report: response ended' } });
      }
    }
    reevaluate(ctx, incidentId, method);
    return stored;
  });
}

export function addUpward(
  ctx: ServiceContext,
  u: { incidentId: number; recipient: string; channel: Channel; sentAt: number; note: string },
  method = 'incidents.addUpward',
): UpwardReportRow {
  if (u.sentAt > ctx.now() + FUTURE_SLACK_MS) throw new AppError('invalid_input', 'incident.sentInFuture');
  return inWriteTransaction(ctx, () => {
    getIncident(ctx, u.incidentId);
    const id = repo.insertUpward(ctx.db, u, ctx.actor, ctx.now());
    const row = repo.upwardOf(ctx.db, u.incidentId).find((x) => x.id === id)!;
    appendAudit(ctx, { method, entity: 'upward_report', entityId: id, before: null, after: row });
    // The duty room's own deadline (UPWARD_LATE) may be met or made late by this report.
    reevaluate(ctx, u.incidentId, method);
    return row;
  });
}

export interface FactsPatch {
  learnedAt?: number | null | undefined;
  closedAt?: number | null | undefined;
  occurredAt?: number | undefined;
  level?: Level | null | undefined;
  important?: boolean | undefined;
  reason: string;
  /** The version the facts were read at (IncidentDetail.versions.facts); undefined checks nothing. */
  baseVersion?: number | undefined;
}

/** The incident's own facts; the reason is kept in the audit row beside before and after. */
export function updateFacts(ctx: ServiceContext, id: number, patch: FactsPatch, method = 'incidents.updateFacts'): IncidentRow {
  return inWriteTransaction(ctx, () => {
    const before = getIncident(ctx, id);
    assertVersion(ctx, auditStamp(ctx.db, 'incident', id), patch.baseVersion, 'incident.changedMeanwhile');
    const next = {
      learnedAt: patch.learnedAt !== undefined ? patch.learnedAt : before.learnedAt,
      closedAt: patch.closedAt !== undefined ? patch.closedAt : before.closedAt,
      occurredAt: patch.occurredAt ?? before.occurredAt,
      manualLevel: patch.level !== undefined && !isAccidentCategory(before.category) ? patch.level : before.manualLevel,
      important: patch.important ?? before.important,
      firstReceivedAt: before.firstReceivedAt,
    };
    if (next.closedAt !== null && next.closedAt > ctx.now() + FUTURE_SLACK_MS) throw new AppError('invalid_input', 'incident.closedInFuture');
    repo.updateIncidentFacts(ctx.db, id, next, ctx.now());
    reevaluate(ctx, id, method);
    const after = repo.findIncident(ctx.db, id)!;
    appendAudit(ctx, { method, entity: 'incident', entityId: id, before, after: { ...after, reason: patch.reason } });
    return after;
  });
}

/** Same unit and category, place alike, within 6 h: offered for merging at intake. */
export function findDuplicates(ctx: Pick<ServiceContext, 'db'>, q: { unit: string; category: Category; occurredAt: number; place: string }): IncidentRow[] {
  const place = q.place.trim();
  return repo.findNear(ctx.db, q.unit, q.category, q.occurredAt, DUPLICATE_WINDOW_MS).filter((i) => {
    if (!place || !i.place) return true;
    return i.place.includes(place) || place.includes(i.place) || sharedBigram(i.place, place);
  });
}

/** Two place names share a two-character run (XX路 vs XX路口): close enough to ask. */
function sharedBigram(a: string, b: string): boolean {
  const grams = new Set<string>();
  const ca = [...a];
  for (let k = 0; k + 1 < ca.length; k++) grams.add(ca[k]! + ca[k + 1]!);
  const cb = [...b];
  for (let k = 0; k + 1 < cb.length; k++) if (grams.has(cb[k]! + cb[k + 1]!)) return true;
  return false;
}
