// Runs in Electron's main process and in plain Node. All SQL for the app's accounts. The password
// hash never leaves this file except through passwordHashOf (for verification).
import type { User, UserRole } from '../../../shared/domain/user.js';
import { statement, type Db } from '../connection.js';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: UserRole;
  password_hash: string;
  person_id: number | null;
  disabled: number;
  created_at: number;
  updated_at: number;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  personId: r.person_id,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function countUsers(db: Db): number {
  return (statement(db, 'SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

export function countActiveAdmins(db: Db): number {
  return (statement(db, "SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").get() as { n: number }).n;
}

export function findUser(db: Db, id: number): User | undefined {
  const r = statement(db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return r && toUser(r);
}

export function findUserByName(db: Db, username: string): User | undefined {
  const r = statement(db, 'SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  return r && toUser(r);
}

export function passwordHashOf(db: Db, id: number): string | undefined {
  return (statement(db, 'SELECT password_hash FROM users WHERE id = ?').get(id) as { password_hash: string } | undefined)?.password_hash;
}

export function listUsers(db: Db): User[] {
  return (statement(db, 'SELECT * FROM users ORDER BY disabled, id').all() as UserRow[]).map(toUser);
}

export interface NewUser {
  username: string;
  displayName: string;
  role: UserRole;
  passwordHash: string;
  personId: number | null;
}

export function insertUser(db: Db, u: NewUser, now: number): User {
  const info = statement(db,
      `INSERT INTO users (username, display_name, role, password_hash, person_id, disabled, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 0, ?, ?)`,
    )
    .run(u.username, u.displayName, u.role, u.passwordHash, u.personId, now, now);
  return findUser(db, Number(info.lastInsertRowid))!;
}

export function updateUserRow(db: Db, id: number, f: { displayName: string; role: UserRole; personId: number | null }, now: number): User {
  statement(db, 'UPDATE users SET display_name = ?, role = ?, person_id = ?, updated_at = ? WHERE id = ?').run(f.displayName, f.role, f.personId, now, id);
  return findUser(db, id)!;
}

export function setPasswordHash(db: Db, id: number, hash: string, now: number): User {
  statement(db, 'UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?').run(hash, now, id);
  return findUser(db, id)!;
}

export function setUserDisabled(db: Db, id: number, disabled: boolean, now: number): User {
  statement(db, 'UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?').run(disabled ? 1 : 0, now, id);
  return findUser(db, id)!;
}

/** The newest login attempts for a username (audit rows of entity 'login'), newest first. */
export function recentLoginAttempts(db: Db, username: string, limit = 40): { at: number; after: string | null }[] {
  return statement(db, "SELECT at, after FROM audit_log WHERE entity = 'login' AND entity_id = ? ORDER BY id DESC LIMIT ?")
    .all(username, limit) as { at: number; after: string | null }[];
}
