// Runs in Electron's main process and in plain Node. All SQL for people and their leave.
import type { Person, PersonFields, Role } from '../../../shared/domain/person.js';
import type { Leave } from '../../../shared/domain/roster/roster.js';
import { statement, type Db } from '../connection.js';

interface PersonRow {
  id: number;
  name: string;
  phone: string;
  is_leader: number;
  is_officer: number;
  account: string | null;
  notes: string;
  active: number;
  created_at: number;
  updated_at: number;
}

const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  name: r.name,
  phone: r.phone,
  roles: [...(r.is_leader ? (['leader'] as Role[]) : []), ...(r.is_officer ? (['officer'] as Role[]) : [])],
  account: r.account,
  notes: r.notes,
  active: r.active === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const params = (f: PersonFields) => ({
  name: f.name,
  phone: f.phone,
  is_leader: f.roles.includes('leader') ? 1 : 0,
  is_officer: f.roles.includes('officer') ? 1 : 0,
  account: f.account,
  notes: f.notes,
});

export function findPerson(db: Db, id: number): Person | undefined {
  const r = statement(db, 'SELECT * FROM people WHERE id = ?').get(id) as PersonRow | undefined;
  return r && toPerson(r);
}

export function findPersonByName(db: Db, name: string): Person | undefined {
  const r = statement(db, 'SELECT * FROM people WHERE name = ?').get(name) as PersonRow | undefined;
  return r && toPerson(r);
}

export function listPeople(db: Db, includeInactive = false): Person[] {
  const sql = `SELECT * FROM people ${includeInactive ? '' : 'WHERE active = 1'} ORDER BY active DESC, is_leader DESC, id`;
  return (statement(db, sql).all() as PersonRow[]).map(toPerson);
}

export function insertPerson(db: Db, f: PersonFields, now: number): Person {
  const info = statement(db,
      `INSERT INTO people (name, phone, is_leader, is_officer, account, notes, active, created_at, updated_at)
       VALUES (@name, @phone, @is_leader, @is_officer, @account, @notes, 1, @now, @now)`,
    )
    .run({ ...params(f), now });
  return findPerson(db, Number(info.lastInsertRowid))!;
}

export function updatePersonRow(db: Db, id: number, f: PersonFields, now: number): Person {
  statement(db,
    `UPDATE people SET name = @name, phone = @phone, is_leader = @is_leader, is_officer = @is_officer, account = @account,
       notes = @notes, updated_at = @now WHERE id = @id`,
  ).run({ ...params(f), now, id });
  return findPerson(db, id)!;
}

export function setPersonActive(db: Db, id: number, active: boolean, now: number): Person {
  statement(db, 'UPDATE people SET active = ?, updated_at = ? WHERE id = ?').run(active ? 1 : 0, now, id);
  return findPerson(db, id)!;
}

interface LeaveRow {
  id: number;
  person_id: number;
  name: string;
  from_day: string;
  to_day: string;
  reason: string;
  active: number;
  created_at: number;
}

const toLeave = (r: LeaveRow): Leave => ({
  id: r.id,
  personId: r.person_id,
  name: r.name,
  from: r.from_day,
  to: r.to_day,
  reason: r.reason,
  active: r.active === 1,
  createdAt: r.created_at,
});

const LEAVE_SELECT = 'SELECT u.*, p.name FROM unavailability u JOIN people p ON p.id = u.person_id';

export function findLeave(db: Db, id: number): Leave | undefined {
  const r = statement(db, `${LEAVE_SELECT} WHERE u.id = ?`).get(id) as LeaveRow | undefined;
  return r && toLeave(r);
}

/** Leave overlapping [from, to] (all when omitted). */
export function listLeave(db: Db, opts: { includeWithdrawn?: boolean; from?: string; to?: string } = {}): Leave[] {
  const where: string[] = [];
  const args: Record<string, unknown> = {};
  if (!opts.includeWithdrawn) where.push('u.active = 1');
  if (opts.from && opts.to) {
    where.push('u.from_day <= @to AND u.to_day >= @from');
    args.from = opts.from;
    args.to = opts.to;
  }
  const sql = `${LEAVE_SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY u.from_day DESC, u.id DESC`;
  return (statement(db, sql).all(args) as LeaveRow[]).map(toLeave);
}

export function insertLeave(db: Db, l: { personId: number; from: string; to: string; reason: string }, now: number): Leave {
  const info = statement(db, 'INSERT INTO unavailability (person_id, from_day, to_day, reason, active, created_at) VALUES (?, ?, ?, ?, 1, ?)')
    .run(l.personId, l.from, l.to, l.reason, now);
  return findLeave(db, Number(info.lastInsertRowid))!;
}

export function withdrawLeave(db: Db, id: number): Leave {
  statement(db, 'UPDATE unavailability SET active = 0 WHERE id = ?').run(id);
  return findLeave(db, id)!;
}
