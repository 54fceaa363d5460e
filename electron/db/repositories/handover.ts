// Runs in Electron's main process and in plain Node. All SQL for handover records (交接班记录).
import { statement, type Db } from '../connection.js';

export interface HandoverRow {
  id: number;
  shift_id: number;
  next_shift_id: number | null;
  summary: string;
  checkins: string;
  notes: string;
  created_at: number;
  created_by: string;
  updated_at: number;
  ack_person_id: number | null;
  ack_name: string | null;
  ack_at: number | null;
  ack_remarks: string | null;
}

export function findHandover(db: Db, id: number): HandoverRow | undefined {
  return statement(db, 'SELECT * FROM handovers WHERE id = ?').get(id) as HandoverRow | undefined;
}

export function findHandoverOfShift(db: Db, shiftId: number): HandoverRow | undefined {
  return statement(db, 'SELECT * FROM handovers WHERE shift_id = ?').get(shiftId) as HandoverRow | undefined;
}

export function listHandovers(db: Db, limit: number): HandoverRow[] {
  return statement(db, 'SELECT * FROM handovers ORDER BY created_at DESC, id DESC LIMIT ?').all(limit) as HandoverRow[];
}

export function insertHandover(
  db: Db,
  h: { shiftId: number; nextShiftId: number | null; summary: unknown; checkins: unknown; notes: string; now: number; actor: string },
): number {
  const info = statement(db,
      `INSERT INTO handovers (shift_id, next_shift_id, summary, checkins, notes, created_at, created_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(h.shiftId, h.nextShiftId, JSON.stringify(h.summary), JSON.stringify(h.checkins), h.notes, h.now, h.actor, h.now);
  return Number(info.lastInsertRowid);
}

export function updateHandoverNotes(db: Db, id: number, notes: string, now: number): void {
  statement(db, 'UPDATE handovers SET notes = ?, updated_at = ? WHERE id = ?').run(notes, now, id);
}

export function acknowledgeHandover(db: Db, id: number, a: { personId: number; name: string; at: number; remarks: string }): void {
  statement(db, 'UPDATE handovers SET ack_person_id = ?, ack_name = ?, ack_at = ?, ack_remarks = ?, updated_at = ? WHERE id = ?').run(
    a.personId,
    a.name,
    a.at,
    a.remarks,
    a.at,
    id,
  );
}
