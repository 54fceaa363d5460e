// Runs in Electron's main process and in plain Node. Whether a database's schema is exactly the
// app's own for its version: every table, index, trigger and view in sqlite_schema compared with
// what the migrations up to that version produce (run on an empty database in memory). A trigger
// planted in a backup or in the live file (one that quietly moves every new incident's time) is
// named, and a restore replaces nothing (electron/services/backup.ts).
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.js';

type Db = Database.Database;

interface SchemaObject {
  type: string;
  name: string;
  tbl: string;
  sql: string | null;
}

export interface SchemaDifference {
  change: 'extra' | 'missing' | 'different';
  type: string;
  name: string;
}

const TYPE_ZH: Record<string, string> = { table: '表', index: '索引', trigger: '触发器', view: '视图' };

/** "多出触发器 x" / "缺少索引 y" / "表 z 与本版本的定义不同". */
export function describeDifference(d: SchemaDifference): string {
  const what = TYPE_ZH[d.type] ?? d.type;
  if (d.change === 'extra') return `多出${what} ${d.name}`;
  if (d.change === 'missing') return `缺少${what} ${d.name}`;
  return `${what} ${d.name} 与本版本的定义不同`;
}

function objectsOf(db: Db): Map<string, SchemaObject> {
  const rows = db.prepare("SELECT type, name, tbl_name AS tbl, sql FROM main.sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all() as SchemaObject[];
  return new Map(rows.map((r) => [`${r.type}:${r.name}`, r]));
}

/** Runs of whitespace as one space: the text SQLite keeps is the text the migration wrote. */
const norm = (sql: string | null) => (sql ?? '').replace(/\s+/g, ' ').trim();

const EXPECTED = new Map<number, Map<string, SchemaObject>>();

/** What the migrations up to `version` leave in sqlite_schema. */
export function expectedSchema(version: number): Map<string, SchemaObject> {
  let e = EXPECTED.get(version);
  if (e) return e;
  const db = new Database(':memory:');
  try {
    for (const m of MIGRATIONS) {
      if (m.version > version) break;
      m.up(db);
    }
    e = objectsOf(db);
  } finally {
    db.close();
  }
  EXPECTED.set(version, e);
  return e;
}

/** Every difference between the database's schema and the app's own for its version. */
export function schemaDifferences(db: Db): SchemaDifference[] {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (!MIGRATIONS.some((m) => m.version === version)) return [{ change: 'different', type: 'table', name: `(schema version ${version})` }];
  const want = expectedSchema(version);
  const have = objectsOf(db);
  const out: SchemaDifference[] = [];
  for (const [k, o] of have) {
    const w = want.get(k);
    if (!w) out.push({ change: 'extra', type: o.type, name: o.name });
    else if (norm(w.sql) !== norm(o.sql) || w.tbl !== o.tbl) out.push({ change: 'different', type: o.type, name: o.name });
  }
  for (const [k, w] of want) if (!have.has(k)) out.push({ change: 'missing', type: w.type, name: w.name });
  return out;
}
