// Runs in Electron's main process and in plain Node. All SQL for the stored rule sets (migration
// 0140): one row per saved version, never changed; the newest is in force.
import { statement, type Db } from '../connection.js';

export interface RuleSetRow {
  version: number;
  document: string;
  basedOn: string;
  note: string;
  actor: string;
  createdAt: number;
}

interface DbRow {
  version: number;
  document: string;
  based_on: string;
  note: string;
  actor: string;
  created_at: number;
}

const toRow = (r: DbRow): RuleSetRow => ({ version: r.version, document: r.document, basedOn: r.based_on, note: r.note, actor: r.actor, createdAt: r.created_at });

/** The version in force: the newest saved. */
export function latestVersion(db: Db): number | null {
  const r = statement(db, 'SELECT max(version) AS v FROM rule_sets').get() as { v: number | null };
  return r.v;
}

export function findRuleSet(db: Db, version: number): RuleSetRow | undefined {
  const r = statement(db, 'SELECT * FROM rule_sets WHERE version = ?').get(version) as DbRow | undefined;
  return r && toRow(r);
}

/** Every version, newest first, without the documents. */
export function listRuleSets(db: Db): Omit<RuleSetRow, 'document'>[] {
  return (statement(db, 'SELECT version, based_on, note, actor, created_at, \'\' AS document FROM rule_sets ORDER BY version DESC').all() as DbRow[]).map(
    (r) => {
      const { document: _d, ...rest } = toRow(r);
      return rest;
    },
  );
}

export function insertRuleSet(db: Db, row: RuleSetRow): void {
  statement(db, 'INSERT INTO rule_sets (version, document, based_on, note, actor, created_at) VALUES (@version, @document, @basedOn, @note, @actor, @createdAt)').run(row);
}
