// Runs in Electron's main process and in plain Node. All SQL of the period report (统计分析):
// the incidents that occurred in a range (with the current figures the engine keeps on each row),
// their reports and their flags, read in three queries.
import type { Category } from '../../../shared/domain/categories.js';
import type { StoredFlagStatus, FlagReview } from '../../../shared/domain/incident.js';
import type { Level } from '../../../shared/domain/levels.js';
import type { FlagCode } from '../../../shared/domain/rules/flag.js';
import type { ReportKind } from '../../../shared/domain/rules/incident.js';
import type { FigureReport } from '../../../shared/domain/stats.js';
import { statement, type Db } from '../connection.js';

export interface StatIncidentRow {
  id: number;
  category: Category;
  unitId: number | null;
  responsibleUnit: string;
  occurredAt: number;
  currentLevel: Level;
  /** Its current figures as the engine last stored them (shared/domain/stats.ts `currentFigures`). */
  deaths: number;
  missing: number;
  seriouslyInjured: number;
  injured: number;
  directLossYuan: number;
  /** 1 where a report stated the loss (a stated 0 too), else 0. */
  lossStated: number;
  /** The natural-disaster figures (null: no report stated it). */
  affected: number | null;
  evacuated: number | null;
  housesCollapsed: number | null;
}

/** A report as the figures and the timeliness ranking need it. */
export interface StatReportRow extends FigureReport {
  incidentId: number;
  kind: ReportKind;
}

export interface StatFlagRow {
  incidentId: number;
  code: FlagCode;
  status: StoredFlagStatus;
  review: FlagReview;
}

// Uses incidents_occurred (occurred_at DESC, id DESC): a range scan, whatever the table's size.
const IN_RANGE = 'SELECT id FROM incidents WHERE occurred_at >= @start AND occurred_at < @end';

/** Incidents whose occurrence time falls in [start, end). */
export function incidentsOccurredIn(db: Db, start: number, end: number): StatIncidentRow[] {
  return statement(db,
      `SELECT id, category, unit_id AS unitId, responsible_unit AS responsibleUnit, occurred_at AS occurredAt, current_level AS currentLevel,
         fig_deaths AS deaths, fig_missing AS missing, fig_seriously_injured AS seriouslyInjured, fig_injured AS injured, fig_direct_loss_yuan AS directLossYuan,
         fig_loss_stated AS lossStated, fig_affected AS affected, fig_evacuated AS evacuated, fig_houses_collapsed AS housesCollapsed
       FROM incidents WHERE occurred_at >= @start AND occurred_at < @end ORDER BY occurred_at, id`,
    )
    .all({ start, end }) as StatIncidentRow[];
}

/** Every report of those incidents, in the order entered. */
export function reportsOfIncidentsOccurredIn(db: Db, start: number, end: number): StatReportRow[] {
  return statement(db,
      `SELECT incident_id AS incidentId, seq, kind, channel, from_unit AS fromUnit, received_at AS receivedAt, deaths, missing,
         seriously_injured AS seriouslyInjured, injured, direct_loss_yuan AS directLossYuan
       FROM incident_reports WHERE incident_id IN (${IN_RANGE}) ORDER BY incident_id, seq`,
    )
    .all({ start, end }) as StatReportRow[];
}

/** Every flag of those incidents, cleared ones too (a confirmed finding stays one). */
export function flagsOfIncidentsOccurredIn(db: Db, start: number, end: number): StatFlagRow[] {
  return statement(db,
      `SELECT incident_id AS incidentId, code, status, review FROM flags
       WHERE incident_id IN (${IN_RANGE}) ORDER BY incident_id, id`,
    )
    .all({ start, end }) as StatFlagRow[];
}

/** Active reporting units (id and name), so a unit with nothing in the period is still ranked. */
export function activeUnitNames(db: Db): { id: number; name: string }[] {
  return statement(db, 'SELECT id, name FROM units WHERE active = 1 ORDER BY id').all() as { id: number; name: string }[];
}
