// Runs in Electron's main process and in plain Node. All SQL for the room's seats (migration 0190):
// found by their token's hash, listed, revoked; never deleted, never changed otherwise.
import { statement, type Db } from '../connection.js';

export interface SeatRow {
  id: number;
  name: string;
  pairedAt: number;
  pairedFrom: string;
  codeId: number;
  codeBy: string;
  revokedAt: number | null;
  revokedBy: string | null;
}

interface Row {
  id: number;
  name: string;
  paired_at: number;
  paired_from: string;
  code_id: number;
  code_by: string;
  revoked_at: number | null;
  revoked_by: string | null;
}

const toSeat = (r: Row): SeatRow => ({
  id: r.id,
  name: r.name,
  pairedAt: r.paired_at,
  pairedFrom: r.paired_from,
  codeId: r.code_id,
  codeBy: r.code_by,
  revokedAt: r.revoked_at,
  revokedBy: r.revoked_by,
});

const COLS = 'id, name, paired_at, paired_from, code_id, code_by, revoked_at, revoked_by';

export function insertSeat(db: Db, s: { name: string; tokenHash: string; pairedAt: number; pairedFrom: string; codeId: number; codeBy: string }): number {
  return Number(
    statement(db, 'INSERT INTO room_seats (name, token_hash, paired_at, paired_from, code_id, code_by) VALUES (?, ?, ?, ?, ?, ?)').run(
      s.name,
      s.tokenHash,
      s.pairedAt,
      s.pairedFrom,
      s.codeId,
      s.codeBy,
    ).lastInsertRowid,
  );
}

export function seatByTokenHash(db: Db, tokenHash: string): SeatRow | null {
  const r = statement(db, `SELECT ${COLS} FROM room_seats WHERE token_hash = ?`).get(tokenHash) as Row | undefined;
  return r ? toSeat(r) : null;
}

export function seatById(db: Db, id: number): SeatRow | null {
  const r = statement(db, `SELECT ${COLS} FROM room_seats WHERE id = ?`).get(id) as Row | undefined;
  return r ? toSeat(r) : null;
}

/** Every seat, the ones still paired first, newest first. */
export function listSeats(db: Db): SeatRow[] {
  return (statement(db, `SELECT ${COLS} FROM room_seats ORDER BY revoked_at IS NOT NULL, paired_at DESC, id DESC`).all() as Row[]).map(toSeat);
}

export function markSeatRevoked(db: Db, id: number, at: number, by: string): boolean {
  return statement(db, 'UPDATE room_seats SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL').run(at, by, id).changes === 1;
}
