// Runs in Electron's main process and in plain Node. Assembles the daily bulletin of duty day D
// from the database, nothing retyped: the incidents that had a report in D (figures and measures
// as stated by the end of D, the status as at its end, the description as it stands now), the
// flags raised or confirmed in D, the follow-ups open at its end, the roster of D and D+1, and the
// handovers of D's shifts. Special-period zero reports (issue 9) and extra flag rows come from
// optional providers the lead wires at merge.
import { CATEGORY_CLASSES, categoryClassOf } from '../../../shared/domain/categories.js';
import {
  bulletinStatusOf,
  completenessOf,
  measuresTakenOf,
  missingItemsOf,
  type BulletinData,
  type BulletinFlag,
  type BulletinHandover,
  type BulletinIncident,
  type BulletinShift,
  type CompletenessProblem,
  type RelayLine,
  type ZeroReportLine,
} from '../../../shared/domain/bulletin.js';
import { dutyDayRange, type DutyClock } from '../../../shared/domain/duty-day.js';
import { currentDescriptionOf } from '../../../shared/domain/incident-description.js';
import type { ReportRow } from '../../../shared/domain/incident.js';
import { LEVELS, type Level } from '../../../shared/domain/levels.js';
import { sumNaturalFigures, type NaturalFigureKey } from '../../../shared/domain/natural-figures.js';
import { addDaysTo } from '../../../shared/domain/roster/dates.js';
import type { ReportItem } from '../../../shared/domain/rules/incident.js';
import { byReceiptThenSeq } from '../../../shared/domain/rules/predicates.js';
import { toVersion2 } from '../../../shared/domain/rules/rule-set.js';
import * as repo from '../../db/repositories/bulletins.js';
import { latestDescriptionsOf } from '../../db/repositories/descriptions.js';
import { findHandoverOfShift } from '../../db/repositories/handover.js';
import { findIncident, reportsOfMany, upwardOf } from '../../db/repositories/incidents.js';
import { rosteredShiftsOfDays, withPeople } from '../../db/repositories/roster.js';
import type { ServiceContext } from '../context.js';
import { ruleSetOf } from '../incidents/engine.js';
import { getSettings } from '../settings.js';
import { periodCompares } from './period-compare.js';

type Ctx = Pick<ServiceContext, 'db' | 'now'>;

/** Seams for rows other parts of the app own (issue 9: special periods and zero reports). */
export interface BulletinProviders {
  zeroReports?: (ctx: Ctx, day: string) => ZeroReportLine[];
  extraFlags?: (ctx: Ctx, start: number, end: number) => BulletinFlag[];
  /** 传达情况: the notices received in [start, end), judged now. */
  relay?: (ctx: Ctx, start: number, end: number) => RelayLine[];
}

/** The items every incident in the bulletin should state: the quick-report minimum and what happened. */
export function bulletinRequiredItems(ctx: Pick<ServiceContext, 'db'>): ReportItem[] {
  return [...new Set<ReportItem>([...toVersion2(ruleSetOf(ctx)).profiles.accident.requiredItems.quick, 'summary'])];
}

type Stated = Partial<Record<ReportItem | 'trapped' | NaturalFigureKey, string | number | null>>;

/** Per item, the value stated by the latest report (by time received) that states it. */
function latestStated(reports: readonly ReportRow[]): Stated {
  const sorted = [...reports].sort(byReceiptThenSeq);
  const out: Stated = {};
  for (const r of sorted) {
    const stated: Stated = {
      deaths: r.deaths,
      missing: r.missing,
      seriouslyInjured: r.seriouslyInjured,
      injured: r.injured,
      directLossYuan: r.directLossYuan,
      location: r.location,
      summary: r.summary,
      measuresTaken: r.measuresTaken,
      occurredAt: r.occurredAt,
      trapped: r.trapped,
      affected: r.affected,
      evacuated: r.evacuated,
      housesCollapsed: r.housesCollapsed,
    };
    for (const [k, v] of Object.entries(stated) as [keyof Stated, string | number | null][]) {
      if (v != null && !(typeof v === 'string' && v.trim() === '')) out[k] = v;
    }
  }
  return out;
}

const num = (v: string | number | null | undefined): number | null => (typeof v === 'number' ? v : null);
const text = (v: string | number | null | undefined): string => (typeof v === 'string' ? v : '');

export interface Assembled {
  data: BulletinData;
  problems: CompletenessProblem[];
}

export function assembleBulletin(ctx: Ctx, day: string, providers: BulletinProviders = {}): Assembled {
  const settings = getSettings(ctx);
  const clock: DutyClock = { timeZone: settings.timeZone, boundary: settings.dutyBoundary };
  const { start, end } = dutyDayRange(day, clock);
  const db = ctx.db;
  const required = bulletinRequiredItems(ctx);

  const ids = repo.incidentIdsReportedBetween(db, start, end);
  const reportsById = reportsOfMany(db, ids);
  const descriptions = latestDescriptionsOf(db, ids);
  const incidents: BulletinIncident[] = ids.map((id) => {
    const i = findIncident(db, id)!;
    const allReports = reportsById.get(id) ?? [];
    // As stated by the end of the day: a later report belongs to a later bulletin.
    const reports = allReports.filter((r) => r.receivedAt < end).sort(byReceiptThenSeq);
    const latest = reports[reports.length - 1]!;
    const figures = latestStated(reports);
    const upward = upwardOf(db, id).filter((u) => u.sentAt < end)[0] ?? null;
    // The description as it stands now (a leader rewrites it the morning after, before issuing).
    const stored = descriptions.get(id);
    const description = currentDescriptionOf(stored ? [stored] : [], allReports)?.text ?? '';
    const closedAt = i.closedAt !== null && i.closedAt < end ? i.closedAt : null;
    return {
      id,
      number: i.number,
      occurredAt: num(figures.occurredAt) ?? i.occurredAt,
      firstReceivedAt: i.firstReceivedAt,
      responsibleUnit: i.responsibleUnit,
      category: i.category,
      categoryClass: categoryClassOf(i.category),
      level: i.currentLevel,
      important: i.important,
      place: i.place || text(figures.location),
      deaths: num(figures.deaths),
      missing: num(figures.missing),
      seriouslyInjured: num(figures.seriouslyInjured),
      injured: num(figures.injured),
      directLossYuan: num(figures.directLossYuan),
      trapped: num(figures.trapped),
      affected: num(figures.affected),
      evacuated: num(figures.evacuated),
      housesCollapsed: num(figures.housesCollapsed),
      summary: text(figures.summary),
      description,
      measures: measuresTakenOf(reports.map((r) => r.measuresTaken)),
      latestKind: latest.kind,
      status: bulletinStatusOf(closedAt, reports.some((r) => r.kind === 'final'), end),
      closedAt,
      reportsInDay: reports.filter((r) => r.receivedAt >= start).length,
      isNew: i.firstReceivedAt >= start,
      flagCodes: [],
      upwardAt: upward?.sentAt ?? null,
      upwardTo: upward?.recipient ?? null,
      // The description answers for 事件经过 where no report stated a summary.
      missingItems: missingItemsOf({ ...figures, summary: description || figures.summary }, required),
    };
  });

  const dayFlags = repo.flagsRaisedOrConfirmedBetween(db, start, end);
  const flags: BulletinFlag[] = [
    ...dayFlags.map((f) => ({
      id: f.id,
      incidentId: f.incidentId,
      incidentNumber: f.incidentNumber,
      // UPWARD_LATE is the duty room's own lateness, not the reporting unit's.
      unit: f.code === 'UPWARD_LATE' ? null : f.responsibleUnit,
      code: f.code,
      deadline: f.deadline,
      actual: f.actual,
      minutesLate: f.minutesLate,
      status: f.status,
      review: f.review,
      confirmedBy: f.review === 'confirmed' ? f.reviewedBy : null,
      reviewedAt: f.reviewedAt,
      raisedAt: f.raisedAt,
      followupOwner: f.followupOwner,
    })),
    ...(providers.extraFlags?.(ctx, start, end) ?? []),
  ];

  // Timeliness per incident: its live flags, less those a leader dismissed after verification.
  const verdicts = repo.standingFlagCodesOf(db, ids);
  for (const inc of incidents) inc.flagCodes = verdicts.get(inc.id) ?? [];

  const followups = repo.followupsOpenAt(db, end).map((f) => ({ ...f, state: f.dueAt < end ? ('overdue' as const) : ('open' as const) }));

  const shifts = withPeople(db, rosteredShiftsOfDays(db, day, addDaysTo(day, 1)));
  const roster: BulletinShift[] = shifts.map((s) => ({
    day: s.day,
    name: s.name,
    start: s.start,
    end: s.end,
    leaders: s.leaders.map((p) => p.name),
    officers: s.officers.map((p) => p.name),
  }));
  const ofDay = shifts.filter((s) => s.day === day);
  const uniq = (names: string[]) => [...new Set(names)];
  const handovers: BulletinHandover[] = [];
  const shiftsWithoutHandover: string[] = [];
  for (const s of ofDay) {
    const h = findHandoverOfShift(db, s.id);
    if (!h) {
      shiftsWithoutHandover.push(s.name);
      continue;
    }
    handovers.push({
      shiftName: s.name,
      notes: h.notes,
      createdBy: h.created_by,
      createdAt: h.created_at,
      acknowledged: h.ack_at !== null,
      ackName: h.ack_name,
      ackAt: h.ack_at,
      ackRemarks: h.ack_remarks ?? '',
    });
  }

  const byClass = Object.fromEntries(CATEGORY_CLASSES.map((c) => [c, 0])) as BulletinData['summary']['byClass'];
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  const sum = (pick: (i: BulletinIncident) => number | null) => incidents.reduce((n, i) => n + (pick(i) ?? 0), 0);
  for (const i of incidents) {
    byClass[i.categoryClass]++;
    byLevel[i.level]++;
  }
  const inDay = (at: number | null) => at !== null && at >= start && at < end;

  const data: BulletinData = {
    day,
    start,
    end,
    bureauName: settings.bureauName,
    timeZone: settings.timeZone,
    generatedAt: ctx.now(),
    leaders: uniq(ofDay.flatMap((s) => s.leaders.map((p) => p.name))),
    officers: uniq(ofDay.flatMap((s) => s.officers.map((p) => p.name))),
    summary: {
      incidents: incidents.length,
      newIncidents: incidents.filter((i) => i.isNew).length,
      stillOpen: incidents.filter((i) => i.status === 'open').length,
      byClass,
      byLevel,
      deaths: sum((i) => i.deaths),
      missing: sum((i) => i.missing),
      seriouslyInjured: sum((i) => i.seriouslyInjured),
      injured: sum((i) => i.injured),
      natural: sumNaturalFigures(incidents.filter((i) => i.categoryClass === 'natural')),
      flagsRaised: flags.filter((f) => inDay(f.raisedAt)).length,
      flagsConfirmed: flags.filter((f) => f.review === 'confirmed' && inDay(f.reviewedAt)).length,
      followupsOpen: followups.length,
    },
    keyItems: incidents.filter((i) => i.level !== 'IV' || i.important).map((i) => i.id),
    ...periodCompares(ctx, day, clock),
    handovers,
    incidents,
    flags,
    followups,
    roster,
    zeroReports: providers.zeroReports?.(ctx, day) ?? [],
    relay: providers.relay?.(ctx, start, end) ?? [],
  };

  const suspicions = new Map<number, { incidentNumber: string; code: BulletinFlag['code'] }>();
  for (const s of repo.pendingSuspicionsOf(db, ids)) suspicions.set(s.flag.id, { incidentNumber: s.incidentNumber, code: s.flag.code });
  for (const f of flags) if (f.status === 'suspected' && f.review === 'pending') suspicions.set(f.id, { incidentNumber: f.incidentNumber, code: f.code });
  const problems = completenessOf(data, { pendingSuspicions: [...suspicions.values()], shiftsWithoutHandover });
  return { data, problems };
}
