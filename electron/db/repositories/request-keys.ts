// Runs in Electron's main process and in plain Node. All SQL for the seats' retry keys
// (Idempotency-Key, migration 0180): claimed inside the write transaction they guard, answered later.
import { statement, type Db } from '../connection.js';

export interface RequestKeyRow {
  key: string;
  actor: string;
  method: string;
  at: number;
  /** The first answer's value as JSON, or null when it is not known. */
  answer: string | null;
}

export function findRequestKey(db: Db, key: string): RequestKeyRow | undefined {
  return statement(db, 'SELECT key, actor, method, at, answer FROM request_keys WHERE key = ?').get(key) as RequestKeyRow | undefined;
}

/** Inserts the key; false when it is there already (the row is then left as it was). */
export function insertRequestKey(db: Db, row: Omit<RequestKeyRow, 'answer'>): boolean {
  return statement(db, 'INSERT INTO request_keys (key, actor, method, at) VALUES (@key, @actor, @method, @at) ON CONFLICT (key) DO NOTHING').run(row).changes === 1;
}

/** Records the first answer of a key claimed without one; a key answered already keeps its answer. */
export function setRequestAnswer(db: Db, key: string, answer: string): void {
  statement(db, 'UPDATE request_keys SET answer = ? WHERE key = ? AND answer IS NULL').run(answer, key);
}

/** Removes the keys claimed before `before`; answers how many. */
export function pruneRequestKeys(db: Db, before: number): number {
  return statement(db, 'DELETE FROM request_keys WHERE at < ?').run(before).changes;
}
