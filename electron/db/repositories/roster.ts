// Runs in Electron's main process and in plain Node. All SQL for the roster: the shift pattern
// setting, rostered shifts, their assignments, the changes that made them, fixed assignments.
import type { PersonRef } from '../../../shared/domain/on-duty.js';
import type { Role } from '../../../shared/domain/person.js';
import type { Counts } from '../../../shared/domain/roster/generator.js';
import type { ChangeKind, Confirmation, FixedRow, RosterChange, RosterShift } from '../../../shared/domain/roster/roster.js';
import type { ShiftSlot } from '../../../shared/domain/roster/slots.js';
import { statement, type Db } from '../connection.js';

const PATTERN_KEY = 'rosterPattern';

export function readPatternValue(db: Db): unknown {
  const r = statement(db, 'SELECT value FROM settings WHERE key = ?').get(PATTERN_KEY) as { value: string } | undefined;
  return r ? (JSON.parse(r.value) as unknown) : undefined;
}

export function writePatternValue(db: Db, value: unknown): void {
  statement(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(PATTERN_KEY, JSON.stringify(value));
}

interface ShiftRow {
  id: number;
  day: string;
  shift_index: number;
  name: string;
  start_at: number;
  end_at: number;
  kind: RosterShift['kind'];
  labels: string;
  leaders_needed: number;
  officers_needed: number;
}

interface AssignmentRow {
  id: number;
  shift_id: number;
  person_id: number;
  role: Role;
  position: number;
  name: string;
  phone: string;
}

export type ShiftHead = Omit<RosterShift, 'leaders' | 'officers'>;

const toHead = (r: ShiftRow): ShiftHead => ({
  id: r.id,
  day: r.day,
  index: r.shift_index,
  name: r.name,
  start: r.start_at,
  end: r.end_at,
  kind: r.kind,
  labels: JSON.parse(r.labels) as string[],
  leadersNeeded: r.leaders_needed,
  officersNeeded: r.officers_needed,
});

export function findShift(db: Db, id: number): ShiftHead | undefined {
  const r = statement(db, 'SELECT * FROM roster_shifts WHERE id = ?').get(id) as ShiftRow | undefined;
  return r && toHead(r);
}

/** The shift row for a slot, created on first use; an identical slot always maps to the same row. */
export function ensureShift(db: Db, s: ShiftSlot, now: number): ShiftHead {
  // A shift row never changes: where the same instants were rostered before, that row is the shift
  // (keeping the staffing it was rostered with).
  const found = statement(db, 'SELECT * FROM roster_shifts WHERE start_at = ? AND end_at = ? AND name = ?').get(s.start, s.end, s.name) as ShiftRow | undefined;
  if (found) return toHead(found);
  const info = statement(db,
      `INSERT INTO roster_shifts (day, shift_index, name, start_at, end_at, kind, labels, leaders_needed, officers_needed, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(s.day, s.index, s.name, s.start, s.end, s.kind, JSON.stringify(s.labels), s.staffing.leaders, s.staffing.officers, now);
  return findShift(db, Number(info.lastInsertRowid))!;
}

/** Shifts of the duty days [fromDay, toDay] that have at least one person in the final roster. */
export function rosteredShiftsOfDays(db: Db, fromDay: string, toDay: string): ShiftHead[] {
  const rows = statement(db,
      `SELECT s.* FROM roster_shifts s WHERE s.day >= ? AND s.day <= ?
         AND EXISTS (SELECT 1 FROM roster_assignments a WHERE a.shift_id = s.id AND a.ended_by IS NULL)
       ORDER BY s.start_at, s.shift_index`,
    )
    .all(fromDay, toDay) as ShiftRow[];
  return rows.map(toHead);
}

/**
 * Longer than any shift (a day's pattern ends where the next day's begins: at most 25 hours on a
 * daylight-saving day). Bounds the walk back when nothing is rostered at the instant.
 */
const LONGEST_SHIFT_MS = 3 * 86_400_000;

/** The rostered shift covering the instant (the latest-started where an old pattern overlaps). */
export function rosteredShiftAt(db: Db, at: number): ShiftHead | undefined {
  // In the order of the (start_at, end_at, name) index, so SQLite stops at the first match instead
  // of sorting every earlier shift (0.35 ms a call on a decade; intake asks once per new flag).
  const r = statement(db,
      `SELECT s.* FROM roster_shifts s WHERE s.start_at <= ? AND s.start_at > ? AND s.end_at > ?
         AND EXISTS (SELECT 1 FROM roster_assignments a WHERE a.shift_id = s.id AND a.ended_by IS NULL)
       ORDER BY s.start_at DESC, s.end_at DESC, s.name DESC LIMIT 1`,
    )
    .get(at, at - LONGEST_SHIFT_MS, at) as ShiftRow | undefined;
  return r && toHead(r);
}

/** The first rostered shift starting at or after the instant. */
export function rosteredShiftFrom(db: Db, at: number): ShiftHead | undefined {
  const r = statement(db,
      `SELECT s.* FROM roster_shifts s WHERE s.start_at >= ?
         AND EXISTS (SELECT 1 FROM roster_assignments a WHERE a.shift_id = s.id AND a.ended_by IS NULL)
       ORDER BY s.start_at, s.end_at, s.name LIMIT 1`,
    )
    .get(at) as ShiftRow | undefined;
  return r && toHead(r);
}

export interface ActiveAssignment {
  id: number;
  shiftId: number;
  personId: number;
  role: Role;
  position: number;
  person: PersonRef;
}

export function activeAssignments(db: Db, shiftIds: number[]): ActiveAssignment[] {
  if (shiftIds.length === 0) return [];
  const rows = statement(db,
      `SELECT a.id, a.shift_id, a.person_id, a.role, a.position, p.name, p.phone
         FROM roster_assignments a JOIN people p ON p.id = a.person_id
        WHERE a.ended_by IS NULL AND a.shift_id IN (SELECT value FROM json_each(?))
        ORDER BY a.shift_id, a.role, a.position, a.id`,
    )
    .all(JSON.stringify(shiftIds)) as AssignmentRow[];
  return rows.map((r) => ({
    id: r.id,
    shiftId: r.shift_id,
    personId: r.person_id,
    role: r.role,
    position: r.position,
    person: { id: r.person_id, name: r.name, phone: r.phone },
  }));
}

export function withPeople(db: Db, heads: ShiftHead[]): RosterShift[] {
  const all = activeAssignments(db, heads.map((h) => h.id));
  return heads.map((h) => {
    const mine = all.filter((a) => a.shiftId === h.id);
    return { ...h, leaders: mine.filter((a) => a.role === 'leader').map((a) => a.person), officers: mine.filter((a) => a.role === 'officer').map((a) => a.person) };
  });
}

/** A person's rostered shifts that touch or overlap [start, end]. */
export function personShiftsTouching(db: Db, personId: number, start: number, end: number): { shiftId: number; start: number; end: number; day: string; name: string }[] {
  return statement(db,
      `SELECT s.id AS shiftId, s.start_at AS start, s.end_at AS end, s.day, s.name
         FROM roster_assignments a JOIN roster_shifts s ON s.id = a.shift_id
        WHERE a.ended_by IS NULL AND a.person_id = ? AND s.start_at <= ? AND s.end_at >= ?`,
    )
    .all(personId, end, start) as { shiftId: number; start: number; end: number; day: string; name: string }[];
}

export function insertChange(
  db: Db,
  c: { kind: ChangeKind; month: string | null; reason: string; confirmedBy: Confirmation[]; confirmedAt: number | null; actor: string; at: number },
): number {
  const info = statement(db, 'INSERT INTO roster_changes (kind, month, reason, confirmed_by, confirmed_at, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(c.kind, c.month, c.reason, JSON.stringify(c.confirmedBy), c.confirmedAt, c.actor, c.at);
  return Number(info.lastInsertRowid);
}

export function insertAssignment(db: Db, a: { shiftId: number; personId: number; role: Role; position: number; changeId: number }): void {
  statement(db, 'INSERT INTO roster_assignments (shift_id, person_id, role, position, added_by) VALUES (?, ?, ?, ?, ?)').run(
    a.shiftId,
    a.personId,
    a.role,
    a.position,
    a.changeId,
  );
}

export function endAssignment(db: Db, id: number, changeId: number): void {
  statement(db, 'UPDATE roster_assignments SET ended_by = ? WHERE id = ? AND ended_by IS NULL').run(changeId, id);
}

/** Counts per role and person over the duty days [fromDay, toDay], from the final roster. */
export function countsOfDays(db: Db, fromDay: string, toDay: string): Map<string, Counts> {
  const rows = statement(db,
      `SELECT a.role, a.person_id, COUNT(*) AS total,
              SUM(s.kind = 'weekend') AS weekend, SUM(s.kind = 'holiday') AS holiday
         FROM roster_assignments a JOIN roster_shifts s ON s.id = a.shift_id
        WHERE a.ended_by IS NULL AND s.day >= ? AND s.day <= ?
        GROUP BY a.role, a.person_id`,
    )
    .all(fromDay, toDay) as { role: Role; person_id: number; total: number; weekend: number; holiday: number }[];
  return new Map(rows.map((r) => [`${r.role}:${r.person_id}`, { total: r.total, weekend: r.weekend, holiday: r.holiday }]));
}

interface ChangeRow {
  id: number;
  kind: ChangeKind;
  month: string | null;
  reason: string;
  confirmed_by: string;
  confirmed_at: number | null;
  actor: string;
  at: number;
}

/** Changes touching shifts of the duty days [from, to], newest first. */
/**
 * The newest change that added or ended an assignment on a shift of [from, to] (its id, who made
 * it and when): the version of those days' plan. Undefined when none did.
 */
export function newestChangeOfDays(db: Db, from: string, to: string): { version: number; actor: string; at: number } | undefined {
  return statement(db,
      `SELECT c.id AS version, c.actor, c.at FROM roster_changes c WHERE c.id = (
         SELECT max(max(a.added_by), coalesce(max(a.ended_by), 0)) FROM roster_assignments a
          WHERE a.shift_id IN (SELECT s.id FROM roster_shifts s WHERE s.day >= @from AND s.day <= @to))`,
    )
    .get({ from, to }) as { version: number; actor: string; at: number } | undefined;
}

export function changesTouching(db: Db, from: string, to: string): Omit<RosterChange, 'actorName'>[] {
  const rows = statement(db,
      `SELECT c.* FROM roster_changes c WHERE c.id IN (
         SELECT a.added_by FROM roster_assignments a JOIN roster_shifts s ON s.id = a.shift_id WHERE s.day >= @from AND s.day <= @to
         UNION SELECT a.ended_by FROM roster_assignments a JOIN roster_shifts s ON s.id = a.shift_id WHERE s.day >= @from AND s.day <= @to AND a.ended_by IS NOT NULL)
       ORDER BY c.id DESC`,
    )
    .all({ from, to }) as ChangeRow[];
  const lines = statement(db,
    `SELECT a.shift_id AS shiftId, s.day, s.name AS shiftName, a.person_id AS personId, p.name, a.role, a.added_by, a.ended_by
       FROM roster_assignments a JOIN roster_shifts s ON s.id = a.shift_id JOIN people p ON p.id = a.person_id
      WHERE a.added_by = @id OR a.ended_by = @id ORDER BY s.start_at, a.role, a.position`,
  );
  return rows.map((r) => {
    const ls = lines.all({ id: r.id }) as { shiftId: number; day: string; shiftName: string; personId: number; name: string; role: Role; added_by: number; ended_by: number | null }[];
    const strip = ({ added_by: _a, ended_by: _e, ...rest }: (typeof ls)[number]) => rest;
    return {
      id: r.id,
      kind: r.kind,
      month: r.month,
      reason: r.reason,
      confirmedBy: JSON.parse(r.confirmed_by) as Confirmation[],
      confirmedAt: r.confirmed_at,
      actor: r.actor,
      at: r.at,
      added: ls.filter((l) => l.added_by === r.id).map(strip),
      ended: ls.filter((l) => l.ended_by === r.id).map(strip),
    };
  });
}

interface FixedDbRow {
  id: number;
  slot_key: string;
  person_id: number;
  name: string;
  role: Role;
  reason: string;
  active: number;
}

const toFixed = (r: FixedDbRow): FixedRow => ({ id: r.id, slotKey: r.slot_key, personId: r.person_id, name: r.name, role: r.role, reason: r.reason, active: r.active === 1 });

export function findFixed(db: Db, id: number): FixedRow | undefined {
  const r = statement(db, 'SELECT f.*, p.name FROM roster_fixed f JOIN people p ON p.id = f.person_id WHERE f.id = ?').get(id) as FixedDbRow | undefined;
  return r && toFixed(r);
}

export function listFixed(db: Db, month: string): FixedRow[] {
  return (
    statement(db, `SELECT f.*, p.name FROM roster_fixed f JOIN people p ON p.id = f.person_id WHERE f.active = 1 AND f.slot_key LIKE ? ORDER BY f.slot_key, f.id`)
      .all(`${month}-%`) as FixedDbRow[]
  ).map(toFixed);
}

export function insertFixed(db: Db, f: { slotKey: string; personId: number; role: Role; reason: string }, now: number): FixedRow {
  const info = statement(db, 'INSERT INTO roster_fixed (slot_key, person_id, role, reason, active, created_at) VALUES (?, ?, ?, ?, 1, ?)')
    .run(f.slotKey, f.personId, f.role, f.reason, now);
  return findFixed(db, Number(info.lastInsertRowid))!;
}

export function cancelFixed(db: Db, id: number): FixedRow {
  statement(db, 'UPDATE roster_fixed SET active = 0 WHERE id = ?').run(id);
  return findFixed(db, id)!;
}
