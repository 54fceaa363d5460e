// Runs in Electron's main process and in plain Node. All SQL of the daily bulletin: what it reads
// of a duty day (incidents reported in it, flags raised or confirmed in it, follow-ups open at its
// end, period counts) and the issued bulletins themselves (append-only).
import type { Followup, StoredFlag } from '../../../shared/domain/incident.js';
import type { FlagCode } from '../../../shared/domain/rules/flag.js';
import type { Db } from '../connection.js';
import { toFlag } from './flags.js';
import { statement } from '../connection.js';

/**
 * Incidents with at least one report received in [from, to), in number order. The day's reports
 * come first (incident_reports_received), so the cost is the day's, not the whole log's.
 */
export function incidentIdsReportedBetween(db: Db, from: number, to: number): number[] {
  return (
    statement(db,
        `SELECT i.id FROM incidents i WHERE i.id IN (SELECT r.incident_id FROM incident_reports r WHERE r.received_at >= ? AND r.received_at < ?)
         ORDER BY i.year, i.seq`,
      )
      .all(from, to) as { id: number }[]
  ).map((r) => r.id);
}

export interface DayFlag extends StoredFlag {
  incidentNumber: string;
  responsibleUnit: string;
  followupOwner: string | null;
}

/** Live flags raised in [from, to) (flags_raised), or confirmed by a leader in it (flags_reviewed); oldest first. */
export function flagsRaisedOrConfirmedBetween(db: Db, from: number, to: number): DayFlag[] {
  const rows = statement(db,
      `SELECT f.*, i.number, i.responsible_unit,
         (SELECT fu.owner FROM followups fu WHERE fu.flag_id = f.id ORDER BY fu.created_at DESC, fu.id DESC LIMIT 1) AS followup_owner
       FROM flags f JOIN incidents i ON i.id = f.incident_id
       WHERE f.status <> 'cleared'
         AND ((f.raised_at >= @from AND f.raised_at < @to) OR (f.review = 'confirmed' AND f.reviewed_at >= @from AND f.reviewed_at < @to))
       ORDER BY COALESCE(f.deadline, f.actual, f.raised_at), f.id`,
    )
    .all({ from, to }) as (Parameters<typeof toFlag>[0] & { number: string; responsible_unit: string; followup_owner: string | null })[];
  return rows.map((r) => ({ ...toFlag(r, to), incidentNumber: r.number, responsibleUnit: r.responsible_unit, followupOwner: r.followup_owner }));
}

/** Per incident, the codes of its flags that stand: not cleared by the rules, not dismissed by a leader. */
export function standingFlagCodesOf(db: Db, incidentIds: readonly number[]): Map<number, FlagCode[]> {
  const out = new Map<number, FlagCode[]>();
  if (incidentIds.length === 0) return out;
  const rows = statement(db,
      `SELECT DISTINCT incident_id, code FROM flags WHERE status <> 'cleared' AND review <> 'dismissed'
         AND incident_id IN (SELECT value FROM json_each(?)) ORDER BY incident_id, code`,
    )
    .all(JSON.stringify(incidentIds)) as { incident_id: number; code: FlagCode }[];
  for (const r of rows) out.set(r.incident_id, [...(out.get(r.incident_id) ?? []), r.code]);
  return out;
}

/** Suspicions of the given incidents still awaiting a leader's verification. */
export function pendingSuspicionsOf(db: Db, incidentIds: readonly number[]): { incidentNumber: string; flag: StoredFlag }[] {
  if (incidentIds.length === 0) return [];
  const rows = statement(db,
      `SELECT f.*, i.number FROM flags f JOIN incidents i ON i.id = f.incident_id
       WHERE f.status = 'suspected' AND f.review = 'pending' AND f.incident_id IN (SELECT value FROM json_each(?))
       ORDER BY i.year, i.seq, f.code, f.id`,
    )
    .all(JSON.stringify(incidentIds)) as (Parameters<typeof toFlag>[0] & { number: string })[];
  return rows.map((r) => ({ incidentNumber: r.number, flag: toFlag(r) }));
}

/** Follow-ups created before `at` and not done by then (open at that instant), by due time. */
export function followupsOpenAt(db: Db, at: number): Pick<Followup, 'id' | 'incidentNumber' | 'kind' | 'subject' | 'owner' | 'dueAt'>[] {
  return (
    statement(db,
        `SELECT f.id, i.number, f.kind, f.subject, f.owner, f.due_at FROM followups f JOIN incidents i ON i.id = f.incident_id
         WHERE f.created_at < @at AND (f.status = 'open' OR f.done_at >= @at) ORDER BY f.due_at, f.id`,
      )
      .all({ at }) as { id: number; number: string; kind: Followup['kind']; subject: string; owner: string; due_at: number }[]
  ).map((r) => ({ id: r.id, incidentNumber: r.number, kind: r.kind, subject: r.subject, owner: r.owner, dueAt: r.due_at }));
}

// --- issued bulletins ---

export interface BulletinRow {
  id: number;
  duty_day: string;
  revision: number;
  issued_at: number;
  issued_by: string;
  note: string;
  problems: string;
  snapshot: string;
  sha256: string;
}

export function nextRevision(db: Db, day: string): number {
  return (statement(db, 'SELECT COALESCE(MAX(revision), 0) + 1 AS n FROM bulletins WHERE duty_day = ?').get(day) as { n: number }).n;
}

export function insertBulletin(db: Db, b: Omit<BulletinRow, 'id'>): number {
  const info = statement(db,
      `INSERT INTO bulletins (duty_day, revision, issued_at, issued_by, note, problems, snapshot, sha256)
       VALUES (@duty_day, @revision, @issued_at, @issued_by, @note, @problems, @snapshot, @sha256)`,
    )
    .run(b);
  return Number(info.lastInsertRowid);
}

/** The revisions of a day, newest first, without their snapshots. */
export function revisionsOf(db: Db, day: string): Omit<BulletinRow, 'snapshot'>[] {
  return statement(db, 'SELECT id, duty_day, revision, issued_at, issued_by, note, problems, sha256 FROM bulletins WHERE duty_day = ? ORDER BY revision DESC')
    .all(day) as Omit<BulletinRow, 'snapshot'>[];
}

export function findBulletin(db: Db, day: string, revision: number): BulletinRow | undefined {
  return statement(db, 'SELECT * FROM bulletins WHERE duty_day = ? AND revision = ?').get(day, revision) as BulletinRow | undefined;
}
