// Runs in Electron's main process and in plain Node. All SQL for check-ins (接班签到).
import { statement, type Db } from '../connection.js';

export function checkinsOf(db: Db, shiftId: number): { personId: number; at: number }[] {
  return statement(db, 'SELECT person_id AS personId, at FROM checkins WHERE shift_id = ? ORDER BY at').all(shiftId) as { personId: number; at: number }[];
}

export function insertCheckin(db: Db, shiftId: number, personId: number, at: number, actor: string): void {
  statement(db, 'INSERT INTO checkins (shift_id, person_id, at, actor) VALUES (?, ?, ?, ?)').run(shiftId, personId, at, actor);
}
